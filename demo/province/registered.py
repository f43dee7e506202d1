"""A registered reward decision written in bulk — what decisions.domain.registering writes one row at a
time (register_decision, then record_decision), for the generators that write thousands of awardees at once
(the province's ledger, bench/due.py): the decisions.Decision of a registered document (origin registered,
recorded), its lines in the order of an annex (by award, individuals before collectives, unit, given name),
priced by decisions.amounts (the base salary of the decision's day; of several titles of one subject and
period only the highest paid), one ledger row per line (its decision the document, its số sổ vàng the line's
position), each line linked to its row.
"""

import datetime as dt
from dataclasses import dataclass

from awards.models import AwardRecord
from decisions.amounts import price_lines
from decisions.models import Decision, Line, Origin, Status

BATCH = 5_000


@dataclass(slots=True)
class Grant:
    """One awardee of a decision: a person (with the unit of her post) or a unit (person None)."""

    award: object  # awards.Award
    unit_id: int
    name: str
    unit_name: str
    person_id: int | None = None
    position_title: str = ""
    sort_key: str = ""


def _order(grant: Grant) -> tuple:
    return (grant.award.position, grant.person_id is None, grant.unit_name, grant.sort_key, grant.name)


def _lines(grants: list[Grant], year: int, track: str) -> list[Line]:
    lines, articles = [], {}
    for position, grant in enumerate(grants, start=1):
        article = articles.setdefault(grant.award.pk, len(articles) + 1)
        line = Line(
            position=position, article=article, award=grant.award, person_id=grant.person_id,
            unit_id=grant.unit_id, year=year, track=track, name=grant.name,
            position_title=grant.position_title, unit_name=grant.unit_name,
        )  # fmt: skip
        line.normalise()
        lines.append(line)
    return lines


def _record(agency, line: Line, document_id: int, day: dt.date) -> AwardRecord:
    return AwardRecord(
        agency=agency, award=line.award, person_id=line.person_id,
        unit_id=None if line.person_id else line.unit_id, year=line.year, track=line.track,
        decision_id=document_id, decided_on=day, amount=line.amount if line.paid else 0,
        certificate_number=line.position,
    )  # fmt: skip


def write_decision(
    *, agency, document_id: int, year: int, day: dt.date, grants: list[Grant], track: str = "cong-trang"
) -> list[AwardRecord]:
    """The decision of `document_id` (a registered incoming quyết định of `agency`, dated `day`) awarding
    `grants` for `year`; returns the ledger rows (saved) in the order of `grants`."""
    order = sorted(range(len(grants)), key=lambda i: _order(grants[i]))
    lines = _lines([grants[i] for i in order], year, track)
    base = price_lines(lines, agency=agency, day=day)
    decision = Decision.objects.create(
        agency=agency, origin=Origin.REGISTERED, status=Status.ISSUED, document_id=document_id, year=year,
        decided_on=day, issuer=f"Giám đốc {agency.name}", base_salary=base,
        total_amount=sum(line.amount for line in lines if line.paid), awards_count=len(lines),
    )  # fmt: skip
    records = [_record(agency, line, document_id, day) for line in lines]
    AwardRecord.objects.bulk_create(records, batch_size=BATCH)
    for line, record in zip(lines, records, strict=True):
        line.decision, line.record_id = decision, record.pk
    Line.objects.bulk_create(lines, batch_size=BATCH)
    found = [None] * len(grants)
    for index, record in zip(order, records, strict=True):
        found[index] = record
    return found
