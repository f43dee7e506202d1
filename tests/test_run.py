"""bin/run (`make run`): the demo served as production would look, with the logins printed last."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from thidua.settings import BASE_DIR


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def read_until(process, marker: str, timeout: float) -> list[str]:
    lines, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if marker in line:
            return lines
    raise AssertionError("bin/run did not start:\n" + "\n".join(lines))


def test_make_run_serves_like_production_and_prints_the_logins_last(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("THIDUA_", "DATABASE_URL", "PORT"))}
    env |= {"THIDUA_DATA_DIR": str(tmp_path), "PORT": str(port)}
    python = [sys.executable, "manage.py"]
    subprocess.run(
        [*python, "migrate", "--no-input", "-v", "0"], cwd=BASE_DIR, env=env, check=True, timeout=300
    )
    process = subprocess.Popen(
        ["bin/run"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # the test stops the server, its worker and its periodic jobs together
    )
    try:
        lines = read_until(process, f"staff application: http://127.0.0.1:{port}/app/", timeout=120)
        static, css = fetch(f"http://127.0.0.1:{port}/static/css/thidua.css")
        missing, page = fetch(f"http://127.0.0.1:{port}/khong-co-trang-nay/")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)

    assert f"public portal: http://127.0.0.1:{port}/" in lines[-2]
    started = next(i for i, line in enumerate(lines) if "Listening at" in line)  # gunicorn, not runserver
    outbox = next(i for i, line in enumerate(lines) if "Thư điện tử không gửi đi" in line)
    assert started < outbox  # the server's start-up lines come before the logins and the outbox
    assert lines[outbox].endswith(str(tmp_path / "outbox"))
    assert (static, missing) == (200, 404) and ".topbar" in css
    assert "Không tìm thấy trang" in page and "URLconf" not in page  # debug off: not Django's debug page
