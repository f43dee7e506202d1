"""Load test: N users (default 100) at once against a thidua already running on this machine (`make serve`).

Usage: .venv/bin/python bench/load.py [--port 8000] [--users 100] [--duration 60] [--requests N]
                                      [--user secretariat-1] [--password thidua2026] [--scheme https]
                                                                                        (`make bench-load`)

Each user is a thread with its own cookies that signs in through the real login form (its CSRF token
included), then — until --duration seconds have passed or --requests requests were sent in all — asks in turn
for the people list (a random page), a person page (of the people it has seen) and a document search (a
random word). Logins are not timed. Prints requests per second, p50/p95/max latency per kind and in all, and
the errors by status. Standard library only; it sends traffic to loopback addresses only.

The server must be started for it (README "Benchmarks"): every user signs in from 127.0.0.1, more often than
the login rate limit allows, and the second factor cannot be typed by a script —
  THIDUA_RATE_LIMIT_LOGIN_ADDRESS=off THIDUA_REQUIRE_2FA=False
with THIDUA_PROXY_SSL_HEADER=X-Forwarded-Proto (as in production: this script speaks as the HTTPS proxy,
--scheme https) or THIDUA_SSL_REDIRECT=False (--scheme http). Logins succeed, so django-axes locks nothing;
a wrong password stops the script at the first user, before 100 failures could lock the account.
"""

import argparse
import http.client
import ipaddress
import random
import re
import socket
import sys
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

from bench.pagestats import percentile, render_table  # noqa: E402

LOGIN_PATH, PEOPLE_PATH, DOCUMENTS_PATH = "/accounts/login/", "/app/people/", "/app/documents/"
SEARCH_WORDS = (
    "phong trào thi đua",
    "khen thưởng",
    "kế hoạch",
    "báo cáo",
    "tập huấn",
    "sáng kiến",
    "tổng kết",
)
PEOPLE_PAGES = 20  # the people list's page is drawn from 1…20 (a page past the end shows the last)
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken"\s+value="([^"]+)"')
PERSON_LINK = re.compile(r'href="/app/people/(\d+)/"')
KINDS = ("people list", "person page", "document search")


class LoginFailed(Exception):
    pass


def is_loopback(host: str) -> bool:
    """Only this machine is ever a target."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def csrf_token(html: str) -> str:
    match = CSRF_FIELD.search(html)
    if match is None:
        raise LoginFailed("the login page has no CSRF token")
    return match.group(1)


def person_ids(html: str) -> set[int]:
    return {int(pk) for pk in PERSON_LINK.findall(html)}


@dataclass
class Stats:
    """Latencies (seconds) by kind of request and errors by status, shared by the threads."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, seconds: float, status: int | str) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            if status != 200:
                self.errors[str(status)] += 1

    @property
    def count(self) -> int:
        return sum(len(values) for values in self.latencies.values())


def report(stats: Stats, seconds: float, kinds: tuple[str, ...] = KINDS) -> str:
    """The table: requests, requests per second and latencies (ms) per kind and in all; then the errors."""

    def row(name: str, values: list[float]) -> tuple[str, ...]:
        if not values:
            return (name, "0", "0.0", "—", "—", "—")
        ms = [value * 1000 for value in values]
        return (
            name,
            str(len(values)),
            f"{len(values) / seconds:.1f}",
            f"{percentile(ms, 0.5):.0f}",
            f"{percentile(ms, 0.95):.0f}",
            f"{max(ms):.0f}",
        )

    everything = [value for values in stats.latencies.values() for value in values]
    rows = [row(kind, stats.latencies[kind]) for kind in kinds] + [row("all", everything)]
    table = render_table(rows, ("request", "count", "req/s", "p50 ms", "p95 ms", "max ms"))
    errors = ", ".join(f"{status}: {n}" for status, n in sorted(stats.errors.items())) or "none"
    return f"{table}\nerrors by status: {errors}"


class Browser:
    """One user: a keep-alive connection (reopened when the server closes it) and its cookies."""

    def __init__(self, host: str, port: int, scheme: str, timeout: float):
        self.host, self.port, self.scheme, self.timeout = host, port, scheme, timeout
        self.origin = f"{scheme}://{host}:{port}"
        self.cookies: dict[str, str] = {}
        self.connection: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, str, str]:
        """(status, body, Location) of one request; the connection is opened again after an error."""
        headers = {"X-Forwarded-Proto": self.scheme, "Referer": self.origin + LOGIN_PATH}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body).encode()
            headers |= {"Content-Type": "application/x-www-form-urlencoded", "Origin": self.origin}
        if self.connection is None:
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            self.connection.request(method, path, body=data, headers=headers)
            response = self.connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = None
            raise
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, text, response.headers.get("Location", "")

    def log_in(self, username: str, password: str) -> None:
        status, html, _ = self.request("GET", LOGIN_PATH)
        if status != 200:
            raise LoginFailed(f"the login page answered {status}")
        form = {
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": csrf_token(html),
            "next": "",
        }
        status, html, location = self.request("POST", LOGIN_PATH, form)
        if status == 429:
            raise LoginFailed("429 at login: start the server with THIDUA_RATE_LIMIT_LOGIN_ADDRESS=off")
        if status != 302:
            raise LoginFailed(f"login answered {status} (wrong username or password, or CSRF refused)")
        if "two-factor" in location:
            raise LoginFailed("the server asks for a second factor: start it with THIDUA_REQUIRE_2FA=False")


@dataclass
class Plan:
    deadline: float
    max_requests: int | None
    sent: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self) -> bool:
        """May one more request be sent? (the duration and the request count are both bounds)"""
        if time.monotonic() >= self.deadline:
            return False
        with self.lock:
            if self.max_requests is not None and self.sent >= self.max_requests:
                return False
            self.sent += 1
            return True


def work(browser: Browser, plan: Plan, stats: Stats, rng: random.Random) -> None:
    people: set[int] = set()
    turn = 0
    while plan.take():
        kind = KINDS[turn % len(KINDS)] if people or turn % len(KINDS) != 1 else KINDS[0]
        turn += 1
        if kind == "people list":
            path = f"{PEOPLE_PATH}?page={rng.randint(1, PEOPLE_PAGES)}"
        elif kind == "person page":
            path = f"{PEOPLE_PATH}{rng.choice(sorted(people))}/"
        else:
            path = f"{DOCUMENTS_PATH}?{urlencode({'q': rng.choice(SEARCH_WORDS)})}"
        started = time.perf_counter()
        try:
            status, html, _ = browser.request("GET", path)
        except (OSError, http.client.HTTPException) as error:
            status, html = ("timeout" if isinstance(error, socket.timeout) else "connection error"), ""
        stats.record(kind, time.perf_counter() - started, status)
        if kind == "people list":
            people |= person_ids(html)


def run(options) -> int:
    browsers = [
        Browser(options.host, options.port, options.scheme, options.timeout) for _ in range(options.users)
    ]
    print(f"load: {options.users} users sign in as {options.user} on {browsers[0].origin}", file=sys.stderr)
    try:
        browsers[0].log_in(options.user, options.password)  # a wrong password fails once, not 100 times
        sign_in_all(browsers[1:], options)
    except (LoginFailed, OSError) as error:
        print(f"load: {error}", file=sys.stderr)
        return 1
    stats, started = Stats(), time.monotonic()
    plan = Plan(deadline=started + options.duration, max_requests=options.requests)
    threads = [
        threading.Thread(target=work, args=(browser, plan, stats, random.Random(n)), daemon=True)
        for n, browser in enumerate(browsers)
    ]
    print(f"load: {options.users} users for at most {options.duration:g} s", file=sys.stderr)
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=options.duration + options.timeout + 10)
    seconds = time.monotonic() - started
    rate = stats.count / seconds
    print(f"{stats.count} requests in {seconds:.1f} s by {options.users} users: {rate:.1f} req/s")
    print(report(stats, seconds))
    return 0


def sign_in_all(browsers: list[Browser], options) -> None:
    """Sign the users in, 10 at a time (the password hash is slow on purpose)."""
    failures: list[Exception] = []

    def sign_in(group):
        for browser in group:
            try:
                browser.log_in(options.user, options.password)
            except (LoginFailed, OSError) as error:
                failures.append(error)
                return

    groups = [browsers[n::10] for n in range(10)]
    threads = [threading.Thread(target=sign_in, args=(group,)) for group in groups]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise LoginFailed(f"{len(failures)} sign-in failures, the first: {failures[0]}")


def load_options(doc: str, *, who: str, duration: float, extra=None) -> argparse.Namespace:
    """The options of a load script (this one, bench/portal_load.py): the target on this machine, how many
    concurrent `who` (--users, --clients) for how long; `extra(parser)` adds the script's own."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1", help="a loopback address (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument(f"--{who}", type=int, default=100, help=f"concurrent {who} (default 100)")
    parser.add_argument(
        "--duration", type=float, default=duration, help=f"seconds of load (default {duration:g})"
    )
    parser.add_argument("--requests", type=int, help="stop after this many requests in all")
    parser.add_argument("--scheme", choices=("https", "http"), default="https", help="X-Forwarded-Proto sent")
    parser.add_argument("--timeout", type=float, default=60, help="seconds to wait for one response")
    if extra:
        extra(parser)
    options = parser.parse_args()
    host = urlsplit(f"//{options.host}").hostname or options.host
    if not is_loopback(host):
        parser.error(f"{options.host} is not a loopback address: the load test targets this machine only")
    if not (1 <= getattr(options, who) <= 1000 and 0 < options.duration <= 3600):
        parser.error(f"--{who} must be 1…1000 and --duration 0…3600 seconds")
    return options


def _account_options(parser) -> None:
    parser.add_argument("--user", default="secretariat-1", help="the account every user signs in as")
    parser.add_argument("--password", default="thidua2026")


def main() -> int:
    return run(load_options(__doc__, who="users", duration=60, extra=_account_options))


if __name__ == "__main__":
    sys.exit(main())
