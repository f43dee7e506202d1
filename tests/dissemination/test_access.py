import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from dissemination import domain
from dissemination.access import CONFIRM, can_disseminate, get_receipt_for_user, receipts_for_user

from .conftest import issued_document


@pytest.fixture
def receipts(heads, document):
    dissemination = domain.disseminate(
        actor=None,
        document=document,
        units=[heads.division, heads.office],
        people=[heads.team_person],
        due_date=timezone.localdate() + dt.timedelta(days=3),
    )
    return {r.person.given_name: r for r in dissemination.receipts.select_related("person")}


@pytest.mark.parametrize(
    ("persona", "visible"),
    [
        ("admin", {"Minh", "Lan", "Hương"}),
        ("secretariat", {"Minh", "Lan", "Hương"}),
        ("leader", {"Minh", "Lan", "Hương"}),
        ("head", {"Minh", "Hương"}),  # the division and its team
        ("staff", {"Lan"}),
        ("huong", {"Hương"}),
        ("editor", set()),
    ],
)
def test_receipts_visible_to_each_persona(heads, receipts, persona, visible):
    assert {r.person.given_name for r in receipts_for_user(getattr(heads, persona))} == visible


def test_anonymous_sees_no_receipts(receipts):
    assert not receipts_for_user(AnonymousUser()).exists()


def test_get_receipt_for_confirmation(heads, receipts):
    assert get_receipt_for_user(heads.huong, receipts["Hương"].pk, action=CONFIRM) == receipts["Hương"]
    with pytest.raises(PermissionDenied):
        get_receipt_for_user(heads.secretariat, receipts["Hương"].pk, action=CONFIRM)
    with pytest.raises(Http404):
        get_receipt_for_user(heads.huong, receipts["Lan"].pk)


@pytest.mark.parametrize(("status", "allowed"), [("issued", True), ("published", True), ("draft", False)])
def test_can_disseminate(heads, status, allowed):
    document = issued_document(heads.agency, status=status)

    assert can_disseminate(heads.secretariat, document) is allowed
    assert can_disseminate(heads.leader, document) is False
    assert can_disseminate(heads.secretariat, issued_document(heads.other_agency, number=9)) is False
