import pytest

from awards.catalogue import ensure_catalogue
from awards.eligibility import Engine
from awards.law import ensure_law


@pytest.fixture(scope="module")
def engine(django_db_setup, django_db_blocker):
    """The engine with the law as migrated, built once per module. A transactional test earlier in the run
    (a browser test) flushes the tables the migrations filled, so the law is written back first."""
    with django_db_blocker.unblock():
        ensure_catalogue()
        ensure_law()
        return Engine()
