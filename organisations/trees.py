"""The units page's trees, worked out in Python once so that the template loops over flat rows (a province's
agency holds hundreds of units): each agency's tree of units in force and its closed units; past
TREE_INLINE_LIMIT units, the agencies open on demand, and within a large agency the top-level units each open
their branch on demand (organisations:branch)."""

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import ngettext

from .access import can_add_unit
from .models import UnitKind, build_tree, people_counts

TREE_INLINE_LIMIT = 300  # more units than this on a page: agencies, then branches, open on demand


def unit_sections(user, agencies, units) -> list[dict]:
    """The page's sections for `agencies` and their `units` (a queryset): each agency's tree, or — past
    TREE_INLINE_LIMIT units and with several agencies — the agencies alone, to open one by one (three
    queries: the units counted by agency, the units, their people counts — kept in the cache)."""
    counts = dict(units.order_by().values("agency").annotate(n=Count("pk")).values_list("agency", "n"))
    if sum(counts.values()) > TREE_INLINE_LIMIT and len(agencies) > 1:
        return collapsed_sections(user, agencies, counts)
    units = list(units.select_related("successor").order_by("position", "name"))
    sections = agency_trees(user, agencies, units)
    rows = [row for section in sections for row in section["rows"]]
    label_units([row["unit"] for row in rows], people_counts([row["unit"].pk for row in rows]))
    for row in rows:
        if n := row["branch"]:
            row["branch_label"] = ngettext("%(n)s unit below", "%(n)s units below", n) % {"n": n}
    return sections


def agency_trees(user, agencies, units) -> list[dict]:
    """For each agency: its units in force as `rows` (all of them, or past TREE_INLINE_LIMIT its top-level
    units, each with the size of its branch) and its closed units."""
    today = timezone.localdate()
    sections = []
    for agency in agencies:
        own = [u for u in units if u.agency_id == agency.pk]
        in_force = [u for u in own if not u.valid_to or u.valid_to >= today]
        tree = build_tree(in_force)
        sections.append(
            {
                "agency": agency,
                "tree": tree,
                "rows": tree_rows(tree) if len(in_force) <= TREE_INLINE_LIMIT else top_rows(tree),
                "closed": [u for u in own if u.valid_to and u.valid_to < today],
                "can_add": can_add_unit(user, agency),
                "loaded": True,
            }
        )
    return sections


def collapsed_sections(user, agencies, counts: dict[int, int]) -> list[dict]:
    """The agencies alone, each with how many units it has: their trees open on demand (?agency=)."""
    return [
        {"agency": a, "units_count": counts.get(a.pk, 0), "can_add": can_add_unit(user, a), "loaded": False}
        for a in agencies
    ]


def tree_rows(tree) -> list[dict]:
    """The nested tree as flat rows in document order — the unit, whether a nested list opens after it, and
    how many nested lists close after it — so the template loops once instead of including itself per unit."""
    rows: list[dict] = []

    def walk(nodes) -> None:
        for node in nodes:
            rows.append({"unit": node["unit"], "opens": bool(node["children"]), "closes": 0, "branch": 0})
            if node["children"]:
                walk(node["children"])
                rows[-1]["closes"] += 1

    walk(tree)
    for row in rows:
        row["closes"] = range(row["closes"])
    return rows


def top_rows(tree) -> list[dict]:
    """The top-level units alone, each with how many units its branch holds (opened on demand)."""
    return [
        {"unit": node["unit"], "opens": False, "closes": (), "branch": _size(node["children"])}
        for node in tree
    ]


def _size(nodes) -> int:
    return sum(1 + _size(node["children"]) for node in nodes)


def branch_rows(unit, units) -> list[dict]:
    """The rows of the units below `unit` (`units`: the units in force of its agency), labelled."""
    found = _find(build_tree(units), unit.pk)
    children = found["children"] if found else []
    below = [row["unit"] for row in tree_rows(children)]
    label_units(below, people_counts([u.pk for u in below]))
    return tree_rows(children)


def _find(nodes, pk):
    for node in nodes:
        if node["unit"].pk == pk:
            return node
        if found := _find(node["children"], pk):
            return found
    return None


def label_units(units, counts: dict[int, int]) -> None:
    """What each row shows, worked out once here rather than per row in the template: `people_count`,
    `people_label` ("12 người"), `kind_label`, `url`, `branch_url`."""
    kinds = {value: str(label) for value, label in UnitKind.choices}
    url = reverse("organisations:detail", args=[0]).removesuffix("0/")
    for unit in units:
        n = unit.people_count = counts.get(unit.pk, 0)
        shown = number_format(n, force_grouping=True)
        unit.people_label = ngettext("%(shown)s person", "%(shown)s people", n) % {"shown": shown}
        unit.kind_label, unit.url = kinds.get(unit.kind, ""), f"{url}{unit.pk}/"
        unit.branch_url = f"{unit.url}branch/"
