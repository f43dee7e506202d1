"""The checks that criteria refer to by code (awards.models.Criterion.code), each with its parameters.

A check answers (passed, explanation): True or False, or None when the award must be deferred (pending
discipline, inspection or complaint — NĐ 152/2025 Điều 4 khoản 4). Explanations are Vietnamese: they are the
legal reasoning shown to civil servants and returned by the API, like the text of a document.
A new kind of condition is a new function here; new numbers or combinations are criteria rows.

Each check also says its condition in words (`@check(code, words=...)`): `describe_criterion` turns a
criterion (check code and parameters) into the Vietnamese sentence shown on the award page and returned by
the API beside each check, so a new check is written — and said — here only.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from .facts import (
    DISCIPLINE_NAMES,
    INITIATIVE_NAMES,
    MERIT,
    RATING_NAMES,
    Facts,
    discipline_rank,
    rating_rank,
)

CHECKS: dict[str, Callable] = {}
WORDS: dict[str, Callable] = {}  # check code → words(params, name_of): the condition as a sentence


@dataclass
class Context:
    facts: Facts
    year: int
    award: str
    meets: Callable[[str, int], str]  # meets(award_code, year): the subject's verdict for it (nested)
    name_of: Callable[[str], str]  # award code → its name


def check(code: str, *, words: Callable[[dict, Callable], str]):
    """Register a check under `code` with its words: words(params, name_of) says the condition it checks
    (params with settings already resolved; name_of: award code → its name)."""

    def register(function):
        CHECKS[code] = function
        WORDS[code] = words
        return function

    return register


def describe_criterion(code: str, params: dict, *, name_of=lambda code: code) -> str:
    """A criterion (check code and parameters, settings already resolved) as a Vietnamese sentence, e.g.
    service-months {"months": 10} → "Thời gian công tác trong năm từ 10 tháng trở lên"."""
    words = WORDS.get(code)
    if words is None:
        return f"{code} {params}" if params else code
    try:
        return words(params, name_of)
    except (KeyError, TypeError, ValueError):  # parameters a data change got wrong: show them as they are
        return f"{code} {params}"


def _percent(value) -> str:
    return f"{float(value) * 100:g}%"


@check(
    "not-pending",
    words=lambda p, name_of: (
        "Không đang bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra hay giải quyết khiếu nại, tố cáo "
        "(nếu có thì hoãn xét)"
    ),
)
def not_pending(ctx: Context, params: dict):
    if ctx.facts.pending_review:
        return (
            None,
            "Đang bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra hoặc giải quyết khiếu nại: hoãn xét.",
        )
    return True, "Không bị xem xét kỷ luật, thanh tra, kiểm tra hay khiếu nại, tố cáo đang giải quyết."


@check(
    "rating-at-least",
    words=lambda p, name_of: f"Xếp loại chất lượng năm xét từ mức “{RATING_NAMES[p['rating']]}” trở lên",
)
def rating_at_least(ctx: Context, params: dict):
    minimum, rating = params["rating"], ctx.facts.ratings.get(ctx.year)
    who = "Tập thể" if ctx.facts.kind == "collective" else "Cá nhân"
    if rating is None:
        whose = (
            "Tập thể chưa có kết quả xếp loại chất lượng"
            if ctx.facts.kind == "collective"
            else "Chưa có kết quả xếp loại"
        )
        return False, f"{whose} năm {ctx.year}; cần mức {RATING_NAMES[minimum]} trở lên."
    passed = rating_rank(rating) >= rating_rank(minimum)
    verdict = "đạt" if passed else "chưa đạt"
    return (
        passed,
        f"{who} xếp loại năm {ctx.year}: {RATING_NAMES[rating]} — {verdict} mức {RATING_NAMES[minimum]}.",
    )


@check(
    "service-months",
    words=lambda p, name_of: f"Thời gian công tác trong năm từ {p['months']} tháng trở lên",
)
def service_months(ctx: Context, params: dict):
    hired = ctx.facts.hired_on
    if hired is None:
        return False, "Không rõ ngày tuyển dụng để tính thời gian công tác trong năm."
    months = _months_in_year(hired, ctx.year)
    note = " (kể cả thời gian nghỉ thai sản)" if _maternity_in(ctx.facts, ctx.year) else ""
    passed = months >= params["months"]
    verdict = "đủ" if passed else "chưa đủ"
    return passed, f"Công tác {months} tháng trong năm {ctx.year}{note}: {verdict} {params['months']} tháng."


def _months_in_year(hired: dt.date, year: int) -> int:
    if hired.year > year:
        return 0
    if hired.year < year:
        return 12
    return 12 - hired.month + (1 if hired.day == 1 else 0)


def _maternity_in(facts: Facts, year: int) -> bool:
    return any(start.year <= year <= (end or start).year for start, end in facts.maternity_leave)


@check(
    "no-discipline",
    words=lambda p, name_of: (
        f"Không bị kỷ luật từ hình thức {DISCIPLINE_NAMES[p['level']]} trở lên trong năm xét"
    ),
)
def no_discipline(ctx: Context, params: dict):
    floor = discipline_rank(params["level"])
    found = [
        d for d in ctx.facts.discipline if discipline_rank(d.level) >= floor and d.overlaps_year(ctx.year)
    ]
    if found:
        names = ", ".join(f"{DISCIPLINE_NAMES[d.level]} từ {d.start:%d/%m/%Y}" for d in found)
        return (
            False,
            f"Bị kỷ luật trong năm {ctx.year} ({names}): thành tích chỉ tính từ khi hết thời hạn kỷ luật.",
        )
    return True, f"Không bị kỷ luật từ mức {DISCIPLINE_NAMES[params['level']]} trở lên trong năm {ctx.year}."


@check(
    "meets",
    words=lambda p, name_of: f"Đạt tiêu chuẩn danh hiệu “{name_of(p['award'])}” trong năm xét",
)
def meets(ctx: Context, params: dict):
    name = ctx.name_of(params["award"])
    verdict = ctx.meets(params["award"], ctx.year)
    if verdict == "deferred":
        return None, f"Việc xét “{name}” năm {ctx.year} đang hoãn."
    if verdict == "eligible":
        return True, f"Đạt tiêu chuẩn danh hiệu “{name}” năm {ctx.year}."
    return False, f"Chưa đạt tiêu chuẩn danh hiệu “{name}” năm {ctx.year}."


@check(
    "initiative",
    words=lambda p, name_of: (
        f"Có sáng kiến được công nhận {INITIATIVE_NAMES[p['level']]} trở lên trong năm xét, "
        "chưa dùng làm căn cứ cho khen thưởng khác"
    ),
)
def initiative(ctx: Context, params: dict):
    level = INITIATIVE_NAMES[params["level"]]
    if ctx.facts.free_initiatives(ctx.year, params["level"]):
        return (
            True,
            f"Có sáng kiến được công nhận {level} trở lên năm {ctx.year}, chưa dùng cho khen thưởng khác.",
        )
    return (
        False,
        f"Không có sáng kiến được công nhận {level} trở lên năm {ctx.year} "
        "còn chưa dùng cho khen thưởng khác.",
    )


@check(
    "excellent-or-initiative",
    words=lambda p, name_of: (
        f"{RATING_NAMES[p.get('rating', 'HTXSNV')].capitalize()} trong năm xét, hoặc có sáng kiến được công "
        f"nhận {INITIATIVE_NAMES[p.get('level', 'co-so')]} trở lên chưa dùng cho khen thưởng khác"
    ),
)
def excellent_or_initiative(ctx: Context, params: dict):
    """The year's rating at `rating` (HTXSNV), or a free initiative recognised at `level` or above."""
    rating, level = params.get("rating", "HTXSNV"), params.get("level", "co-so")
    rated, recognised = RATING_NAMES[rating], INITIATIVE_NAMES[level]
    if rating_rank(ctx.facts.ratings.get(ctx.year)) >= rating_rank(rating):
        return True, f"{rated.capitalize()} năm {ctx.year}."
    if ctx.facts.free_initiatives(ctx.year, level):
        return (
            True,
            f"Có sáng kiến được công nhận {recognised} năm {ctx.year}, chưa dùng cho khen thưởng khác.",
        )
    return False, f"Năm {ctx.year} không {rated} và không có sáng kiến {recognised} còn dùng được."


@check(
    "consecutive",
    words=lambda p, name_of: (
        f"Đạt danh hiệu “{name_of(p['award'])}” {p['count']} năm liên tục, tính đến năm xét"
    ),
)
def consecutive(ctx: Context, params: dict):
    """`count` consecutive years of the title up to this year (this year's may be awarded at the same time);
    only công trạng titles count: đột xuất and chuyên đề rewards do not feed công trạng proposals."""
    award, count = params["award"], params["count"]
    earlier = range(ctx.year - count + 1, ctx.year)
    missing = [y for y in earlier if not ctx.facts.holds(award, y, MERIT)]
    name = ctx.name_of(award)
    verdict = "eligible" if ctx.facts.holds(award, ctx.year, MERIT) else ctx.meets(award, ctx.year)
    if verdict == "deferred" and not missing:
        return None, f"Chuỗi {count} năm liên tục “{name}” chờ kết quả xét năm {ctx.year}, đang hoãn."
    if verdict != "eligible":
        missing.append(ctx.year)
    if missing:
        years = ", ".join(str(y) for y in missing)
        return False, f"Cần {count} năm liên tục đạt “{name}” đến năm {ctx.year}; thiếu năm {years}."
    return True, f"Đạt “{name}” {count} năm liên tục đến năm {ctx.year}."


@check(
    "excellent-years-with-initiatives",
    words=lambda p, name_of: (
        f"{p['years']} năm liên tục {RATING_NAMES[p.get('rating', 'HTXSNV')]}, trong thời gian đó có "
        f"{p['initiatives']} sáng kiến được công nhận {INITIATIVE_NAMES[p.get('level', 'co-so')]}"
    ),
)
def excellent_years_with_initiatives(ctx: Context, params: dict):
    """`years` consecutive years rated `rating` (HTXSNV), with `initiatives` free initiatives of `level`."""
    rating, level = params.get("rating", "HTXSNV"), params.get("level", "co-so")
    years = range(ctx.year - params["years"] + 1, ctx.year + 1)
    excellent = all(rating_rank(ctx.facts.ratings.get(y)) >= rating_rank(rating) for y in years)
    initiatives = sum(len(ctx.facts.free_initiatives(y, level)) for y in years)
    passed = excellent and initiatives >= params["initiatives"]
    wanted = params["initiatives"]
    return passed, (
        f"{params['years']} năm liên tục {RATING_NAMES[rating]}: {'có' if excellent else 'không'}; "
        f"sáng kiến {INITIATIVE_NAMES[level]} trong thời gian đó: {initiatives} (cần {wanted})."
    )


def _any_of_words(params: dict, name_of) -> str:
    options = [
        f"({n}) {describe_criterion(o['code'], o.get('params', {}), name_of=name_of)}"
        for n, o in enumerate(params["options"], start=1)
    ]
    return "Đạt một trong các điều kiện: " + "; hoặc ".join(options)


@check("any-of", words=_any_of_words)
def any_of(ctx: Context, params: dict):
    results = [CHECKS[option["code"]](ctx, option.get("params", {})) for option in params["options"]]
    outcomes = [passed for passed, _message in results]
    passed = True if True in outcomes else (None if None in outcomes else False)  # one deferred option waits
    lead = {True: "Đạt một trong các điều kiện: ", None: "Đang hoãn xét: ", False: "Chưa đạt điều kiện nào: "}
    return passed, lead[passed] + " | ".join(message for _passed, message in results)


@check(
    "not-already-awarded",
    words=lambda p, name_of: (
        "Thành tích của năm xét chưa được khen bằng danh hiệu này (mỗi thành tích chỉ khen một lần)"
    ),
)
def not_already_awarded(ctx: Context, params: dict):
    if ctx.facts.holds(ctx.award, ctx.year, MERIT):
        return (
            False,
            f"Đã được tặng “{ctx.name_of(ctx.award)}” cho thành tích năm {ctx.year}: "
            "mỗi thành tích chỉ khen một lần.",
        )
    return True, f"Chưa được khen “{ctx.name_of(ctx.award)}” cho thành tích năm {ctx.year}."


@check(
    "consecutive-ratings",
    words=lambda p, name_of: (
        f"{p['years']} năm liên tục xếp loại “{RATING_NAMES[p['rating']]}”, tính đến năm xét"
    ),
)
def consecutive_ratings(ctx: Context, params: dict):
    years = range(ctx.year - params["years"] + 1, ctx.year + 1)
    short = [y for y in years if rating_rank(ctx.facts.ratings.get(y)) < rating_rank(params["rating"])]
    if short:
        return (
            False,
            f"Cần {params['years']} năm liên tục {RATING_NAMES[params['rating']]}; chưa đạt năm "
            + (", ".join(str(y) for y in short)),
        )
    return True, f"{params['years']} năm liên tục {RATING_NAMES[params['rating']]} đến năm {ctx.year}."


@check("manual", words=lambda p, name_of: p["text"].rstrip("."))
def manual(ctx: Context, params: dict):
    """A condition the engine cannot decide from the record (leading a cluster, effect of an initiative …)."""
    return False, params["text"]


MEMBER_FIELDS = {
    "completed_tasks": "thành viên hoàn thành nhiệm vụ",
    "lao_dong_tien_tien": "thành viên đạt Lao động tiên tiến",
    "chien_si_thi_dua_co_so": "thành viên đạt Chiến sĩ thi đua cơ sở",
    "disciplined_canh_cao_or_above": "thành viên bị kỷ luật từ cảnh cáo trở lên",
    "women": "thành viên nữ",
}


def _members_share_words(params: dict, name_of) -> str:
    what = MEMBER_FIELDS.get(params["field"], params["field"])
    if float(params["min"]) >= 1 and not params.get("strict"):
        return f"100% {what}"
    return f"{'Trên' if params.get('strict') else 'Từ'} {_percent(params['min'])} {what}"


@check("members-share", words=_members_share_words)
def members_share(ctx: Context, params: dict):
    """At least (or, with `strict`, more than) a share of the members have the property."""
    members = ctx.facts.members
    if members is None or members.total < 1:
        return False, "Thiếu số liệu thành viên của tập thể."
    count = getattr(members, params["field"])
    share, minimum = count / members.total, float(params["min"])
    passed = share > minimum if params.get("strict") else share >= minimum
    sign = "trên" if params.get("strict") else "từ"
    return passed, (
        f"{count}/{members.total} {MEMBER_FIELDS[params['field']]} ({share:.0%}); cần {sign} {minimum:.0%}."
    )


def _members_count_words(params: dict, name_of) -> str:
    what = MEMBER_FIELDS.get(params["field"], params["field"])
    if params.get("max") == 0:
        return f"Không có {what}"
    if params.get("max") is not None:
        return f"Không quá {params['max']} {what}"
    return f"Có ít nhất {params.get('min', 0)} {what}"


@check("members-count", words=_members_count_words)
def members_count(ctx: Context, params: dict):
    """Between `min` and `max` members (either bound optional) have the property."""
    members = ctx.facts.members
    if members is None:
        return False, "Thiếu số liệu thành viên của tập thể."
    count = getattr(members, params["field"])
    low, high = params.get("min", 0), params.get("max")
    passed = count >= low and (high is None or count <= high)
    wanted = f"không quá {high}" if high is not None else f"ít nhất {low}"
    return passed, f"{count} {MEMBER_FIELDS[params['field']]}; cần {wanted}."
