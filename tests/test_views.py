"""thidua/views.py: the health check (the dashboard has its own tests)."""

from contextlib import contextmanager

from django.db import connections


def test_healthz_reports_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_is_get_only(client, db):
    assert client.post("/healthz").status_code == 405


@contextmanager
def database_that_does_not_exist(tmp_path):
    """Point the default connection at a database that does not exist; restore it afterwards."""
    original = connections["default"]
    broken = connections.create_connection("default")
    missing = (
        str(tmp_path / "missing" / "thidua.sqlite3") if broken.vendor == "sqlite" else "thidua_missing_db"
    )
    broken.settings_dict = {**broken.settings_dict, "NAME": missing}
    connections["default"] = broken
    try:
        yield broken
    finally:
        connections["default"] = original
        broken.close()


def test_healthz_reports_503_while_the_database_is_down(client, db, tmp_path):
    with database_that_does_not_exist(tmp_path) as broken:
        response = client.get("/healthz")
        assert broken.connection is None  # the connection really failed
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok"}  # back again
