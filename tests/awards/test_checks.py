"""Every check of awards/checks.py on its own, through a hand-built Context (the engine's `meets` replaced by
a plain function) and, where a check leans on the engine, through a real Engine reading the migrated law."""

import datetime as dt

import pytest

from awards.checks import CHECKS, JUDGES, Context, listed, say
from awards.eligibility import DEFERRED, ELIGIBLE, NOT_ELIGIBLE
from awards.facts import Discipline, Facts, Initiative, Members, Title

D = dt.date
LDTT, CSTD, CSTD_TINH = "lao-dong-tien-tien", "chien-si-thi-dua-co-so", "chien-si-thi-dua-tinh"


def person(**values) -> Facts:
    return Facts(kind="individual", **values)


def unit(members: Members | None = None, **values) -> Facts:
    return Facts(kind="collective", members=members, **values)


def run(code: str, facts: Facts, params: dict | None = None, *, year=2024, award=LDTT, meets=(), deferred=()):
    """Run one check; `meets` lists the (award, year) pairs the subject is taken to qualify for, `deferred`
    those whose judgement is deferred (the nested verdict the engine would give)."""

    def verdict(code: str, when: int) -> str:
        if (code, when) in deferred:
            return DEFERRED
        return ELIGIBLE if (code, when) in meets else NOT_ELIGIBLE

    ctx = Context(facts, year, award, verdict, lambda code: f"«{code}»")
    return CHECKS[code](ctx, params or {})


def test_the_registry_holds_every_check_the_criteria_speak_of():
    assert set(CHECKS) == {
        "not-pending", "rating-at-least", "service-months", "no-discipline", "meets", "initiative",
        "excellent-or-initiative", "consecutive", "excellent-years-with-initiatives", "any-of",
        "not-already-awarded", "consecutive-ratings", "manual", "members-share", "members-count",
    }  # fmt: skip


# not-pending ---------------------------------------------------------------------------------------------


def test_a_pending_review_defers_rather_than_refuses():
    passed, message = run("not-pending", person(pending_review=True))
    assert passed is None
    assert "hoãn xét" in message


def test_no_pending_review_passes():
    assert run("not-pending", person())[0] is True


# rating-at-least -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rating", "minimum", "passed"),
    [("HTXSNV", "HTTNV", True), ("HTTNV", "HTTNV", True), ("HTNV", "HTTNV", False), ("KHTNV", "HTTNV", False),
     ("HTXSNV", "HTXSNV", True), ("HTTNV", "HTXSNV", False), ("HTNV", "HTNV", True)],
)  # fmt: skip
def test_rating_at_least_compares_on_the_scale(rating, minimum, passed):
    result, message = run("rating-at-least", person(ratings={2024: rating}), {"rating": minimum})
    assert result is passed
    assert message.startswith("Cá nhân xếp loại năm 2024")
    assert ("chưa đạt" in message) is not passed


def test_only_the_achievement_year_rating_counts():
    facts = person(ratings={2023: "HTXSNV", 2025: "HTXSNV", 2024: "HTNV"})
    assert run("rating-at-least", facts, {"rating": "HTTNV"})[0] is False


def test_a_missing_rating_fails_and_says_so():
    passed, message = run("rating-at-least", person(ratings={2023: "HTXSNV"}), {"rating": "HTTNV"})
    assert passed is False
    assert "Chưa có kết quả xếp loại năm 2024" in message


def test_a_collective_rating_is_worded_for_a_collective():
    passed, message = run("rating-at-least", unit(ratings={2024: "HTTNV"}), {"rating": "HTTNV"})
    assert passed is True
    assert message.startswith("Tập thể")


# service-months ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hired_on", "months", "passed"),
    [
        (D(2015, 6, 1), 10, True),  # hired in an earlier year: the whole year
        (D(2021, 1, 1), 10, True),  # 12 months
        (D(2021, 3, 1), 10, True),  # March to December: 10 months
        (D(2021, 3, 2), 10, False),  # 9 whole months: law.md §8, ND 91/2017 Art. 10 (< 10 months)
        (D(2021, 4, 1), 10, False),  # 9 months
        (D(2021, 7, 1), 6, True),  # July to December: 6 months
        (D(2021, 7, 2), 6, False),  # 5 whole months: law.md §11.3 row 3 (< 6 months)
        (D(2022, 1, 1), 6, False),  # hired after the year
    ],
)
def test_service_months_counts_whole_months_from_the_hiring_in_the_year(hired_on, months, passed):
    result, message = run("service-months", person(hired_on=hired_on), {"months": months}, year=2021)
    assert result is passed
    assert ("chưa đủ" in message) is not passed


def test_service_months_without_a_hiring_date_fails():
    passed, message = run("service-months", person(), {"months": 6})
    assert passed is False
    assert "ngày tuyển dụng" in message


def test_maternity_leave_counts_as_service_and_is_noted():
    """law.md §7.1 item 6 (ND 152/2025 Art. 4 cl.5): maternity leave counts as time for titles."""
    leave = [(D(2021, 4, 1), D(2021, 9, 30))]
    facts = person(hired_on=D(2021, 3, 1), maternity_leave=leave)
    passed, message = run("service-months", facts, {"months": 10}, year=2021)
    assert passed is True
    assert "Công tác 10 tháng trong năm 2021 (kể cả thời gian nghỉ thai sản)" in message


def test_maternity_leave_spanning_the_new_year_is_noted_in_both_years():
    facts = person(hired_on=D(2019, 1, 1), maternity_leave=[(D(2023, 10, 1), D(2024, 3, 31))])
    for year in (2023, 2024):
        passed, message = run("service-months", facts, {"months": 6}, year=year)
        assert passed is True
        assert "Công tác 12 tháng" in message and "nghỉ thai sản" in message
    assert "thai sản" not in run("service-months", facts, {"months": 6}, year=2025)[1]


# no-discipline -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "passed"),
    [
        (D(2024, 5, 1), D(2024, 11, 1), False),  # inside the year
        (D(2023, 3, 1), D(2023, 12, 31), True),  # ended the year before
        (D(2023, 3, 1), D(2024, 1, 1), False),  # one day into the year: counted from its end only
        (D(2023, 9, 1), D(2024, 2, 28), False),  # straddles the new year
        (D(2025, 1, 1), None, True),  # starts the year after
        (D(2020, 1, 1), None, False),  # open-ended
    ],
)
def test_a_discipline_bars_the_years_it_overlaps(start, end, passed):
    """law.md §7.1 item 4 (ND 152/2025 Art. 4 cl.4): only achievements after the discipline period count."""
    facts = person(discipline=[Discipline("khien-trach", start, end)])
    result, message = run("no-discipline", facts, {"level": "khien-trach"})
    assert result is passed
    if not passed:
        assert f"khiển trách từ {start:%d/%m/%Y}" in message


def test_a_discipline_below_the_level_is_ignored():
    facts = person(discipline=[Discipline("khien-trach", D(2024, 2, 1), D(2024, 8, 1))])
    assert run("no-discipline", facts, {"level": "canh-cao"})[0] is True
    facts.discipline.append(Discipline("ha-bac-luong", D(2024, 9, 1), None))
    passed, message = run("no-discipline", facts, {"level": "canh-cao"})
    assert passed is False
    assert "hạ bậc lương" in message and "khiển trách" not in message


# meets ---------------------------------------------------------------------------------------------------


def test_meets_asks_the_engine_about_the_same_year():
    assert run("meets", person(), {"award": LDTT}, meets={(LDTT, 2024)}) == (
        True,
        "Đạt tiêu chuẩn danh hiệu “«lao-dong-tien-tien»” năm 2024.",
    )
    assert run("meets", person(), {"award": LDTT}, meets={(LDTT, 2023)})[0] is False


def test_meets_is_deferred_with_the_nested_title():
    passed, message = run("meets", person(), {"award": LDTT}, deferred={(LDTT, 2024)})
    assert passed is None
    assert "đang hoãn" in message


def test_meets_through_the_engine_evaluates_the_nested_title(engine):
    """A CSTĐCS proposal judges the LĐTT standard of the same year (law.md §2.1, Luật 2022 Art. 23)."""
    good = person(ratings={2024: "HTXSNV"}, hired_on=D(2020, 1, 1))
    checks = {c.code: c for c in engine.evaluate(good, CSTD, 2024).checks}
    assert checks["meets"].passed is True
    assert "Lao động tiên tiến" in checks["meets"].message
    good.discipline.append(Discipline("khien-trach", D(2024, 3, 1), D(2024, 9, 1)))
    checks = {c.code: c for c in engine.evaluate(good, CSTD, 2024).checks}
    assert checks["meets"].passed is False


# initiative ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("initiative", "level", "passed"),
    [
        (Initiative(2024, "co-so"), "co-so", True),
        (Initiative(2024, "tinh"), "co-so", True),  # a higher level covers a lower one
        (Initiative(2024, "toan-quoc"), "tinh", True),
        (Initiative(2024, "co-so"), "tinh", False),
        (Initiative(2024, "tinh"), "toan-quoc", False),
        (Initiative(2023, "toan-quoc"), "co-so", False),  # another year
        (Initiative(2024, "toan-quoc", used_for="bang-khen-tinh"), "co-so", False),  # used once already
    ],
)
def test_initiative_needs_a_free_one_of_the_year_at_the_level(initiative, level, passed):
    """law.md §7.1 item 9: an initiative is the basis of one award only (`used_for`)."""
    result, message = run("initiative", person(initiatives=[initiative]), {"level": level})
    assert result is passed
    assert message.startswith("Có sáng kiến" if passed else "Không có sáng kiến")


# excellent-or-initiative ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rating", "initiatives", "passed"),
    [
        ("HTXSNV", [], True),
        ("HTTNV", [Initiative(2024, "co-so")], True),
        ("HTTNV", [Initiative(2024, "co-so", used_for=CSTD)], False),
        ("HTTNV", [Initiative(2023, "co-so")], False),
        ("HTTNV", [], False),
        (None, [], False),
    ],
)
def test_excellent_or_initiative(rating, initiatives, passed):
    """law.md §2.1 CSTĐCS (Luật 2022 Art. 23): HTXSNV or a grassroots initiative."""
    facts = person(ratings={2024: rating} if rating else {}, initiatives=initiatives)
    assert run("excellent-or-initiative", facts, {"level": "co-so"})[0] is passed


# consecutive ---------------------------------------------------------------------------------------------

CHAIN = {"award": CSTD, "count": 3}


def test_consecutive_counts_the_current_year_when_the_subject_meets_it():
    facts = person(titles=[Title(CSTD, 2022), Title(CSTD, 2023)])
    passed, message = run("consecutive", facts, CHAIN, meets={(CSTD, 2024)})
    assert passed is True
    assert "3 năm liên tục đến năm 2024" in message
    passed, message = run("consecutive", facts, CHAIN)
    assert passed is False
    assert message.endswith("thiếu năm 2024.")


def test_a_deferred_current_year_makes_the_chain_wait():
    """Its earlier links all there, a chain whose current year is deferred is deferred, not broken."""
    facts = person(titles=[Title(CSTD, 2022), Title(CSTD, 2023)])
    passed, message = run("consecutive", facts, CHAIN, deferred={(CSTD, 2024)})
    assert passed is None and "hoãn" in message
    broken = person(titles=[Title(CSTD, 2023)])
    assert run("consecutive", broken, CHAIN, deferred={(CSTD, 2024)})[0] is False


def test_consecutive_counts_the_current_year_when_already_held():
    facts = person(titles=[Title(CSTD, 2022), Title(CSTD, 2023), Title(CSTD, 2024)])
    assert run("consecutive", facts, CHAIN)[0] is True


@pytest.mark.parametrize("track", ["dot-xuat", "chuyen-de", "cong-hien"])
def test_consecutive_ignores_titles_outside_the_merit_track(track):
    """law.md §3.1 / §7.1 item 2 (ND 152/2025 Art. 4 cl.3): đột xuất and chuyên đề results do not feed
    công trạng proposals."""
    facts = person(titles=[Title(CSTD, 2022, track), Title(CSTD, 2023)])
    passed, message = run("consecutive", facts, CHAIN, meets={(CSTD, 2024)})
    assert passed is False
    assert message.endswith("thiếu năm 2022.")


def test_consecutive_needs_an_unbroken_chain_of_the_same_title():
    facts = person(titles=[Title(CSTD, 2021), Title(CSTD, 2023), Title(LDTT, 2022)])
    passed, message = run("consecutive", facts, CHAIN, meets={(CSTD, 2024)})
    assert passed is False
    assert message.endswith("thiếu năm 2022.")


def test_consecutive_through_the_engine_meets_the_current_year(engine):
    """2 held CSTĐCS + meeting CSTĐCS this year (HTXSNV, Luật 2022 Art. 23) → 3 in a row (law.md §7.2)."""
    facts = person(
        ratings={2024: "HTXSNV"}, hired_on=D(2015, 1, 1), titles=[Title(CSTD, 2022), Title(CSTD, 2023)]
    )
    checks = {c.code: c for c in engine.evaluate(facts, CSTD_TINH, 2024).checks}
    assert checks["consecutive"].passed is True
    facts.ratings[2024] = "HTTNV"  # no longer meets CSTĐCS in 2024 (no initiative either)
    checks = {c.code: c for c in engine.evaluate(facts, CSTD_TINH, 2024).checks}
    assert checks["consecutive"].passed is False


# excellent-years-with-initiatives ------------------------------------------------------------------------

TWO_AND_TWO = {"years": 2, "initiatives": 2}


@pytest.mark.parametrize(
    ("ratings", "initiatives", "passed"),
    [
        ({2023: "HTXSNV", 2024: "HTXSNV"}, [Initiative(2023, "co-so"), Initiative(2024, "co-so")], True),
        ({2023: "HTXSNV", 2024: "HTXSNV"}, [Initiative(2024, "co-so"), Initiative(2024, "tinh")], True),
        ({2023: "HTXSNV", 2024: "HTXSNV"}, [Initiative(2022, "co-so"), Initiative(2024, "co-so")], False),
        (
            {2023: "HTXSNV", 2024: "HTXSNV"},
            [Initiative(2023, "co-so", CSTD), Initiative(2024, "co-so")],
            False,
        ),
        ({2023: "HTTNV", 2024: "HTXSNV"}, [Initiative(2023, "co-so"), Initiative(2024, "co-so")], False),
        ({2024: "HTXSNV"}, [Initiative(2023, "co-so"), Initiative(2024, "co-so")], False),
    ],
)
def test_excellent_years_with_initiatives(ratings, initiatives, passed):
    """law.md §11.4 rows 1–2 (Luật 2022 Art. 74 cl.1(d)): 2 years HTXSNV with 2 initiatives not already
    used (e.g. for CSTĐCS)."""
    facts = person(ratings=ratings, initiatives=initiatives)
    result, message = run("excellent-years-with-initiatives", facts, TWO_AND_TWO)
    assert result is passed
    assert "(cần 2)" in message


# any-of --------------------------------------------------------------------------------------------------

OPTIONS = {
    "options": [
        {"code": "consecutive", "params": {"award": CSTD, "count": 2}},
        {"code": "excellent-years-with-initiatives", "params": TWO_AND_TWO},
    ]
}


def test_any_of_passes_on_one_option_and_explains_all():
    passed, message = run("any-of", person(titles=[Title(CSTD, 2023)]), OPTIONS, meets={(CSTD, 2024)})
    assert passed is True
    assert message.startswith("Đạt một trong các điều kiện: ")
    assert message.count(" | ") == 1


def test_any_of_fails_when_no_option_passes():
    passed, message = run("any-of", person(titles=[Title(CSTD, 2023)]), OPTIONS)
    assert passed is False
    assert message.startswith("Chưa đạt điều kiện nào: ")


# not-already-awarded -------------------------------------------------------------------------------------


def test_one_achievement_one_reward():
    """law.md §7.1 item 10 (Luật 2022 Art. 5 cl.2(c))."""
    passed, message = run("not-already-awarded", person(titles=[Title(LDTT, 2024)]))
    assert passed is False
    assert "mỗi thành tích chỉ khen một lần" in message


@pytest.mark.parametrize(
    "title",
    [Title(LDTT, 2023), Title(CSTD, 2024), Title(LDTT, 2024, "dot-xuat")],
    ids=["year", "award", "track"],
)
def test_another_year_award_or_track_is_not_the_same_reward(title):
    assert run("not-already-awarded", person(titles=[title]))[0] is True


# consecutive-ratings -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ratings", "short"),
    [({2023: "HTXSNV", 2024: "HTXSNV"}, ""), ({2023: "HTTNV", 2024: "HTXSNV"}, "2023"),
     ({2024: "HTXSNV"}, "2023"), ({2022: "HTXSNV", 2024: "HTNV"}, "2023, 2024")],
)  # fmt: skip
def test_consecutive_ratings(ratings, short):
    passed, message = run("consecutive-ratings", unit(ratings=ratings), {"rating": "HTXSNV", "years": 2})
    assert passed is (not short)
    if short:
        assert message.endswith(f"chưa đạt năm {short}")


# members-share and members-count -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "minimum", "strict", "passed"),
    [(7, "0.7", False, True), (6, "0.7", False, False), (5, "0.5", True, False), (6, "0.5", True, True),
     (5, "0.5", False, True), (10, "1", False, True), (9, "1", False, False)],
)  # fmt: skip
def test_members_share(count, minimum, strict, passed):
    """law.md §8 (TTLĐTT > 50 %, Luật 2003) and §2.2 (≥ 70 %, Luật 2022 Art. 28)."""
    members = Members(total=10, lao_dong_tien_tien=count)
    params = {"field": "lao_dong_tien_tien", "min": minimum, **({"strict": True} if strict else {})}
    result, message = run("members-share", unit(members), params)
    assert result is passed
    assert message.startswith(f"{count}/10 thành viên đạt Lao động tiên tiến")
    assert ("cần trên" if strict else "cần từ") in message


@pytest.mark.parametrize("members", [None, Members(total=0)], ids=["none", "empty"])
def test_members_share_without_members_fails(members):
    passed, message = run("members-share", unit(members), {"field": "women", "min": "0.7"})
    assert passed is False
    assert "Thiếu số liệu thành viên" in message


AT_LEAST_ONE = {"field": "chien_si_thi_dua_co_so", "min": 1}
NONE_WARNED = {"field": "disciplined_canh_cao_or_above", "max": 0}


@pytest.mark.parametrize(
    ("params", "count", "passed"),
    [(AT_LEAST_ONE, 0, False), (AT_LEAST_ONE, 1, True), (NONE_WARNED, 0, True), (NONE_WARNED, 1, False)],
)  # fmt: skip
def test_members_count(params, count, passed):
    members = Members(total=10, **{params["field"]: count})
    result, message = run("members-count", unit(members), params)
    assert result is passed
    assert message.endswith("không quá 0." if "max" in params else "ít nhất 1.")


def test_members_count_without_members_fails():
    assert run("members-count", unit(), {"field": "women", "min": 1})[0] is False


# manual --------------------------------------------------------------------------------------------------


def test_manual_never_passes_and_says_what_to_look_at():
    text = "Dẫn đầu cụm, khối thi đua: do Hội đồng xem xét."
    assert run("manual", unit(Members(total=10)), {"text": text}) == (False, text)


def test_a_manual_check_keeps_the_engine_from_declaring_eligible(engine):
    facts = unit(Members(10, 10, 10, 2, 0, 5), ratings={2024: "HTXSNV"})
    verdict = engine.evaluate(facts, "co-thi-dua-tinh", 2024)
    assert verdict.verdict != ELIGIBLE
    assert [c.code for c in verdict.checks if not c.passed] == ["manual"]


# explanations said when read (issue 12) ------------------------------------------------------------------

PLAIN = (str, int, float, bool, type(None), dt.date)
MONTHS, WARNED = {"months": 9}, {"level": "canh-cao"}
CASES = [
    ("not-pending", person(pending_review=True), {}),
    ("rating-at-least", person(ratings={2024: "HTNV"}), {"rating": "HTTNV"}),
    ("rating-at-least", unit(), {"rating": "HTTNV"}),
    ("service-months", person(hired_on=D(2024, 3, 2), maternity_leave=[(D(2024, 4, 1), None)]), MONTHS),
    ("service-months", person(), {"months": 6}),
    ("no-discipline", person(discipline=[Discipline("canh-cao", D(2024, 2, 1), None)]), WARNED),
    ("no-discipline", person(), {"level": "khien-trach"}),
    ("meets", person(), {"award": LDTT}),
    ("initiative", person(initiatives=[Initiative(2024, "tinh")]), {"level": "co-so"}),
    ("excellent-or-initiative", person(ratings={2024: "HTXSNV"}), {}),
    ("excellent-or-initiative", person(initiatives=[Initiative(2024, "co-so")]), {}),
    ("excellent-or-initiative", person(), {}),
    ("consecutive", person(titles=[Title(CSTD, 2023)]), CHAIN),
    ("consecutive", person(titles=[Title(CSTD, 2022), Title(CSTD, 2023)]), CHAIN),
    ("excellent-years-with-initiatives", person(ratings={2024: "HTXSNV"}), TWO_AND_TWO),
    ("any-of", person(titles=[Title(CSTD, 2023)]), OPTIONS),
    ("not-already-awarded", person(titles=[Title(LDTT, 2024)]), {}),
    ("not-already-awarded", person(), {}),
    ("consecutive-ratings", unit(ratings={2024: "HTXSNV"}), {"rating": "HTXSNV", "years": 3}),
    ("consecutive-ratings", unit(ratings={2024: "HTXSNV"}), {"rating": "HTXSNV", "years": 1}),
    ("manual", unit(), {"text": "Dẫn đầu cụm."}),
    ("members-share", unit(Members(total=10, women=7)), {"field": "women", "min": "0.5", "strict": True}),
    ("members-count", unit(Members(total=10, women=7)), {"field": "women", "max": 3}),
    ("members-count", unit(Members(total=10)), {"field": "women", "min": 1}),
]  # fmt: skip


def plain(explanation) -> bool:
    """Text, or a template and values that are plain data or explanations themselves."""
    if type(explanation) is str:
        return True
    template, *values = explanation
    return type(template) is str and all(
        plain(v) if type(v) is tuple else isinstance(v, PLAIN) for v in values
    )


@pytest.mark.parametrize(("code", "facts", "params"), CASES, ids=[case[0] for case in CASES])
def test_a_judge_answers_plain_data_said_as_the_check_says_it(code, facts, params):
    """The engine's judges keep their explanations unformatted; said, they are the checks' very text."""
    ctx = Context(facts, 2024, LDTT, lambda code, when: NOT_ELIGIBLE, lambda code: f"«{code}»")
    passed, explanation = JUDGES[code](ctx, params)
    assert plain(explanation)
    assert (passed, say(explanation)) == CHECKS[code](ctx, params)


def test_every_check_has_a_judge_and_a_case_above():
    assert set(JUDGES) == set(CHECKS) == {case[0] for case in CASES}


def test_say_formats_a_template_and_the_templates_among_its_values():
    assert say("Đã xong.") == "Đã xong."
    assert say(("Năm {}: {}.", 2024, ("{} từ {:%d/%m/%Y}", "khiển trách", D(2024, 3, 1)))) == (
        "Năm 2024: khiển trách từ 01/03/2024."
    )
    assert say(("Thiếu năm {}.", listed([2022, 2024]))) == "Thiếu năm 2022, 2024."
    assert say(("{}{}", "Đạt: ", listed(["A {}", ("B {}", 1)], separator=" | "))) == "Đạt: A {} | B 1"
    assert say(("{:.0%}", 0.7)) == "70%"


def test_a_context_takes_the_titles_when_it_is_made():
    facts = person(titles=[Title(LDTT, 2024), Title(CSTD, 2024, "dot-xuat")])
    ctx = Context(facts, 2024, CSTD, lambda code, when: NOT_ELIGIBLE, str)
    assert ctx.held == {(LDTT, 2024, "cong-trang"), (CSTD, 2024, "dot-xuat")}
    assert ctx.holds(LDTT, 2024) and not ctx.holds(CSTD, 2024) and ctx.holds(CSTD, 2024, "dot-xuat")
    facts.titles.append(Title(CSTD, 2024))
    assert not ctx.holds(CSTD, 2024)  # a snapshot: the engine makes a Context per evaluation
    nested = ctx.at(LDTT, 2023)
    assert (nested.award, nested.year, nested.held, nested.facts) == (LDTT, 2023, ctx.held, facts)
    assert Context(facts, 2024, CSTD, ctx.meets, str).holds(CSTD, 2024)
