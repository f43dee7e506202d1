"""Stage: the award ledger (sổ khen thưởng) of every decided year, consistent with the rules engine.

Running awards.eligibility.Engine over 50 000 people × 10 years is too slow for a generator, so the titles are
granted from the same facts the engine reads (awards.subjects.people_facts) with the criteria of the law as
data — each criterion of the year's rule is read from the Engine, and a rule with a check this module does not
know stops the generator rather than let it grant a title the engine would refuse:

- Lao động tiên tiến: ~97 % of those the rule admits (rating, months of service since the first post, no
  discipline during the year, no matter under review open on the decision day);
- Chiến sĩ thi đua cơ sở: holders of Lao động tiên tiến with a grassroots initiative of the year (its share is
  then used: InitiativeAuthor.award_record), women first then by name within 15 % of the agency's Lao động
  tiên tiến — the rule set's cap in 2017–2023 (awards.due applies it the same way), a policy after;
- Tập thể lao động tiên tiến: units whose own rating and members (their last post of the year there, as
  awards.due.staff_of_year counts them) meet the rule, counting as Lao động tiên tiến only the holders.

Decided on 20 January of the next year by the department in force then, by its decision the documents stage
registered that day: one decisions.Decision per department and year with its lines and the ledger rows they
wrote (demo.province.registered: as decisions.domain.registering records a past decision), priced for that
day by decisions.amounts — a holder of both titles of a year is paid for Chiến sĩ thi đua cơ sở only.
"""

import datetime as dt
import math

from achievements.models import InitiativeAuthor
from awards.eligibility import Engine, EngineError, resolve_params
from awards.facts import discipline_rank, initiative_rank, rating_rank
from awards.subjects import DISCIPLINE_CODES, RATING_CODES
from documents import domain as documents
from documents.models import DocumentKind

from .bulk import Progress
from .correspondence import SPECIAL
from .initiatives import create_initiatives
from .registered import Grant, write_decision
from .world import D, World, rng

LDTT, CSTDCS, TTLDTT = "lao-dong-tien-tien", "chien-si-thi-dua-co-so", "tap-the-lao-dong-tien-tien"
PROPOSED, POLICY_CAP = 0.97, 0.15
FRAME = {"not-pending", "not-already-awarded"}
KNOWN = {
    LDTT: FRAME | {"rating-at-least", "service-months", "no-discipline"},
    CSTDCS: FRAME | {"meets", "initiative", "excellent-or-initiative"},
    TTLDTT: FRAME | {"rating-at-least", "members-share", "members-count"},
}
LOWER_BOUNDS = {"lao_dong_tien_tien", "chien_si_thi_dua_co_so"}  # counted from holders: only "at least"


def decided_on(year: int) -> dt.date:
    return D(year + 1, 1, 20)


def decided_years(world: World, engine: Engine) -> list[int]:
    """The rated years the law covers whose decision day has come."""
    first = min(rule_set.first_year for rule_set in engine.rule_sets)
    return [y for y in world.config.rated_years if y >= first and decided_on(y) <= world.config.today]


class YearLaw:
    """The criteria of the three titles for one achievement year, with their parameters resolved."""

    def __init__(self, engine: Engine, year: int):
        self.year, rule_set = year, engine.rule_set_for(year)
        self.rules = {code: engine.rules[(rule_set.code, code)] for code in KNOWN}
        self.criteria = {
            code: [(c.code, resolve_params(c.params, engine.settings)) for c in rule.criteria.all()]
            for code, rule in self.rules.items()
        }
        for code, criteria in self.criteria.items():
            unknown = {name for name, _params in criteria} - KNOWN[code]
            if unknown:
                raise EngineError(
                    "award", f"{code} {year}: điều kiện chưa hỗ trợ trong bộ sinh dữ liệu {unknown}"
                )

    def cap(self, holders: int) -> int:
        """The law's cap where it has one (2017–2023), else the demo's policy: 15 % all the same."""
        rule, share = self.rules[CSTDCS], POLICY_CAP
        if rule.quota_share and rule.quota_of == LDTT:
            share = min(share, float(rule.quota_share))
        return math.floor(share * holders)


class Decisions(dict):
    """(agency pk, year) → (the agency, its grants of the year): one decision each."""

    def add(self, agency, year: int, grant: Grant) -> Grant:
        self.setdefault((agency.pk, year), (agency, []))[1].append(grant)
        return grant


def create_ledger(world: World) -> None:
    engine = Engine()
    years = decided_years(world, engine)
    authorships = create_initiatives(world, years)
    draw, decisions, used = rng(world.config, "ledger"), Decisions(), []
    for year in years:
        law = YearLaw(engine, year)
        holders = _grant_ldtt(world, draw, law, decisions)
        fighters = _grant_cstdcs(world, law, holders, authorships, decisions, used)
        _grant_units(world, law, set(holders), set(fighters), decisions)
    write_decisions(world, decisions, used)
    world.counts["award_years"] = len(years)


def write_decisions(world: World, decisions: Decisions, used: list) -> None:
    """Each department's decision of each year, its lines and ledger rows; then the initiatives' shares
    linked to the rows of the Chiến sĩ thi đua cơ sở they serve (`used`: (grant, authorship))."""
    progress = Progress("Sổ khen thưởng", sum(len(grants) for _a, grants in decisions.values()), world.stream)
    rows = {}
    for (agency_pk, year), (agency, grants) in decisions.items():
        document = world.documents.get((agency_pk, year, "awards")) or _register(agency, year)
        records = write_decision(
            agency=agency, document_id=document[0], year=year, day=decided_on(year), grants=grants
        )
        rows.update(zip(map(id, grants), records, strict=True))
        progress.advance(len(grants))
    progress.close()
    for grant, authorship in used:
        authorship.award_record_id = rows[id(grant)].pk
    InitiativeAuthor.objects.bulk_update([a for _g, a in used], ["award_record"], batch_size=5_000)


def _register(agency, year: int) -> tuple[int, str]:
    """The decision of a department the documents stage did not know in force on the day (its staff predate
    its units): registered through the documents module, as decisions.domain.registering does."""
    day = decided_on(year)
    fields = {
        "number": day.timetuple().tm_yday * 6 // 5 + agency.pk % 9, "notation": f"QĐ-{agency.symbol}",
        "issued_on": day, "arrival_date": day, "sender_name": agency.name, "signer_position": "GIÁM ĐỐC",
        "subject": SPECIAL["awards"][1].format(year=year),
    }  # fmt: skip
    kind = DocumentKind.objects.get(code=SPECIAL["awards"][0])
    document = documents.register_incoming(actor=None, agency=agency, kind=kind, fields=fields)
    return document.pk, document.reference


def _person_grant(law: YearLaw, code: str, person, post) -> Grant:
    return Grant(
        award=law.rules[code].award, unit_id=post.unit.pk, name=person.name, unit_name=post.unit.unit.name,
        person_id=person.pk, position_title=post.position, sort_key=person.sort_key,
    )  # fmt: skip


# --- Individuals ---------------------------------------------------------------------------------------


def _pending(world: World, person, day: dt.date) -> bool:
    return any(o <= day and (c is None or c > day) for o, c in world.proceedings.get(person.pk, ()))


def _months_in_year(hired: dt.date, year: int) -> int:
    """As awards.checks counts the months of service in a year from the first day in post."""
    if hired.year != year:
        return 0 if hired.year > year else 12
    return 12 - hired.month + (1 if hired.day == 1 else 0)


def meets_ldtt(world: World, law: YearLaw, person) -> bool:
    year, rating = law.year, RATING_CODES.get(world.ratings.get((person.pk, law.year)))
    for code, params in law.criteria[LDTT]:
        if code == "not-pending" and _pending(world, person, decided_on(year)):
            return False
        if code == "rating-at-least" and rating_rank(rating) < rating_rank(params["rating"]):
            return False
        if code == "service-months" and _months_in_year(person.posts[0].start, year) < params["months"]:
            return False
        if code == "no-discipline" and _disciplined(world, person, year, params["level"]):
            return False
    return True


def _disciplined(world: World, person, year: int, level: str) -> bool:
    floor = discipline_rank(level)
    return any(
        discipline_rank(DISCIPLINE_CODES[form]) >= floor and start <= D(year, 12, 31) and end >= D(year, 1, 1)
        for form, start, end in world.disciplines.get(person.pk, ())
    )


def _grant_ldtt(world: World, draw, law: YearLaw, decisions: Decisions) -> dict:
    """Person → the agency of her last post of the year, for everyone granted Lao động tiên tiến."""
    holders = {}
    for person in world.people:
        if (person.pk, law.year) not in world.ratings or not meets_ldtt(world, law, person):
            continue
        if draw.random() < PROPOSED:
            post = person.last_post_of(law.year)
            holders[person] = agency = post.unit.plan.agency
            decisions.add(agency, law.year, _person_grant(law, LDTT, person, post))
    return holders


def _meets_cstdcs(world: World, law: YearLaw, person, free: list) -> bool:
    rating = RATING_CODES.get(world.ratings.get((person.pk, law.year)))
    for code, params in law.criteria[CSTDCS]:
        level_ok = bool(free) and initiative_rank("co-so") >= initiative_rank(params.get("level", "co-so"))
        if code == "meets" and params["award"] != LDTT:
            return False
        if code == "initiative" and not level_ok:
            return False
        excellent = rating_rank(rating) >= rating_rank(params.get("rating", "HTXSNV"))
        if code == "excellent-or-initiative" and not (level_ok or excellent):
            return False
    return True


def _grant_cstdcs(world, law: YearLaw, holders: dict, authorships: dict, decisions, used: list) -> list:
    """Holders of the year's Lao động tiên tiến with a free initiative, within the cap, women first."""
    by_agency = {}
    for person, agency in holders.items():
        by_agency.setdefault(agency.pk, (agency, []))[1].append(person)
    granted = []
    for agency, people in by_agency.values():
        line = [p for p in people if (p.pk, law.year) in authorships]  # the demo's policy: with an initiative
        line = [p for p in line if _meets_cstdcs(world, law, p, authorships[(p.pk, law.year)])]
        line.sort(key=lambda p: (p.gender != "female", p.sort_key, p.pk))
        for person in line[: law.cap(len(people))]:
            grant = _person_grant(law, CSTDCS, person, person.last_post_of(law.year))
            used.append((decisions.add(agency, law.year, grant), authorships[(person.pk, law.year)][0]))
            granted.append(person)
    return granted


# --- Units ---------------------------------------------------------------------------------------------


def _members(world: World, year: int) -> dict:
    members = {}
    for person in world.people:
        post = person.last_post_of(year)
        if post is not None:
            members.setdefault(post.unit, []).append(person)
    return members


def _member_counts(world: World, year: int, people: list, holders: set, fighters: set) -> dict:
    ranks = [rating_rank(RATING_CODES.get(world.ratings.get((p.pk, year)))) for p in people]
    return {
        "total": len(people),
        "completed_tasks": sum(r >= rating_rank("HTNV") for r in ranks),
        "lao_dong_tien_tien": sum(p in holders for p in people),
        "chien_si_thi_dua_co_so": sum(p in fighters for p in people),
        "disciplined_canh_cao_or_above": sum(_disciplined(world, p, year, "canh-cao") for p in people),
        "women": sum(p.gender == "female" for p in people),
    }


def _unit_meets(law: YearLaw, rating: str | None, counts: dict) -> bool:
    for code, params in law.criteria[TTLDTT]:
        if code == "rating-at-least" and rating_rank(RATING_CODES.get(rating)) < rating_rank(
            params["rating"]
        ):
            return False
        if code == "members-share":
            share, minimum = counts[params["field"]] / counts["total"], float(params["min"])
            if not (share > minimum if params.get("strict") else share >= minimum):
                return False
        if code == "members-count":
            if params["field"] in LOWER_BOUNDS and params.get("max") is not None:
                return False
            value = counts[params["field"]]
            if value < params.get("min", 0) or (params.get("max") is not None and value > params["max"]):
                return False
    return True


def _grant_units(world: World, law: YearLaw, holders: set, fighters: set, decisions: Decisions) -> None:
    for unit, people in _members(world, law.year).items():
        rating = world.unit_ratings.get((unit.pk, law.year))
        if rating and _unit_meets(law, rating, _member_counts(world, law.year, people, holders, fighters)):
            grant = Grant(award=law.rules[TTLDTT].award, unit_id=unit.pk, name=unit.unit.name,
                          unit_name=unit.unit.name)  # fmt: skip
            decisions.add(unit.plan.agency, law.year, grant)
