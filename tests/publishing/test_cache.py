"""The portal's cache version changes when a publication changes and when a ledger row is saved or deleted
(a revocation hides a line of the honour roll)."""

from lib.cacheversions import tokens
from publishing import domain
from publishing.cache import PORTAL_VERSION
from tests.awards.records import record


def token():
    return tokens(PORTAL_VERSION)[0]


def test_publishing_and_withdrawing_bump_the_portal(world, document):
    before = token()
    publication = domain.publish_document(actor=world.editor, document=document)
    after_publishing = token()
    assert after_publishing != before
    domain.withdraw(actor=world.editor, publication=publication, reason="Hết hiệu lực")
    assert token() != after_publishing


def test_a_ledger_row_saved_or_deleted_bumps_the_portal(world):
    before = token()
    row = record(world, world.office_person, "lao-dong-tien-tien", 2021)
    saved = token()
    assert saved != before
    row.delete()
    assert token() != saved
