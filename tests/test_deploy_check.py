"""`manage.py check --deploy` reports nothing in the production configuration the README documents.

The environment is read from the README's "Production" block itself, so the test and the documentation cannot
drift apart; only the secret key file (a temporary one), the data directory and the database are local.
"""

import os
import re
import shlex
import subprocess
import sys

import pytest

from thidua.settings import BASE_DIR


def documented_production_environment() -> dict[str, str]:
    readme = (BASE_DIR / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Production", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL).group(1)
    exports = re.search(r"^export (.*?)(?:\n(?!\s)|\Z)", block, re.DOTALL | re.MULTILINE).group(1)
    words = shlex.split(exports.replace("\\\n", " "))
    return dict(word.split("=", 1) for word in words)


@pytest.fixture
def production(tmp_path) -> dict[str, str]:
    key = tmp_path / "secret_key"
    key.write_text(os.urandom(48).hex() + "\n", encoding="ascii")
    key.chmod(0o600)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("THIDUA_", "DATABASE_URL", "DJANGO_"))}
    env |= documented_production_environment()
    env |= {"THIDUA_SECRET_KEY_FILE": str(key), "THIDUA_DATA_DIR": str(tmp_path / "data")}
    env.pop("DATABASE_URL")  # the documented server is not here: the test's own database, if any
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    return env


def check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_readme_documents_a_production_environment():
    env = documented_production_environment()
    assert env["THIDUA_ENV"] == "production"
    assert env["THIDUA_PROXY_SSL_HEADER"] == "X-Forwarded-Proto"
    assert {"THIDUA_SECRET_KEY_FILE", "THIDUA_ALLOWED_HOSTS", "DATABASE_URL"} <= set(env)


def test_check_deploy_reports_nothing_in_the_documented_production_configuration(production):
    result = check_deploy(production)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output and "ERRORS" not in output
    assert "System check identified no issues (0 silenced)." in output


def test_check_deploy_would_see_a_weakened_configuration(production):
    """The test can fail: without HSTS or the redirect to HTTPS, Django's own check speaks."""
    result = check_deploy(production | {"THIDUA_HSTS_SECONDS": "0", "THIDUA_SSL_REDIRECT": "False"})
    assert result.returncode != 0
    assert "security.W004" in result.stderr and "security.W008" in result.stderr
