"""The criteria of each award in each rule set, as data (law.md §2, §3, §7, §8), loaded into
awards.models.Criterion by `ensure_law()`. Each row: (check code, parameters, citation, status tag).

Numbers the reference marks unverified (the 2025 minimum service, thresholds not read in NĐ 152/2025) carry
status "U": the interface shows them as "cần xác nhận".
"""

L2003, ND91 = "Luật TĐKT 2003", "Nghị định 91/2017/NĐ-CP"
L2022, ND98, ND152 = "Luật TĐKT 2022", "Nghị định 98/2023/NĐ-CP", "Nghị định 152/2025/NĐ-CP"
LDTT, CSTD, CSTD_TINH = "lao-dong-tien-tien", "chien-si-thi-dua-co-so", "chien-si-thi-dua-tinh"
NO_WARNING = {
    "field": "disciplined_canh_cao_or_above",
    "max": 0,
}  # no member disciplined at cảnh cáo or above
TTLDXS = "tap-the-lao-dong-xuat-sac"


def c(code: str, params: dict | None, citation: str, status: str) -> tuple:
    return (code, params or {}, citation, status)


def _manual(text: str, citation: str, status: str) -> tuple:
    return c("manual", {"text": text}, citation, status)


def _pending(citation: str, status: str) -> tuple:
    return c("not-pending", None, citation, status)


def _once(citation: str, status: str) -> tuple:
    return c("not-already-awarded", None, citation, status)


def _rules_2017() -> dict:
    pending, once = _pending(f"{ND91}, Điều 8 (hoãn xét)", "U"), _once(f"{L2003}, Điều 6", "U")
    return {
        LDTT: [
            pending, once,
            c("rating-at-least", {"rating": "HTTNV"}, f"{L2003}, Điều 24; {ND91}, Điều 10", "R"),
            c("service-months", {"months": 10}, f"{ND91}, Điều 10", "V2"),
            c("no-discipline", {"level": "khien-trach"}, f"{ND91}, Điều 10", "V2"),
        ],
        CSTD: [
            pending, once,
            c("meets", {"award": LDTT}, f"{L2003}, Điều 23; {ND91}, Điều 9", "V2"),
            c("initiative", {"level": "co-so"}, f"{L2003}, Điều 23; {ND91}, Điều 9", "V2"),
        ],
        CSTD_TINH: [
            pending, once,
            c("consecutive", {"award": CSTD, "count": 3}, f"{ND91}, Điều 9", "R"),
            c("initiative", {"level": "tinh"}, f"{ND91}, Điều 9", "R"),
        ],
        "chien-si-thi-dua-toan-quoc": [
            pending, once,
            c("consecutive", {"award": CSTD_TINH, "count": 2}, f"{L2003}, Điều 21", "R"),
            c("initiative", {"level": "toan-quoc"}, f"{L2003}, Điều 21", "R"),
        ],
        "tap-the-lao-dong-tien-tien": [
            pending, once,
            c("rating-at-least", {"rating": "HTTNV"}, f"{L2003}, Điều 28", "V2"),
            c("members-share", {"field": "lao_dong_tien_tien", "min": "0.5", "strict": True},
              f"{L2003}, Điều 28", "V2"),
            c("members-count", NO_WARNING, f"{L2003}, Điều 28", "V2"),
        ],
        TTLDXS: _excellent_collective(f"{L2003}, Điều 27", "U", pending, once),
        **_common_forms(f"{L2003} (điều tương ứng, chưa đối chiếu)", pending, once),
    }  # fmt: skip


def _excellent_collective(citation: str, status: str, pending, once) -> list:
    return [
        pending, once,
        c("rating-at-least", {"rating": "HTXSNV"}, citation, status),
        c("members-share", {"field": "completed_tasks", "min": "1"}, citation, status),
        c("members-share", {"field": "lao_dong_tien_tien", "min": "0.7"}, citation, status),
        c("members-count", {"field": "chien_si_thi_dua_co_so", "min": 1}, citation, status),
        c("members-count", NO_WARNING, citation, "U"),
    ]  # fmt: skip


def _common_forms(citation: str, pending, once) -> dict:
    """Flags and reward forms; their articles are those of Luật 2022 (for 2017–2023 records the corresponding
    articles of Luật 2003 were not read: status U)."""
    flag = _manual(
        "Dẫn đầu cụm, khối thi đua của tỉnh: do Hội đồng Thi đua – Khen thưởng xem xét.", citation, "R"
    )
    government_flag = _manual(
        "Tiêu chuẩn Cờ thi đua của Chính phủ: xem xét thủ công.", f"{L2022}, Điều 25", "V2"
    )
    pm_text = (
        "Tiêu chuẩn Bằng khen của Thủ tướng chưa được đối chiếu (Luật TĐKT 2022, Điều 72): xem xét thủ công."
    )
    return {
        "co-thi-dua-tinh": [pending, once, c("meets", {"award": TTLDXS}, citation, "R"), flag],
        "co-thi-dua-chinh-phu": [pending, once, government_flag],
        "giay-khen": [pending, c("rating-at-least", {"rating": "HTTNV"}, f"{L2022}, Điều 75", "R")],
        "giay-khen-tap-the": [pending, c("rating-at-least", {"rating": "HTTNV"}, f"{L2022}, Điều 75", "R")],
        "bang-khen-tinh": [
            pending,
            c("any-of", {"options": [
                {"code": "consecutive", "params": {"award": CSTD, "count": 2}},
                {"code": "excellent-years-with-initiatives", "params": {"years": 2, "initiatives": 2}},
            ]}, f"{L2022}, Điều 74 khoản 1 điểm d", "V2"),
        ],
        "bang-khen-tinh-tap-the": [
            pending,
            c("any-of", {"options": [
                {"code": "consecutive-ratings", "params": {"rating": "HTXSNV", "years": 2}},
                {"code": "consecutive", "params": {"award": TTLDXS, "count": 2}},
            ]}, f"{L2022}, Điều 74", "R"),
        ],
        "bang-khen-thu-tuong": [pending, _manual(pm_text, f"{L2022}, Điều 72", "U")],
        "bang-khen-thu-tuong-tap-the": [pending, _manual(pm_text, f"{L2022}, Điều 72", "U")],
    }  # fmt: skip


def _rules_2022(decree: str, service_status: str, pending_status: str) -> dict:
    pending = _pending(
        f"{decree}, Điều 4 khoản 4" if decree == ND152 else f"{decree} (hoãn xét)", pending_status
    )
    once = _once(f"{L2022}, Điều 5 khoản 2 điểm c", "V2")
    service = (
        "Thông tư 01/2024/TT-BNV, Điều 1 khoản 5 điểm d" if decree == ND98 else "Thông tư 15/2025/TT-BNV"
    )
    # 2024: six months (TT 01/2024); since 07/2025 the agency's setting, six by default (TT 15/2025 not read)
    service_months = 6 if decree == ND98 else {"setting": "min-service-months"}
    return {
        LDTT: [
            pending, once,
            c("rating-at-least", {"rating": "HTTNV"}, f"{L2022}, Điều 24 khoản 1", "V2"),
            c("service-months", {"months": service_months}, service, service_status),
            c("no-discipline", {"level": "khien-trach"}, f"{ND152}, Điều 4 khoản 4", "R"),
        ],
        CSTD: [
            pending, once,
            c("meets", {"award": LDTT}, f"{L2022}, Điều 23", "V2"),
            c("excellent-or-initiative", {"level": "co-so"}, f"{L2022}, Điều 23", "V2"),
        ],
        CSTD_TINH: [
            pending, once,
            c("consecutive", {"award": CSTD, "count": 3}, f"{L2022}, Điều 22", "V2"),
            c("initiative", {"level": "tinh"}, f"{L2022}, Điều 22", "V2"),
        ],
        "chien-si-thi-dua-toan-quoc": [
            pending, once,
            c("consecutive", {"award": CSTD_TINH, "count": 2}, f"{L2022}, Điều 21", "V2"),
            c("initiative", {"level": "toan-quoc"}, f"{L2022}, Điều 21", "V2"),
        ],
        "tap-the-lao-dong-tien-tien": [
            pending, once,
            c("rating-at-least", {"rating": "HTTNV"}, f"{L2022}, Điều 28", "R"),
            c("members-share", {"field": "lao_dong_tien_tien", "min": "0.7"}, f"{L2022}, Điều 28", "R"),
            c("members-count", NO_WARNING, f"{L2022}, Điều 28", "R"),
        ],
        TTLDXS: _excellent_collective(f"{L2022}, Điều 27", "R", pending, once),
        **_common_forms(f"{L2022}, Điều 26", pending, once),
    }  # fmt: skip


def criteria() -> dict:
    """rule set code → award code → [criterion rows]."""
    return {
        "2017": _rules_2017(),
        "2024": _rules_2022(ND98, "R", "U"),
        "2025-07": _rules_2022(ND152, "U", "V2"),
        "2026-10": _rules_2022(ND152, "U", "V2"),
    }
