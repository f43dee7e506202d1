import os
import stat
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
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


SHOW_KEY = "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"


def start_django(*, data_dir, **env) -> subprocess.Popen:
    """A process that starts Django as manage.py would, with only `env` configured; it prints the key."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("THIDUA_", "DATABASE_URL"))}
    environ |= {"DJANGO_SETTINGS_MODULE": "thidua.settings", "THIDUA_DATA_DIR": str(data_dir), **env}
    return subprocess.Popen(
        [sys.executable, "-c", SHOW_KEY],
        cwd=BASE_DIR,
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def secret_key(*, data_dir, **env) -> str:
    process = start_django(data_dir=data_dir, **env)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    return out.strip()


def repository_texts() -> list[str]:
    names = subprocess.run(
        ["git", "ls-files", "-z"], cwd=BASE_DIR, capture_output=True, check=True
    ).stdout.split(b"\0")
    return [(BASE_DIR / name.decode()).read_bytes().decode(errors="replace") for name in names if name]


@pytest.mark.parametrize("env", [{}, {"THIDUA_ENV": "production"}, {"THIDUA_DEBUG": "True"}])
def test_without_a_configured_key_one_is_generated_once_for_the_owner_only(tmp_path, env):
    key = secret_key(data_dir=tmp_path, **env)
    path = tmp_path / "secret_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text(encoding="ascii").strip() == key and len(key) >= 80
    assert secret_key(data_dir=tmp_path, **env) == key  # the next start reads the same key
    assert secret_key(data_dir=tmp_path) == key  # whatever the mode
    assert [p.name for p in tmp_path.iterdir() if "secret" in p.name] == ["secret_key"]  # no leftovers


def test_no_key_written_in_the_repository_is_ever_used(tmp_path):
    key = secret_key(data_dir=tmp_path)
    assert secret_key(data_dir=tmp_path / "another") != key  # each installation has its own
    assert not any(key in text for text in repository_texts())
    assert not any(settings.SECRET_KEY in text for text in repository_texts())  # the test run's own key too


def test_processes_starting_together_share_one_generated_key(tmp_path):
    processes = [start_django(data_dir=tmp_path) for _ in range(4)]
    keys = {process.communicate(timeout=60)[0].strip() for process in processes}
    assert len(keys) == 1 and keys != {""}
    assert keys == {(tmp_path / "secret_key").read_text(encoding="ascii").strip()}


def test_a_configured_key_wins_and_no_file_is_written(tmp_path):
    assert secret_key(data_dir=tmp_path, THIDUA_SECRET_KEY="k" * 50) == "k" * 50
    secret = tmp_path / "etc" / "thidua_key"
    secret.parent.mkdir()
    secret.write_text("f" * 60 + "\n", encoding="utf-8")
    assert secret_key(data_dir=tmp_path, THIDUA_SECRET_KEY_FILE=str(secret)) == "f" * 60
    assert not (tmp_path / "secret_key").exists()


def test_a_key_file_others_may_read_or_an_empty_one_stops_the_start(tmp_path):
    path = tmp_path / "secret_key"
    path.write_text("x" * 80, encoding="ascii")
    path.chmod(0o644)
    process = start_django(data_dir=tmp_path)
    _, err = process.communicate(timeout=60)
    assert process.returncode != 0 and f"chmod 600 {path}" in err
    path.write_text("", encoding="ascii")
    path.chmod(0o600)
    process = start_django(data_dir=tmp_path)
    _, err = process.communicate(timeout=60)
    assert process.returncode != 0 and "holds no usable secret key" in err


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


def test_the_demo_runs_with_debug_off_and_no_configuration(tmp_path):
    """`make run` needs no configuration: debug off, local hosts only, the installation's own key, Secure
    cookies (browsers keep them from http://127.0.0.1), HSTS for HTTPS responses, no redirect to HTTPS."""
    debug, hosts, key, secure, csrf, hsts, redirect, proxy, backend, outbox = settings_values(
        "DEBUG",
        "ALLOWED_HOSTS",
        "SECRET_KEY",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        "SECURE_SSL_REDIRECT",
        "SECURE_PROXY_SSL_HEADER",
        "EMAIL_BACKEND",
        "EMAIL_FILE_PATH",
        THIDUA_DATA_DIR=str(tmp_path),
    )
    assert (debug, hosts, secure, csrf, hsts) == (
        "False",
        "['127.0.0.1', 'localhost']",
        "True",
        "True",
        "31536000",
    )
    assert (redirect, proxy) == ("False", "None")
    assert key == repr((tmp_path / "secret_key").read_text(encoding="ascii").strip())
    assert backend == "'django.core.mail.backends.filebased.EmailBackend'"
    assert outbox == repr(tmp_path / "outbox")


def test_debug_on_drops_secure_cookies_and_hsts_outside_production(tmp_path):
    values = settings_values(
        "SESSION_COOKIE_SECURE", "SECURE_HSTS_SECONDS", THIDUA_DEBUG="True", THIDUA_DATA_DIR=str(tmp_path)
    )
    assert values == ["False", "0"]


def test_production_redirects_to_https_and_trusts_only_the_named_proxy_header(tmp_path):
    production = {"THIDUA_ENV": "production", "THIDUA_DATA_DIR": str(tmp_path)}
    names = (
        "SECURE_SSL_REDIRECT",
        "SECURE_PROXY_SSL_HEADER",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
    )
    assert settings_values(*names, **production) == ["True", "None", "True", "True"]
    given = production | {"THIDUA_PROXY_SSL_HEADER": "X-Forwarded-Proto", "THIDUA_HSTS_PRELOAD": "False"}
    assert settings_values(*names, **given) == [
        "True",
        "('HTTP_X_FORWARDED_PROTO', 'https')",
        "True",
        "False",
    ]
    assert settings_values("SECURE_SSL_REDIRECT", **production, THIDUA_SSL_REDIRECT="False") == ["False"]
    result = load_settings(THIDUA_PROXY_SSL_HEADER="X-Forwarded-Proto: https", THIDUA_DATA_DIR=str(tmp_path))
    assert result.returncode != 0 and "THIDUA_PROXY_SSL_HEADER must be a header name" in result.stderr


@pytest.mark.django_db
def test_with_debug_off_cookies_are_secure_and_https_responses_send_hsts(client):
    """The suite runs with the defaults (debug off, not production); the test client ignores Secure itself."""
    UserFactory(username="nhanvien")
    page = client.get(reverse("accounts:login"), secure=True)
    assert page.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert page.cookies["csrftoken"]["secure"] is True
    response = client.post(
        reverse("accounts:login"), {"username": "nhanvien", "password": PASSWORD}, secure=True
    )
    assert response.cookies["sessionid"]["secure"] is True and "_auth_user_id" in client.session
    assert "Strict-Transport-Security" not in client.get(reverse("accounts:login")).headers  # plain HTTP


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
