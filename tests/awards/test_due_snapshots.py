"""The stored due lists (awards.snapshots) and when they are out of date (awards.staleness): the rows are
who_is_due's, a change of the record or the law makes a new list, one build at a time, the task's progress,
a failed or lost build, and the files of discarded lists."""

import datetime as dt
import os

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.management.commands import db_worker

from achievements.models import InitiativeAuthor
from awards import domain, snapshots
from awards.due import who_is_due
from awards.eligibility import EngineError
from awards.models import Award, DueEntry, DueExport, DueSnapshot, Setting
from awards.staleness import mark_records_changed, versions
from awards.tasks import build_due_snapshot
from people.models import QualityRating, Rating
from tests.factories import InitiativeFactory
from tests.planner import analyse, assert_uses_index, on_postgresql

pytestmark = pytest.mark.django_db
LDTT, TTLDTT = "lao-dong-tien-tien", "tap-the-lao-dong-tien-tien"
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def run_worker(monkeypatch):
    """Run the queued tasks here, with django-tasks-db's worker, inside the test's transaction."""
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run(*options):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "-v", "0", *options)

    return run


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """committed(work): run `work()` and the callbacks it asks for after commit (the tests never commit)."""

    def run(work):
        with django_capture_on_commit_callbacks(execute=True):
            return work()

    return run


def rate(person, year=2025, rating=Rating.GOOD):
    return QualityRating.objects.create(person=person, year=year, rating=rating)


def stored(snapshot) -> list[tuple]:
    entries = DueEntry.objects.filter(snapshot=snapshot).order_by("position")
    return list(entries.values_list("award__code", "group", "person_id", "unit_id", "over_cap"))


# --- the rows ---------------------------------------------------------------------------------------------


def test_the_stored_rows_are_the_lists_of_who_is_due(world):
    for person in (world.office_person, world.division_person):
        rate(person)

    state = snapshots.due_state(agency=world.agency, year=2025)

    expected = [
        (
            due.award.code,
            number,
            row.subject.pk if due.award.is_individual else None,
            row.unit.pk,
            row.over_cap,
        )
        for due in who_is_due(agency=world.agency, year=2025)
        for number, rows in enumerate((due.eligible, due.one_step, due.deferred))
        for row in rows
    ]
    snapshot = state.shown
    assert state.fresh and snapshot.status == "ready" and snapshot.progress == 100
    assert stored(snapshot) == expected
    assert list(snapshot.entries.order_by("position").values_list("position", flat=True)) == list(
        range(1, len(expected) + 1)
    )
    one_step = snapshot.entries.get(award__code=TTLDTT, unit=world.division)
    assert one_step.group == 1 and [m["code"] for m in one_step.missing] == ["rating-at-least"]
    rating = next(m for m in one_step.missing if m["code"] == "rating-at-least")
    assert rating["message"].startswith("Tập thể chưa có kết quả xếp loại chất lượng năm 2025")
    assert rating["citation"] and rating["deferred"] is False
    assert snapshot.entries.get(award__code=LDTT, person=world.office_person).missing == []
    assert (snapshot.rule_set_code, snapshot.people) == ("2025-07", 3)
    stored_totals = [(c.award.code, c.eligible, c.one_step, c.deferred) for c in snapshots.counts(snapshot)]
    every_unit = {world.office.pk, world.division.pk, world.team.pk}
    summed = [
        (c.award.code, c.eligible, c.one_step, c.deferred) for c in snapshots.counts(snapshot, every_unit)
    ]
    assert stored_totals == summed and (LDTT, 2, 1, 0) in stored_totals  # the totals kept = the SQL aggregate


def test_a_build_run_again_starts_its_rows_over(world):
    rate(world.office_person)
    snapshot = snapshots.due_state(agency=world.agency, year=2025).shown
    rows = stored(snapshot)

    DueSnapshot.objects.filter(pk=snapshot.pk).update(status="building")
    snapshot.refresh_from_db()
    snapshots.build_snapshot(snapshot=snapshot)

    assert stored(snapshot) == rows
    assert build_due_snapshot.call(snapshot_id=snapshot.pk) == 0  # ready: left as it is


# --- out of date ------------------------------------------------------------------------------------------


def test_a_new_rating_makes_the_list_stale_and_the_new_list_has_it(world, committed):
    old = snapshots.due_state(agency=world.agency, year=2025).shown
    law, records = versions()

    committed(lambda: rate(world.office_person))

    assert versions() == (law, records + 1)
    state = snapshots.due_state(agency=world.agency, year=2025)
    assert state.shown != old and state.fresh
    assert (LDTT, 0, world.office_person.pk) in [row[:3] for row in stored(state.shown)]
    assert (LDTT, 0, world.office_person.pk) not in [row[:3] for row in stored(old)]
    assert list(DueSnapshot.objects.all()) == [state.shown]  # the old list is discarded


def test_many_changes_in_one_transaction_bump_once_and_a_rolled_back_one_not_at_all(world, committed):
    _law, records = versions()

    def changes():
        for person in (world.office_person, world.division_person, world.team_person):
            rate(person)

    committed(changes)
    assert versions()[1] == records + 1

    def rolled_back():
        with transaction.atomic():
            rate(world.office_person, 2024)
            transaction.set_rollback(True)

    committed(rolled_back)
    assert versions()[1] == records + 1


def test_bulk_writes_say_so_themselves(world, committed):
    _law, records = versions()
    QualityRating.objects.bulk_create([QualityRating(person=world.office_person, year=2025, rating="good")])
    assert versions()[1] == records  # no signal

    committed(mark_records_changed)

    assert versions()[1] == records + 1


def test_an_initiative_of_the_fact_source_app_makes_the_list_stale(world, committed):
    _law, records = versions()
    found = InitiativeFactory(unit=world.division, year=2025, recognition_level="co-so")

    committed(
        lambda: InitiativeAuthor.objects.create(initiative=found, person=world.division_person, share=100)
    )

    assert versions()[1] > records


def test_an_agencys_own_setting_changes_the_law_version(world, committed):
    law, _records = versions()

    committed(
        lambda: domain.change_setting(
            actor=None, agency=world.agency, setting=Setting.objects.get(code="rounding"), value="down"
        )
    )

    new_law, _records = versions()
    assert new_law != law and new_law.endswith(law.split(".", 1)[1])  # the migration part stays


def test_a_list_judged_yesterday_is_not_the_current_one(world):
    old = snapshots.due_state(agency=world.agency, year=2025).shown
    DueSnapshot.objects.filter(pk=old.pk).update(judged_on=timezone.localdate() - dt.timedelta(days=1))

    state = snapshots.due_state(agency=world.agency, year=2025)

    assert state.shown.pk != old.pk and state.shown.judged_on == timezone.localdate()


# --- the task worker --------------------------------------------------------------------------------------


def test_one_build_at_a_time_and_its_progress(world, settings, committed, run_worker):
    settings.TASKS = DB_TASKS
    first = snapshots.due_state(agency=world.agency, year=2025)
    assert first.shown is None and first.running.status == "building" and first.running.progress == 0
    committed(lambda: rate(world.office_person))

    second = snapshots.due_state(agency=world.agency, year=2025)

    assert second.running == first.running and DueSnapshot.objects.count() == 1  # the newer waits
    run_worker()
    built = DueSnapshot.objects.get()
    assert (built.status, built.progress) == ("ready", 100) and built.computed_at is not None
    third = snapshots.due_state(agency=world.agency, year=2025)  # now the newer version is queued
    assert third.shown == built and third.running is not None and third.running != built


def test_who_is_due_tells_how_far_it_is(world):
    told = []

    who_is_due(agency=world.agency, year=2025, progress=told.append)

    assert told == sorted(told) and told[0] == 0.2 and told[-1] == 0.9


def test_a_lost_build_does_not_hold_the_list_back(world, settings):
    settings.TASKS = DB_TASKS
    lost = snapshots.due_state(agency=world.agency, year=2025).running
    DueSnapshot.objects.filter(pk=lost.pk).update(
        requested_at=timezone.now() - snapshots.BUILD_TIMEOUT - dt.timedelta(minutes=1)
    )
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

    state = snapshots.recompute(agency=world.agency, year=2025)

    assert state.status == "ready" and state.refresh == 1


def test_a_failed_build_is_marked_so(world):
    with pytest.raises(EngineError):
        snapshots.build_snapshot(agency=world.agency, year=2010)  # no rules before 2017

    failed = DueSnapshot.objects.get()
    assert failed.status == "failed" and "2010" in failed.error


def test_a_discarded_list_takes_its_files_with_it(world):
    old = snapshots.due_state(agency=world.agency, year=2025).shown
    export = DueExport.objects.create(snapshot=old, status="ready")
    export.file.save("cu.xlsx", ContentFile(b"PK"), save=True)
    path = export.file.path

    snapshots.recompute(agency=world.agency, year=2025)

    assert not DueSnapshot.objects.filter(pk=old.pk).exists() and not DueExport.objects.exists()
    assert not os.path.exists(path)


# --- the indexes the pages read ----------------------------------------------------------------------------


@on_postgresql
def test_the_pages_read_the_lists_through_their_indexes(world):
    """Ten agencies' lists of 2 000 rows: a page of one award and group, and the API's page, read their rows
    through the indexes in the list's order — never by sorting a whole list."""
    award = Award.objects.get(code=LDTT)
    lists = DueSnapshot.objects.bulk_create(
        DueSnapshot(
            agency=world.agency,
            year=2015 + n,
            law_version="0",
            record_version=0,
            judged_on=timezone.localdate(),
            status="ready",
        )
        for n in range(10)
    )
    DueEntry.objects.bulk_create(
        DueEntry(
            snapshot=snapshot,
            position=n,
            award=award,
            group=n % 3,
            person=world.office_person,
            unit=world.office,
        )
        for snapshot in lists
        for n in range(1, 2001)
    )
    analyse(DueEntry)
    shown = lists[3]

    assert_uses_index(snapshots.page_entries(shown, award=award, group="one_step")[:50], "due_entry_group")
    assert_uses_index(snapshots.entries_of(shown).order_by("position")[:50], "one_due_entry_per_position")
