"""Every row of the demo's activity log reads as words: no action code, id, slug code, hash or bare amount.

The demo is built once for the module (tests/demo/conftest.py). Each row goes through the presentation the
screen uses (activity.presentation.present, in pages as the list shows them); then the list page, filtered to
each action, and the histories on a document's and a movement's pages are read as an administrator sees them.
"""

import html
import re
from collections import defaultdict

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst

from accounts.models import User
from activity.models import ActivityLog
from activity.presentation import present
from activity.views import PAGE_SIZE
from tests.demo.conftest import demo  # noqa: F401 — the module-scoped demo fixture

DOTTED = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)+$")
HASH = re.compile(r"\b[0-9a-f]{64}\b")
NUMBER = re.compile(r"^\d[\d.]*$")
UNGROUPED = re.compile(r"^\d{4,}$")
# Logged keys whose value is a number to a reader (a year, a count, an order), not an id or an amount.
NUMBERS = {
    "year",
    "number",
    "arrival_number",
    "position",
    "assignments_moved",
    "rows",
    "create",
    "update",
    "unchanged",
    "reports",
    "days_left",
    "count",
    "proposals",  # how many proposals a posting or a unit's dossier holds
    "working_days",
    "version",  # the proposal's submission number
    "unit_votes",
    # the council's counts (agenda items, proposals passed, votes, ballots) and an item's position
    "items",
    "passed",
    "votes_for",
    "required",
    "ballots",
    "item",
}
YEARS = {"year"}
MONEY = {"amount"}


def value_problem(field: str, shown: str) -> str | None:
    """What is wrong with a value as shown, or None."""
    if HASH.search(shown):
        return "hash"
    if SLUG.match(shown):
        return "code"
    if field in MONEY and not shown.endswith("đồng"):
        return "amount"
    if NUMBER.match(shown):
        if UNGROUPED.match(shown) and field not in YEARS:
            return "amount"
        if field not in NUMBERS:
            return "id"
    return None


def label_problem(field: str, label: str) -> str | None:
    """A field label is words: not the logged key, nor Django's untranslated name made from it."""
    if label in (field, capfirst(field.replace("_", " "))) and field.isascii():
        return "field"
    return None


def entry_problems(row) -> list[tuple[str, str, str, str]]:
    """(kind, action, label, value) of each thing a row shows that is not words."""
    found = []
    if DOTTED.match(row.action_label):
        found.append(("action", row.entry.action, row.action_label, ""))
    for change in row.changes:
        if problem := label_problem(change.field, change.label):
            found.append((problem, row.entry.action, change.label, change.field))
        for shown in (change.before, change.after):
            if shown is not None and (problem := value_problem(change.field, shown)):
                found.append((problem, row.entry.action, change.label, shown))
    return found


def report(problems) -> str:
    by_kind = defaultdict(list)
    for problem in problems:
        by_kind[problem[0]].append(problem[1:])
    return "\n".join(
        f"{kind}: {len(rows)} — e.g. {sorted(set(rows))[:8]}" for kind, rows in sorted(by_kind.items())
    )


@pytest.fixture
def vietnamese():
    with translation.override("vi"):
        yield


def test_every_demo_row_reads_as_words(demo, db, vietnamese):  # noqa: F811
    entries = list(ActivityLog.objects.order_by("-created_at", "-id").select_related("actor", "agency"))
    assert len(entries) > 1000
    problems = []
    for start in range(0, len(entries), PAGE_SIZE):
        for row in present(entries[start : start + PAGE_SIZE]):
            problems += entry_problems(row)
    assert not problems, report(problems)


def test_the_list_reads_as_words_for_every_action(demo, db, client):  # noqa: F811
    """The list's first page, then its first page filtered to each action the demo logged."""
    client.force_login(User.objects.get(username="admin"))
    actions = sorted(set(ActivityLog.objects.values_list("action", flat=True)))
    number_labels = _number_labels()
    problems = []
    for params in [{}, *({"action": action} for action in actions)]:
        response = client.get(reverse("activity:list"), params)
        assert response.status_code == 200
        problems += html_problems(response.content.decode(), number_labels)
    assert not problems, report(problems)


@pytest.mark.parametrize(
    ("action", "url_name"),
    [("documents.attachment.added", "documents:detail"), ("movements.movement.relayed", "movements:detail")],
)
def test_a_targets_history_reads_as_words(demo, db, client, action, url_name):  # noqa: F811
    """The history on the page of the document with an attachment, and on that of the relayed movement."""
    target = ActivityLog.objects.filter(action=action).values_list("target_id", flat=True).first()
    client.force_login(User.objects.get(username="admin"))
    response = client.get(reverse(url_name, args=[target]))

    assert response.status_code == 200
    html_text = response.content.decode()
    assert 'class="list responsive activity"' in html_text
    problems = html_problems(html_text, _number_labels())
    assert not problems, report(problems)


def _number_labels() -> tuple[set[str], set[str]]:
    """The labels under which the screen may show a number (keys in NUMBERS), and those of a year."""
    with translation.override("vi"):
        rows = present(list(ActivityLog.objects.all()))
    changes = [change for row in rows for change in row.changes]
    return (
        {change.label for change in changes if change.field in NUMBERS},
        {change.label for change in changes if change.field in YEARS},
    )


ACTION_CELL = re.compile(r'<td data-label="[^"]*" title="[^"]*">(.*?)</td>', re.S)
CHANGE = re.compile(
    r'<li><span class="change-field">(.*?)</span>: (?:<del>(.*?)</del> → )?<ins>(.*?)</ins></li>', re.S
)


def html_problems(page: str, labels: tuple[set[str], set[str]]) -> list[tuple[str, str, str, str]]:
    """The same checks on the rendered page, where only the labels tell the fields apart."""
    numbers, years = labels
    found = [("hash", "page", "", match) for match in HASH.findall(page)]
    for label in ACTION_CELL.findall(page):
        if DOTTED.match(html.unescape(label).strip()):
            found.append(("action", "page", label, ""))
    for label, *values in CHANGE.findall(page):
        label = html.unescape(label)
        for shown in map(html.unescape, values):
            if problem := _html_value_problem(label, shown, numbers, years):
                found.append((problem, "page", label, shown))
    return found


def _html_value_problem(label: str, shown: str, numbers: set[str], years: set[str]) -> str | None:
    if HASH.search(shown):
        return "hash"
    if SLUG.match(shown):
        return "code"
    if NUMBER.match(shown):
        if UNGROUPED.match(shown) and label not in years:
            return "amount"
        if label not in numbers:
            return "id"
    return None
