"""Showing activity log rows to people: action names and changed fields in words, values as displayed.

The log stores codes (dotted action names, keys, choice values, ids and codes of objects, amounts, ISO dates);
this module turns them into what a civil servant reads, with what each app declared in its
activity_labels.py (activity/registry.py) and what the models say (activity/fields.py). `present` shows a
page of rows and loads the objects they name with one query per kind of object, whatever the number of rows.
An action without a label is shown by its code.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from lib.vnmoney import format_vnd

from .fields import FILE_SIZE, HIDDEN, MONEY, YEAR, LoggedField, logged_field
from .registry import registry

DELETED = _("(deleted)")


class _Shown(NamedTuple):
    label: str
    before: str | None  # None: the value is new
    after: str


class Change(_Shown):
    """(label, value before, value after) as the screen shows them; `field` is the logged key."""

    field: str


@dataclass
class PresentedEntry:
    entry: object
    action_label: str
    changes: list[Change]


def action_label(action: str) -> str:
    return registry.action_label(action) or action


def field_label(name: str, action: str = "") -> str:
    return _label(logged_field(action, name))


def display_value(name: str, value, action: str = "") -> str:
    """One value as shown (loading the object it names, if any: for a page, use `present`)."""
    field = logged_field(action, name)
    return _shown(field, value, _load([(field, None, value)]))


def describe_changes(entry) -> list[Change]:
    """[(field label, value before or None for a new value, value after)] of an activity row."""
    return present([entry])[0].changes


def present(entries) -> list[PresentedEntry]:
    """The rows as the log shows them; the objects they name are loaded in one query per model."""
    logged = [(entry, _logged_changes(entry)) for entry in entries]
    names = _load([change for _entry, changes in logged for change in changes])
    return [
        PresentedEntry(entry, action_label(entry.action), [_change(*change, names) for change in changes])
        for entry, changes in logged
    ]


def _logged_changes(entry) -> list[tuple[LoggedField, object, object]]:
    """The changed keys worth showing: not empty new values, not hidden ones, not ids logged beside a name."""
    keys = {*(entry.data.get("before") or {}), *(entry.data.get("after") or {})}
    rows = []
    for name, before, after in entry.changes:
        if before is None and after in ("", None):
            continue
        field = logged_field(entry.action, name, entry.target_type_id)
        if field.kind != HIDDEN and field.named_by not in keys:
            rows.append((field, before, after))
    return rows


def _label(field: LoggedField) -> str:
    return capfirst(str(field.label)) if field.label is not None else field.name


def _change(field: LoggedField, before, after, names: dict) -> Change:
    shown_before = None if before is None else _shown(field, before, names)
    change = Change(_label(field), shown_before, _shown(field, after, names))
    change.field = field.name
    return change


def _load(changes) -> dict:
    """{reference: {key: name}} of the objects the changes name, one query per reference."""
    wanted = defaultdict(set)
    for field, before, after in changes:
        if field.reference is None:
            continue
        for value in (*_items(before), *_items(after)):
            key = field.reference.key(value)
            if key is not None:
                wanted[field.reference].add(key)
    return {reference: reference.names(keys) for reference, keys in wanted.items()}


def _items(value) -> list:
    if isinstance(value, list | tuple):
        return list(value)
    return [] if value in (None, "") or isinstance(value, bool | dict) else [value]


def _shown(field: LoggedField, value, names: dict) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, list | tuple):
        return "; ".join(_shown(field, item, names) for item in value) or "—"
    if isinstance(value, dict):
        return ", ".join(f"{key}: {item}" for key, item in value.items())
    if field.words is not None:
        return str(field.words(value))
    if field.kind in (MONEY, FILE_SIZE):
        return _money(value) if field.kind == MONEY else filesizeformat(value)
    named = _named(field, value, names)
    if named is not None:
        return named
    if value in field.choices:
        return str(field.choices[value])
    return _plain(field, value)


def _named(field: LoggedField, value, names: dict) -> str | None:
    """The name of the object a value names; None when it names none (a name or a code logged instead)."""
    key = None if field.reference is None else field.reference.key(value)
    if key is None:
        return None
    name = names.get(field.reference, {}).get(key)
    if name is None and isinstance(value, int):
        return str(DELETED)
    return name


def _plain(field: LoggedField, value) -> str:
    if isinstance(value, int) and field.kind != YEAR:
        return number_format(value, force_grouping=True)
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        return _iso_date_or_time(value)
    return str(value)


def _money(value) -> str:
    try:
        return format_vnd(int(value))
    except (TypeError, ValueError):
        return str(value)


def _iso_date_or_time(value: str) -> str:
    """'2021-02-08' → 08/02/2021; '2026-11-24T09:06:53.249Z' → 16:06 24/11/2026 (local time)."""
    try:
        if len(value) == 10:
            return date_format(dt.date.fromisoformat(value), "SHORT_DATE_FORMAT")
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return date_format(moment, "SHORT_DATETIME_FORMAT")
