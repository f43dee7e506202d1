"""Excel import and export of the unit list (danh sách đơn vị) of an agency.

COLUMNS is both what the export writes and what the import reads, so an exported file imports back with every
row unchanged. A row is matched to a unit by its symbol within the chosen agency; the parent is given by its
symbol and may be a unit created by the same file. `plan_units` checks a file and says, row by row, what would
change; `apply_units` carries out a plan without errors through the domain functions, in one transaction,
parents before children.
"""

from django.utils.translation import gettext as _

from lib.xlsx import (
    CHOICE,
    CREATE,
    DATE,
    UPDATE,
    Column,
    Plan,
    PlanRow,
    apply_atomically,
    changes_between,
    start_plan,
    write_sheet,
)
from organisations.scope import scope_for

from . import domain
from .access import agencies_for_user, units_for_user
from .models import Unit, UnitKind, build_tree
from .signals import announce

KIND_LABELS = {
    UnitKind.LEADERSHIP: "Lãnh đạo",
    UnitKind.OFFICE: "Văn phòng",
    UnitKind.INSPECTORATE: "Thanh tra",
    UnitKind.DIVISION: "Phòng chuyên môn",
    UnitKind.AFFILIATE: "Đơn vị trực thuộc",
    UnitKind.BRANCH: "Chi nhánh",
    UnitKind.OTHER: "Khác",
}
COLUMNS = (
    Column("symbol", "Ký hiệu", required=True, width=12),
    Column("name", "Tên đơn vị", required=True, width=40),
    Column(
        "kind",
        "Loại",
        kind=CHOICE,
        width=20,
        choices=tuple((value, KIND_LABELS[value], label) for value, label in UnitKind.choices),
    ),
    Column("parent", "Đơn vị cấp trên", width=16),
    Column("valid_from", "Hiệu lực từ", kind=DATE, width=13),
    Column("valid_to", "Hiệu lực đến", kind=DATE, width=13),
)
FIELD_KEYS = ("name", "kind", "parent", "valid_from", "valid_to")
SHEET_TITLE = "Đơn vị"


def import_agencies(user):
    """The agencies in force whose units the user may import: those she manages (secretariat, admins)."""
    scope = scope_for(user)
    agencies = agencies_for_user(user).active()
    return agencies if scope.installation_admin else agencies.filter(pk__in=scope.manage_agencies)


# --- export ------------------------------------------------------------------------------------------


def _tree_order(units) -> list:
    """Units with every parent before its children (siblings keep their order)."""
    ordered, stack = [], list(reversed(build_tree(units)))
    while stack:
        node = stack.pop()
        ordered.append(node["unit"])
        stack.extend(reversed(node["children"]))
    return ordered


def export_record(unit, symbols: dict) -> dict:
    return {
        "symbol": unit.symbol,
        "name": unit.name,
        "kind": unit.kind,
        "parent": symbols.get(unit.parent_id, ""),
        "valid_from": unit.valid_from,
        "valid_to": unit.valid_to,
    }


def export_units(units) -> bytes:
    """The .xlsx of `units` (a queryset), parents before children."""
    units = list(units)
    symbols = {u.pk: u.symbol for u in units}
    return write_sheet(COLUMNS, (export_record(u, symbols) for u in _tree_order(units)), title=SHEET_TITLE)


def blank_template() -> bytes:
    return write_sheet(COLUMNS, [], title=SHEET_TITLE)


# --- plan --------------------------------------------------------------------------------------------


def plan_units(data: bytes, *, user, agency) -> Plan:
    """Check an uploaded unit list against `agency`; nothing is written."""
    plan, sheet = start_plan(data, COLUMNS)
    if sheet is None:
        return plan
    existing = {u.symbol: u for u in units_for_user(user).filter(agency=agency)}
    symbols = {u.pk: symbol for symbol, u in existing.items()}
    parents = {symbol: symbols.get(u.parent_id, "") for symbol, u in existing.items()}
    plan.rows = _read_rows(sheet, parents)
    for row in plan.rows:
        if row.key and not row.data.get("duplicate"):
            unit = existing.get(row.key)
            _plan_row(sheet, row, unit, parents, agency, export_record(unit, symbols) if unit else {})
        row.order_errors()
    return plan


def _read_rows(sheet, parents: dict) -> list[PlanRow]:
    """The rows of the file; `parents` (symbol → parent symbol) is updated with what the file says."""
    seen, rows = {}, []
    for number, cells in sheet.rows:
        values, errors = sheet.values(number, cells)
        symbol = values.get("symbol", "").upper()
        if "parent" in values:
            values["parent"] = values["parent"].upper()
        row = PlanRow(
            row=number, key=symbol, label=values.get("name", ""), errors=errors, data={"values": values}
        )
        if symbol in seen:
            row.data["duplicate"] = True
            message = _("The symbol %(symbol)s is already used in row %(row)s of the file.")
            sheet.flag(row, "symbol", message, symbol=symbol, row=seen[symbol])
        elif symbol:
            seen[symbol] = number
            parents[symbol] = values.get("parent", parents.get(symbol, ""))
        rows.append(row)
    return rows


def _ancestry_error(symbol: str, parents: dict) -> str | None:
    """Why the parent of `symbol` is wrong (unknown, or a loop), or None."""
    parent = parents.get(symbol)
    if parent and parent not in parents:
        message = _("There is no unit with the symbol “%(parent)s” in this agency or in the file.")
        return message % {"parent": parent}
    node, visited = parent, {symbol}
    while node:
        if node == symbol:
            return _("The parent unit “%(parent)s” would place this unit under itself.") % {"parent": parent}
        if node in visited:
            return _("The units above “%(parent)s” form a loop.") % {"parent": parent}
        visited.add(node)
        node = parents.get(node)
    return None


def _depth(symbol: str, parents: dict) -> int:
    depth, node = 0, symbol
    while node := parents.get(node):
        depth += 1
    return depth


def _plan_row(sheet, row: PlanRow, unit: Unit | None, parents: dict, agency, old: dict) -> None:
    values = row.data["values"]
    if problem := _ancestry_error(row.key, parents):
        sheet.flag(row, "parent", problem)
    if row.errors:
        return
    new = {k: values[k] for k in FIELD_KEYS if k in values}
    if not new.get("kind"):
        new.pop("kind", None)
        if unit is None:
            new["kind"] = UnitKind.DIVISION
    _validate(sheet, row, unit, agency, new)
    if unit is None:
        shown = {"symbol": row.key} | {k: v for k, v in new.items() if v not in (None, "")}
        row.action, row.changes = CREATE, changes_between(COLUMNS, {}, shown)
    else:
        new = {k: v for k, v in new.items() if old.get(k) != v}
        row.action = UPDATE if new else row.action
        row.changes = changes_between(COLUMNS, old, new)
    row.data |= {"fields": new, "depth": _depth(row.key, parents)}


def _validate(sheet, row: PlanRow, unit: Unit | None, agency, new: dict) -> None:
    """The model's own checks (lengths, dates in order…) on a parentless copy: Unit.clean() would otherwise
    walk the parents with a query per level and row (the file's parents are checked by _ancestry_error)."""
    candidate = Unit(agency=agency, symbol=row.key)
    if unit is not None:
        candidate = Unit(
            agency=agency,
            symbol=unit.symbol,
            name=unit.name,
            kind=unit.kind,
            valid_from=unit.valid_from,
            valid_to=unit.valid_to,
        )
    for name, value in new.items():
        if name != "parent":
            setattr(candidate, name, value)
    sheet.check_model(row, candidate, exclude=["agency", "parent", "successor"])


# --- apply -------------------------------------------------------------------------------------------


def apply_units(plan: Plan, *, user, agency) -> dict:
    """Carry out a plan without errors, all or nothing, parents first; returns the counts by action."""

    def work():
        units = {u.symbol: u for u in units_for_user(user).filter(agency=agency)}
        for row in sorted(plan.rows, key=lambda r: (r.data["depth"], r.row)):
            _apply_row(row, units, user=user, agency=agency)
        announce(
            actor=user,
            action="organisations.import.applied",
            agency=agency,
            after=plan.counts | {"rows": len(plan.rows)},
            extra={"sha256": plan.checksum},
        )

    return apply_atomically(plan, work)


def _apply_row(row: PlanRow, units: dict, *, user, agency) -> None:
    if row.action not in (CREATE, UPDATE):
        return
    fields = dict(row.data["fields"])
    if "parent" in fields:
        fields["parent"] = units[fields["parent"]] if fields["parent"] else None
    if row.action == CREATE:
        units[row.key] = domain.create_unit(actor=user, agency=agency, fields={"symbol": row.key} | fields)
    else:
        domain.update_unit(actor=user, unit=units[row.key], fields=fields)
