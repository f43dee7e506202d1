"""Excel import and export of the staff list (danh sách cán bộ) of an agency, and of its collectives' annual
quality ratings (xếp loại chất lượng tập thể; at the end of this module).

COLUMNS is both what the export writes and what the import reads, so an exported file imports back with every
row unchanged. A row is matched to a person by staff code within the chosen agency. `plan_people` checks a
file and says, row by row, what would change; `apply_people` carries out a plan without errors through the
domain functions, in one transaction.
"""

import copy

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.domain import log_action
from lib.xlsx import (
    BOOL,
    CHOICE,
    CREATE,
    DATE,
    UPDATE,
    Change,
    Column,
    Plan,
    PlanRow,
    apply_atomically,
    changes_between,
    start_plan,
    write_sheet,
)
from organisations.access import agencies_for_user, units_for_user
from organisations.scope import scope_for

from . import domain
from .access import can_add_person_to_unit, can_rate_unit, editable_people
from .ethnicities import ETHNICITIES, MAJORITY
from .forms import FIRST_RATING_YEAR
from .models import Assignment, Gender, Person, Rating, StaffCategory, UnitQualityRating


def _choices(choices, file_labels: dict) -> tuple:
    """(value, label in the file, value's interface label) for each choice of a TextChoices."""
    return tuple((value, file_labels[value], label) for value, label in choices.choices)


COLUMNS = (
    Column("staff_code", "Mã cán bộ", required=True, width=14),
    Column("family_name", "Họ", required=True, width=12),
    Column("middle_name", "Tên đệm", width=14),
    Column("given_name", "Tên", required=True, width=10),
    Column(
        "gender",
        "Giới tính",
        kind=CHOICE,
        required=True,
        width=10,
        choices=_choices(Gender, {Gender.MALE: "Nam", Gender.FEMALE: "Nữ"}),
    ),
    Column("date_of_birth", "Ngày sinh", kind=DATE, width=12),
    Column(
        "ethnicity", "Dân tộc", kind=CHOICE, choices=tuple((name, name) for name in ETHNICITIES), width=12
    ),
    Column(
        "staff_category",
        "Loại cán bộ",
        kind=CHOICE,
        width=16,
        choices=_choices(
            StaffCategory,
            {
                StaffCategory.CIVIL_SERVANT: "Công chức",
                StaffCategory.PUBLIC_EMPLOYEE: "Viên chức",
                StaffCategory.WORKER: "Người lao động",
                StaffCategory.CONTRACT: "Hợp đồng",
            },
        ),
    ),
    Column("unit", "Đơn vị", required=True, width=10),
    Column("position", "Chức vụ", width=22),
    Column("is_leadership", "Lãnh đạo", kind=BOOL, width=10),
    Column("start_date", "Ngày bắt đầu", kind=DATE, width=13),
    Column("email", "Email", width=26),
    Column("phone", "Điện thoại", width=14),
)
PERSON_KEYS = tuple(name for name in domain.PERSON_FIELDS if name != "staff_code")
POST_KEYS = ("unit", "position", "is_leadership")
# An empty cell in these columns means the default for a new person and "no change" for an existing one.
DEFAULTS = {"ethnicity": MAJORITY, "staff_category": StaffCategory.CIVIL_SERVANT}
SHEET_TITLE = "Cán bộ"
CHUNK = 500


def import_agencies(user):
    """The agencies in force into which the user may import people: managed ones, or those of her units.
    A merged (closed) agency takes no new data: its history lives on in its successor."""
    scope = scope_for(user)
    agencies = agencies_for_user(user).active()
    if scope.installation_admin:
        return agencies
    edited = units_for_user(user).filter(pk__in=scope.edit_units).values("agency_id")
    return agencies.filter(Q(pk__in=scope.manage_agencies) | Q(pk__in=edited))


# --- export ------------------------------------------------------------------------------------------


def export_record(person) -> dict:
    post = person.current_assignment
    record = {"staff_code": person.staff_code} | {key: getattr(person, key) for key in PERSON_KEYS}
    if post is not None:
        record |= {
            "unit": post.unit.symbol,
            "position": post.position,
            "is_leadership": post.is_leadership,
            "start_date": post.start_date,
        }
    return record


def export_people(people) -> bytes:
    """The .xlsx of `people` (a queryset with with_current_assignments())."""
    return write_sheet(COLUMNS, (export_record(p) for p in people), title=SHEET_TITLE)


def blank_template() -> bytes:
    return write_sheet(COLUMNS, [], title=SHEET_TITLE)


# --- plan --------------------------------------------------------------------------------------------


class _Context:
    """What every row is checked against: the units the user may add people to, the existing people of the
    file's staff codes and which of them the user may change (a few queries per 500 rows, not per row)."""

    def __init__(self, *, user, agency, sheet):
        self.user, self.agency, self.sheet = user, agency, sheet
        units = units_for_user(user).filter(agency=agency).select_related("agency")
        self.units = {u.symbol: u for u in units if can_add_person_to_unit(user, u)}
        codes = list(
            {sheet.column("staff_code").to_python(sheet.raw(c, "staff_code")) for _n, c in sheet.rows}
        )
        self.people, self.editable = {}, set()
        for start in range(0, len(codes), CHUNK):
            found = Person.objects.filter(agency=agency, staff_code__in=codes[start : start + CHUNK])
            self.people |= {
                p.staff_code: p for p in found.select_related("agency").with_current_assignments()
            }
            self.editable |= set(editable_people(user, found).values_list("pk", flat=True))
        self.seen: dict[str, int] = {}


def plan_people(data: bytes, *, user, agency) -> Plan:
    """Check an uploaded staff list against `agency`; nothing is written."""
    plan, sheet = start_plan(data, COLUMNS)
    if sheet is None:
        return plan
    context = _Context(user=user, agency=agency, sheet=sheet)
    plan.rows = [_plan_row(context, number, cells) for number, cells in sheet.rows]
    return plan


def _plan_row(ctx: _Context, number: int, cells) -> PlanRow:
    sheet = ctx.sheet
    values, errors = sheet.values(number, cells)
    code = values.get("staff_code", "")
    name = " ".join(values.get(k, "") for k in ("family_name", "middle_name", "given_name") if values.get(k))
    row = PlanRow(row=number, key=code, label=name, errors=errors)
    if code in ctx.seen:
        message = _("The staff code %(code)s is already used in row %(row)s of the file.")
        sheet.flag(row, "staff_code", message, code=code, row=ctx.seen[code])
    elif code:
        ctx.seen[code] = number
    if "unit" in values:
        values["unit"] = _unit(ctx, row, values["unit"])
    person = ctx.people.get(code)
    if person is not None and person.pk not in ctx.editable:
        message = _("The staff code %(code)s belongs to a person whose record you may not change.")
        sheet.flag(row, "staff_code", message, code=code)
    elif person is None:
        _plan_create(ctx, row, values)
    else:
        _plan_update(ctx, row, values, person)
    row.order_errors()
    return row


def _unit(ctx: _Context, row: PlanRow, symbol: str):
    unit = ctx.units.get(symbol.upper())
    if unit is None:
        message = _(
            "There is no unit with the symbol “%(symbol)s” in %(agency)s to which you may add people."
        )
        ctx.sheet.flag(row, "unit", message, symbol=symbol, agency=ctx.agency)
    return unit


def _plan_create(ctx: _Context, row: PlanRow, values: dict) -> None:
    fields = {"staff_code": row.key} | {k: values[k] for k in PERSON_KEYS if k in values}
    fields |= {k: default for k, default in DEFAULTS.items() if not fields.get(k)}
    post = {
        "unit": values.get("unit"),
        "position": values.get("position", ""),
        "is_leadership": values.get("is_leadership", False),
        "start_date": values.get("start_date"),
    }
    if post["start_date"] is None and "start_date" not in row.erroneous_keys():
        ctx.sheet.flag(row, "start_date", _("A new person needs the start date of the post."))
    _validate(ctx, row, Person(agency=ctx.agency, **fields), post)
    row.action = CREATE
    new = {k: v for k, v in (fields | post).items() if v not in (None, "")}
    row.changes = changes_between(COLUMNS, {}, _symbols(new))
    row.data = {"fields": fields, "post": post}


def _plan_update(ctx: _Context, row: PlanRow, values: dict, person: Person) -> None:
    fields = {k: values[k] for k in PERSON_KEYS if k in values and not (k in DEFAULTS and not values[k])}
    fields = {k: v for k, v in fields.items() if getattr(person, k) != v}
    current = person.current_assignment
    now = {
        "unit": getattr(current, "unit", None),
        "position": getattr(current, "position", ""),
        "is_leadership": getattr(current, "is_leadership", False),
    }
    post = {k: values[k] for k in POST_KEYS if values.get(k) is not None and values[k] != now[k]}
    start = values.get("start_date")
    if post:
        post = now | post | {"start_date": start}
        _check_new_post_start(ctx, row, current, start)
    elif start and current and start != current.start_date and "unit" not in row.erroneous_keys():
        message = _(
            "The start date changes only with the unit, the position or the leadership post; "
            "to correct the current post, edit it on the person's page."
        )
        ctx.sheet.flag(row, "start_date", message)
    _validate(ctx, row, _with(person, fields), post or None)
    old = {k: getattr(person, k) for k in PERSON_KEYS} | now
    new = fields | {k: post[k] for k in POST_KEYS if k in post and post[k] != now[k]}
    row.changes = changes_between(COLUMNS, _symbols(old), _symbols(new))
    if post:
        column = ctx.sheet.column("start_date")
        was = column.display(getattr(current, "start_date", None))
        row.changes.append(Change(column.header, was, column.display(start)))
    row.action = UPDATE if fields or post else row.action
    row.data = {"person": person, "fields": fields, "post": post or None}


def _check_new_post_start(ctx: _Context, row: PlanRow, current, start) -> None:
    if "start_date" in row.erroneous_keys():
        return
    if start is None:
        message = _("The unit, position or leadership post changes: give the start date of the new post.")
        ctx.sheet.flag(row, "start_date", message)
    elif current is not None and start <= current.start_date:
        message = _("The new post must start after the current one, which started on %(date)s.")
        ctx.sheet.flag(row, "start_date", message, date=current.start_date.strftime("%d/%m/%Y"))


def _symbols(values: dict) -> dict:
    """The values with the unit as its symbol, as the file writes it."""
    unit = values.get("unit")
    return values | {"unit": unit.symbol} if unit is not None else values


def _with(person: Person, fields: dict) -> Person:
    changed = copy.copy(person)
    for name, value in fields.items():
        setattr(changed, name, value)
    return changed


def _validate(ctx: _Context, row: PlanRow, person: Person, post: dict | None) -> None:
    """The model's own checks (lengths, e-mail, date of birth…), reported on the cells they concern."""
    ctx.sheet.check_model(row, person, exclude=["agency"])
    if post is not None:
        assignment = Assignment(
            unit=post["unit"],
            position=post["position"],
            is_leadership=post["is_leadership"],
            start_date=post["start_date"],
        )
        exclude = ["person", "unit"] + ([] if post["start_date"] else ["start_date"])
        ctx.sheet.check_model(row, assignment, exclude=exclude)


# --- apply -------------------------------------------------------------------------------------------


def apply_people(plan: Plan, *, user, agency) -> dict:
    """Carry out a plan without errors, all or nothing; returns the counts by action."""

    def work():
        for row in plan.rows:
            _apply_row(row, user=user, agency=agency)
        log_action(
            actor=user,
            action="people.import.applied",
            agency=agency,
            after=plan.counts | {"rows": len(plan.rows)},
            extra={"sha256": plan.checksum},
        )

    return apply_atomically(plan, work)


def _apply_row(row: PlanRow, *, user, agency) -> None:
    data = row.data
    if row.action == CREATE:
        post = data["post"]
        domain.create_person(
            actor=user,
            agency=agency,
            unit=post["unit"],
            fields=data["fields"],
            position=post["position"],
            is_leadership=post["is_leadership"],
            start_date=post["start_date"],
        )
    elif row.action == UPDATE:
        person = data["person"]
        if data["fields"]:
            domain.update_person(actor=user, person=person, fields=data["fields"])
        if post := data["post"]:
            domain.transfer_person(
                actor=user,
                person=person,
                unit=post["unit"],
                position=post["position"],
                start_date=post["start_date"],
                is_leadership=post["is_leadership"],
            )


# --- the collectives' annual ratings ------------------------------------------------------------------------
# One row per unit and year, the unit named by its symbol in the chosen agency (as in the staff list); a known
# unit and year corrects that year's rating. Levels are written in words; the short codes are accepted too.

RATING_LABELS = {
    Rating.EXCELLENT: ("Hoàn thành xuất sắc nhiệm vụ", "HTXSNV"),
    Rating.GOOD: ("Hoàn thành tốt nhiệm vụ", "HTTNV"),
    Rating.COMPLETED: ("Hoàn thành nhiệm vụ", "HTNV"),
    Rating.NOT_COMPLETED: ("Không hoàn thành nhiệm vụ", "KHTNV"),
}
RATING_COLUMNS = (
    Column("unit", "Đơn vị", required=True, width=10),
    Column("unit_name", "Tên đơn vị", width=36),  # for the reader: the import goes by the symbol
    Column("year", "Năm", required=True, width=8),
    Column(
        "rating",
        "Xếp loại",
        kind=CHOICE,
        required=True,
        width=30,
        choices=tuple((value, *RATING_LABELS[value], label) for value, label in Rating.choices),
    ),
    Column("note", "Ghi chú", width=40),
)
RATING_SHEET_TITLE = "Xếp loại tập thể"


def unit_rating_agencies(user):
    """The agencies whose units' ratings the user may import: those she manages (merged ones included: their
    units' past ratings are history), or those of the units where she is the emulation officer."""
    scope = scope_for(user)
    agencies = agencies_for_user(user).order_by("name", "pk")
    if scope.installation_admin:
        return agencies
    edited = units_for_user(user).filter(pk__in=scope.edit_units).values("agency_id")
    return agencies.filter(Q(pk__in=scope.manage_agencies) | Q(pk__in=edited))


def export_unit_ratings(ratings) -> bytes:
    """The .xlsx of `ratings` (UnitQualityRating with their units)."""
    records = (
        {"unit": r.unit.symbol, "unit_name": r.unit.name, "year": r.year, "rating": r.rating, "note": r.note}
        for r in ratings
    )
    return write_sheet(RATING_COLUMNS, records, title=RATING_SHEET_TITLE)


def blank_unit_ratings() -> bytes:
    return write_sheet(RATING_COLUMNS, [], title=RATING_SHEET_TITLE)


class _RatingContext:
    """The agency's units the user may rate, by symbol, and their ratings already recorded (two queries)."""

    def __init__(self, *, user, agency, sheet):
        self.sheet, self.agency, self.last_year = sheet, agency, timezone.localdate().year
        units = units_for_user(user).filter(agency=agency).select_related("agency")
        self.units = {u.symbol: u for u in units if can_rate_unit(user, u)}
        recorded = UnitQualityRating.objects.filter(unit__in=list(self.units.values()))
        self.ratings = {(r.unit_id, r.year): r for r in recorded}
        self.seen: dict[tuple, int] = {}


def plan_unit_ratings(data: bytes, *, user, agency) -> Plan:
    """Check an uploaded list of collective ratings against `agency`; nothing is written."""
    plan, sheet = start_plan(data, RATING_COLUMNS)
    if sheet is None:
        return plan
    context = _RatingContext(user=user, agency=agency, sheet=sheet)
    plan.rows = [_plan_rating_row(context, number, cells) for number, cells in sheet.rows]
    return plan


def _plan_rating_row(ctx: _RatingContext, number: int, cells) -> PlanRow:
    sheet = ctx.sheet
    values, errors = sheet.values(number, cells)
    symbol, year_text = values.get("unit", "").upper(), values.get("year", "")
    unit = ctx.units.get(symbol)
    row = PlanRow(row=number, key=f"{symbol} {year_text}".strip(), errors=errors)
    row.label = unit.name if unit else values.get("unit_name", "")
    if symbol and unit is None:
        message = _(
            "There is no unit with the symbol “%(symbol)s” in %(agency)s whose rating you may record."
        )
        sheet.flag(row, "unit", message, symbol=symbol, agency=ctx.agency)
    year = _rating_year(ctx, row, year_text)
    if unit is not None and year is not None:
        if (unit.pk, year) in ctx.seen:
            message = _("The unit %(symbol)s is already rated for %(year)s in row %(row)s of the file.")
            sheet.flag(row, "year", message, symbol=symbol, year=year, row=ctx.seen[(unit.pk, year)])
        ctx.seen.setdefault((unit.pk, year), number)
        _plan_rating(ctx, row, unit, year, values)
    row.order_errors()
    return row


def _rating_year(ctx: _RatingContext, row: PlanRow, text: str) -> int | None:
    if "year" in row.erroneous_keys() or not text:
        return None
    if not (text.isdigit() and FIRST_RATING_YEAR <= int(text) <= ctx.last_year):
        message = _("“%(value)s” is not a year from %(first)s to %(last)s.")
        ctx.sheet.flag(row, "year", message, value=text, first=FIRST_RATING_YEAR, last=ctx.last_year)
        return None
    return int(text)


def _plan_rating(ctx: _RatingContext, row: PlanRow, unit, year: int, values: dict) -> None:
    existing = ctx.ratings.get((unit.pk, year))
    rating = values.get("rating") or (existing.rating if existing else "")
    note = values.get("note", existing.note if existing else "")
    ctx.sheet.check_model(row, UnitQualityRating(unit=unit, year=year, rating=rating, note=note), ["unit"])
    old = {"rating": existing.rating, "note": existing.note} if existing else {}
    new = {"rating": rating, "note": note}
    row.changes = changes_between(RATING_COLUMNS, old, {k: v for k, v in new.items() if v or old})
    if existing is None:
        row.action = CREATE
    elif row.changes:
        row.action = UPDATE
    row.data = {"unit": unit, "year": year, **new}


def apply_unit_ratings(plan: Plan, *, user, agency) -> dict:
    """Carry out a plan without errors, all or nothing; returns the counts by action."""

    def work():
        for row in plan.rows:
            if row.action in (CREATE, UPDATE):
                domain.record_unit_rating(actor=user, **row.data)
        log_action(
            actor=user,
            action="people.unit_rating.imported",
            agency=agency,
            after=plan.counts | {"rows": len(plan.rows)},
            extra={"sha256": plan.checksum},
        )

    return apply_atomically(plan, work)
