"""Numbering at issuance: never two documents with the same number, even when issued at the same moment,
and numbers that restart at 01 each 1 January with a leading zero below 10."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from documents import domain
from documents.kinds import ensure_kinds
from documents.models import Document, NumberSequence, Status
from tests.documents.test_domain import make_draft, make_issued

DRAFTS, THREADS = 20, 5


def signed_drafts(agency, count) -> list[int]:
    """Drafts submitted and signed off: what the clerk numbers and issues."""
    pks = []
    for index in range(count):
        document = make_draft(agency, subject=f"Kế hoạch số {index}")
        domain.submit_for_signature(actor=None, document=document)
        domain.approve_document(actor=None, document=document)
        pks.append(document.pk)
    return pks


def issue_in_threads(pks: list[int], on: dt.date) -> list[Exception]:
    """Issue the documents from THREADS threads started together, each with its own connection."""
    barrier, errors = threading.Barrier(THREADS), []
    shares = [pks[i::THREADS] for i in range(THREADS)]

    def work(share):
        try:
            barrier.wait()
            for pk in share:
                domain.issue_document(actor=None, document=Document.objects.get(pk=pk), issued_on=on)
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(share,)) for share in shares]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite serialises every write transaction, so there is no race to test",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_issuance_never_repeats_a_number(world):
    ensure_kinds()  # a transactional test before this one may have flushed the kinds loaded by migration
    pks = signed_drafts(world.agency, DRAFTS)
    errors = issue_in_threads(pks, dt.date(2021, 3, 1))
    assert errors == []
    documents = Document.objects.filter(pk__in=pks)
    numbers = sorted(documents.values_list("number", flat=True))
    assert numbers == list(range(1, DRAFTS + 1))
    assert set(documents.values_list("status", flat=True)) == {Status.ISSUED}
    sequence = NumberSequence.objects.get(agency=world.agency, year=2021, series="outgoing")
    assert sequence.last_number == DRAFTS


def test_numbers_restart_each_year_with_a_leading_zero(world):
    late = [make_issued(world.agency, on=dt.date(2021, 12, d)) for d in range(20, 31)]
    new_year = make_issued(world.agency, on=dt.date(2022, 1, 1))
    fifth = [make_issued(world.agency, on=dt.date(2022, 1, 3)) for _ in range(4)][-1]
    assert [d.reference for d in late[:2]] == ["01/KH-STN", "02/KH-STN"]
    assert late[-1].reference == "11/KH-STN"
    assert new_year.reference == "01/KH-STN" and new_year.year == 2022
    assert fifth.reference == "05/KH-STN"
    assert list(NumberSequence.objects.order_by("year").values_list("year", "last_number")) == [
        (2021, 11),
        (2022, 5),
    ]
