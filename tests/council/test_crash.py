"""A server killed between the participation row and the ballot row of a cast leaves both or neither: the
cast is one transaction, and the member can cast again afterwards.

PostgreSQL: a trigger makes the ballot INSERT sleep; a separate process casts, is caught sleeping inside the
trigger (its participation rows written, uncommitted) and killed with SIGKILL. SQLite: a trigger makes the
ballot INSERT fail."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from django.db import DatabaseError, IntegrityError, connection

from council.domain import ballot, meetings
from council.models import Ballot, MeetingStatus, Participation

CHILD = textwrap.dedent(
    """
    import django, sys
    django.setup()
    from django.db import connection
    from accounts.models import User
    from council.domain import ballot
    from council.models import Meeting
    with connection.cursor() as cursor:  # let the server notice a dead client even while it sleeps
        cursor.execute("SET client_connection_check_interval = 100")
    user = User.objects.get(pk=int(sys.argv[1]))
    meeting = Meeting.objects.get(pk=int(sys.argv[2]))
    ballot.cast(actor=user, meeting=meeting, choices={int(sys.argv[3]): "for", int(sys.argv[4]): "against"})
    print("cast", flush=True)
    """
)


def database_url() -> str:
    d = connection.settings_dict
    password = f":{d['PASSWORD']}" if d.get("PASSWORD") else ""
    return f"postgres://{d['USER']}{password}@{d['HOST'] or '127.0.0.1'}:{d['PORT'] or 5432}/{d['NAME']}"


def query(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else None


def wait_for(condition, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.1)
    return None


def sleeping_cast():
    """The backend of the child, asleep in the trigger on the ballot INSERT."""
    rows = query(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
        "AND wait_event = 'PgSleep' AND query ILIKE '%%council_ballot%%'"
    )
    return rows[0][0] if rows else None


def rows_of_seat(membership, meeting):
    return (
        Participation.objects.filter(membership=membership, item__meeting=meeting).count(),
        Ballot.objects.filter(item__meeting=meeting).count(),
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the PostgreSQL crash: a process killed mid-cast"
)
@pytest.mark.django_db(transaction=True)  # cw writes the law data again after a flush
def test_a_server_killed_inside_the_cast_leaves_neither_row(cw):
    meetings.open_ballot(actor=None, meeting=cw.meeting)
    membership, user = cw.members[0]
    lan, unit = cw.item("Trần Thị Lan").pk, cw.item("Phòng Kế hoạch").pk
    query(
        "CREATE OR REPLACE FUNCTION council_test_crash() RETURNS trigger AS $$ "
        "BEGIN PERFORM pg_sleep(30); RETURN NEW; END $$ LANGUAGE plpgsql"
    )
    query(
        "CREATE TRIGGER council_test_crash BEFORE INSERT ON council_ballot "
        "FOR EACH STATEMENT EXECUTE FUNCTION council_test_crash()"
    )
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE") or "thidua.settings",
    }
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(user.pk), str(cw.meeting.pk), str(lan), str(unit)],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        backend = wait_for(sleeping_cast, 60)
        assert backend, (
            child.stderr.read().decode() if child.poll() is not None else "the cast never reached it"
        )
        # inside the trigger: the participation rows are written in the child's open transaction
        wrote = query(
            "SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE l.pid = %s "
            "AND c.relname = 'council_participation' AND l.mode = 'RowExclusiveLock'",
            [backend],
        )
        assert wrote, "the child should have written its participation rows before the ballot INSERT"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        gone = wait_for(lambda: not query("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [backend]), 10)
        if not gone:  # an old server without client_connection_check_interval: the connection is dropped
            query("SELECT pg_terminate_backend(%s)", [backend])
            wait_for(lambda: not query("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [backend]), 10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        query("DROP TRIGGER IF EXISTS council_test_crash ON council_ballot")
        query("DROP FUNCTION IF EXISTS council_test_crash()")

    assert child.returncode == -signal.SIGKILL
    assert rows_of_seat(membership, cw.meeting) == (0, 0)
    # the meeting is not left locked and the member casts again
    code = ballot.cast(actor=user, meeting=cw.meeting, choices={lan: "for", unit: "against"})
    assert rows_of_seat(membership, cw.meeting) == (2, 2)
    assert len(code) == 19
    cw.meeting.refresh_from_db()
    assert cw.meeting.status == MeetingStatus.VOTING


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite variant of the crash")
@pytest.mark.django_db(transaction=True)
def test_a_failed_ballot_insert_leaves_no_participation(cw):
    meetings.open_ballot(actor=None, meeting=cw.meeting)
    membership, user = cw.members[0]
    lan, unit = cw.item("Trần Thị Lan").pk, cw.item("Phòng Kế hoạch").pk
    query(
        "CREATE TRIGGER council_test_crash BEFORE INSERT ON council_ballot "
        "BEGIN SELECT RAISE(ABORT, 'crash'); END"
    )
    try:
        with pytest.raises(DatabaseError) as failed:
            ballot.cast(actor=user, meeting=cw.meeting, choices={lan: "for", unit: "against"})
        assert rows_of_seat(membership, cw.meeting) == (0, 0)
    finally:
        query("DROP TRIGGER IF EXISTS council_test_crash")

    # not told "already in the box": nothing of his is there
    assert isinstance(failed.value, IntegrityError) and "crash" in str(failed.value)
    # the meeting is not locked: another member and the same member cast
    ballot.cast(actor=cw.members[1][1], meeting=cw.meeting, choices={lan: "against"})
    ballot.cast(actor=user, meeting=cw.meeting, choices={lan: "for", unit: "against"})
    assert rows_of_seat(membership, cw.meeting) == (2, 3)
