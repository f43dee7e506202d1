"""Benchmark: the hot pages and API calls — queries, median and p95 wall time, SQL time, Python time.

Usage: .venv/bin/python bench/pages.py [--runs 15] [--only SUBSTRING] [--label LABEL]   (`make bench-pages`)

Without DATABASE_URL: the demo in a throw-away SQLite database (a temporary THIDUA_DATA_DIR, migrated and
loaded with `manage.py load_demo`), saved as data/bench/demo.json.
With DATABASE_URL=postgres://…/NAME: that database as "province" (read only: measured inside a transaction
that is rolled back, never migrated), then the demo in NAME_demo on the same server — created, migrated and
loaded when absent — so that the province/demo ratio compares PostgreSQL with PostgreSQL.

Each page is requested in-process with django.test.Client, settings as in production (debug off,
THIDUA_ENV=production, hashed static files, the second factor confirmed), the API's rate limits off:
2 warm-ups, then --runs timed requests; one more request captures its queries, which are run again alone on a
cursor for the SQL time. Prints one table per database and, when data/bench/ holds both demo.json and
province.json, the province/demo comparison. Progress goes to stderr. Figures, not a pass/fail test.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

from bench.pagestats import comparison_table, database_name, result_table, sibling_database_url  # noqa: E402

RESULTS = ROOT / "data" / "bench"
PYTHON = sys.executable


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def base_environment(data_dir: Path, database_url: str) -> dict[str, str]:
    """The caller's environment without thidua's settings, then the data directory and the database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("THIDUA_", "DJANGO_", "DATABASE_URL"))}
    env["THIDUA_DATA_DIR"] = str(data_dir)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def production_like(env: dict[str, str]) -> dict[str, str]:
    """As served in production, for django.test.Client (host "testserver"), without the API's rate limits
    (a benchmark requests one endpoint 18 times in a row), the tasks run at once: what the task worker
    prepares for a page (who is due) is computed during its warm-ups, and its steady state is measured."""
    return env | {
        "THIDUA_TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "THIDUA_ENV": "production",
        "THIDUA_DEBUG": "False",
        "THIDUA_ALLOWED_HOSTS": "testserver",
        "THIDUA_RATE_LIMIT_API_USER": "off",
        "THIDUA_RATE_LIMIT_API_ADDRESS": "off",
        "THIDUA_LOG_LEVEL": "ERROR",
    }


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def load_demo(env: dict[str, str]) -> None:
    log("bench: migrating and loading the demo (load_demo changes nothing when it is there already)")
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "load_demo")


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database of `url` on its server when it does not exist."""
    import psycopg
    from psycopg import sql

    name = database_name(url)
    server = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            log(f"bench: creating the database {name}")
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def measure(label: str, env: dict[str, str], options) -> dict:
    env = production_like(env)
    log(f"bench [{label}]: collecting static files (hashed, as in production)")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    out = RESULTS / f"{label}.json"
    command = [PYTHON, "bench/pagebench.py", "--label", label, "--runs", str(options.runs), "--out", str(out)]
    if options.only:
        command += ["--only", options.only]
    subprocess.run(command, cwd=ROOT, env=env, check=True)
    return json.loads(out.read_text(encoding="utf-8"))


def print_result(result: dict) -> None:
    sizes = ", ".join(f"{n:,} {what}" for what, n in result["dataset"].items())
    print(f"\n{result['label']} — {result['database']}; {sizes}")
    print(f"{result['runs']} timed runs after {result['warmups']} warm-ups; as {result['accounts']}")
    print(result_table(result["pages"]))
    for note in result["notes"]:
        print(note)
    sys.stdout.flush()


def print_comparison() -> None:
    demo, province = RESULTS / "demo.json", RESULTS / "province.json"
    if not (demo.exists() and province.exists()):
        return
    demo_result, province_result = (json.loads(p.read_text(encoding="utf-8")) for p in (demo, province))
    print(f"\nprovince / demo ({province_result['database']} / {demo_result['database']}; median ms)")
    if demo_result["database"].split()[0] != province_result["database"].split()[0]:
        print("(different database engines: run with DATABASE_URL=…/province to compare like with like)")
    print(comparison_table(demo_result["pages"], province_result["pages"]))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15, help="timed requests per page (default 15)")
    parser.add_argument(
        "--only", default="", help="only the pages whose name contains this (saved over the last full run's)"
    )
    parser.add_argument(
        "--label", help='name of the result (default "demo", or "province" with DATABASE_URL)'
    )
    options = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    with tempfile.TemporaryDirectory(prefix="thidua-bench-") as scratch:
        if not url:
            env = base_environment(Path(scratch), "")
            load_demo(env)
            print_result(measure(options.label or "demo", env, options))
        else:
            print_result(measure(options.label or "province", base_environment(Path(scratch), url), options))
            demo_url = sibling_database_url(url)
            ensure_database(demo_url)
            env = base_environment(RESULTS / database_name(demo_url), demo_url)
            load_demo(env)
            print_result(measure("demo", env, options))
    print_comparison()


if __name__ == "__main__":
    main()
