"""A council of nine for the test agency (the world's agency "STN"): a chair, a standing vice-chair, a
secretary member and six members, each a staff member with an account of the council-member role; a round of
this year with four ready proposals (Lao động tiên tiến for Minh — who is also a member — and for Lan,
Chiến sĩ thi đua cơ sở for Hương, Tập thể lao động tiên tiến for the division); and a meeting of today,
convened, with every member present except the last, who votes in writing.

`cw.members[i]` is (membership, user); `cw.item(name)` the agenda item of a proposal by subject."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from accounts.models import Role
from awards.catalogue import ensure_catalogue
from awards.law import ensure_law
from awards.models import Award, RuleSet
from council.domain import meetings
from council.domain.terms import add_member, create_council, start_term
from council.models import CouncilRole, Presence
from council.roles import ensure_roles
from documents.kinds import ensure_kinds
from nominations.domain.rounds import open_round
from nominations.models import Proposal, Status
from tests.factories import account_with_role, staff_in

ROLES = ["chu-tich", "pho-chu-tich-thuong-truc", "uy-vien-thu-ky"] + ["uy-vien"] * 6
NAMES = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Khánh", "Long", "Mai"]


def ready(round_, award, *, unit, person=None) -> Proposal:
    """A proposal already through appraisal (the nominations tests cover how it got there)."""
    return Proposal.objects.create(
        round=round_, unit=unit, award=award, person=person, status=Status.READY,
        rule_set=RuleSet.objects.for_year(round_.year),
    )  # fmt: skip


def seat_council(world, today, count=9, roles=ROLES, names=NAMES):
    council = create_council(
        actor=None, agency=world.agency, name="Hội đồng Thi đua - Khen thưởng Sở Thử nghiệm"
    )
    term = start_term(actor=None, council=council, starts_on=today - dt.timedelta(days=400))
    members = []
    for n in range(count):
        person = staff_in(
            world.office, family_name="Nguyễn", middle_name="Văn", given_name=names[n % len(names)]
        )
        user = account_with_role(
            Role.COUNCIL_MEMBER, agency=world.agency, person=person, username=f"tv{n + 1}"
        )
        role = CouncilRole.objects.get(code=roles[n % len(roles)])
        members.append((add_member(actor=None, term=term, person=person, role=role), user))
    return council, term, members


def ensure_law_data() -> None:
    """The data the migrations write (catalogue, law, document kinds, council roles), written again where a
    transactional test flushed the database."""
    if not Award.objects.exists() or not CouncilRole.objects.exists():
        ensure_catalogue()
        ensure_law()
        ensure_kinds()
        ensure_roles()


@pytest.fixture
def cw(world):
    ensure_law_data()
    today = timezone.localdate()
    awards = {code: Award.objects.get(code=code) for code in
              ("lao-dong-tien-tien", "chien-si-thi-dua-co-so", "tap-the-lao-dong-tien-tien")}  # fmt: skip
    name = f"Xét khen thưởng năm {today.year}"
    round_ = open_round(actor=None, agency=world.agency, name=name, year=today.year,
                        deadline=today + dt.timedelta(days=5), awards=list(awards.values()))  # fmt: skip
    council, term, members = seat_council(world, today)
    proposals = [
        ready(round_, awards["lao-dong-tien-tien"], unit=world.office, person=members[3][0].person),
        ready(round_, awards["lao-dong-tien-tien"], unit=world.office, person=world.office_person),
        ready(round_, awards["chien-si-thi-dua-co-so"], unit=world.team, person=world.team_person),
        ready(round_, awards["tap-the-lao-dong-tien-tien"], unit=world.division),
    ]
    title = "Phiên họp xét khen thưởng"
    meeting = meetings.prepare_meeting(actor=None, council=council, title=title, date=today,
                                       place="Phòng họp số 1")  # fmt: skip
    meetings.set_agenda(actor=None, meeting=meeting, proposals=proposals)
    meetings.convene(actor=None, meeting=meeting)
    for n, (membership, _user) in enumerate(members):
        presence = Presence.WRITTEN if n == len(members) - 1 else Presence.PRESENT
        meetings.record_attendance(actor=None, meeting=meeting, membership=membership, presence=presence)
    secretary = account_with_role(Role.SECRETARIAT, agency=world.agency, username="thuky")
    items = {
        item.proposal.subject_name: item
        for item in meeting.items.select_related("proposal__person", "proposal__unit")
    }
    return SimpleNamespace(world=world, today=today, council=council, term=term, members=members,
                           proposals=proposals, meeting=meeting, round=round_, secretary=secretary,
                           items=items, item=items.__getitem__, awards=awards)  # fmt: skip
