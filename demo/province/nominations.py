"""Stage: the nominations (đề nghị khen thưởng) of the current year — every department in force holds its
year-end merit round (admitting the titles its units registered), and each title registered this year is
proposed, whatever its registration's state (data for the benchmark, not a story).

The proposals' states are drawn from the stage's own stream, mostly submitted, some drafts, returned,
appraised, posted (on a posting still open) and ready (after a closed posting); most are judged eligible.
Their appraisal deadlines spread around today, some passed. Written with bulk inserts: no domain function
per row (a province proposes tens of thousands), so no versions, activity rows or notifications.
"""

import datetime as dt

from django.db.models import F

from movements.models import RegistrationEntry
from nominations.models import Channel, Posting, Proposal, Round, Source, Status, Track, Verdict
from workdays.calendar import working_day_after

from .bulk import insert
from .emulation import moment
from .world import D, World, rng

DAY = dt.timedelta(days=1)
STATES = (  # (status, weight): mostly submitted
    (Status.SUBMITTED, 55),
    (Status.DRAFT, 10),
    (Status.RETURNED, 5),
    (Status.APPRAISED, 15),
    (Status.POSTED, 8),
    (Status.READY, 7),
)
VERDICTS = ((Verdict.ELIGIBLE, 90), (Verdict.NOT_ELIGIBLE, 6), (Verdict.DEFERRED, 4))
FORMS = {True: "Mẫu số 05", False: "Mẫu số 04"}  # individual, collective (nominations.law.REPORT_FORMS)
APPRAISAL_DAYS = 20  # calendar days from receipt to the appraisal deadline, roughly the working-day clock
POSTING_DAYS = 5
OPINION = "Hồ sơ đầy đủ, đúng mẫu; thành tích phù hợp với danh hiệu, hình thức đề nghị."
RETURN_REASON = "Đề nghị bổ sung số liệu minh chứng cho tóm tắt thành tích (tỷ lệ hồ sơ giải quyết đúng hạn)."
CITATION = "Khoản 2 Điều 56 Nghị định 152/2025/NĐ-CP"


def create_nominations(world: World) -> None:
    today = world.config.today
    entries = _entries(today.year)
    rounds = create_rounds(world, entries)
    postings = create_postings(world, rounds)
    draw = rng(world.config, "nominations")
    names = {plan.pk: plan.agency.name for plan in world.all_agencies}
    chosen = _distinct(entries, rounds)
    rows = (
        _proposal(draw, today, rounds[e["agency_id"]], postings[e["agency_id"]], e, names[e["agency_id"]])
        for e in chosen
    )
    insert(Proposal, rows, label="Đề nghị khen thưởng", total=len(chosen), stream=world.stream)


def _entries(year: int) -> list[dict]:
    """This year's registered titles, in registration order, with what a proposal copies from them."""
    return list(
        RegistrationEntry.objects.filter(registration__round__year=year)
        .order_by("pk")
        .values(
            "pk",
            "award_id",
            "person_id",
            "person__family_name",
            "person__middle_name",
            "person__given_name",
            "person__date_of_birth",
            unit_id=F("registration__unit_id"),
            unit_name=F("registration__unit__name"),
            agency_id=F("registration__round__movement__agency_id"),
        )
    )


def _distinct(entries: list[dict], rounds: dict) -> list[dict]:
    """The entries of the agencies with a round, one per subject and award in a round (the proposals' unique
    constraints: one live proposal per round, award and person, or per round, award and unit)."""
    seen, found = set(), []
    for entry in entries:
        subject = ("person", entry["person_id"]) if entry["person_id"] else ("unit", entry["unit_id"])
        key = (entry["agency_id"], entry["award_id"], subject)
        if entry["agency_id"] in rounds and key not in seen:
            seen.add(key)
            found.append(entry)
    return found


def create_rounds(world: World, entries: list[dict]) -> dict:
    """Agency id → its merit round of the current year, admitting the awards its units registered."""
    today = world.config.today
    year, rounds = today.year, {}
    for plan in world.in_force(today):
        rounds[plan.pk] = Round(
            agency=plan.agency,
            name=f"Xét khen thưởng công trạng năm {year}",
            track=Track.MERIT,
            year=year,
            movement_id=world.movements.get((plan.pk, year)),
            period_start=D(year, 1, 1),
            period_end=D(year, 12, 31),
            deadline=today + 14 * DAY,
            note=f"Các đơn vị đề nghị khen thưởng công trạng năm {year} cho tập thể và cá nhân.",
        )
        rounds[plan.pk].normalise()
    rows = list(rounds.values())
    insert(Round, rows, label="Đợt xét khen thưởng", total=len(rows), stream=world.stream)
    admitted = {(e["agency_id"], e["award_id"]) for e in entries if e["agency_id"] in rounds}
    through = Round.awards.through
    links = [
        through(round_id=rounds[agency_id].pk, award_id=award_id) for agency_id, award_id in sorted(admitted)
    ]
    through.objects.bulk_create(links, batch_size=5_000)
    return rounds


def create_postings(world: World, rounds: dict) -> dict:
    """Agency id → {status: posting}: the posted proposals on one still open, the ready on one closed."""
    today, found, rows = world.config.today, {}, []
    for agency_id, round_ in rounds.items():
        agency = round_.agency
        found[agency_id] = {}
        for status, opens_on in ((Status.POSTED, today - 2 * DAY), (Status.READY, today - 21 * DAY)):
            closes_on = working_day_after(opens_on - DAY, POSTING_DAYS, agency=agency)
            posting = Posting(
                round=round_,
                channel=Channel.PORTAL,
                opens_on=opens_on,
                working_days=POSTING_DAYS,
                closes_on=closes_on,
                citation=CITATION,
            )
            posting.normalise()
            found[agency_id][status] = posting
            rows.append(posting)
    insert(Posting, rows, label="Công khai lấy ý kiến", total=len(rows), stream=world.stream)
    return found


def _weighted(draw, choices) -> str:
    values, weights = zip(*choices, strict=True)
    return draw.choices(values, weights)[0]


def _proposal(draw, today: dt.date, round_: Round, postings: dict, entry: dict, agency_name: str) -> Proposal:
    status, individual = _weighted(draw, STATES), entry["person_id"] is not None
    name = " ".join(
        p
        for p in (entry["person__family_name"], entry["person__middle_name"], entry["person__given_name"])
        if p
    )
    row = Proposal(
        round=round_,
        unit_id=entry["unit_id"],
        award_id=entry["award_id"],
        person_id=entry["person_id"],
        status=status,
        source=Source.REGISTRATION,
        registration_entry_id=entry["pk"],
        report_form=FORMS[individual],
        verdict=_weighted(draw, VERDICTS),
        line_name=name if individual else entry["unit_name"],
        line_birth=entry["person__date_of_birth"],
        line_unit=f"{entry['unit_name']}, {agency_name}" if individual else agency_name,
        posting=postings.get(status),
    )
    if status != Status.DRAFT:
        _received(draw, today, row)
    row.normalise()
    return row


def _received(draw, today: dt.date, row: Proposal) -> None:
    """The clock of a proposal the secretariat received: due from ten days ago to three weeks ahead."""
    row.appraisal_due_on = today + draw.randint(-10, 20) * DAY
    row.received_on = row.complete_on = row.appraisal_due_on - APPRAISAL_DAYS * DAY
    row.submitted_at, row.version = moment(row.received_on), 1
    if row.status == Status.RETURNED:
        row.return_reason, row.returned_fields = RETURN_REASON, ["achievement"]
        row.correct_by = today + 5 * DAY
    elif row.status in (Status.APPRAISED, Status.POSTED, Status.READY):
        row.opinion = OPINION
