"""Each app declares its own words for the log (<app>/activity_labels.py), read when the project starts."""

import ast
import re
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.utils.translation import gettext_lazy as lazy_text  # an alias: makemessages skips it

from activity.registry import MODULE, Registry, registry

ROOT = Path(settings.BASE_DIR)


def action_names_in_the_code() -> dict[str, str]:
    """{action: file} for every dotted string "<app>.<noun>.<verb>" of a declaring app's code."""
    apps = registry.app_labels()
    name = re.compile(rf"^({'|'.join(apps)})\.[a-z_]+\.[a-z_]+$")
    found = {}
    for app in apps:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts or path.stem == MODULE:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and name.match(node.value):
                    found.setdefault(node.value, str(path.relative_to(ROOT)))
    return found


def test_every_app_that_logs_declares_its_words():
    assert {
        "organisations",
        "people",
        "accounts",
        "documents",
        "dissemination",
        "notifications",
        "movements",
        "achievements",
        "awards",
    } <= set(registry.app_labels())


def test_every_action_the_code_logs_has_a_label():
    names = action_names_in_the_code()
    assert len(names) > 60
    assert {action: path for action, path in names.items() if registry.action_label(action) is None} == {}


def test_a_module_is_read_as_plain_data():
    module = SimpleNamespace(
        ACTIONS={"shop.order.placed": lazy_text("Order placed")},
        FIELDS={"total": "total"},
        MONEY={"total"},
        HIDDEN={"sha256"},
    )
    mine = Registry()
    mine.register_module("shop", module)

    declared = mine.declarations("shop.order.placed")
    assert mine.action_label("shop.order.placed") == "Order placed"
    assert (declared.labels, declared.money, declared.hidden) == ({"total": "total"}, {"total"}, {"sha256"})
    assert mine.declarations("other.order.placed").money == set()
    assert mine.action_label("shop.order.cancelled") is None
