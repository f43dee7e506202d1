import datetime as dt
import hashlib
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.cacheversions import bump, may_keep, remember, tokens
from lib.models import NormalisedModel
from lib.vntext import fold, nfc, search_terms

# The version of agencies and units (lib.cacheversions): bumped whenever one is saved or deleted
# (OrganisationsConfig.ready), it keeps the successor links below and the accounts' scopes up to date.
TREE_VERSION = "organisations"
# The version of who works in which unit: bumped by the app that places people in units (people, when an
# assignment changes); the units' people counts are kept under it.
MEMBERS_VERSION = "unit-members"
COUNTS_SECONDS = 300  # kept people counts are counted again at least this often

# Mã định danh điện tử (QĐ 20/2020/QĐ-TTg): four dot-separated groups, e.g. 000.00.00.H55.
ORGANISATION_CODE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")


def validate_organisation_code(value: str):
    if value and not ORGANISATION_CODE.match(value):
        raise ValidationError(
            _("The electronic organisation code must look like 000.00.00.H55 (QĐ 20/2020/QĐ-TTg)."),
            code="organisation_code",
        )


class DatedQuerySet(models.QuerySet):
    """Objects valid from valid_from to valid_to (the last day; empty while in force)."""

    def active(self, on: dt.date | None = None):
        on = on or timezone.localdate()
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=on), Q(valid_to__isnull=True) | Q(valid_to__gte=on)
        )

    def in_force(self, on: dt.date | None = None, *, show_closed: bool = False):
        """What pickers and filters offer: the objects in force (not merged away, not closed, already
        started), or every one of them when the user asked to see the closed ones too ("hiện cả đơn vị đã giải
        thể/sáp nhập")."""
        return self.all() if show_closed else self.active(on)

    def not_closed(self, on: dt.date | None = None):
        """In force or not yet started: what a form that prepares the future may still offer."""
        return self.exclude(valid_to__lt=on or timezone.localdate())


class Dated(NormalisedModel):
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(
        _("valid to"), null=True, blank=True, help_text=_("Last day in force; empty while in force.")
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The end date cannot be before the start date.")})

    def is_active(self, on: dt.date | None = None) -> bool:
        on = on or timezone.localdate()
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or self.valid_to >= on
        )

    def is_closed(self, on: dt.date | None = None) -> bool:
        """Past its last day (one not yet in force is not closed)."""
        return self.valid_to is not None and self.valid_to < (on or timezone.localdate())


class AgencyKind(models.TextChoices):
    PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee")
    DEPARTMENT = "department", _("Department")
    OTHER = "other", _("Other body")


class Agency(Dated):
    """A cơ quan: a legal body that issues documents and owns its units, people and data."""

    name = models.CharField(_("official name"), max_length=255)
    short_name = models.CharField(
        _("name in document headers"),
        max_length=255,
        blank=True,
        help_text=_("As printed in the header of its documents, e.g. SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG."),
    )
    kind = models.CharField(
        _("kind"), max_length=30, choices=AgencyKind.choices, default=AgencyKind.DEPARTMENT
    )
    symbol = models.CharField(
        _("symbol"), max_length=20, help_text=_("Used in document numbers, e.g. STNMT.")
    )
    code = models.CharField(
        _("electronic organisation code"), max_length=32, blank=True, validators=[validate_organisation_code]
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("superior authority"),
    )
    place_name = models.CharField(_("place name"), max_length=100, help_text=_("Địa danh, e.g. Sóc Trăng."))
    successor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        verbose_name=_("successor"),
    )
    search_text = models.TextField(editable=False, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=~Q(code=""), name="agency_code_unique"),
        ]

    def __str__(self):
        return self.name

    def normalise(self):
        self.name, self.short_name, self.place_name = (
            nfc(self.name),
            nfc(self.short_name),
            nfc(self.place_name),
        )
        self.symbol, self.code = nfc(self.symbol).upper(), nfc(self.code)
        self.search_text = fold(f"{self.name} {self.short_name} {self.symbol} {self.code}")

    def lineage_ids(self) -> set[int]:
        """This agency and all the agencies it succeeded (their data is its history), from the successor links
        of every agency (predecessor_map: one query, then none until an agency or a unit changes)."""
        predecessors = predecessor_map()
        ids, frontier = {self.pk}, [self.pk]
        while frontier:
            frontier = [p for pk in frontier for p in predecessors.get(pk, ()) if p not in ids]
            ids.update(frontier)
        return ids

    def current_successor(self) -> "Agency":
        """Follow successor links to the agency in force now (self if it has none)."""
        agency, seen = self, {self.pk}
        while agency.successor_id and agency.successor_id not in seen:
            agency = agency.successor
            seen.add(agency.pk)
        return agency


_predecessors: tuple = (None, {})  # (the tokens it was built under, the map): this process's copy


def predecessor_map() -> dict[int, tuple[int, ...]]:
    """Agency id → the ids of the agencies it directly succeeded: one query, kept in the cache and in the
    process under TREE_VERSION (a check of the version's token per call, no query while it holds)."""
    global _predecessors
    stamp = tokens(TREE_VERSION) if may_keep() else None
    if stamp is not None and _predecessors[0] == stamp:
        return _predecessors[1]
    links = remember("lineage", [TREE_VERSION], _successor_links, timeout=None)
    found: dict[int, list[int]] = {}
    for pk, successor_id in links:
        found.setdefault(successor_id, []).append(pk)
    built = {successor_id: tuple(pks) for successor_id, pks in found.items()}
    if stamp is not None:
        _predecessors = (stamp, built)
    return built


def _successor_links() -> list[tuple[int, int]]:
    return list(Agency.objects.filter(successor__isnull=False).order_by().values_list("pk", "successor_id"))


def tree_changed(**_signal) -> None:
    """post_save / post_delete of an agency or a unit (OrganisationsConfig.ready): what was computed from
    them is computed again."""
    bump(TREE_VERSION)


class UnitKind(models.TextChoices):
    LEADERSHIP = "leadership", _("Leadership")
    OFFICE = "office", _("Office")
    INSPECTORATE = "inspectorate", _("Inspectorate")
    DIVISION = "division", _("Specialised division")
    AFFILIATE = "affiliate", _("Affiliated unit")
    BRANCH = "branch", _("Branch")
    OTHER = "other", _("Other")


class UnitQuerySet(DatedQuerySet):
    def with_path(self):
        """Load what `Unit.path_name` shows (the parent unit and the agency) in the same query."""
        return self.select_related("parent", "agency")

    def search(self, query: str | None):
        """Units whose name or symbol holds every word of the query, ignoring accents and đ/d ("dao tao"
        finds "Trung tâm Đào tạo")."""
        qs = self
        for term in search_terms(query):
            qs = qs.filter(search_text__contains=term)
        return qs

    def with_people_count(self, on: dt.date | None = None):
        """Annotate `people_count`: the people with an assignment in the unit on that day (one query)."""
        on = on or timezone.localdate()
        current = Q(assignments__start_date__lte=on) & (
            Q(assignments__end_date__isnull=True) | Q(assignments__end_date__gte=on)
        )
        return self.annotate(people_count=models.Count("assignments__person", filter=current, distinct=True))


class Unit(Dated):
    """A phòng or đơn vị trực thuộc of an agency; units form a tree."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="units", verbose_name=_("agency")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent unit"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=UnitKind.choices, default=UnitKind.DIVISION)
    name = models.CharField(_("name"), max_length=255)
    symbol = models.CharField(_("symbol"), max_length=20, help_text=_("Used in document numbers, e.g. VP."))
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    successor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        verbose_name=_("successor"),
    )
    search_text = models.TextField(editable=False, blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(fields=["agency", "symbol"], name="unit_symbol_unique_in_agency"),
        ]

    def __str__(self):
        return self.name

    @property
    def path_name(self) -> str:
        """The unit with where it sits, for telling apart units of the same name: "Ban Giám đốc — Sở Nông
        nghiệp và Môi trường thành phố Cần Thơ", "Chi nhánh … — Văn phòng Đăng ký đất đai — Sở …". Load the
        units with UnitQuerySet.with_path() (no query per unit)."""
        parts = [self.name]
        if self.parent_id:
            parts.append(self.parent.name)
        parts.append(self.agency.name)
        return " — ".join(parts)

    def normalise(self):
        self.name = nfc(self.name)
        self.symbol = nfc(self.symbol).upper()
        self.search_text = fold(f"{self.name} {self.symbol}")

    def clean(self):
        super().clean()
        if self.parent_id and self.agency_id and self.parent.agency_id != self.agency_id:
            raise ValidationError({"parent": _("The parent unit must belong to the same agency.")})
        node, seen = self.parent, set()
        while node is not None and self.pk:
            if node.pk == self.pk or node.pk in seen:
                raise ValidationError({"parent": _("A unit cannot be placed under itself.")})
            seen.add(node.pk)
            node = node.parent


def descendant_ids(unit_ids, units) -> set[int]:
    """The given unit ids and every unit below them, computed from an in-memory list of units."""
    children: dict[int | None, list[int]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit.pk)
    found, frontier = set(unit_ids), list(unit_ids)
    while frontier:
        frontier = [c for p in frontier for c in children.get(p, []) if c not in found]
        found.update(frontier)
    return found


def people_counts(unit_ids, on: dt.date | None = None) -> dict[int, int]:
    """Unit id → how many people hold a post in the unit on that day: one grouped query over the posts of
    that day alone, kept in the cache (COUNTS_SECONDS at most, until a unit or a post changes)."""
    on = on or timezone.localdate()
    ids = sorted(set(unit_ids))
    if not ids:
        return {}
    digest = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:20]

    def count() -> dict[int, int]:
        current = Q(assignments__start_date__lte=on) & (
            Q(assignments__end_date__isnull=True) | Q(assignments__end_date__gte=on)
        )
        rows = Unit.objects.filter(current, pk__in=ids).order_by().values("pk")
        rows = rows.annotate(n=models.Count("assignments__person", distinct=True))
        return dict(rows.values_list("pk", "n"))

    key = f"unit-people:{digest}:{on.isoformat()}"
    return remember(key, [TREE_VERSION, MEMBERS_VERSION], count, timeout=COUNTS_SECONDS)


def build_tree(units) -> list[dict]:
    """Nested [{'unit': u, 'children': [...]}] from a flat list, keeping the list's order."""
    nodes = {u.pk: {"unit": u, "children": []} for u in units}
    roots = []
    for unit in units:
        parent = nodes.get(unit.parent_id)
        (parent["children"] if parent else roots).append(nodes[unit.pk])
    return roots


def unit_labels(units) -> dict[int, str]:
    """Unit id → the label a picker or a list shows: the name alone, or `path_name` where another unit of the
    list bears the same name (units loaded with UnitQuerySet.with_path())."""
    units = list(units)
    counts: dict[str, int] = {}
    for unit in units:
        counts[unit.name] = counts.get(unit.name, 0) + 1
    return {unit.pk: unit.path_name if counts[unit.name] > 1 else unit.name for unit in units}
