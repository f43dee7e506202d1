"""The compiled engine (issue 12): each rule compiled once per engine, no query while judging, explanations
formatted when read — and, on random people and collectives, the very verdicts and checks of the engine as
it was (a reference written here the way it judged: the rule's criteria read and their parameters resolved
at every check, every explanation formatted at once, the titles asked of the Facts)."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awards.checks import CHECKS, Context, describe_criterion
from awards.eligibility import (
    DEFERRED,
    ELIGIBLE,
    NOT_ELIGIBLE,
    ONCE,
    CheckResult,
    Engine,
    EngineError,
    Verdict,
    resolve_params,
)
from awards.facts import RATINGS, TRACKS, Discipline, Facts, Initiative, Members, Title
from awards.models import AgencySetting, Setting
from tests.awards.test_eligibility import INDIVIDUAL, cases
from tests.factories import AgencyFactory

D = dt.date
LDTT, CSTD = "lao-dong-tien-tien", "chien-si-thi-dua-co-so"
COLLECTIVE = (
    "tap-the-lao-dong-tien-tien",
    "tap-the-lao-dong-xuat-sac",
    "co-thi-dua-tinh",
    "co-thi-dua-chinh-phu",
    "giay-khen-tap-the",
    "bang-khen-tinh-tap-the",
    "bang-khen-thu-tuong-tap-the",
)
VALUED = {"rating-at-least", "service-months", "not-already-awarded", "meets", "consecutive", "no-discipline"}
SETTINGS = settings(max_examples=120, deadline=None)


# --- the reference: the engine as it judged before it compiled its rules ----------------------------------


def reference(engine: Engine, facts: Facts, award: str, year: int, memo: dict | None = None) -> tuple:
    """(verdict, checks as tuples) the way the engine judged before issue 12."""
    checks = reference_checks(engine, facts, rule_of(engine, award, year), year, {} if memo is None else memo)
    return verdict_of(checks), checks


def reference_many(engine: Engine, facts: Facts, awards, year: int) -> dict:
    memo, verdicts = {}, {}
    for award in awards:
        verdicts[award] = reference(engine, facts, award, year, memo)
        memo[(award, year)] = verdict_of([check for check in verdicts[award][1] if check[0] != ONCE])
    return verdicts


def reference_checks(engine, facts, rule, year, memo, nested=False) -> list:
    def name_of(code):
        return engine.awards[code].name if code in engine.awards else code

    def meets(code, when):
        if facts.holds(code, when):
            return ELIGIBLE
        if (code, when) not in memo:
            memo[(code, when)] = NOT_ELIGIBLE
            checks = reference_checks(engine, facts, rule_of(engine, code, when), when, memo, nested=True)
            memo[(code, when)] = verdict_of(checks)
        return memo[(code, when)]

    context = Context(facts, year, rule.award.code, meets, name_of)
    results = []
    for criterion in rule.criteria.all():
        if nested and criterion.code == ONCE:
            continue
        params = resolve_params(criterion.params, engine.settings)
        passed, message = CHECKS[criterion.code](context, params)
        words = describe_criterion(criterion.code, params, name_of=name_of)
        results.append((criterion.code, passed, message, criterion.citation, criterion.source_status, words))
    return results


def rule_of(engine, award, year):
    return engine.rules[(engine.rule_set_for(year).code, award)]


def verdict_of(checks) -> str:
    if any(check[1] is None for check in checks):
        return DEFERRED
    return ELIGIBLE if all(check[1] for check in checks) else NOT_ELIGIBLE


def said(verdict: Verdict) -> tuple:
    checks = [(c.code, c.passed, c.message, c.citation, c.status, c.criterion) for c in verdict.checks]
    return verdict.verdict, checks


# --- random collectives (people: tests/awards/test_eligibility.py) ----------------------------------------


@st.composite
def collectives(draw) -> tuple[int, Facts]:
    year = draw(st.integers(2017, 2027))
    total = draw(st.sampled_from((0, 1, 8, 20)))
    count = st.integers(0, total)
    members = Members(
        total, draw(count), draw(count), draw(count), draw(count), draw(count), draw(st.none() | count)
    )
    rating = st.sampled_from((None, "HTXSNV", "HTXSNV", "HTXSNV", *RATINGS))
    ratings = {y: r for y in range(year - 5, year + 1) if (r := draw(rating))}
    title = st.builds(
        Title,
        st.sampled_from(("tap-the-lao-dong-xuat-sac", "tap-the-lao-dong-tien-tien", "co-thi-dua-tinh")),
        st.integers(year - 5, year),
        st.sampled_from(("cong-trang",) * 4 + TRACKS),
    )
    facts = Facts(
        kind="collective",
        ratings=ratings,
        titles=draw(st.lists(title, max_size=6)),
        pending_review=draw(st.sampled_from((False, False, False, True))),
        members=draw(st.sampled_from((None, members, members, members))),
    )
    return year, facts


# --- the same verdicts and checks -------------------------------------------------------------------------


@SETTINGS
@given(case=cases())
def test_a_person_is_judged_as_the_reference_judges(engine, case):
    year, facts = case
    for award in INDIVIDUAL:
        assert said(engine.evaluate(facts, award, year)) == reference(engine, facts, award, year)
    many = engine.evaluate_many(facts, INDIVIDUAL[::-1], year)
    assert {award: said(v) for award, v in many.items()} == reference_many(
        engine, facts, INDIVIDUAL[::-1], year
    )


@SETTINGS
@given(case=collectives())
def test_a_collective_is_judged_as_the_reference_judges(engine, case):
    year, facts = case
    for award in COLLECTIVE:
        assert said(engine.evaluate(facts, award, year)) == reference(engine, facts, award, year)
    many = engine.evaluate_many(facts, COLLECTIVE, year)
    assert {award: said(v) for award, v in many.items()} == reference_many(engine, facts, COLLECTIVE, year)


def test_the_reference_agrees_on_a_strong_record_too(engine):
    """Guards the properties above against vacuity: eligible verdicts with nested titles and chains."""
    facts = Facts(
        kind="individual",
        ratings=dict.fromkeys(range(2021, 2026), "HTXSNV"),
        hired_on=D(2015, 1, 1),
        titles=[Title(CSTD, 2023), Title(CSTD, 2024), Title("chien-si-thi-dua-tinh", 2024)],
        initiatives=[Initiative(2025, "toan-quoc")],
    )
    many = engine.evaluate_many(facts, INDIVIDUAL, 2025)
    assert {award: said(v) for award, v in many.items()} == reference_many(engine, facts, INDIVIDUAL, 2025)
    assert sum(v.verdict == ELIGIBLE for v in many.values()) == len(INDIVIDUAL) - 1


# --- no query ----------------------------------------------------------------------------------------------


def crowd(size: int) -> list[Facts]:
    people = [
        Facts(
            kind="individual",
            ratings={2024: RATINGS[n % 4], 2025: RATINGS[(n // 4) % 4]},
            hired_on=D(2015 + n % 12, 1 + n % 12, 1),
            titles=[Title(CSTD, 2023 + n % 2, TRACKS[n % 4])],
            discipline=[Discipline("canh-cao", D(2025, 3, 1), None)] if n % 7 == 0 else [],
            pending_review=n % 11 == 0,
        )
        for n in range(size)
    ]
    units = [
        Facts(kind="collective", ratings={2025: RATINGS[n % 4]}, members=Members(10, 10 - n % 3, 8, n % 3))
        for n in range(size)
    ]
    return people + units


@pytest.mark.parametrize("size", [1, 200])
def test_judging_any_number_of_subjects_costs_no_query(db, django_assert_num_queries, size):
    """The rules are compiled from what Engine() read: judging, reading the checks and their explanations,
    and asking a rule's compiled criteria cost nothing more, for 1 subject as for 200."""
    with django_assert_num_queries(6):
        engine = Engine()
    with django_assert_num_queries(0):
        verdicts = [
            verdict
            for facts in crowd(size)
            for verdict in engine.evaluate_many(
                facts, INDIVIDUAL if facts.kind == "individual" else COLLECTIVE, 2025
            ).values()
        ]
        messages = [check.message for verdict in verdicts for check in verdict.checks]
        compiled = [engine.compiled(rule) for rule in engine.rules.values()]
    assert len(verdicts) == 2 * size * 7
    assert {v.verdict for v in verdicts} == (
        {ELIGIBLE, NOT_ELIGIBLE, DEFERRED} if size > 1 else {DEFERRED, NOT_ELIGIBLE}
    )
    assert all(messages)
    assert sum(len(c.criteria) for c in compiled) > len(compiled)


def test_an_agency_engine_reads_one_query_more(world, django_assert_num_queries):
    with django_assert_num_queries(7):
        Engine(world.agency)


# --- compiled once ---------------------------------------------------------------------------------------


def test_each_rule_is_compiled_once_with_its_criteria_parameters_and_words(engine):
    for rule in engine.rules.values():
        compiled = engine.compiled(rule)
        criteria = list(rule.criteria.all())
        params = [resolve_params(c.params, engine.settings) for c in criteria]
        assert engine.compiled(rule) is compiled
        assert (compiled.rule, compiled.award, compiled.rule_set) == (rule, rule.award, rule.rule_set)
        assert list(compiled.criteria) == criteria
        assert list(compiled.params) == params
        assert list(compiled.words) == [
            describe_criterion(c.code, p, name_of=lambda code: engine.awards[code].name)
            for c, p in zip(criteria, params, strict=True)
        ]


@pytest.mark.django_db
def test_the_settings_are_resolved_when_the_rule_is_compiled():
    agency = AgencyFactory()
    setting = Setting.objects.get(code="min-service-months")
    AgencySetting.objects.create(agency=agency, setting=setting, value="10")
    engine, own = Engine(), Engine(agency)
    rule = own.rules[(own.rule_set_for(2025).code, LDTT)]
    service = [c.code for c in own.compiled(rule).criteria].index("service-months")
    assert rule.criteria.all()[service].params == {"months": {"setting": "min-service-months"}}
    assert own.compiled(rule).params[service] == {"months": 10}
    assert engine.compiled(engine.rules[(engine.rule_set_for(2025).code, LDTT)]).params[service] == {
        "months": 6
    }
    assert own.compiled(rule).words[service] == "Thời gian công tác trong năm từ 10 tháng trở lên"


def test_the_checks_follow_the_compiled_criteria(engine):
    """What the who-is-due lists pair: each check with the criterion it judged, and `passes` without
    making the checks."""
    facts = Facts(kind="individual", ratings={2025: "HTTNV"}, hired_on=D(2025, 9, 1))
    for award in INDIVIDUAL:
        verdict = engine.evaluate(facts, award, 2025)
        passes = verdict.passes
        compiled = engine.compiled(engine.rules[(verdict.rule_set.code, award)])
        assert [c.code for c in compiled.criteria] == [check.code for check in verdict.checks]
        assert passes == tuple(check.passed for check in verdict.checks) == verdict.passes


# --- explanations formatted when read ---------------------------------------------------------------------


def test_judging_formats_no_explanation_until_one_is_read(engine):
    people = crowd(50)[:50]
    verdicts = [v for facts in people for v in engine.evaluate_many(facts, INDIVIDUAL, 2025).values()]
    valued = [check for verdict in verdicts for check in verdict.checks if check.code in VALUED]
    assert len(valued) > 500
    assert not any(check.formatted for check in valued)
    first = valued[0]
    assert first.message and first.formatted
    assert sum(check.formatted for check in valued) == 1


def test_an_explanation_read_later_says_what_was_found_when_judged(engine):
    facts = Facts(
        kind="individual", ratings={2025: "HTTNV"}, hired_on=D(2025, 3, 1), titles=[Title(LDTT, 2025)]
    )
    verdict = engine.evaluate(facts, LDTT, 2025)
    checks = {check.code: check for check in verdict.checks}
    facts.ratings[2025], facts.hired_on, facts.titles = "KHTNV", None, []
    assert not checks["rating-at-least"].formatted
    assert checks["rating-at-least"].message == (
        "Cá nhân xếp loại năm 2025: hoàn thành tốt nhiệm vụ — đạt mức hoàn thành tốt nhiệm vụ."
    )
    assert checks["service-months"].message == "Công tác 10 tháng trong năm 2025: đủ 6 tháng."
    assert checks[ONCE].message == (
        "Đã được tặng “Lao động tiên tiến” cho thành tích năm 2025: mỗi thành tích chỉ khen một lần."
    )
    assert checks["rating-at-least"].formatted
    assert verdict.checks[1] is checks[ONCE]  # made once, then kept


# --- CheckResult and Verdict keep their meaning -----------------------------------------------------------


def test_a_check_result_made_by_hand_is_text_read_only_and_equal_by_its_fields():
    made = CheckResult("rating-at-least", False, "Chưa có.", "Điều 24", "V2", "Từ HTTNV")
    lazy = CheckResult("rating-at-least", False, ("{} có.", "Chưa"), "Điều 24", "V2", "Từ HTTNV")
    assert made.formatted and not lazy.formatted
    assert (made.code, made.passed, made.message, made.citation, made.status, made.criterion) == (
        "rating-at-least", False, "Chưa có.", "Điều 24", "V2", "Từ HTTNV",
    )  # fmt: skip
    assert made == lazy and hash(made) == hash(lazy)
    assert made != CheckResult("rating-at-least", True, "Chưa có.", "Điều 24", "V2", "Từ HTTNV")
    assert CheckResult("manual", False, "x", "", "").criterion == ""
    with pytest.raises(AttributeError):
        made.passed = True
    assert "message='Chưa có.'" in repr(lazy)


def test_a_verdict_keeps_its_fields_and_equality(engine):
    facts = Facts(kind="individual", ratings={2025: "HTXSNV"}, hired_on=D(2020, 1, 1))
    verdict = engine.evaluate(facts, LDTT, 2025, decision_date=D(2026, 1, 20))
    again = engine.evaluate(facts, LDTT, 2025, decision_date=D(2026, 1, 20))
    assert verdict == again and verdict.is_eligible
    assert (verdict.award.code, verdict.year, verdict.rule_set.code) == (LDTT, 2025, "2025-07")
    assert verdict.amount.amount > 0
    by_hand = Verdict(verdict.award, 2025, verdict.rule_set, ELIGIBLE, list(verdict.checks), verdict.amount)
    assert by_hand == verdict and by_hand.passes == verdict.passes
    assert Verdict(verdict.award, 2025, verdict.rule_set, NOT_ELIGIBLE).checks == []
    with pytest.raises(AttributeError):
        verdict.verdict = NOT_ELIGIBLE
    with pytest.raises(TypeError):
        hash(verdict)


# --- what the engine cannot judge, asked twice (the second time from its caches) -------------------------


def test_the_engine_still_says_why_it_cannot_judge(engine):
    person, unit = Facts(kind="individual"), Facts(kind="collective", members=Members(5))
    for _twice in range(2):
        engine.evaluate(person, LDTT, 2025)
        for facts, award, year, field in [
            (unit, LDTT, 2025, "subject"),
            (unit, "nope", 2025, "award"),
            (person, LDTT, 2016, "year"),
            (unit, LDTT, 2016, "subject"),  # the subject is said before the year
            (person, "chien-si-thi-dua-toan-quoc", 2024, None),
        ]:
            if field is None:
                engine.evaluate(facts, award, year)
                continue
            with pytest.raises(EngineError) as error:
                engine.evaluate(facts, award, year)
            assert error.value.field == field
        with pytest.raises(EngineError) as error:
            engine.evaluate_many(unit, [COLLECTIVE[0], LDTT], 2025)
        assert error.value.field == "subject"
    assert engine.rule_set_for(2025) is engine.rule_set_for(2025)
    assert str(error.value) == "“Lao động tiên tiến” chỉ xét tặng cho cá nhân."
