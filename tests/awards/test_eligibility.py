"""Properties of the engine on random people (hypothesis): a better record never loses an award, a pending
review always defers, money is whole tens of thousands of đồng and never below coefficient × base salary —
and judging a whole agency costs no query once the law is loaded."""

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from awards.eligibility import DEFERRED, ELIGIBLE, NOT_ELIGIBLE, Engine
from awards.facts import (
    DISCIPLINE_LEVELS,
    INITIATIVE_LEVELS,
    RATINGS,
    TRACKS,
    Discipline,
    Facts,
    Initiative,
    Title,
)
from awards.money import Rounding

D = dt.date
INDIVIDUAL = (
    "lao-dong-tien-tien",
    "chien-si-thi-dua-co-so",
    "chien-si-thi-dua-tinh",
    "chien-si-thi-dua-toan-quoc",
    "giay-khen",
    "bang-khen-tinh",
    "bang-khen-thu-tuong",
)
CHAINED = ("chien-si-thi-dua-co-so", "chien-si-thi-dua-tinh")  # titles that open higher ones
YEARS = st.integers(2017, 2027)
# Good records are frequent, so that eligible verdicts (the ones the properties speak of) are common even for
# the national fighter; every weakness still appears often.
RATING = st.sampled_from((None, *("HTXSNV",) * 8, "HTTNV", "HTTNV", "HTNV", "KHTNV"))
TRACK = st.sampled_from(("cong-trang",) * 8 + TRACKS)
LEVEL = st.sampled_from(("co-so", "tinh", "toan-quoc", "toan-quoc"))
USED_FOR = st.sampled_from((*(None,) * 12, *INDIVIDUAL))
SETTINGS = settings(max_examples=150, deadline=None)


@st.composite
def people(draw, year: int) -> Facts:
    """A person with a history around `year`: ratings, earlier titles (mostly công trạng), initiatives
    (some used already), disciplines (some ended, some open), a hiring date, maternity leave, a review."""
    ratings = {y: r for y in range(year - 4, year + 1) if (r := draw(RATING, label=f"rating {y}"))}
    titles = [
        Title(award, y, draw(TRACK, label=f"track {award} {y}"))
        for y in range(year - 3, year)
        for award in CHAINED
        if draw(st.integers(0, 9), label=f"holds {award} {y}")  # nine chances in ten
    ]
    initiative = st.builds(Initiative, st.integers(year - 2, year), LEVEL, USED_FOR)
    return Facts(
        kind="individual",
        ratings=ratings,
        titles=titles,
        initiatives=[Initiative(year, draw(LEVEL), draw(USED_FOR)), *draw(st.lists(initiative, max_size=3))],
        discipline=draw(st.just([]) | st.just([]) | st.lists(disciplines(year), min_size=1, max_size=2)),
        hired_on=draw(st.sampled_from((None, *(D(year - 5, 1, 1),) * 3)) | hired_around(year)),
        gender=draw(st.sampled_from(("nam", "nu"))),
        pending_review=draw(st.sampled_from((False, False, False, True))),
        maternity_leave=draw(st.lists(leaves(year), max_size=1)),
    )


def hired_around(year: int) -> st.SearchStrategy:
    return st.dates(D(year - 8, 1, 1), D(year + 1, 6, 30))


@st.composite
def disciplines(draw, year: int) -> Discipline:
    start = draw(st.dates(D(year - 3, 1, 1), D(year + 1, 12, 31)))
    end = draw(st.one_of(st.none(), st.integers(1, 730).map(lambda days: start + dt.timedelta(days=days))))
    return Discipline(draw(st.sampled_from(DISCIPLINE_LEVELS)), start, end)


@st.composite
def leaves(draw, year: int) -> tuple:
    start = draw(st.dates(D(year - 1, 1, 1), D(year, 12, 31)))
    return (start, start + dt.timedelta(days=180))


@st.composite
def cases(draw):
    year = draw(YEARS)
    return year, draw(people(year))


def better(rating: str | None) -> st.SearchStrategy:
    rank = RATINGS.index(rating) if rating else -1
    return st.sampled_from(RATINGS[rank + 1 :])


@pytest.mark.parametrize("award", INDIVIDUAL)
@SETTINGS
@given(case=cases(), data=st.data())
def test_a_better_rating_never_loses_an_award(engine, award, case, data):
    """Raising the rating of the achievement year (or of a year before it) keeps an eligible verdict."""
    year, facts = case
    before = engine.evaluate(facts, award, year).verdict
    event(f"verdict before: {before}")
    which = year - data.draw(st.sampled_from((0, 0, 1, 2)), label="years back")
    if facts.ratings.get(which) == "HTXSNV":
        return
    facts.ratings[which] = data.draw(better(facts.ratings.get(which)), label="raised to")
    after = engine.evaluate(facts, award, year).verdict
    assert not (before == ELIGIBLE and after == NOT_ELIGIBLE)


@pytest.mark.parametrize("award", INDIVIDUAL)
@SETTINGS
@given(case=cases(), data=st.data())
def test_removing_a_discipline_never_loses_an_award(engine, award, case, data):
    year, facts = case
    if not facts.discipline:
        facts.discipline.append(data.draw(disciplines(year), label="added"))
    worse = engine.evaluate(facts, award, year).verdict
    facts.discipline.pop(data.draw(st.integers(0, len(facts.discipline) - 1), label="removed"))
    better_verdict = engine.evaluate(facts, award, year).verdict
    assert not (worse == ELIGIBLE and better_verdict == NOT_ELIGIBLE)


@pytest.mark.parametrize("award", INDIVIDUAL)
@SETTINGS
@given(case=cases(), data=st.data())
def test_a_free_initiative_never_loses_an_award(engine, award, case, data):
    year, facts = case
    before = engine.evaluate(facts, award, year).verdict
    when = data.draw(st.integers(year - 2, year), label="initiative year")
    facts.initiatives.append(Initiative(when, data.draw(st.sampled_from(INITIATIVE_LEVELS), label="level")))
    after = engine.evaluate(facts, award, year).verdict
    assert not (before == ELIGIBLE and after == NOT_ELIGIBLE)


@pytest.mark.parametrize("award", INDIVIDUAL)
@SETTINGS
@given(case=cases())
def test_deferred_exactly_when_a_review_is_pending(engine, award, case):
    """law.md §7.1 item 3 (ND 152/2025 Art. 4 cl.4): defer while under review, whatever the record."""
    year, facts = case
    assert (engine.evaluate(facts, award, year).verdict == DEFERRED) is facts.pending_review
    flipped = replace(facts, pending_review=not facts.pending_review)
    assert (engine.evaluate(flipped, award, year).verdict == DEFERRED) is flipped.pending_review


@pytest.mark.parametrize("award", INDIVIDUAL)
@SETTINGS
@given(case=cases(), data=st.data())
def test_the_money_of_an_eligible_award(engine, award, case, data):
    """law.md §5.1 items 1–2: coefficient × base salary on the decision date, rounded up to 10.000 đồng."""
    year, facts = case
    decided = data.draw(st.dates(D(year + 1, 1, 1), D(year + 2, 12, 31)), label="decided on")
    verdict = engine.evaluate(facts, award, year, decision_date=decided)
    event(f"verdict: {verdict.verdict}")
    if verdict.verdict != ELIGIBLE:
        assert verdict.amount is None
        return
    rule = engine.rules[verdict.rule_set.code, award]
    base = engine.base_salary_on(decided)
    exact = rule.coefficient * base
    amount = verdict.amount
    assert (amount.coefficient, amount.base_salary) == (rule.coefficient, base)
    assert amount.amount % 10_000 == 0
    assert exact <= amount.amount < exact + 10_000
    down = engine.evaluate(facts, award, year, decision_date=decided, rounding=Rounding.DOWN).amount
    assert down.amount % 10_000 == 0 and exact - 10_000 < down.amount <= exact


def test_a_strong_record_is_eligible_for_every_award_the_record_can_decide(engine):
    """Guards the properties above against vacuity: the generated histories reach eligible verdicts."""
    facts = Facts(
        kind="individual",
        ratings=dict.fromkeys(range(2021, 2026), "HTXSNV"),
        hired_on=D(2015, 1, 1),
        titles=[
            Title("chien-si-thi-dua-co-so", 2023),
            Title("chien-si-thi-dua-co-so", 2024),
            Title("chien-si-thi-dua-tinh", 2024),
        ],
        initiatives=[Initiative(2025, "toan-quoc")],
    )
    verdicts = {award: engine.evaluate(facts, award, 2025).verdict for award in INDIVIDUAL}
    assert verdicts == {**dict.fromkeys(INDIVIDUAL, ELIGIBLE), "bang-khen-thu-tuong": NOT_ELIGIBLE}


def test_two_thousand_people_are_judged_without_a_query(db, django_assert_num_queries):
    """Engine() loads the law once; judging 2.000 people for every award afterwards costs no query."""
    engine = Engine()
    crowd = [
        Facts(
            kind="individual",
            ratings={2024: RATINGS[n % 4], 2025: RATINGS[(n // 4) % 4]},
            hired_on=D(2015 + n % 12, 1 + n % 12, 1),
            titles=[Title("chien-si-thi-dua-co-so", 2023 + n % 2, TRACKS[n % 4])],
            initiatives=[Initiative(2025, INITIATIVE_LEVELS[n % 3], None if n % 5 else "giay-khen")],
            discipline=[Discipline(DISCIPLINE_LEVELS[n % 6], D(2025, 3, 1), None)] if n % 7 == 0 else [],
            pending_review=n % 11 == 0,
        )
        for n in range(2000)
    ]
    with django_assert_num_queries(0):
        verdicts = [
            engine.evaluate(facts, award, 2025, decision_date=D(2026, 1, 20))
            for facts in crowd
            for award in INDIVIDUAL
        ]
    counts = {
        v: sum(verdict.verdict == v for verdict in verdicts) for v in (ELIGIBLE, NOT_ELIGIBLE, DEFERRED)
    }
    assert sum(counts.values()) == 2000 * len(INDIVIDUAL)
    assert all(counts.values())
    assert sum(v.amount.amount for v in verdicts if v.amount) > Decimal(0)
