"""A nomination round of the test agency for this year's achievements (under the rule set in force since
01/10/2026), with the division's officer proposing and a complete unit dossier available. Dates are counted
from today, so that the tests hold on any day."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from awards.models import Award
from documents.domain import create_draft
from documents.models import DocumentKind
from nominations.domain.dossiers import save_unit_dossier
from nominations.domain.rounds import open_round
from nominations.models import UnitDossier
from people.models import Rating
from tests.awards.records import rate

D = dt.date
ADMITTED = ("lao-dong-tien-tien", "chien-si-thi-dua-co-so", "tap-the-lao-dong-tien-tien", "giay-khen")


def award(code: str) -> Award:
    return Award.objects.get(code=code)


def complete_dossier(round_, unit, *, votes=True) -> UnitDossier:
    """The unit's minutes (and vote figures) and a drafted tờ trình: the unit's part of every dossier."""
    dossier = save_unit_dossier(
        actor=None,
        round=round_,
        unit=unit,
        minutes="Họp bình xét thi đua của đơn vị.",
        met_on=timezone.localdate(),
        members_total=9 if votes else None,
        members_present=9 if votes else None,
    )
    cover = create_draft(
        actor=None,
        agency=round_.agency,
        kind=DocumentKind.objects.get(code="to_trinh"),
        fields={"subject": f"Đề nghị khen thưởng năm {round_.year} — {unit.name}"},
    )
    dossier.cover = cover
    dossier.save()
    return dossier


@pytest.fixture
def nom(world):
    """world + a round of this year (deadline in 11 days) admitting four awards; Minh (division), Hương (team)
    and Lan (office) rated "completed well" this year and last, so eligible for Lao động tiên tiến."""
    today = timezone.localdate()
    for person in (world.division_person, world.team_person, world.office_person):
        rate(person, today.year - 1, Rating.GOOD)
        rate(person, today.year, Rating.GOOD)
    round_ = open_round(
        actor=None,
        agency=world.agency,
        name=f"Xét khen thưởng năm {today.year}",
        year=today.year,
        deadline=today + dt.timedelta(days=11),
        awards=[award(code) for code in ADMITTED],
    )
    return SimpleNamespace(
        round=round_,
        today=today,
        ldtt=award("lao-dong-tien-tien"),
        cstdcs=award("chien-si-thi-dua-co-so"),
        ttldtt=award("tap-the-lao-dong-tien-tien"),
        giay_khen=award("giay-khen"),
    )
