"""A person's record for the awards tests: a year's rating, a title in the ledger (given by a registered
decision document, as the decisions app writes it), an initiative."""

import datetime as dt

from achievements.models import InitiativeAuthor
from awards import domain
from awards.models import Award
from documents import domain as documents
from documents.kinds import ensure_kinds
from documents.models import Direction, Document, DocumentKind
from people.models import QualityRating, Rating
from tests.factories import InitiativeFactory

D = dt.date


def rate(person, year: int, rating=Rating.GOOD):
    QualityRating.objects.create(person=person, year=year, rating=rating)


def decision_document(agency, number: int, day: dt.date) -> Document:
    """The agency's decision "{number}/QĐ-{symbol}" of `day`, registered as an incoming document (as the
    decisions app registers a past decision); the same one when asked again."""
    notation = f"QĐ-{agency.symbol}"
    found = Document.objects.filter(
        agency=agency, direction=Direction.INCOMING, number=number, notation=notation, issued_on=day
    ).first()
    if found is not None:
        return found
    fields = {
        "number": number,
        "notation": notation,
        "issued_on": day,
        "subject": "Về việc công nhận danh hiệu thi đua",
        "sender_name": agency.name,
        "signer_name": "Nguyễn Văn Giám",
        "signer_position": "Giám đốc",
        "arrival_date": day,
    }
    kind = DocumentKind.objects.filter(code="quyet_dinh").first()
    if kind is None:  # a test database flushed since the migration wrote the kinds
        ensure_kinds()
        kind = DocumentKind.objects.get(code="quyet_dinh")
    return documents.register_incoming(actor=None, agency=agency, kind=kind, fields=fields)


def record(world, person, code: str, year: int):
    day = D(year + 1, 1, 20)
    return domain.record_award(
        actor=None,
        agency=world.agency,
        award=Award.objects.get(code=code),
        year=year,
        decision=decision_document(world.agency, year, day),
        decided_on=day,
        person=person,
    )


def initiative(person, year: int, level="co-so"):
    found = InitiativeFactory(
        unit=person.assignments.first().unit, year=year, recognition_level=level, recognised_on=D(year, 11, 1)
    )
    InitiativeAuthor.objects.create(initiative=found, person=person, share=100)
    return found
