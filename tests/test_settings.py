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


def test_debug_does_not_waive_the_production_secret_key(tmp_path):
    result = load_settings(THIDUA_ENV="production", THIDUA_DEBUG="True", THIDUA_DATA_DIR=str(tmp_path))
    assert result.returncode != 0 and "THIDUA_SECRET_KEY must be set in production" in result.stderr


def test_defaults_need_no_configuration():
    assert settings.LANGUAGE_CODE == "vi" and settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.AUTH_USER_MODEL == "accounts.User"
    assert settings.MIDDLEWARE[0] == "lib.requestid.RequestIdMiddleware"
