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
        TTLDXS: _excellent_collective(f"{L2003}, Điều 27", "R", pending, once, no_warning=True),
        **_common_forms(L2003, pending, once),
    }  # fmt: skip


def _excellent_collective(citation: str, status: str, pending, once, *, no_warning: bool) -> list:
    """TTLĐXS; the "no member disciplined at cảnh cáo" condition is the 2003 law's (law.md §8) and is left out
    for 2024 on until Luật 2022 Điều 27 is read (law.md §11.4)."""
    rows = [
        pending, once,
        c("rating-at-least", {"rating": "HTXSNV"}, citation, status),
        c("members-share", {"field": "completed_tasks", "min": "1"}, citation, status),
        c("members-share", {"field": "lao_dong_tien_tien", "min": "0.7"}, citation, status),
        c("members-count", {"field": "chien_si_thi_dua_co_so", "min": 1}, citation, status),
    ]  # fmt: skip
    return [*rows, c("members-count", NO_WARNING, citation, "U")] if no_warning else rows


def _common_forms(law: str, pending, once) -> dict:
    """Flags and reward forms. Under Luật 2022 their articles are cited; for 2017–2023 records the
    corresponding articles of Luật 2003 were not read: cited as such, status U. Every form is given once for
    one achievement (Luật 2022 Điều 5 khoản 2 điểm c)."""
    old = law == L2003

    def art(article: str, status: str) -> tuple[str, str]:
        return (
            (f"{L2003} (điều tương ứng với {article} Luật 2022, chưa đối chiếu)", "U")
            if old
            else (f"{L2022}, {article}", status)
        )

    citation, _status = art("Điều 26", "R")
    flag = _manual(
        "Dẫn đầu cụm, khối thi đua của tỉnh: do Hội đồng Thi đua – Khen thưởng xem xét.", citation, "R"
    )
    government_flag = _manual("Tiêu chuẩn Cờ thi đua của Chính phủ: xem xét thủ công.", *art("Điều 25", "V2"))
    pm_text = (
        "Tiêu chuẩn Bằng khen của Thủ tướng chưa được đối chiếu (Luật TĐKT 2022, Điều 72): xem xét thủ công."
    )
    return {
        "co-thi-dua-tinh": [pending, once, c("meets", {"award": TTLDXS}, citation, "R"), flag],
        "co-thi-dua-chinh-phu": [pending, once, government_flag],
        "giay-khen": [pending, once, c("rating-at-least", {"rating": "HTTNV"}, *art("Điều 75", "R"))],
        "giay-khen-tap-the": [pending, once, c("rating-at-least", {"rating": "HTTNV"}, *art("Điều 75", "R"))],
        "bang-khen-tinh": [
            pending, once,
            c("any-of", {"options": [
                {"code": "consecutive", "params": {"award": CSTD, "count": 2}},
                {"code": "excellent-years-with-initiatives",
                 "params": {"years": 2, "initiatives": 2, "rating": "HTXSNV", "level": "co-so"}},
            ]}, *art("Điều 74 khoản 1 điểm d", "V2")),
        ],
        "bang-khen-tinh-tap-the": [
            pending, once,
            c("any-of", {"options": [
                {"code": "consecutive-ratings", "params": {"rating": "HTXSNV", "years": 2}},
                {"code": "consecutive", "params": {"award": TTLDXS, "count": 2}},
            ]}, *art("Điều 74", "R")),
        ],
        "bang-khen-thu-tuong": [pending, once, _manual(pm_text, *art("Điều 72", "U"))],
        "bang-khen-thu-tuong-tap-the": [pending, once, _manual(pm_text, *art("Điều 72", "U"))],
    }  # fmt: skip


def _rules_2022(decree: str, service_status: str, pending_status: str, cstdcs_status: str = "V2") -> dict:
    pending = _pending(
        f"{decree}, Điều 4 khoản 4" if decree == ND152 else f"{decree} (hoãn xét)", pending_status
    )
    once = _once(f"{L2022}, Điều 5 khoản 2 điểm c", "V2")
    service = (
        "Thông tư 01/2024/TT-BNV, Điều 1 khoản 5 điểm d" if decree == ND98 else "Thông tư 15/2025/TT-BNV"
    )
    # 2024: six months (TT 01/2024); since 07/2025 the agency's setting, six by default (TT 15/2025 not read)
    service_months = 6 if decree == ND98 else {"setting": "min-service-months"}
    discipline = (
        f"{ND152}, Điều 4 khoản 4" if decree == ND152 else f"{ND98} (thành tích sau thời hạn kỷ luật)"
    )
    cstdcs = f"{L2022}, Điều 23" + (
        "" if cstdcs_status == "V2" else " (Luật 06/2026/QH16 có thể đổi: chưa đối chiếu)"
    )
    return {
        LDTT: [
            pending, once,
            c("rating-at-least", {"rating": "HTTNV"}, f"{L2022}, Điều 24 khoản 1", "V2"),
            c("service-months", {"months": service_months}, service, service_status),
            c("no-discipline", {"level": "khien-trach"}, discipline, "R" if decree == ND152 else "U"),
        ],
        CSTD: [
            pending, once,
            c("meets", {"award": LDTT}, f"{L2022}, Điều 23", "V2"),
            c("excellent-or-initiative", {"rating": "HTXSNV", "level": "co-so"}, cstdcs, cstdcs_status),
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
        TTLDXS: _excellent_collective(f"{L2022}, Điều 27", "R", pending, once, no_warning=False),
        **_common_forms(L2022, pending, once),
    }  # fmt: skip


def criteria() -> dict:
    """rule set code → award code → [criterion rows]."""
    return {
        "2017": _rules_2017(),
        "2024": _rules_2022(ND98, "V1", "U"),  # TT 01/2024 read in full (law-nominations.md §1 row 3)
        "2025-07": _rules_2022(ND152, "U", "V2"),
        "2026-10": _rules_2022(ND152, "U", "V2", cstdcs_status="U"),
    }


# Dossier components (law.md §6.1): what a proposal holds, by rule set. For titles and forms the Sở decides
# itself, the province sets the internal dossier (NĐ 152/2025 Điều 6 khoản 2 điểm c): these are the law's.
_PROPOSAL = ("Tờ trình đề nghị khen thưởng", "Báo cáo thành tích của cá nhân, tập thể",
             "Biên bản họp bình xét thi đua")  # fmt: skip
_VOTE = "Biên bản họp bình xét kèm kết quả bỏ phiếu của Hội đồng Thi đua – Khen thưởng"
_PROOF = "Giấy chứng nhận, xác nhận sáng kiến, đề tài (hoặc kết quả hoàn thành xuất sắc nhiệm vụ)"
_INITIATIVE_TITLES = {CSTD, CSTD_TINH, "chien-si-thi-dua-toan-quoc"}


def dossier_for(rule_set: str, award: str) -> list[dict]:
    if rule_set == "2017":
        citation, status = f"{ND91} và Thông tư 12/2019/TT-BNV (mẫu chưa đối chiếu)", "U"
    elif rule_set == "2024":
        citation, status = f"{L2022}, Điều 84 khoản 1; {ND98}, Điều 34 khoản 2", "V2"
    else:
        citation, status = f"{L2022}, Điều 84 khoản 1; {ND152} (Mẫu số 01, Mẫu số 05)", "V2"
    items = list(_PROPOSAL)
    if award in _INITIATIVE_TITLES:
        items[2] = _VOTE
        items.append(_PROOF)
    return [{"item": item, "citation": citation, "status": status} for item in items]
