"""What the engine knows of a subject (awards/facts.py): the scales, the titles held, the free initiatives."""

import datetime as dt

import pytest

from awards.facts import (
    DISCIPLINE_LEVELS,
    INITIATIVE_LEVELS,
    RATINGS,
    Discipline,
    Facts,
    Initiative,
    Title,
    discipline_rank,
    initiative_rank,
    rating_rank,
)

D = dt.date


def test_the_scales_rank_from_worst_to_best():
    assert [rating_rank(code) for code in RATINGS] == [0, 1, 2, 3]
    assert rating_rank(None) == rating_rank("XYZ") == -1
    assert [discipline_rank(level) for level in DISCIPLINE_LEVELS] == list(range(6))
    assert [initiative_rank(level) for level in INITIATIVE_LEVELS] == [0, 1, 2]


@pytest.mark.parametrize("rank", [discipline_rank, initiative_rank])
def test_an_unknown_level_is_an_error(rank):
    with pytest.raises(ValueError, match="'xyz' is not"):
        rank("xyz")


def test_held_is_every_title_with_its_year_and_track_taken_now():
    facts = Facts(kind="individual", titles=[Title("giay-khen", 2024), Title("giay-khen", 2024, "dot-xuat")])
    held = facts.held()
    assert held == {("giay-khen", 2024, "cong-trang"), ("giay-khen", 2024, "dot-xuat")}
    assert all(facts.holds(*title) for title in held)
    facts.titles.append(Title("lao-dong-tien-tien", 2025))
    assert facts.holds("lao-dong-tien-tien", 2025) and ("lao-dong-tien-tien", 2025, "cong-trang") not in held
    assert ("lao-dong-tien-tien", 2025, "cong-trang") in facts.held()
    assert Facts(kind="collective").held() == set()


def test_free_initiatives_of_the_year_at_the_level_or_above():
    used = Initiative(2024, "toan-quoc", used_for="giay-khen")
    facts = Facts(
        kind="individual",
        initiatives=[Initiative(2024, "co-so"), Initiative(2024, "tinh"), Initiative(2023, "tinh"), used],
    )
    assert facts.free_initiatives(2024, "co-so") == [Initiative(2024, "co-so"), Initiative(2024, "tinh")]
    assert facts.free_initiatives(2024, "tinh") == [Initiative(2024, "tinh")]
    assert facts.free_initiatives(2024, "toan-quoc") == []
    assert Facts(kind="individual").free_initiatives(2024, "co-so") == []
    with pytest.raises(ValueError):
        Facts(kind="individual").free_initiatives(2024, "xyz")  # an unknown level, even with none to judge


def test_a_discipline_overlaps_the_years_of_its_period():
    warned = Discipline("canh-cao", D(2023, 9, 1), D(2024, 2, 28))
    assert [warned.overlaps_year(y) for y in (2022, 2023, 2024, 2025)] == [False, True, True, False]
    assert Discipline("canh-cao", D(2023, 9, 1)).overlaps_year(2030)
