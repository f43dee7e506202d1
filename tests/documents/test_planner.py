"""PostgreSQL reads the registers and the search through their indexes (issue 12): the list's order
(documents_document: document_agency_latest, document_latest, migration 0006) for one agency, for a merged
agency's lineage and for an administrator — a page without sorting the agency's documents —, the search's
common words in that order with the words as a filter, and its rare words through the GIN index."""

import pytest

from documents.access import documents_for_user
from documents.models import Document
from documents.search import LATEST_FIRST, find_documents
from organisations.scope import forget_scope
from tests.documents.bulk import bulk_documents
from tests.factories import AgencyFactory
from tests.planner import analyse, assert_uses_index, on_postgresql, plan

pytestmark = [on_postgresql, pytest.mark.django_db]


@pytest.fixture
def registers(world):
    """12 000 documents: 6 000 of the world's agency, 3 000 of the other, 3 000 of a predecessor merged into
    the world's agency — and ten mentioning a rare word."""
    bulk_documents(world.agency, 6000, drafts=20)
    bulk_documents(world.other_agency, 3000)
    predecessor = AgencyFactory(name="Sở cũ", symbol="SC", successor=world.agency)
    bulk_documents(predecessor, 2990)
    bulk_documents(predecessor, 10, first_number=5000, subject="Xâm nhập mặn vùng ven biển")
    analyse(Document)
    return predecessor


def first_page(queryset):
    return queryset.order_by(*LATEST_FIRST).for_list()[:50]


def test_the_registers_are_read_in_their_order_without_sorting(world, registers):
    """One agency: its index; a merged agency's lineage (agency_id IN (…)) and an administrator: the
    order's index, filtered until the page is full."""
    page = first_page(Document.objects.filter(agency=world.other_agency).issued())
    assert "Sort" not in assert_uses_index(page, "document_agency_latest")
    forget_scope(world.secretariat)
    secretariat = documents_for_user(world.secretariat)
    assert secretariat.filter(agency=registers).exists()  # its agency and the predecessor
    for queryset in (secretariat, documents_for_user(world.admin)):
        assert "Sort" not in assert_uses_index(first_page(queryset), "document_latest")


def test_the_search_reads_common_words_in_order_and_rare_ones_through_the_full_text_index(world, registers):
    documents = documents_for_user(world.admin)
    common = find_documents(documents, "phong trao thi dua")  # 3 subjects of 5: 7 200 matches
    assert not common.ranked and common.counted == common.cap + 1
    assert "Sort" not in assert_uses_index(common.documents.for_list()[:50], "document_latest")
    assert "Limit" in plan(documents.order_by()[: common.cap + 1])  # the count stops at its cap
    rare = find_documents(documents, "xam nhap man")
    assert rare.ranked and rare.counted == 10
    assert_uses_index(rare.documents.for_list()[:50], "documents_document_search_fts")
