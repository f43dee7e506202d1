"""Stage: the councils (Hội đồng Thi đua - Khen thưởng) of the departments holding this year's round.

Each department in force with a round gets its council, a term from January of last year (or from its
founding), 11–15 seats from its staff (the director in the chair, the deputies as vice-chairs, a member of
its office keeping the minutes, unit heads and staff as members), and:

- this year's meeting on the last working day up to today, its ballot open (`voting`): the agenda is every
  `ready` proposal of the agency in the minutes' order (grouped by award) — where fewer than MIN_AGENDA are
  ready, appraised ones are moved to ready first (at most half of them) —, every seat's attendance (one
  absent), the recusals as the ballot's opening writes them; in the largest meeting all seats present but
  two have voted on every item: participation rows apart from ballot rows whose receipts and seals are
  computed by council.ballot_box as council.domain.ballot._store computes them, so that the box is valid
  and `close_ballot` can count it. The account `council-1` (council member of that agency) holds one of the
  two seats still to vote: the benchmark's ballot page;
- last year's meeting in December, closed: a round of last year with up to PAST_AGENDA proposals per agency
  (from its registered titles), one seat absent and one voting in writing, the boxes as the close leaves
  them (re-keyed receipts, choices, no seals, in random order), each item's figures written as
  council.tally.count_items computes them, each proposal passed or not passed accordingly.

Bulk inserts, deterministic from the stage's own stream (the receipt codes too: nobody holds them).
"""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from accounts.models import RoleGrant, User
from accounts.roles import Role
from awards.council import required_votes
from awards.eligibility import settings_of
from awards.models import AwardRule, RuleSet
from council import ballot_box
from council.domain.meetings import _rules as meeting_rules
from council.domain.meetings import documents_due
from council.models import (
    Attendance,
    Ballot,
    Choice,
    Council,
    CouncilRole,
    How,
    Item,
    Meeting,
    MeetingStatus,
    Membership,
    OpenVote,
    Participation,
    Presence,
    Recusal,
    Term,
)
from council.recusal import recusals_of
from council.tally import RESULT_FIELDS
from demo.data import PASSWORD
from nominations.models import Posting, Proposal, Round, Source, Status, Track, Verdict
from people.models import Person
from workdays.calendar import is_working_day

from .bulk import dated, insert
from .emulation import moment
from .nominations import FORMS, OPINION, _distinct, _entries
from .world import D, World, rng

DAY = dt.timedelta(days=1)
MIN_AGENDA, PAST_AGENDA = 50, 40
ROLES = ["chu-tich", "pho-chu-tich-thuong-truc", "pho-chu-tich", "uy-vien-thuong-truc", "uy-vien-thu-ky"]
MEMBER_ACCOUNT = "council-1"
PLACE = "Phòng họp số 1, trụ sở {symbol}"


@dataclass(eq=False)
class Sitting:
    """One department's council as the stage builds it."""

    plan: object  # AgencyPlan
    round_id: int
    council: Council = None
    term: Term = None
    seats: list = field(default_factory=list)  # [Membership]
    meetings: list = field(default_factory=list)  # [Meeting]: this year's (if any agenda), last year's


def create_councils(world: World) -> None:
    today, draw = world.config.today, rng(world.config, "council")
    rounds = dict(
        Round.objects.filter(year=today.year, track=Track.MERIT).values_list("agency_id", "pk").order_by("pk")
    )
    sittings = [Sitting(plan, rounds[plan.pk]) for plan in world.in_force(today) if plan.pk in rounds]
    if not sittings:
        return
    _councils(world, sittings)
    _seats(world, draw, sittings)
    current = _current_meetings(world, draw, sittings)
    past = _past_meetings(world, draw, sittings)
    _attendance(world, draw, current, past)
    recused = _recusals(world, current + past)
    largest = max(current, key=lambda m: (len(m.agenda), -m.pk), default=None)
    if largest is not None:
        _open_box(world, draw, largest, recused)
    _closed_boxes(world, draw, past, recused)


# --- councils, terms and seats ------------------------------------------------------------------------------


def _councils(world: World, sittings: list[Sitting]) -> None:
    start = D(world.config.last_year, 1, 1)
    for sitting in sittings:
        agency = sitting.plan.agency
        sitting.council = Council(agency=agency, name=f"Hội đồng Thi đua - Khen thưởng {agency.name}")
        sitting.council.normalise()
    councils = [s.council for s in sittings]
    insert(Council, councils, label="Hội đồng TĐKT", total=len(councils), stream=world.stream, keep=True)
    for sitting in sittings:
        valid_from = sitting.plan.agency.valid_from
        sitting.term = Term(council=sitting.council, starts_on=max(start, valid_from or start))
    terms = [s.term for s in sittings]
    insert(Term, terms, label="Nhiệm kỳ Hội đồng", total=len(terms), stream=world.stream, keep=True)


def _staff(world: World, sittings: list[Sitting], today: dt.date) -> dict:
    """Agency id → [(person plan, unit plan)]: the people in post there from the term's start to today."""
    starts = {s.plan.pk: s.term.starts_on for s in sittings}
    found = defaultdict(list)
    for person in world.people:
        now = person.post_on(today)
        if now is None or now.unit.plan.pk not in starts or (person.left and person.left <= today):
            continue
        then = person.post_on(starts[now.unit.plan.pk])
        if then is not None and then.unit.plan is now.unit.plan:
            found[now.unit.plan.pk].append((person, now.unit))
    return found


def _chosen(draw, staff: list) -> list:
    """11–15 people: the leadership first (by rank), then a member of the office (the secretary's seat),
    then unit heads and staff drawn at random."""
    leaders = sorted((p for p, u in staff if u.spec.staffing == "leadership"), key=lambda p: (p.rank, p.pk))[
        :3
    ]
    office = [p for p, u in staff if u.spec.staffing == "office" and p.rank == 2][:1]
    taken = {p.pk for p in leaders + office}
    heads = [p for p, _u in staff if p.rank == 0 and p.pk not in taken]
    taken |= {p.pk for p in heads}
    others = [p for p, _u in staff if p.pk not in taken]
    size = draw.randint(11, 15)
    wanted = leaders + office
    wanted += draw.sample(heads, max(min(len(heads), size - len(wanted)), 0))
    return wanted + draw.sample(others, max(min(len(others), size - len(wanted)), 0))


def _seats(world: World, draw, sittings: list[Sitting]) -> None:
    roles = {role.code: role for role in CouncilRole.objects.all()}
    staff, rows = _staff(world, sittings, world.config.today), []
    for sitting in sittings:
        people = _chosen(draw, staff.get(sitting.plan.pk, []))
        secretary = 3 if len(people) > 3 else len(people) - 1  # the office's member comes after the leaders
        codes = ROLES[:3] + ["uy-vien"] * max(len(people) - 3, 0)
        if len(people) > 4:
            codes[secretary], codes[4] = "uy-vien-thu-ky", "uy-vien-thuong-truc"
        sitting.seats = [
            Membership(term=sitting.term, person_id=p.pk, role=roles[code], starts_on=sitting.term.starts_on)
            for p, code in zip(people, codes, strict=False)
        ]
        rows += sitting.seats
    insert(Membership, rows, label="Thành viên Hội đồng", total=len(rows), stream=world.stream, keep=True)


# --- meetings and their agendas -----------------------------------------------------------------------------


def _last_working_day(day: dt.date, agency) -> dt.date:
    while not is_working_day(day, agency=agency.pk):
        day -= DAY
    return day


def _meeting(sitting: Sitting, title: str, day: dt.date, status: str, secret: bool | None = None) -> Meeting:
    agency = sitting.plan.agency
    values = settings_of(agency)
    if secret is None:
        secret = values.get("council-secret") == "secret"
    meeting = Meeting(
        council=sitting.council,
        term=sitting.term,
        title=title,
        date=day,
        time=dt.time(8, 0),
        place=PLACE.format(symbol=agency.symbol or agency.name),
        all_secret=secret,
        status=status,
        opened_at=moment(day, 8),
        closed_at=moment(day, 11) if status == MeetingStatus.CLOSED else None,
        **meeting_rules(agency),
    )
    meeting.documents_due = meeting.documents_sent_on = documents_due(
        meeting, int(values.get("council-documents-days", "3") or 0)
    )
    meeting.created_at = moment(meeting.documents_due, 8)
    meeting.normalise()
    meeting.sitting = sitting
    return meeting


def _current_meetings(world: World, draw, sittings: list[Sitting]) -> list[Meeting]:
    today = world.config.today
    agendas = _ready(sittings)
    meetings = []
    for sitting in sittings:
        if not agendas[sitting.round_id]:
            continue
        day = _last_working_day(today, sitting.plan.agency)
        title = f"Phiên họp xét khen thưởng công trạng năm {today.year}"
        meeting = _meeting(sitting, title, day, MeetingStatus.VOTING)
        meeting.agenda = agendas[sitting.round_id]
        meetings.append(meeting)
        sitting.meetings.append(meeting)
    _save_meetings(world, meetings, "Phiên họp năm nay")
    return meetings


def _ready(sittings: list[Sitting]) -> dict:
    """Round id → its ready proposals (as values), after moving some appraised ones to ready (on the round's
    closed posting) where fewer than MIN_AGENDA are."""
    rounds = [s.round_id for s in sittings]
    found = _agenda_rows(Proposal.objects.filter(round_id__in=rounds, status=Status.READY))
    short = [pk for pk in rounds if len(found[pk]) < MIN_AGENDA]
    appraised = _agenda_rows(
        Proposal.objects.filter(round_id__in=short, status=Status.APPRAISED, verdict=Verdict.ELIGIBLE)
    )
    closed = Posting.objects.filter(round_id__in=short).order_by("-opens_on")  # the earliest: closed
    postings = dict(closed.values_list("round", "pk"))
    for round_id in short:
        moved = appraised[round_id][: min(MIN_AGENDA - len(found[round_id]), len(appraised[round_id]) // 2)]
        if moved:
            Proposal.objects.filter(pk__in=[row["pk"] for row in moved]).update(
                status=Status.READY, posting_id=postings.get(round_id)
            )
            found[round_id] = sorted(found[round_id] + moved, key=_minutes_order)
    return found


def _agenda_rows(proposals) -> dict:
    """Round id → its proposals in the minutes' order (council.domain.meetings._minutes_order)."""
    rows = proposals.order_by("pk").values(
        "pk",
        "round_id",
        "round__year",
        "award_id",
        "award__position",
        "person_id",
        "unit_id",
        "unit__name",
        "person__sort_key",
    )
    found = defaultdict(list)
    for row in sorted(rows, key=_minutes_order):
        found[row["round_id"]].append(row)
    return found


def _minutes_order(row: dict) -> tuple:
    return (
        row["award__position"],
        row["award_id"],
        row["person_id"] is not None,
        row["unit__name"],
        row["person__sort_key"] or "",
        row["pk"],
    )


def _save_meetings(world: World, meetings: list[Meeting], label: str) -> None:
    with dated(Meeting, "created_at"):
        insert(Meeting, meetings, label=label, total=len(meetings), stream=world.stream, keep=True)
    years = {row["round__year"] for m in meetings for row in m.agenda}
    rule_sets = {year: RuleSet.objects.for_year(year) for year in years}
    awards = {row["award_id"] for m in meetings for row in m.agenda}
    rules = {(r.rule_set_id, r.award_id): r for r in AwardRule.objects.filter(award__in=awards)}
    items = []
    for meeting in meetings:
        meeting.items_kept = []
        for position, row in enumerate(meeting.agenda, start=1):
            rule_set = rule_sets[row["round__year"]]
            rule = rules.get((getattr(rule_set, "pk", None), row["award_id"]))
            item = Item(
                meeting=meeting,
                proposal_id=row["pk"],
                position=position,
                secret=meeting.all_secret or bool(rule and rule.council_secret),
                threshold=rule.council_threshold if rule else None,
                citation=rule.council_citation if rule else "",
            )
            meeting.items_kept.append(item)
            items.append(item)
    insert(Item, items, label=f"{label}: nội dung", total=len(items), stream=world.stream, keep=True)


# --- last year's round and meeting --------------------------------------------------------------------------


def _past_meetings(world: World, draw, sittings: list[Sitting]) -> list[Meeting]:
    year = world.config.last_year
    entries = _entries(year)
    rounds = _past_rounds(world, sittings, entries)
    by_agency = defaultdict(list)
    for entry in _distinct(entries, rounds):
        by_agency[entry["agency_id"]].append(entry)
    chosen = {
        pk: sorted(draw.sample(rows, min(len(rows), PAST_AGENDA)), key=lambda e: e["pk"])
        for pk, rows in by_agency.items()
    }
    names = {s.plan.pk: s.plan.agency.name for s in sittings}
    proposals = [
        _past_proposal(year, rounds[pk], entry, names[pk]) for pk, rows in chosen.items() for entry in rows
    ]
    insert(Proposal, proposals, label="Đề nghị năm trước", total=len(proposals), stream=world.stream)
    agendas = _agenda_rows(Proposal.objects.filter(round_id__in=[r.pk for r in rounds.values()]))
    meetings = []
    for sitting in sittings:
        round_ = rounds.get(sitting.plan.pk)
        if round_ is None or not agendas[round_.pk]:
            continue
        day = _last_working_day(D(year, 12, 15), sitting.plan.agency)
        title = f"Phiên họp xét khen thưởng công trạng năm {year}"
        meeting = _meeting(sitting, title, day, MeetingStatus.CLOSED, secret=True)
        meeting.agenda = agendas[round_.pk]
        meetings.append(meeting)
        sitting.meetings.append(meeting)
    _save_meetings(world, meetings, "Phiên họp năm trước")
    return meetings


def _past_rounds(world: World, sittings: list[Sitting], entries: list[dict]) -> dict:
    year, found = world.config.last_year, {}
    for sitting in sittings:
        if sitting.term.starts_on > D(year, 12, 1):
            continue
        found[sitting.plan.pk] = Round(
            agency=sitting.plan.agency,
            name=f"Xét khen thưởng công trạng năm {year}",
            track=Track.MERIT,
            year=year,
            movement_id=world.movements.get((sitting.plan.pk, year)),
            period_start=D(year, 1, 1),
            period_end=D(year, 12, 31),
            deadline=D(year, 11, 20),
            note=f"Các đơn vị đề nghị khen thưởng công trạng năm {year} cho tập thể và cá nhân.",
        )
        found[sitting.plan.pk].normalise()
    rows = list(found.values())
    insert(Round, rows, label="Đợt xét năm trước", total=len(rows), stream=world.stream, keep=True)
    admitted = {(e["agency_id"], e["award_id"]) for e in entries if e["agency_id"] in found}
    through = Round.awards.through
    through.objects.bulk_create(
        [through(round_id=found[agency].pk, award_id=award) for agency, award in sorted(admitted)]
    )
    return found


def _past_proposal(year: int, round_: Round, entry: dict, agency_name: str) -> Proposal:
    individual = entry["person_id"] is not None
    parts = (entry["person__family_name"], entry["person__middle_name"], entry["person__given_name"])
    received = D(year, 11, 25)
    row = Proposal(
        round=round_,
        unit_id=entry["unit_id"],
        award_id=entry["award_id"],
        person_id=entry["person_id"],
        status=Status.READY,  # passed or not passed once the ballot below is counted
        source=Source.REGISTRATION,
        registration_entry_id=entry["pk"],
        report_form=FORMS[individual],
        verdict=Verdict.ELIGIBLE,
        line_name=" ".join(p for p in parts if p) if individual else entry["unit_name"],
        line_birth=entry["person__date_of_birth"],
        line_unit=f"{entry['unit_name']}, {agency_name}" if individual else agency_name,
        received_on=received,
        complete_on=received,
        appraisal_due_on=received + 20 * DAY,
        submitted_at=moment(received),
        version=1,
        opinion=OPINION,
    )
    row.normalise()
    return row


# --- attendance, recusals and the ballot boxes --------------------------------------------------------------


def _attendance(world: World, draw, current: list[Meeting], past: list[Meeting]) -> None:
    """Every seat's attendance: one member absent (never the chair); last year also one voting in writing."""
    rows = []
    for meeting in current + past:
        seats = meeting.sitting.seats
        away = draw.sample(range(1, len(seats)), min(2 if meeting in past else 1, len(seats) - 1))
        meeting.presence_of = {}
        for n, seat in enumerate(seats):
            presence = Presence.PRESENT
            if n in away:
                presence = Presence.ABSENT if n == away[0] else Presence.WRITTEN
            meeting.presence_of[seat.pk] = presence
            rows.append(Attendance(meeting=meeting, membership=seat, presence=presence))
    insert(Attendance, rows, label="Điểm danh phiên họp", total=len(rows), stream=world.stream)


def _recusals(world: World, meetings: list[Meeting]) -> set:
    """The recusals as opening the ballot writes them; returns {(item id, membership id)}."""
    rows = [recusal for meeting in meetings for recusal in recusals_of(meeting)]
    insert(Recusal, rows, label="Không biểu quyết (tránh)", total=len(rows), stream=world.stream)
    return {(r.item_id, r.membership_id) for r in rows}


def _choice(draw, support: float, abstain: bool) -> str:
    if draw.random() < support:
        return Choice.FOR
    return Choice.ABSTAIN if abstain and draw.random() < 0.3 else Choice.AGAINST


def _votes(draw, meeting: Meeting, voters: list, recused: set) -> dict:
    """Item → {membership: choice}: most items near unanimous, one in ten divided."""
    found = {}
    for item in meeting.items_kept:
        support = 0.55 if draw.random() < 0.1 else 0.97
        found[item] = {
            seat: _choice(draw, support, meeting.abstain)
            for seat in voters
            if (item.pk, seat.pk) not in recused
        }
    return found


def _code(draw) -> str:
    code = "".join(draw.choice(ballot_box.ALPHABET) for _ in range(ballot_box.CODE_LENGTH))
    return "-".join(code[i : i + 4] for i in range(0, ballot_box.CODE_LENGTH, 4))


def _open_box(world: World, draw, meeting: Meeting, recused: set) -> None:
    """The open ballot of the largest meeting: every present seat but two has cast on every item."""
    present = [s for s in meeting.sitting.seats if meeting.presence_of[s.pk] == Presence.PRESENT]
    waiting = [s for s in present if s.role.code == "uy-vien"][-2:]
    voters = [s for s in present if s not in waiting]
    votes = _votes(draw, meeting, voters, recused)
    codes = {seat.pk: _code(draw) for seat in voters}
    participations, ballots, named = [], [], []
    at = moment(meeting.date, 9)
    for item, choices in votes.items():
        for seat, choice in choices.items():
            receipt = ballot_box.fingerprint(codes[seat.pk], item.pk)
            participations.append(
                Participation(item=item, membership=seat, how=How.ELECTRONIC, recorded_at=at)
            )
            ballots.append(Ballot(item=item, receipt=receipt, seal=ballot_box.seal(item.pk, receipt, choice)))
            if not item.secret:
                named.append(OpenVote(item=item, membership=seat, choice=choice))
    _write_box(world, draw, participations, ballots, named, "năm nay")
    if waiting:
        _member_account(world, meeting, waiting[0])


def _write_box(world: World, draw, participations, ballots, named, label: str) -> None:
    draw.shuffle(ballots)  # no order of the box follows the voters'
    with dated(Participation, "recorded_at"):
        insert(Participation, participations, label=f"Đã biểu quyết {label}", total=len(participations),
               stream=world.stream)  # fmt: skip
    insert(Ballot, ballots, label=f"Phiếu {label}", total=len(ballots), stream=world.stream)
    insert(OpenVote, named, label=f"Biểu quyết công khai {label}", total=len(named), stream=world.stream)


def _closed_boxes(world: World, draw, meetings: list[Meeting], recused: set) -> None:
    """Last year's boxes as the close leaves them, the figures written, the proposals passed or not."""
    participations, ballots, named, passed, failed = [], [], [], [], []
    for meeting in meetings:
        seats = meeting.sitting.seats
        voters = [s for s in seats if meeting.presence_of[s.pk] != Presence.ABSENT]
        at = moment(meeting.date, 9)
        for item, choices in _votes(draw, meeting, voters, recused).items():
            for seat, choice in choices.items():
                how = How.WRITTEN if meeting.presence_of[seat.pk] == Presence.WRITTEN else How.ELECTRONIC
                participations.append(Participation(item=item, membership=seat, how=how, recorded_at=at))
                receipt = ballot_box.counted_receipt(_code(draw), item.pk)
                ballots.append(Ballot(item=item, receipt=receipt, seal="", choice=choice))
                if not item.secret:
                    named.append(OpenVote(item=item, membership=seat, choice=choice))
            _figures(meeting, item, len(seats), Counter(choices.values()), recused)
            (passed if item.passes else failed).append(item.proposal_id)
    _write_box(world, draw, participations, ballots, named, "năm trước")
    Item.objects.bulk_update([i for m in meetings for i in m.items_kept], RESULT_FIELDS, batch_size=2_000)
    Proposal.objects.filter(pk__in=passed).update(status=Status.PASSED)
    Proposal.objects.filter(pk__in=failed).update(status=Status.NOT_PASSED)


def _figures(meeting: Meeting, item: Item, total: int, counted: Counter, recused: set) -> None:
    """As council.tally.count_items writes them (no cap: the rule sets of these years have none)."""
    recusals = sum(1 for seat in meeting.sitting.seats if (item.pk, seat.pk) in recused)
    item.denominator = total - recusals if meeting.recusal_base == "voting" else total
    item.votes_for, item.votes_against = counted[Choice.FOR], counted[Choice.AGAINST]
    item.abstentions = counted[Choice.ABSTAIN]
    item.not_voting = total - item.votes_for - item.votes_against
    item.required = required_votes(item.denominator, item.threshold)
    item.passes = item.denominator > 0 and item.votes_for >= item.required
    item.outcome_note = ""


def _member_account(world: World, meeting: Meeting, seat: Membership) -> None:
    """`council-1`: a council member of the largest meeting's agency, present, who has not voted yet."""
    person = Person.objects.get(pk=seat.person_id)
    account = User(
        username=MEMBER_ACCOUNT,
        password=make_password(PASSWORD),
        person=person,
        email=person.email,
        first_name=person.full_name,
    )
    account.full_clean(exclude=["password"])
    account.save()
    RoleGrant.objects.create(user=account, role=Role.COUNCIL_MEMBER, agency=meeting.sitting.plan.agency)
    world.accounts[MEMBER_ACCOUNT] = account
