"""nominations.law: which rule set governs a dossier by its day of receipt (Luật 06/2026/QH16 Điều 4 khoản 4),
the report's form number by period, the dossier's components, the appraisal time and the posting rule."""

import datetime as dt

import pytest

from awards.models import Award, RuleSet
from nominations import law
from nominations.models import Track

pytestmark = pytest.mark.django_db
D = dt.date


def rule_sets():
    return list(RuleSet.objects.order_by("effective_from"))


@pytest.mark.parametrize(
    ("year", "received", "code", "favourable"),
    [
        (2021, D(2022, 1, 10), "2017", None),  # the year's rule set: no receipt clause before 2026
        (2021, D(2026, 12, 4), "2017", None),  # the 2003 law's years: the 2026 amendment does not reach them
        (2024, D(2025, 2, 1), "2024", None),
        (2025, D(2026, 3, 1), "2025-07", None),  # received before 01/10/2026: the old text
        (2025, D(2026, 10, 1), "2026-10", None),  # received from 01/10/2026: the amended law
        (2026, D(2026, 9, 30), "2025-07", "2026-10"),  # old text, unless the new one is more favourable
        (2026, D(2026, 12, 4), "2026-10", None),
    ],
)
def test_the_rule_set_of_the_day_of_receipt(year, received, code, favourable):
    governing = law.governing(rule_sets(), year, received)
    assert governing.rule_set.code == code
    assert getattr(governing.favourable, "code", None) == favourable
    if code == "2026-10" and year == 2025:
        assert "Điều 4 khoản 4" in governing.reason and received.strftime("%d/%m/%Y") in governing.reason


@pytest.mark.parametrize(
    ("rule_set", "subject", "track", "form"),
    [
        ("2017", "individual", Track.MERIT, "Mẫu số 02"),
        ("2024", "individual", Track.MERIT, "Mẫu số 03"),
        ("2026-10", "individual", Track.MERIT, "Mẫu số 05"),
        ("2017", "collective", Track.MERIT, "Mẫu số 01"),
        ("2024", "collective", Track.SUDDEN, "Mẫu số 07"),
        ("2024", "individual", Track.THEMATIC, "Mẫu số 08"),
    ],
)
def test_the_report_form_differs_by_period(rule_set, subject, track, form):
    assert law.report_form(rule_set, subject, track) == form


def test_the_dossier_of_a_cstdcs_needs_the_ballot_and_the_certificate_from_2024():
    cstdcs = Award.objects.get(code="chien-si-thi-dua-co-so")
    codes_2024 = [c.code for c in law.components("2024", cstdcs, Track.MERIT)]
    assert codes_2024 == [law.COVER, law.REPORT, law.MINUTES, law.BALLOT, law.CERTIFICATE]
    codes_2017 = [c.code for c in law.components("2017", cstdcs, Track.MERIT)]
    assert law.BALLOT not in codes_2017 and law.CERTIFICATE in codes_2017
    simplified = [c.code for c in law.components("2026-10", cstdcs, Track.SIMPLIFIED)]
    assert simplified == [law.COVER, law.SUMMARY]


def test_appraisal_days_by_who_decides():
    ldtt, cstd_tinh = (
        Award.objects.get(code="lao-dong-tien-tien"),
        Award.objects.get(code="chien-si-thi-dua-tinh"),
    )
    assert law.appraisal_days("2024", ldtt, Track.MERIT)[0] == 20
    assert law.appraisal_days("2024", cstd_tinh, Track.MERIT)[0] == 25
    assert law.appraisal_days("2024", ldtt, Track.SUDDEN)[0] is None


def test_posting_for_state_awards_follows_the_agencys_setting():
    state = Award.objects.get(code="bang-khen-thu-tuong")
    assert law.posting_rule("2024", state, Track.MERIT, {"publicity-days": "10"}).days == 10
    assert law.posting_rule("2024", state, Track.SUDDEN, {"publicity-days": "10"}).days == 0
    own = Award.objects.get(code="giay-khen")
    assert law.posting_rule("2026-10", own, Track.MERIT, {"posting-own-days": "0"}).days == 0
    assert law.posting_rule("2026-10", own, Track.MERIT, {"posting-own-days": "7"}).days == 7
