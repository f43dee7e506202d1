"""The task worker's leases (notifications/worker.py, `manage.py run_worker`): a dead worker's task is run
again by another."""

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from urllib.parse import quote

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from notifications.models import WorkerLease
from notifications.worker import _requeue, recover_lost_tasks, renew_lease
from thidua.settings import BASE_DIR

from .worker_tasks import wait_for_release

DB_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def db_tasks(settings):
    settings.TASKS = DB_BACKEND


def running(worker_ids, *, claimed_seconds_ago=10, folder="/nonexistent"):
    """A task claimed `claimed_seconds_ago` by the last of `worker_ids`, still RUNNING."""
    result = wait_for_release.enqueue(folder=folder)
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING,
        worker_ids=worker_ids,
        started_at=timezone.now() - dt.timedelta(seconds=claimed_seconds_ago),
    )
    return DBTaskResult.objects.get(pk=result.id)


def test_the_task_of_a_worker_without_a_live_lease_is_queued_again(db, db_tasks):
    renew_lease("alive", seconds=60)
    WorkerLease.objects.create(worker_id="dead", expires_at=timezone.now() - dt.timedelta(seconds=1))
    of_the_dead = running(["dead"])
    of_the_living = running(["alive"])
    just_claimed = running(["unknown"], claimed_seconds_ago=0)  # its worker may not have renewed yet

    assert recover_lost_tasks(lease_seconds=5, max_attempts=3) == 1

    statuses = {r.pk: r.status for r in DBTaskResult.objects.all()}
    assert statuses == {
        of_the_dead.pk: TaskResultStatus.READY,
        of_the_living.pk: TaskResultStatus.RUNNING,
        just_claimed.pk: TaskResultStatus.RUNNING,
    }
    assert DBTaskResult.objects.get(pk=of_the_dead.pk).worker_ids == ["dead"]  # the attempts so far


def test_a_task_whose_workers_died_too_often_fails_with_the_reason(db, db_tasks):
    lost = running(["a", "b", "c"])

    assert recover_lost_tasks(lease_seconds=5, max_attempts=3) == 1

    lost.refresh_from_db()
    assert lost.status == TaskResultStatus.FAILED and lost.finished_at is not None
    assert lost.exception_class_path == "notifications.worker.WorkerLost"
    assert lost.traceback == "The worker running the task died (3 attempts: a, b, c)."


def test_a_task_recovered_by_one_worker_is_not_recovered_again(db, db_tasks):
    lost = running(["dead"])
    stale = DBTaskResult.objects.get(pk=lost.pk)
    assert recover_lost_tasks(lease_seconds=5, max_attempts=3) == 1
    DBTaskResult.objects.filter(pk=lost.pk).update(  # claimed again by a live worker since
        status=TaskResultStatus.RUNNING, worker_ids=["dead", "b"], started_at=timezone.now()
    )

    assert _requeue(stale, now=timezone.now(), max_attempts=3) == 0  # a second recoverer saw the old claim
    assert DBTaskResult.objects.get(pk=lost.pk).status == TaskResultStatus.RUNNING


# --- real workers, killed ---------------------------------------------------------------------------------


@pytest.fixture
def shared_database(transactional_db, tmp_path):
    """The environment of a worker process that uses the test's database. PostgreSQL: the test database
    itself. SQLite: the in-memory test database copied to a file, which this process uses too meanwhile."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("THIDUA_", "DATABASE_URL"))}
    env |= {"THIDUA_DATA_DIR": str(tmp_path), "THIDUA_TASK_LEASE_SECONDS": "2", "THIDUA_DEBUG": "False"}
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        credentials = quote(settings["USER"]) + (
            f":{quote(settings['PASSWORD'])}" if settings["PASSWORD"] else ""
        )
        address = f"{settings['HOST'] or 'localhost'}:{settings['PORT'] or 5432}"
        yield env | {"DATABASE_URL": f"postgres://{credentials}@{address}/{settings['NAME']}"}
        return
    connection.ensure_connection()
    memory, name, path = connection.connection, settings["NAME"], tmp_path / "thidua.sqlite3"
    with sqlite3.connect(path) as copy:
        memory.backup(copy)
    copy.close()
    connection.connection, settings["NAME"] = None, str(path)
    try:
        yield env  # the worker finds THIDUA_DATA_DIR/thidua.sqlite3
    finally:
        connection.close()
        connection.connection, settings["NAME"] = memory, name


WORKER = [sys.executable, "manage.py", "run_worker", "--interval", "0.2", "--no-startup-delay", "--no-reload"]


def start_worker(env, worker_id):
    return subprocess.Popen(
        [*WORKER, "--worker-id", worker_id],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def wait_until(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("timed out")


def status_of(result_id):
    return DBTaskResult.objects.get(pk=result_id).status


@pytest.mark.django_db(transaction=True)
def test_a_killed_workers_task_is_completed_once_by_another(shared_database, settings, tmp_path):
    settings.TASKS = DB_BACKEND
    folder = tmp_path / "task"
    folder.mkdir()
    result = wait_for_release.enqueue(folder=str(folder))

    worker_a = start_worker(shared_database, "A")
    try:
        wait_until(lambda: (folder / "started-A").exists())
        assert status_of(result.id) == TaskResultStatus.RUNNING
    finally:
        os.killpg(worker_a.pid, signal.SIGKILL)  # kill -9, in the middle of the task
        worker_a.wait(timeout=10)
    (folder / "release").touch()
    time.sleep(0.5)
    assert status_of(result.id) == TaskResultStatus.RUNNING  # left so by the dead worker

    worker_b = start_worker(shared_database, "B")
    try:
        wait_until(lambda: status_of(result.id) == TaskResultStatus.SUCCESSFUL)
    finally:
        worker_b.send_signal(signal.SIGTERM)
        _, errors = worker_b.communicate(timeout=10)

    assert (folder / "completed").read_text() == "B 2\n"  # completed exactly once, by B, at the 2nd attempt
    done = DBTaskResult.objects.get(pk=result.id)
    assert done.worker_ids == ["A", "B"] and done.return_value == "B"
    assert worker_b.returncode == 0, errors.decode()
    assert list(WorkerLease.objects.values_list("worker_id", flat=True)) == ["A"]  # B left; A's lease expired
