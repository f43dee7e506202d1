"""The database side of a backup: django-dbbackup's connectors (DBBACKUP_CONNECTOR_MAPPING), corrected.

- SQLite: dbbackup copies the dump over the database file, which a live connection and the WAL journal would
  then overwrite; here the dump is copied into the open database with SQLite's own backup API instead.
- PostgreSQL: the dump is pg_dump's custom format, as in dbbackup. Restoring is exact and all or nothing: the
  tables the dump does not hold (a newer migration's) are dropped too, and pg_restore's script runs in one
  transaction of psql that stops at the first error. pg_dump refuses a server newer than itself: the versions
  are compared first, so that the error names the fix.
"""

import logging
import re
import sqlite3
import subprocess
import tempfile
from pathlib import Path
from shutil import copyfileobj

from dbbackup.db.base import get_connector
from dbbackup.db.postgresql import PgDumpBinaryConnector, parse_postgres_settings
from dbbackup.db.sqlite import SqliteBackupConnector
from django.db import connections

# dbbackup sets its command logger to DEBUG on import, which would print every pg_dump command line.
logging.getLogger("dbbackup.command").setLevel(logging.WARNING)


class BackupError(Exception):
    """A backup cannot be made or restored; the message says why and what to do (in Vietnamese)."""


class SqliteConnector(SqliteBackupConnector):
    def restore_dump(self, dump):
        self.connection.ensure_connection()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "restore.sqlite3"
            with path.open("wb") as file:
                copyfileobj(dump, file)
            with sqlite3.connect(path) as source:
                source.backup(self.connection.connection)


# Run before pg_restore's own DROP ... IF EXISTS: the tables of the database that the dump may not know.
DROP_TABLES = b"""DO $$ DECLARE t record; BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
    EXECUTE format('DROP TABLE IF EXISTS public.%I CASCADE', t.tablename);
  END LOOP;
END $$;
"""


class PostgresConnector(PgDumpBinaryConnector):
    def _restore_dump(self, dump):
        dbname, env = parse_postgres_settings(self)
        script, _ = self.run_command(
            "pg_restore --clean --if-exists --no-owner --no-privileges --file=-", stdin=dump
        )
        with tempfile.TemporaryFile() as statements:
            statements.write(DROP_TABLES)
            copyfileobj(script, statements)
            statements.seek(0)
            command = (
                f"psql {dbname} --no-psqlrc --quiet --set ON_ERROR_STOP=on --single-transaction --file=-"
            )
            self.run_command(command, stdin=statements, env={**self.restore_env, **env})


def database_connector(alias: str = "default"):
    """The dbbackup connector of the database in use (settings.DBBACKUP_CONNECTOR_MAPPING picks SQLite's)."""
    if connections[alias].vendor == "postgresql":
        check_postgresql_tools(alias)
    return get_connector(alias)


def check_postgresql_tools(alias: str) -> None:
    server = connections[alias].pg_version // 10000
    for tool in ("pg_dump", "pg_restore", "psql"):
        try:
            answer = subprocess.run([tool, "--version"], capture_output=True, text=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError) as exc:
            raise BackupError(
                f"Không chạy được {tool}: cài gói postgresql-client (phiên bản {server} trở lên)."
            ) from exc
        found = re.search(r"(\d+)(?:\.\d+)?", answer)
        if found is None or int(found.group(1)) < server:
            raise BackupError(
                f"{tool} ({answer.strip()}) cũ hơn máy chủ PostgreSQL {server}: "
                f"cài postgresql-client-{server} (hoặc mới hơn) rồi chạy lại."
            )
