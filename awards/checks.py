"""The checks that criteria refer to by code (awards.models.Criterion.code), each with its parameters.

A check answers (passed, explanation): True or False, or None when the award must be deferred (pending
discipline, inspection or complaint — NĐ 152/2025 Điều 4 khoản 4). Explanations are Vietnamese: they are the
legal reasoning shown to civil servants and returned by the API, like the text of a document.
A new kind of condition is a new function here; new numbers or combinations are criteria rows.

The engine runs the checks' judges (JUDGES), whose explanation is not formatted yet: a template and its values
(`Explanation`), said when it is read (`say`), so that judging a province formats nothing nobody reads.
CHECKS holds the same checks answering the explanation as text.

Each check also says its condition in words (`@check(code, words=...)`): `describe_criterion` turns a
criterion (check code and parameters) into the Vietnamese sentence shown on the award page and returned by
the API beside each check, so a new check is written — and said — here only.
"""

import datetime as dt
from collections.abc import Callable

from .facts import (
    DISCIPLINE_NAMES,
    INITIATIVE_NAMES,
    MERIT,
    RATING_NAMES,
    Facts,
    discipline_rank,
    rating_rank,
)

CHECKS: dict[str, Callable] = {}  # check code → check(ctx, params): (passed, the explanation as text)
JUDGES: dict[str, Callable] = {}  # check code → judge(ctx, params): (passed, Explanation)
WORDS: dict[str, Callable] = {}  # check code → words(params, name_of): the condition as a sentence

# An explanation is text, or a str.format template followed by its values, formatted when read (`say`):
# ("Công tác {} tháng trong năm {}.", 10, 2025). A value that is itself such a tuple is said first (lists,
# the options of any-of). The values are plain data (str, int, bool, float, date), settled when the judge
# answers — never the Context or the Facts, which change — so a verdict kept for later says what was found,
# and a province's verdicts hold nothing the garbage collector has to follow.
Explanation = str | tuple


class Context:
    """What a check sees: the subject's facts, the achievement year, the award being judged, the engine's
    verdict on another award (`meets`, for nested standards) and award names.

    `held` is the subject's titles as a set (Facts.held), taken when the Context is made; `holds` asks it."""

    __slots__ = ("award", "facts", "held", "meets", "name_of", "year")

    def __init__(self, facts: Facts, year: int, award: str, meets, name_of, held: set | None = None):
        self.facts, self.year, self.award = facts, year, award
        self.meets: Callable[[str, int], str] = meets  # meets(award_code, year): the verdict for it (nested)
        self.name_of: Callable[[str], str] = name_of  # award code → its name
        self.held = facts.held() if held is None else held

    def holds(self, award: str, year: int, track: str = MERIT) -> bool:
        return (award, year, track) in self.held

    def at(self, award: str, year: int) -> "Context":
        """The same subject judged for another award and year (a nested standard)."""
        return Context(self.facts, year, award, self.meets, self.name_of, self.held)


def check(code: str, *, words: Callable[[dict, Callable], str]):
    """Register a judge under `code` with its words: words(params, name_of) says the condition it checks
    (params with settings already resolved; name_of: award code → its name).

    The judge answers (passed, explanation) with the explanation maybe still unsaid (see `Explanation`);
    CHECKS[code] is the same check answering the explanation as text."""

    def register(judge):
        JUDGES[code] = judge
        CHECKS[code] = _saying(judge)
        WORDS[code] = words
        return judge

    return register


def _saying(judge):
    def check(ctx: Context, params: dict):
        passed, explanation = judge(ctx, params)
        return passed, say(explanation)

    check.__name__, check.__doc__ = judge.__name__, judge.__doc__
    return check


def say(explanation: Explanation) -> str:
    """An explanation as text: a template is formatted with its values (those that are templates first)."""
    if type(explanation) is str:
        return explanation
    template, *values = explanation
    return template.format(*(say(value) if type(value) is tuple else value for value in values))


def listed(values, item: str = "{}", separator: str = ", ") -> tuple:
    """Values as one explanation, each by `item` (a template of one value), separated by `separator`."""
    return (separator.join([item] * len(values)), *values)


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
    minimum, year, collective = params["rating"], ctx.year, ctx.facts.kind == "collective"
    rating = ctx.facts.ratings.get(year)
    if rating is None:
        whose = "Tập thể chưa có kết quả xếp loại chất lượng" if collective else "Chưa có kết quả xếp loại"
        return False, ("{} năm {}; cần mức {} trở lên.", whose, year, RATING_NAMES[minimum])
    passed = rating_rank(rating) >= rating_rank(minimum)
    who, verdict = "Tập thể" if collective else "Cá nhân", "đạt" if passed else "chưa đạt"
    return passed, (
        "{} xếp loại năm {}: {} — {} mức {}.",
        who,
        year,
        RATING_NAMES[rating],
        verdict,
        RATING_NAMES[minimum],
    )


@check(
    "service-months",
    words=lambda p, name_of: f"Thời gian công tác trong năm từ {p['months']} tháng trở lên",
)
def service_months(ctx: Context, params: dict):
    hired = ctx.facts.hired_on
    if hired is None:
        return False, "Không rõ ngày tuyển dụng để tính thời gian công tác trong năm."
    year, wanted = ctx.year, params["months"]
    months = _months_in_year(hired, year)
    note = (
        " (kể cả thời gian nghỉ thai sản)"
        if ctx.facts.maternity_leave and _maternity_in(ctx.facts, year)
        else ""
    )
    passed = months >= wanted
    return passed, (
        "Công tác {} tháng trong năm {}{}: {} {} tháng.",
        months,
        year,
        note,
        "đủ" if passed else "chưa đủ",
        wanted,
    )


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
    level, year = params["level"], ctx.year
    floor = discipline_rank(level)
    found = [d for d in ctx.facts.discipline if discipline_rank(d.level) >= floor and d.overlaps_year(year)]
    if found:
        names = listed([("{} từ {:%d/%m/%Y}", DISCIPLINE_NAMES[d.level], d.start) for d in found])
        return False, (
            "Bị kỷ luật trong năm {} ({}): thành tích chỉ tính từ khi hết thời hạn kỷ luật.",
            year,
            names,
        )
    return True, ("Không bị kỷ luật từ mức {} trở lên trong năm {}.", DISCIPLINE_NAMES[level], year)


@check(
    "meets",
    words=lambda p, name_of: f"Đạt tiêu chuẩn danh hiệu “{name_of(p['award'])}” trong năm xét",
)
def meets(ctx: Context, params: dict):
    award, year = params["award"], ctx.year
    verdict = ctx.meets(award, year)
    if verdict == "deferred":
        return None, ("Việc xét “{}” năm {} đang hoãn.", ctx.name_of(award), year)
    if verdict == "eligible":
        return True, ("Đạt tiêu chuẩn danh hiệu “{}” năm {}.", ctx.name_of(award), year)
    return False, ("Chưa đạt tiêu chuẩn danh hiệu “{}” năm {}.", ctx.name_of(award), year)


@check(
    "initiative",
    words=lambda p, name_of: (
        f"Có sáng kiến được công nhận {INITIATIVE_NAMES[p['level']]} trở lên trong năm xét, "
        "chưa dùng làm căn cứ cho khen thưởng khác"
    ),
)
def initiative(ctx: Context, params: dict):
    level, year = params["level"], ctx.year
    if ctx.facts.free_initiatives(year, level):
        return True, (
            "Có sáng kiến được công nhận {} trở lên năm {}, chưa dùng cho khen thưởng khác.",
            INITIATIVE_NAMES[level],
            year,
        )
    return False, (
        "Không có sáng kiến được công nhận {} trở lên năm {} còn chưa dùng cho khen thưởng khác.",
        INITIATIVE_NAMES[level],
        year,
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
    rating, level, year = params.get("rating", "HTXSNV"), params.get("level", "co-so"), ctx.year
    if rating_rank(ctx.facts.ratings.get(year)) >= rating_rank(rating):
        return True, ("{} năm {}.", RATING_NAMES_CAPITALISED[rating], year)
    if ctx.facts.free_initiatives(year, level):
        return True, (
            "Có sáng kiến được công nhận {} năm {}, chưa dùng cho khen thưởng khác.",
            INITIATIVE_NAMES[level],
            year,
        )
    return False, (
        "Năm {} không {} và không có sáng kiến {} còn dùng được.",
        year,
        RATING_NAMES[rating],
        INITIATIVE_NAMES[level],
    )


RATING_NAMES_CAPITALISED = {code: name.capitalize() for code, name in RATING_NAMES.items()}


@check(
    "consecutive",
    words=lambda p, name_of: (
        f"Đạt danh hiệu “{name_of(p['award'])}” {p['count']} năm liên tục, tính đến năm xét"
    ),
)
def consecutive(ctx: Context, params: dict):
    """`count` consecutive years of the title up to this year (this year's may be awarded at the same time);
    only công trạng titles count: đột xuất and chuyên đề rewards do not feed công trạng proposals."""
    award, count, year = params["award"], params["count"], ctx.year
    missing = [y for y in range(year - count + 1, year) if not ctx.holds(award, y)]
    verdict = "eligible" if ctx.holds(award, year) else ctx.meets(award, year)
    if verdict == "deferred" and not missing:
        return None, (
            "Chuỗi {} năm liên tục “{}” chờ kết quả xét năm {}, đang hoãn.",
            count,
            ctx.name_of(award),
            year,
        )
    if verdict != "eligible":
        missing.append(year)
    if missing:
        return False, (
            "Cần {} năm liên tục đạt “{}” đến năm {}; thiếu năm {}.",
            count,
            ctx.name_of(award),
            year,
            listed(missing),
        )
    return True, ("Đạt “{}” {} năm liên tục đến năm {}.", ctx.name_of(award), count, year)


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
    count, wanted, ratings = params["years"], params["initiatives"], ctx.facts.ratings
    years, floor = range(ctx.year - count + 1, ctx.year + 1), rating_rank(rating)
    excellent = all(rating_rank(ratings.get(y)) >= floor for y in years)
    free = ctx.facts.free_initiatives
    initiatives = sum(len(free(y, level)) for y in years) if ctx.facts.initiatives else 0
    return excellent and initiatives >= wanted, (
        "{} năm liên tục {}: {}; sáng kiến {} trong thời gian đó: {} (cần {}).",
        count,
        RATING_NAMES[rating],
        "có" if excellent else "không",
        INITIATIVE_NAMES[level],
        initiatives,
        wanted,
    )


def _any_of_words(params: dict, name_of) -> str:
    options = [
        f"({n}) {describe_criterion(o['code'], o.get('params', {}), name_of=name_of)}"
        for n, o in enumerate(params["options"], start=1)
    ]
    return "Đạt một trong các điều kiện: " + "; hoặc ".join(options)


ANY_OF_LEADS = {
    True: "Đạt một trong các điều kiện: ",
    None: "Đang hoãn xét: ",
    False: "Chưa đạt điều kiện nào: ",
}


@check("any-of", words=_any_of_words)
def any_of(ctx: Context, params: dict):
    results = [JUDGES[option["code"]](ctx, option.get("params", {})) for option in params["options"]]
    outcomes = [passed for passed, _explanation in results]
    passed = True if True in outcomes else (None if None in outcomes else False)  # one deferred option waits
    explained = listed([explanation for _passed, explanation in results], separator=" | ")
    return passed, ("{}{}", ANY_OF_LEADS[passed], explained)


@check(
    "not-already-awarded",
    words=lambda p, name_of: (
        "Thành tích của năm xét chưa được khen bằng danh hiệu này (mỗi thành tích chỉ khen một lần)"
    ),
)
def not_already_awarded(ctx: Context, params: dict):
    award, year = ctx.award, ctx.year
    if ctx.holds(award, year):
        return False, (
            "Đã được tặng “{}” cho thành tích năm {}: mỗi thành tích chỉ khen một lần.",
            ctx.name_of(award),
            year,
        )
    return True, ("Chưa được khen “{}” cho thành tích năm {}.", ctx.name_of(award), year)


@check(
    "consecutive-ratings",
    words=lambda p, name_of: (
        f"{p['years']} năm liên tục xếp loại “{RATING_NAMES[p['rating']]}”, tính đến năm xét"
    ),
)
def consecutive_ratings(ctx: Context, params: dict):
    count, rating, year, ratings = params["years"], params["rating"], ctx.year, ctx.facts.ratings
    short = [
        y for y in range(year - count + 1, year + 1) if rating_rank(ratings.get(y)) < rating_rank(rating)
    ]
    if short:
        return False, ("Cần {} năm liên tục {}; chưa đạt năm {}", count, RATING_NAMES[rating], listed(short))
    return True, ("{} năm liên tục {} đến năm {}.", count, RATING_NAMES[rating], year)


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
    share, minimum, strict = count / members.total, float(params["min"]), params.get("strict")
    passed = share > minimum if strict else share >= minimum
    return passed, (
        "{}/{} {} ({:.0%}); cần {} {:.0%}.",
        count,
        members.total,
        MEMBER_FIELDS[params["field"]],
        share,
        "trên" if strict else "từ",
        minimum,
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
    wanted = ("không quá {}", high) if high is not None else ("ít nhất {}", low)
    return passed, ("{} {}; cần {}.", count, MEMBER_FIELDS[params["field"]], wanted)
