import pytest

from tests.documents.signers import add_signers


@pytest.fixture
def signers(world):
    """The world's signers (tests/documents/signers.py): director, deputy, unit head; and world.clerk."""
    return add_signers(world)
