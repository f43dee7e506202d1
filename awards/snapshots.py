"""Who is due, stored: the lists are computed by the task worker, never in a request, and read in pages.

Judging a province's agency (20 000 people: their facts, then the engine for every award) takes seconds; a
page must answer in a fraction of one. So the result of awards.due.who_is_due for one agency and one year is
stored as a **snapshot** (DueSnapshot) of compact rows (DueEntry: award, group, person or collective, unit,
over the cap, the missing conditions in words), keyed on:

- the law version and the record version (awards.staleness: counters bumped after a change of the law
  tables, or of any fact the engine reads), and the day it was judged (what is pending or still open is
  judged on the day);
- `refresh`: a recomputation asked for with the same versions ("Tính lại").

`due_state()` finds the snapshot of the versions in force. When there is none, it creates one (status
"building") and queues `awards.tasks.build_due_snapshot`; meanwhile the pages show the last snapshot ready
(with the time it was computed) and the progress of the new one. One build at a time per agency and year:
while one runs, a newer version waits for it. The builder (`build_snapshot`) calls who_is_due with a progress
callback, writes the rows in one transaction, marks the snapshot ready, then discards the older snapshots of
the agency and year (and their files). A task run again starts its rows over: it is idempotent.

With the tasks run at once (`THIDUA_TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend`, and in
the tests), the same path computes the list during the request that asks for it: a tiny agency needs no
worker.

Reading: `counts()` (award × group, by SQL aggregate), `unit_counts()` (per unit for one award), `rows()` (a
page of one award and group, names joined) — each one query, whatever the number of rows; every one narrowed
to the units a reader may see (awards.access.due_units) or chose.

The full list as .xlsx (`DueExport`): built in the worker from the snapshot with openpyxl's write-only mode
(awards.spreadsheets), stored under MEDIA_ROOT like the other generated files, kept with its snapshot — per
agency, year, law and record version, and units listed — and offered for download when ready.
"""

import datetime as dt
import hashlib
import json
import logging
import tempfile
from dataclasses import dataclass

from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from .due import who_is_due
from .eligibility import Engine
from .models import Award, DueEntry, DueExport, DueGroup, DueSnapshot, Subject
from .staleness import versions

logger = logging.getLogger("thidua.awards")

READY, BUILDING, FAILED = DueSnapshot.Status.READY, DueSnapshot.Status.BUILDING, DueSnapshot.Status.FAILED
GROUPS = {"eligible": DueGroup.ELIGIBLE, "one_step": DueGroup.ONE_STEP, "deferred": DueGroup.DEFERRED}
GROUP_NAMES = {number: name for name, number in GROUPS.items()}
BUILD_TIMEOUT = dt.timedelta(minutes=30)  # a build still running after this is taken for lost
RECENT = 6  # the snapshots of an agency and year read at once (older ones are discarded as new ones land)
BATCH = 2000


# --- the state of an agency's list ----------------------------------------------------------------------


@dataclass
class DueState:
    """`shown`: the snapshot the pages show — the one of the versions in force when ready, else the last
    ready (None: none yet). `current`: the snapshot of the versions in force (None while another build
    of the agency and year runs first). `running`: the build under way, if any."""

    shown: DueSnapshot | None
    current: DueSnapshot | None
    running: DueSnapshot | None

    @property
    def fresh(self) -> bool:
        return self.shown is not None and self.shown == self.current

    @property
    def failed(self) -> bool:
        return self.current is not None and self.current.status == FAILED


def due_state(*, agency, year: int, build: bool = True) -> DueState:
    """The lists of `agency` for `year`: queues a build when the versions in force have none (`build`).
    Two or three queries (versions, the recent snapshots; the new snapshot's row when one is queued)."""
    law, records = versions()
    today = timezone.localdate()
    recent = list(DueSnapshot.objects.filter(agency=agency, year=year).order_by("-pk")[:RECENT])
    key = (law, records, today)
    current = next((s for s in recent if (s.law_version, s.record_version, s.judged_on) == key), None)
    running = next((s for s in recent if s.status == BUILDING and not _lost(s)), None)
    if current is None and running is None and build:
        current = _queue(agency=agency, year=year, key=key)
        running = current if current.status == BUILDING else None
    ready = next((s for s in recent if s.status == READY), None)
    if current is not None and current.status == READY:
        ready = current
    return DueState(shown=ready, current=current, running=running)


def recompute(*, agency, year: int) -> DueSnapshot | None:
    """Compute the list again with the versions in force ("Tính lại"), unless a build is already running."""
    state = due_state(agency=agency, year=year, build=False)
    if state.running is not None:
        return state.running
    law, records = versions()
    refresh = state.current.refresh + 1 if state.current is not None else 0
    return _queue(agency=agency, year=year, key=(law, records, timezone.localdate()), refresh=refresh)


def _lost(snapshot: DueSnapshot) -> bool:
    return snapshot.requested_at < timezone.now() - BUILD_TIMEOUT


def _queue(*, agency, year: int, key: tuple, refresh: int = 0) -> DueSnapshot:
    from .tasks import build_due_snapshot

    law, records, today = key
    try:
        with transaction.atomic():
            snapshot = DueSnapshot.objects.create(
                agency=agency,
                year=year,
                law_version=law,
                record_version=records,
                judged_on=today,
                refresh=refresh,
            )
    except IntegrityError:  # another request queued it first
        return DueSnapshot.objects.get(
            agency=agency,
            year=year,
            law_version=law,
            record_version=records,
            judged_on=today,
            refresh=refresh,
        )
    build_due_snapshot.enqueue(snapshot_id=snapshot.pk)
    snapshot.refresh_from_db()  # run at once by an immediate backend: ready already
    return snapshot


# --- building (in the task worker) ------------------------------------------------------------------------


def build_snapshot(
    *, agency=None, year: int | None = None, snapshot: DueSnapshot | None = None
) -> DueSnapshot:
    """Compute and store the list (the task's work; a script may call it with `agency` and `year`)."""
    if snapshot is None:
        law, records = versions()
        latest = DueSnapshot.objects.filter(agency=agency, year=year).aggregate(refresh=Max("refresh"))
        snapshot = DueSnapshot.objects.create(
            agency=agency, year=year, law_version=law, record_version=records, judged_on=timezone.localdate(),
            refresh=(latest["refresh"] or 0) + 1,
        )  # fmt: skip
    try:
        _fill(snapshot)
    except Exception as error:
        logger.exception("The due list %s could not be computed", snapshot.pk)
        DueSnapshot.objects.filter(pk=snapshot.pk).update(status=FAILED, error=str(error)[:2000])
        raise
    discard_older(snapshot)
    return snapshot


def _fill(snapshot: DueSnapshot) -> None:
    engine = Engine(snapshot.agency)
    progress = _Progress(DueSnapshot.objects.filter(pk=snapshot.pk), "progress", low=1, high=90)
    progress(0)
    result = who_is_due(agency=snapshot.agency, year=snapshot.year, engine=engine, progress=progress)
    rule_set = engine.rule_set_for(snapshot.year)
    rows = list(_rows(snapshot, result))
    with transaction.atomic():
        DueEntry.objects.filter(snapshot=snapshot).delete()  # a task run again starts over
        _insert(rows)
        snapshot.status, snapshot.progress, snapshot.error = READY, 100, ""
        snapshot.computed_at = timezone.now()
        snapshot.rule_set_code, snapshot.rule_set_name = rule_set.code, rule_set.name
        snapshot.caps = {due.award.code: due.cap for due in result if due.cap}
        snapshot.totals = _totals(result)
        snapshot.people = len({row[4] for row in rows if row[4]})
        snapshot.save()


def _totals(result) -> dict:
    """Award id → [eligible, one step, deferred] of the whole agency, for the awards with someone listed."""
    return {
        str(due.award.pk): [len(due.eligible), len(due.one_step), len(due.deferred)]
        for due in result
        if due.eligible or due.one_step or due.deferred
    }


ENTRY_COLUMNS = (
    "snapshot_id",
    "position",
    "award_id",
    "group",
    "person_id",
    "unit_id",
    "over_cap",
    "missing",
)


def _rows(snapshot: DueSnapshot, result):
    """The DueEntry rows of who_is_due's `result`, as tuples of ENTRY_COLUMNS, in the list's order."""
    position = 0
    for due in result:
        individual = due.award.subject == Subject.INDIVIDUAL
        for number, rows in ((DueGroup.ELIGIBLE, due.eligible), (DueGroup.ONE_STEP, due.one_step),
                             (DueGroup.DEFERRED, due.deferred)):  # fmt: skip
            for row in rows:
                position += 1
                person_id = row.subject.pk if individual else None
                missing = [_missing(check) for check in open_checks(row, number)]
                yield (
                    snapshot.pk,
                    position,
                    due.award.pk,
                    number,
                    person_id,
                    row.unit.pk,
                    row.over_cap,
                    missing,
                )


def _insert(rows: list[tuple]) -> None:
    """Write the rows: PostgreSQL's COPY (55 000 rows in about a second, where an INSERT of the same rows
    spends most of its time quoting their texts), else bulk_create."""
    connection = transaction.get_connection()
    if connection.vendor != "postgresql":
        entries = (DueEntry(**dict(zip(ENTRY_COLUMNS, row, strict=True))) for row in rows)
        DueEntry.objects.bulk_create(entries, batch_size=BATCH)
        return
    quote = connection.ops.quote_name
    names = ", ".join(
        quote(DueEntry._meta.get_field(name.removesuffix("_id")).column) for name in ENTRY_COLUMNS
    )
    copy_sql = f"COPY {quote(DueEntry._meta.db_table)} ({names}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(copy_sql) as copy:
        for row in rows:
            copy.write_row((*row[:-1], json.dumps(row[-1], ensure_ascii=False)))


def open_checks(row, group: int) -> list:
    """The checks a row still lacks: the failed ones, or for a deferred row those that defer it."""
    if group == DueGroup.DEFERRED:
        return [check for check in row.verdict.checks if check.passed is None]
    if group == DueGroup.ONE_STEP:
        return row.missing
    return []


def _missing(check) -> dict:
    return {
        "code": check.code,
        "criterion": str(check.criterion),
        "message": str(check.message),
        "citation": check.citation,
        "status": check.status,
        "deferred": check.passed is None,
    }


class _Progress:
    """Writes a task's progress (per cent, between `low` and `high`) when it moved by a point at least."""

    def __init__(self, rows, field: str, *, low: int = 0, high: int = 100):
        self.rows, self.field, self.low, self.high, self.last = rows, field, low, high, None

    def __call__(self, fraction: float) -> None:
        value = self.low + round((self.high - self.low) * min(max(fraction, 0), 1))
        if value != self.last:
            self.last = value
            self.rows.update(**{self.field: value})


def discard_older(snapshot: DueSnapshot) -> int:
    """Delete the snapshots of the agency and year older than `snapshot` and not running, with their files."""
    older = DueSnapshot.objects.filter(agency_id=snapshot.agency_id, year=snapshot.year, pk__lt=snapshot.pk)
    older = older.exclude(status=BUILDING) | older.filter(requested_at__lt=timezone.now() - BUILD_TIMEOUT)
    for export in DueExport.objects.filter(snapshot__in=older).exclude(file=""):
        export.file.delete(save=False)
    return older.delete()[0]


# --- reading ------------------------------------------------------------------------------------------------


def entries_of(snapshot: DueSnapshot, unit_ids=None):
    entries = DueEntry.objects.filter(snapshot=snapshot)
    return entries if unit_ids is None else entries.filter(unit_id__in=unit_ids)


@dataclass
class AwardCount:
    award: Award
    eligible: int = 0
    one_step: int = 0
    deferred: int = 0
    cap: str = ""

    @property
    def groups(self) -> list[tuple[str, int]]:
        return [(name, getattr(self, name)) for name in GROUPS]


def counts(snapshot: DueSnapshot, unit_ids=None) -> list[AwardCount]:
    """Per award (in the catalogue's order), the number of rows of each group: the whole agency's as stored
    with the list (one query, for the awards), a reader's units' by an SQL aggregate (two)."""
    if unit_ids is None:
        found = {int(pk): dict(zip(GROUPS, numbers, strict=True)) for pk, numbers in snapshot.totals.items()}
    else:
        found = {}
        grouped = entries_of(snapshot, unit_ids).order_by().values_list("award_id", "group")
        for award_id, group, number in grouped.annotate(n=Count("*")):
            found.setdefault(award_id, {})[GROUP_NAMES[group]] = number
    awards = Award.objects.filter(pk__in=found) if found else Award.objects.none()
    return [AwardCount(a, **found[a.pk], cap=snapshot.caps.get(a.code, "")) for a in awards]


def unit_counts(snapshot: DueSnapshot, award: Award, unit_ids=None) -> list[dict]:
    """Per unit with rows for `award`, the number of each group, in the tree's order (one query: at most as
    many rows as units, paged in memory)."""
    numbers = {name: Count("pk", filter=Q(group=number)) for name, number in GROUPS.items()}
    rows = entries_of(snapshot, unit_ids).filter(award=award).values("unit_id", "unit__name")
    return list(rows.annotate(**numbers).order_by("unit__position", "unit__name", "unit_id"))


ROW_FIELDS = (
    "pk",
    "position",
    "award_id",
    "group",
    "person_id",
    "person__family_name",
    "person__middle_name",
    "person__given_name",
    "person__staff_code",
    "unit_id",
    "unit__name",
    "over_cap",
    "missing",
)


@dataclass
class DueRow:
    """A row of a page, from the snapshot with the names joined."""

    pk: int
    position: int
    award_id: int
    group: str
    person_id: int | None
    name: str
    staff_code: str
    unit_id: int
    unit_name: str
    over_cap: bool
    missing: list

    @property
    def kind(self) -> str:
        return Subject.INDIVIDUAL if self.person_id else Subject.COLLECTIVE

    @property
    def subject_id(self) -> int:
        return self.person_id or self.unit_id


def rows(entries) -> list[DueRow]:
    """The rows of `entries` (already ordered and sliced) with the names, in one query."""
    return [_row(values) for values in entries.values(*ROW_FIELDS)]


def _row(v: dict) -> DueRow:
    person = v["person_id"] is not None
    names = (v["person__family_name"], v["person__middle_name"], v["person__given_name"])
    return DueRow(
        pk=v["pk"],
        position=v["position"],
        award_id=v["award_id"],
        group=GROUP_NAMES[v["group"]],
        person_id=v["person_id"],
        name=" ".join(p for p in names if p) if person else v["unit__name"],
        staff_code=v["person__staff_code"] or "" if person else "",
        unit_id=v["unit_id"],
        unit_name=v["unit__name"],
        over_cap=v["over_cap"],
        missing=v["missing"],
    )


def page_entries(snapshot: DueSnapshot, *, award: Award, group: str, unit_ids=None):
    """The rows of one award and group, in the list's order (to page with a Paginator, then `rows()`)."""
    return entries_of(snapshot, unit_ids).filter(award=award, group=GROUPS[group]).order_by("position")


# --- the .xlsx of the full list -----------------------------------------------------------------------------


def units_key(unit_ids) -> str:
    """DueExport.units: "" for the whole agency, else a digest of the sorted unit ids."""
    if unit_ids is None:
        return ""
    return hashlib.sha256(",".join(str(i) for i in sorted(unit_ids)).encode()).hexdigest()[:40]


def export_for(snapshot: DueSnapshot, unit_ids=None, *, build: bool = True) -> DueExport | None:
    """The file of the list within `unit_ids`: found, or queued (`build`) — lost or failed ones again."""
    key = units_key(unit_ids)
    export = DueExport.objects.filter(snapshot=snapshot, units=key).first()
    if export is not None and (
        export.status == READY or (export.status == BUILDING and not _export_lost(export))
    ):
        return export
    if not build:
        return export
    from .tasks import build_due_export

    if export is None:
        try:
            with transaction.atomic():
                export = DueExport.objects.create(
                    snapshot=snapshot, units=key, unit_ids=None if unit_ids is None else sorted(unit_ids)
                )
        except IntegrityError:
            return DueExport.objects.get(snapshot=snapshot, units=key)
    else:
        DueExport.objects.filter(pk=export.pk).update(status=BUILDING, progress=0, error="")
    build_due_export.enqueue(export_id=export.pk)
    export.refresh_from_db()
    return export


def _export_lost(export: DueExport) -> bool:
    return export.requested_at < timezone.now() - BUILD_TIMEOUT


def build_export(*, snapshot: DueSnapshot | None = None, export: DueExport | None = None) -> DueExport:
    """Write the .xlsx of `export` (the task's work; a script may pass a snapshot for its whole list)."""
    from .spreadsheets import write_due_file

    if export is None:
        export, _created = DueExport.objects.get_or_create(snapshot=snapshot, units="")
    snapshot = export.snapshot
    unit_ids = export.unit_ids
    entries = entries_of(snapshot, unit_ids).order_by("position")
    progress = _Progress(DueExport.objects.filter(pk=export.pk), "progress", high=95)
    try:
        with tempfile.TemporaryFile() as output:
            written = write_due_file(output, snapshot, entries, progress=progress)
            output.seek(0)
            if export.file:
                export.file.delete(save=False)
            export.file.save(file_name(snapshot, export), File(output), save=False)
    except Exception as error:
        logger.exception("The due list file %s could not be written", export.pk)
        DueExport.objects.filter(pk=export.pk).update(status=FAILED, error=str(error)[:2000])
        raise
    export.status, export.progress, export.rows, export.error = READY, 100, written, ""
    export.finished_at = timezone.now()
    export.save()
    return export


def file_name(snapshot: DueSnapshot, export: DueExport) -> str:
    suffix = f"-{export.units[:8]}" if export.units else ""
    return f"den-han-khen-thuong-{snapshot.year}{suffix}.xlsx"
