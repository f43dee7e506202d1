"""bin/serve (`make serve`): the production start — static files collected, gunicorn and the task worker
started together and stopped together — in the configuration the README's Production block documents."""

import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from tests.test_deploy_check import documented_production_environment
from thidua.settings import BASE_DIR

on_postgresql = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="bin/serve serves PostgreSQL only (production refuses to start without DATABASE_URL)",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_environment(tmp_path: Path) -> dict[str, str]:
    """The README's production export line, with a local key file, data directory and no database."""
    key = tmp_path / "secret_key"
    key.write_text(os.urandom(48).hex() + "\n", encoding="ascii")
    key.chmod(0o600)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("THIDUA_", "DATABASE_URL", "DJANGO_", "GUNICORN_"))
    }
    env |= documented_production_environment()
    env |= {"THIDUA_SECRET_KEY_FILE": str(key), "THIDUA_DATA_DIR": str(tmp_path / "data")}
    env.pop("DATABASE_URL")
    return env


def test_without_a_database_url_production_refuses_to_start(tmp_path):
    env = serve_environment(tmp_path)

    result = subprocess.run(
        ["bin/serve"], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60, check=False
    )

    assert result.returncode == 2
    assert "DATABASE_URL" in result.stderr and "PostgreSQL" in result.stderr
    assert not (tmp_path / "data").exists()  # stopped before collecting or migrating anything


def test_an_unknown_argument_is_refused(tmp_path):
    result = subprocess.run(
        ["bin/serve", "--port=80"],
        cwd=BASE_DIR,
        env=serve_environment(tmp_path) | {"DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2 and "--port=80" in result.stderr
    assert not (tmp_path / "data").exists()


def the_tests_database_url() -> str:
    """The URL of the test database pytest created (already migrated)."""
    settings = connection.settings_dict
    password = f":{quote(settings['PASSWORD'])}" if settings["PASSWORD"] else ""
    credentials = quote(settings["USER"]) + password
    address = f"{settings['HOST'] or 'localhost'}:{settings['PORT'] or 5432}"
    return f"postgres://{credentials}@{address}/{settings['NAME']}"


def children_of(pid: int) -> dict[int, str]:
    """{pid: command line} of the processes whose parent is `pid`."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, IndexError, ValueError):
            continue
        if parent == pid:
            found[int(entry.name)] = command
    return found


def is_running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def fetch(url: str, host: str) -> tuple[int, str, bytes]:
    """(status, content type, body), as the HTTPS reverse proxy would ask: its Host and X-Forwarded-Proto."""
    request = urllib.request.Request(url, headers={"Host": host, "X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def wait_for_health(process, url: str, host: str, log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, f"bin/serve ended with {process.returncode}:\n{log.read_text()}"
        try:
            if fetch(url, host)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError("bin/serve did not answer /healthz")


@on_postgresql
def test_serve_collects_serves_and_stops_both_processes(transactional_db, tmp_path):
    port = free_port()
    env = serve_environment(tmp_path) | {
        "DATABASE_URL": the_tests_database_url(),
        "THIDUA_WEB_BIND": f"127.0.0.1:{port}",
        "THIDUA_WEB_WORKERS": "2",
    }
    host, base = env["THIDUA_ALLOWED_HOSTS"].split(",")[0], f"http://127.0.0.1:{port}"
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        ["bin/serve"], cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        wait_for_health(process, f"{base}/healthz", host, tmp_path / "serve.log")
        started = children_of(process.pid)
        gunicorn = [pid for pid, command in started.items() if "gunicorn" in command]
        worker = [pid for pid, command in started.items() if "run_worker" in command]
        web_workers = children_of(gunicorn[0]) if gunicorn else {}
        status, kind, login = fetch(f"{base}/accounts/login/", host)
        stylesheet = re.search(r'href="(/static/css/thidua\.[0-9a-f]{12}\.css)"', login.decode())
        static = fetch(base + stylesheet.group(1), host) if stylesheet else (None, "", b"")

        os.kill(process.pid, signal.SIGTERM)
        stopped_with = process.wait(timeout=90)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
        log.close()

    assert (status, kind.split(";")[0]) == (200, "text/html"), (tmp_path / "serve.log").read_text()
    assert "Đăng nhập" in login.decode()  # Vietnamese, debug off
    assert static[0] == 200 and static[1].startswith("text/css") and b".topbar" in static[2]
    assert any((tmp_path / "data" / "static" / "css").glob("thidua.*.css"))  # collected, hashed
    assert len(gunicorn) == 1 and len(worker) == 1 and len(web_workers) == 2
    assert stopped_with == 0
    assert not any(is_running(pid) for pid in [*gunicorn, *worker, *web_workers])
