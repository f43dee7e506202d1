import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from thidua.settings import BASE_DIR, envbool, envint, envsecret


@pytest.mark.parametrize(
    ("value", "expected"),
    [("True", True), ("true", True), ("1", True), ("False", False), ("false", False), ("0", False)],
)
def test_envbool_accepts(monkeypatch, value, expected):
    monkeypatch.setenv("THIDUA_TEST_FLAG", value)
    assert envbool("THIDUA_TEST_FLAG", "False") is expected


@pytest.mark.parametrize("value", ["yes", "no", "TRUE", "", "2", " true"])
def test_envbool_refuses(monkeypatch, value):
    monkeypatch.setenv("THIDUA_TEST_FLAG", value)
    with pytest.raises(ImproperlyConfigured, match="THIDUA_TEST_FLAG"):
        envbool("THIDUA_TEST_FLAG", "False")


def test_envbool_and_envint_defaults(monkeypatch):
    monkeypatch.delenv("THIDUA_TEST_FLAG", raising=False)
    assert envbool("THIDUA_TEST_FLAG", "True") is True
    assert envint("THIDUA_TEST_FLAG", "25") == 25


@pytest.mark.parametrize(("value", "expected"), [("0", 0), ("587", 587), ("-1", -1), (" 12 ", 12)])
def test_envint_accepts(monkeypatch, value, expected):
    monkeypatch.setenv("THIDUA_TEST_NUMBER", value)
    assert envint("THIDUA_TEST_NUMBER", "1") == expected


@pytest.mark.parametrize("value", ["ten", "1.5", "", "10MB"])
def test_envint_refuses(monkeypatch, value):
    monkeypatch.setenv("THIDUA_TEST_NUMBER", value)
    with pytest.raises(ImproperlyConfigured, match="THIDUA_TEST_NUMBER"):
        envint("THIDUA_TEST_NUMBER", "1")


def test_envsecret_reads_the_file_first(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("tu-tep\n", encoding="utf-8")
    monkeypatch.setenv("THIDUA_TEST_SECRET", "tu-bien")
    assert envsecret("THIDUA_TEST_SECRET") == "tu-bien"
    monkeypatch.setenv("THIDUA_TEST_SECRET_FILE", str(secret))
    assert envsecret("THIDUA_TEST_SECRET") == "tu-tep"
    monkeypatch.delenv("THIDUA_TEST_SECRET")
    monkeypatch.delenv("THIDUA_TEST_SECRET_FILE")
    assert envsecret("THIDUA_TEST_SECRET", "mac-dinh") == "mac-dinh"


def load_settings(**env) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("THIDUA_", "DATABASE_URL"))}
    code = "import thidua.settings as s; print(s.DEBUG, s.EMAIL_PORT, s.SESSION_COOKIE_SECURE)"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=environ | env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_bad_environment_stops_the_start(tmp_path):
    result = load_settings(THIDUA_DEBUG="oui", THIDUA_DATA_DIR=str(tmp_path))
    assert result.returncode != 0 and "THIDUA_DEBUG must be True or False" in result.stderr
    result = load_settings(THIDUA_EMAIL_PORT="smtp", THIDUA_DATA_DIR=str(tmp_path))
    assert result.returncode != 0 and "THIDUA_EMAIL_PORT must be a whole number" in result.stderr


def test_production_requires_a_secret_key(tmp_path):
    result = load_settings(THIDUA_ENV="production", THIDUA_DATA_DIR=str(tmp_path))
    assert result.returncode != 0 and "THIDUA_SECRET_KEY must be set in production" in result.stderr
    result = load_settings(THIDUA_ENV="production", THIDUA_SECRET_KEY="k" * 50, THIDUA_DATA_DIR=str(tmp_path))
    assert result.stdout.split() == ["False", "25", "True"]


def test_production_refuses_the_public_development_key(tmp_path):
    key = "insecure-development-key-do-not-use-in-production"
    result = load_settings(THIDUA_ENV="production", THIDUA_SECRET_KEY=key, THIDUA_DATA_DIR=str(tmp_path))
    assert result.returncode != 0 and "THIDUA_SECRET_KEY must be set in production" in result.stderr


def test_debug_does_not_waive_the_production_secret_key(tmp_path):
    result = load_settings(THIDUA_ENV="production", THIDUA_DEBUG="True", THIDUA_DATA_DIR=str(tmp_path))
    assert result.returncode != 0 and "THIDUA_SECRET_KEY must be set in production" in result.stderr


def test_defaults_need_no_configuration():
    assert settings.LANGUAGE_CODE == "vi" and settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.AUTH_USER_MODEL == "accounts.User"
    assert settings.MIDDLEWARE[0] == "lib.requestid.RequestIdMiddleware"


def settings_values(*names, **env) -> list[str]:
    """The values of settings `names` as the project computes them from `env` alone, one per line."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("THIDUA_", "DATABASE_URL", "PORT"))}
    code = "import sys, thidua.settings as s; print(*(repr(getattr(s, n)) for n in sys.argv[1:]), sep='\\n')"
    result = subprocess.run(
        [sys.executable, "-c", code, *names],
        cwd=BASE_DIR,
        env=environ | env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.splitlines()


def test_the_demo_runs_with_debug_off_and_no_secret(tmp_path):
    """`make run` needs no configuration: debug off, local hosts only, the public development key."""
    debug, hosts, key, secure, backend, outbox = settings_values(
        "DEBUG",
        "ALLOWED_HOSTS",
        "SECRET_KEY",
        "SESSION_COOKIE_SECURE",
        "EMAIL_BACKEND",
        "EMAIL_FILE_PATH",
        THIDUA_DATA_DIR=str(tmp_path),
    )
    assert (debug, hosts, secure) == ("False", "['127.0.0.1', 'localhost']", "False")
    assert "insecure-development-key" in key
    assert backend == "'django.core.mail.backends.filebased.EmailBackend'"
    assert outbox == repr(tmp_path / "outbox")


def test_production_sends_e_mails_by_smtp(tmp_path):
    backend, secure = settings_values(
        "EMAIL_BACKEND",
        "CSRF_COOKIE_SECURE",
        THIDUA_ENV="production",
        THIDUA_SECRET_KEY="k" * 50,
        THIDUA_DATA_DIR=str(tmp_path),
    )
    assert (backend, secure) == ("'django.core.mail.backends.smtp.EmailBackend'", "True")


DEMO_SERVER = """
import django, sys
from django.core.management import call_command
django.setup()
from django.core import mail
from django.test import Client
call_command("collectstatic", interactive=False, verbosity=0)
client = Client(headers={"host": "127.0.0.1"})
print(client.get("/static/css/thidua.css").status_code)
page = client.get("/khong-co-trang-nay/")
print(page.status_code, "Không tìm thấy trang" in page.content.decode(), b"URLconf" in page.content)
print(Client(headers={"host": "thidua.evil.example"}).get("/healthz").status_code)
mail.send_mail("Văn bản cần đọc", "Mời xem: http://127.0.0.1:8080/", None, ["nhanvien@example.vn"])
"""


def test_the_demo_settings_serve_static_files_error_pages_and_write_e_mails_to_the_outbox(tmp_path):
    """What `make run` serves with debug off: static files (WhiteNoise), the Vietnamese 404 page, not
    Django's debug page; a request for another host is refused; e-mails land in the outbox as files."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("THIDUA_", "DATABASE_URL"))}
    environ |= {"THIDUA_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "thidua.settings"}
    result = subprocess.run(
        [sys.executable, "-c", DEMO_SERVER],
        cwd=BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["200", "404 True False", "400"]
    (letter,) = (tmp_path / "outbox").iterdir()
    text = letter.read_text(encoding="utf-8")
    assert "To: nhanvien@example.vn" in text and "http://127.0.0.1:8080/" in text
    assert "Văn bản cần đọc" in text or "=?utf-8?" in text  # the subject, encoded or not
    assert "Văn bản cần đọc" not in result.stdout + result.stderr  # nothing on the console


def test_links_in_e_mails_use_the_port_the_demo_runs_on(tmp_path):
    assert settings_values("THIDUA_SITE_URL", PORT="8080", THIDUA_DATA_DIR=str(tmp_path)) == [
        "'http://127.0.0.1:8080'"
    ]
    assert settings_values("THIDUA_SITE_URL", THIDUA_DATA_DIR=str(tmp_path)) == ["'http://127.0.0.1:8000'"]
    given = {
        "PORT": "8080",
        "THIDUA_SITE_URL": "https://thidua.example.gov.vn",
        "THIDUA_DATA_DIR": str(tmp_path),
    }
    assert settings_values("THIDUA_SITE_URL", **given) == ["'https://thidua.example.gov.vn'"]
