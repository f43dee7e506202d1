"""The database connectors: SQLite restored into the live file database (WAL journal), PostgreSQL tools that
are too old or missing named before anything runs."""

import os
import sqlite3
import subprocess
import sys

import pytest
from django.db import connection

from backups.connectors import BackupError, check_postgresql_tools
from thidua.settings import BASE_DIR

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL client tools")


def manage(*args, env) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


AGENCIES = (
    "from organisations.models import Agency; print(sorted(Agency.objects.values_list('symbol', flat=True)))"
)
ADD = (
    "import datetime as dt; from organisations.models import Agency; "
    "Agency.objects.create(name='Sở {0}', short_name='SỞ {0}', symbol='{0}', place_name='Cần Thơ', "
    "valid_from=dt.date(2020, 1, 1))"
)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite file database of `make run`")
def test_sqlite_restores_into_the_live_file_database_and_its_journal(tmp_path):
    """dbbackup's own SQLite restore copies the file over the database, beside a WAL journal that an open
    connection then replays: the restore goes through SQLite instead, and every connection sees it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("THIDUA_", "DATABASE_URL", "DJANGO_"))}
    env |= {"THIDUA_DATA_DIR": str(tmp_path)}
    manage("migrate", "--no-input", "-v", "0", env=env)
    manage("shell", "--no-imports", "-c", ADD.format("TRUOC"), env=env)
    manage("backup", env=env)
    live = sqlite3.connect(tmp_path / "thidua.sqlite3")  # a running server's connection
    try:
        assert live.execute("SELECT count(*) FROM organisations_agency").fetchone() == (1,)
        manage("shell", "--no-imports", "-c", ADD.format("SAU"), env=env)
        assert (tmp_path / "thidua.sqlite3-wal").stat().st_size > 0  # the change waits in the journal
        assert "Đã phục hồi bản sao lưu" in manage("restore", "--no-input", env=env)
        assert live.execute("SELECT symbol FROM organisations_agency").fetchall() == [("TRUOC",)]
        assert live.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        live.close()
    assert manage("shell", "--no-imports", "-c", AGENCIES, env=env).strip() == "['TRUOC']"


@on_postgresql
@pytest.mark.parametrize("answer", ["pg_dump (PostgreSQL) 12.3", "psql (PostgreSQL) 9.6.1\n"])
def test_tools_older_than_the_server_are_named_with_the_fix(db, monkeypatch, answer):
    server = connection.pg_version // 10000
    monkeypatch.setattr(
        "backups.connectors.subprocess.run", lambda *a, **k: subprocess.CompletedProcess(a, 0, stdout=answer)
    )
    with pytest.raises(
        BackupError, match=f"cũ hơn máy chủ PostgreSQL {server}: cài postgresql-client-{server}"
    ):
        check_postgresql_tools("default")


@on_postgresql
def test_missing_tools_are_named(db, monkeypatch):
    def missing(*args, **kwargs):
        raise FileNotFoundError("pg_dump")

    monkeypatch.setattr("backups.connectors.subprocess.run", missing)
    with pytest.raises(BackupError, match="Không chạy được pg_dump: cài gói postgresql-client"):
        check_postgresql_tools("default")


@on_postgresql
def test_the_tools_installed_here_fit_the_server(db):
    assert check_postgresql_tools("default") is None  # BackupError otherwise
