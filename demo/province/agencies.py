"""Stage 1: the province's People's Committee, its departments and their unit trees, and the 2025 merger.

Each department gets about `--units × its share of the people` units: the core (Ban Giám đốc, Văn phòng,
Thanh tra, the phòng), then its affiliated units (chi cục, trung tâm, schools, hospitals) each with its
sub-units, until the share is reached. The merged Departments split the successor's share; the successor
has one unit per symbol of theirs (the Văn phòng of both continue in its Văn phòng), as
organisations.domain.merge_agency leaves them: the old agencies and units end the day before the merger and
point to their successors.
"""

from itertools import count

from lib.vntext import fold
from organisations.models import Agency, Unit

from .bulk import insert
from .catalogue import (
    AGENCIES,
    CODE_AREA,
    MARKER_CODE,
    MERGED_INTO,
    PREDECESSORS,
    PROVINCE_COMMITTEE,
    Pattern,
    UnitSpec,
)
from .places import AREAS, PROVINCE
from .profiles import CHILDREN, PROFILES
from .world import LAST_DAY_BEFORE_MERGER, MERGER_DAY, AgencyPlan, UnitPlan, World, rng


def create_organisation(world: World) -> None:
    config = world.config
    world.province = _save_agency(PROVINCE_COMMITTEE, MARKER_CODE, None, kind="peoples_committee")
    specs = AGENCIES[: config.agencies]
    weights = _shares([spec.weight for spec in specs])
    for number, (spec, weight) in enumerate(zip(specs, weights, strict=True), start=1):
        valid_from = MERGER_DAY if spec.key == MERGED_INTO else None
        agency = _save_agency(spec, f"000.00.{number:02d}.{CODE_AREA}", world.province, valid_from=valid_from)
        world.agencies.append(AgencyPlan(spec, agency, number, weight))
    successor = next((plan for plan in world.agencies if plan.spec.key == MERGED_INTO), None)
    if successor is not None:
        for number, spec in enumerate(PREDECESSORS, start=21):
            agency = _save_agency(spec, f"000.00.{number}.{CODE_AREA}", world.province)
            agency.valid_to, agency.successor = LAST_DAY_BEFORE_MERGER, successor.agency
            agency.save()
            plan = AgencyPlan(spec, agency, 0, successor.weight * spec.weight, True, successor)
            world.predecessors.append(plan)
    create_units(world, successor)


def _shares(weights: list[float]) -> list[float]:
    """The first department keeps 40 % of the people; the others share the rest by their weights."""
    if len(weights) == 1:
        return [1.0]
    rest = sum(weights[1:])
    return [weights[0], *(w / rest * (1 - weights[0]) for w in weights[1:])]


def _save_agency(spec, code: str, parent, *, kind: str = "department", valid_from=None) -> Agency:
    agency = Agency(
        name=spec.name,
        short_name=spec.short_name,
        kind=kind,
        symbol=spec.symbol,
        code=code,
        parent=parent,
        place_name=PROVINCE,
        valid_from=valid_from,
    )
    agency.full_clean()
    agency.save()
    return agency


# --- Units ---------------------------------------------------------------------------------------------


def create_units(world: World, successor: AgencyPlan | None) -> None:
    config, draw = world.config, rng(world.config, "units")
    layout = {}
    for plan in world.agencies + world.predecessors:
        if plan is successor:
            continue
        budget = max(2, round(config.units * plan.weight / (2 if plan.predecessor else 1)))
        layout[plan] = unit_layout(PROFILES[plan.spec.profile], budget, draw)
    if successor is not None:
        layout[successor] = union_layout([layout[p] for p in world.predecessors])
    for plan, specs in layout.items():  # the successor first: the predecessors' units point to its units
        if plan is successor:
            _save_units(world, plan, specs, valid_from=MERGER_DAY)
    for plan, specs in layout.items():
        if plan is not successor:
            _save_units(world, plan, specs)
    if successor is not None:
        _link_successors(world, successor)


def unit_layout(profile, budget: int, draw) -> list[tuple[UnitSpec, int | None]]:
    """(spec, index of the parent in the list or None) for about `budget` units."""
    layout = [(spec, None) for spec in profile.core[:budget]]
    affiliates = _affiliates(profile)
    while len(layout) < budget:
        affiliate = next(affiliates)
        layout.append((affiliate, None))
        parent = len(layout) - 1
        children = CHILDREN.get(affiliate.children)
        if children is None:
            continue
        wanted = min(draw.randint(children.fewest, children.most), budget - len(layout))
        offset = draw.randrange(len(children.names))
        for index in range(wanted):
            name = children.names[(offset + index) % len(children.names)]
            spec = UnitSpec(f"{affiliate.symbol}.{index + 1}", name, children.kind, children.staffing)
            layout.append((spec, parent))
    return layout


def _affiliates(profile):
    """The profile's affiliated units: the named ones, then the patterns over their fills, then again as
    further sites ("… - cơ sở 2")."""
    yield from (spec for spec in profile.affiliates if isinstance(spec, UnitSpec))
    patterns = [p for p in profile.affiliates if isinstance(p, Pattern)] or [
        Pattern("Trung tâm Dịch vụ khu vực {}", "affiliate", "centre", "sections", AREAS)
    ]
    symbols = set()
    for site in count(1):
        for pattern in patterns:
            for fill in pattern.fills:
                name = pattern.name.format(fill) + (f" - cơ sở {site}" if site > 1 else "")
                yield UnitSpec(
                    _symbol(pattern.name, fill, site, symbols),
                    name,
                    pattern.kind,
                    pattern.staffing,
                    pattern.children,
                )


def _symbol(pattern: str, fill: str, site: int, taken: set) -> str:
    """The pattern's acronym and the fill's initials: "Trường THPT {}", "Lưu Văn Liệt" → "THPT-LVL" (the
    pattern's initials where it has no acronym; a number added where taken)."""
    words = pattern.replace("{}", "").split()
    lead = "".join(w for w in words if w.isupper() and len(w) > 1) or "".join(fold(w)[0] for w in words)
    initials = "".join(w[0] for w in fold(fill).upper().split())[:6]
    base = f"{lead.upper()[:6]}-{initials}" + (str(site) if site > 1 else "")
    symbol, n = base, 1
    while symbol in taken:
        n += 1
        symbol = f"{base}{n}"
    taken.add(symbol)
    return symbol


def union_layout(layouts: list) -> list[tuple[UnitSpec, int | None]]:
    """The successor's units: one per symbol of the merged Departments' units, in their order."""
    merged, index_of = [], {}
    for layout in layouts:
        for spec, parent in layout:
            if spec.symbol in index_of:
                continue
            parent_index = index_of[layout[parent][0].symbol] if parent is not None else None
            index_of[spec.symbol] = len(merged)
            merged.append((spec, parent_index))
    return merged


def _save_units(world: World, plan: AgencyPlan, layout: list, *, valid_from=None) -> None:
    plans = [None] * len(layout)
    for level in (False, True):  # the top units first: the sub-units need their parents' ids
        rows = [(i, spec, parent) for i, (spec, parent) in enumerate(layout) if (parent is not None) == level]
        units = []
        for index, spec, parent in rows:
            unit = Unit(
                agency=plan.agency,
                parent=plans[parent].unit if parent is not None else None,
                kind=spec.kind,
                name=spec.name,
                symbol=spec.symbol,
                position=(index + 1) * 10,
                valid_from=valid_from,
            )
            unit.normalise()
            units.append(unit)
        label = f"Đơn vị — {plan.spec.symbol}" + (" (trực thuộc)" if level else "")
        insert(Unit, units, label=label, total=len(units), stream=world.stream)
        by_index = dict(zip((r[0] for r in rows), units, strict=True))
        for index, spec, parent in rows:
            plans[index] = UnitPlan(
                spec, by_index[index], plan, plans[parent] if parent is not None else None
            )
    plan.units = plans
    world.units.extend(plans)


def _link_successors(world: World, successor: AgencyPlan) -> None:
    """Close the merged Departments' units the day before the merger, each pointing to its successor."""
    by_symbol = {unit.spec.symbol: unit for unit in successor.units}
    changed = []
    for plan in world.predecessors:
        for unit in plan.units:
            unit.successor = by_symbol[unit.spec.symbol]
            unit.unit.valid_to, unit.unit.successor = LAST_DAY_BEFORE_MERGER, unit.successor.unit
            changed.append(unit.unit)
    Unit.objects.bulk_update(changed, ["valid_to", "successor"], batch_size=1000)
