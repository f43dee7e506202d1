"""council.ballot_box: receipt codes, their fingerprints per item, the seal of a choice, the re-keying at the
close — and the member's check of his receipt after the close."""

import math
import re

import pytest

from council import ballot_box
from council.domain import ballot, meetings
from council.models import Ballot, Choice
from tests.council.helpers_domain import vote

CHOICES = Choice.values


def test_a_receipt_code_is_16_characters_of_crockford_base_32():
    codes = {ballot_box.new_code() for _ in range(200)}

    assert len(codes) == 200
    for code in codes:
        assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}", code)
        assert len(ballot_box.normalise_code(code)) == ballot_box.CODE_LENGTH == 16
    assert len(ballot_box.ALPHABET) == 32 and not set("ILOU") & set(ballot_box.ALPHABET)
    assert ballot_box.CODE_LENGTH * math.log2(len(ballot_box.ALPHABET)) == 80


def test_a_code_is_read_as_typed():
    assert ballot_box.normalise_code(" abcd-efgh jkmn-pqrs ") == "ABCDEFGHJKMNPQRS"
    assert ballot_box.normalise_code("OIL0-1111-2222-3333") == "0110111122223333"
    assert ballot_box.fingerprint("0110-1111-2222-3333", 5) == ballot_box.fingerprint(
        "oil0 1111 2222 3333", 5
    )


def test_the_fingerprint_differs_per_item_and_per_code():
    code, other = ballot_box.new_code(), ballot_box.new_code()

    prints = {ballot_box.fingerprint(code, item) for item in range(1, 51)}

    assert len(prints) == 50
    assert ballot_box.fingerprint(code, 1) != ballot_box.fingerprint(other, 1)
    assert all(re.fullmatch(r"[0-9a-f]{64}", p) for p in prints)
    assert code.replace("-", "") not in "".join(prints)


def test_unsealing_finds_the_choice():
    receipt = ballot_box.fingerprint(ballot_box.new_code(), 7)

    for choice in CHOICES:
        sealed = ballot_box.seal(7, receipt, choice)
        assert sealed not in CHOICES and choice not in sealed
        assert ballot_box.unseal(7, receipt, sealed, CHOICES) == choice


def test_a_forged_or_moved_seal_matches_nothing():
    receipt = ballot_box.fingerprint(ballot_box.new_code(), 7)
    other_receipt = ballot_box.fingerprint(ballot_box.new_code(), 7)
    sealed = ballot_box.seal(7, receipt, "for")

    assert ballot_box.unseal(7, other_receipt, sealed, CHOICES) is None  # moved to another ballot
    assert ballot_box.unseal(8, receipt, sealed, CHOICES) is None  # moved to another item
    assert ballot_box.unseal(7, receipt, "0" * 64, CHOICES) is None  # forged
    assert ballot_box.unseal(7, receipt, sealed[:-1] + "0", CHOICES) in (None, "for")
    assert ballot_box.unseal(7, receipt, ballot_box.seal(7, receipt, "for", secret="x" * 50), CHOICES) is None


def test_a_seal_made_before_the_key_changed_still_opens_with_the_fallback(settings):
    settings.SECRET_KEY = "old-" + "k" * 50
    receipt = ballot_box.fingerprint(ballot_box.new_code(), 3)
    sealed = ballot_box.seal(3, receipt, "against")

    settings.SECRET_KEY = "new-" + "k" * 50
    assert ballot_box.unseal(3, receipt, sealed, CHOICES) is None
    settings.SECRET_KEY_FALLBACKS = ["old-" + "k" * 50]
    assert ballot_box.unseal(3, receipt, sealed, CHOICES) == "against"


def test_the_rekeyed_receipt_depends_on_the_secret_key(settings):
    receipt = ballot_box.fingerprint("AAAA-BBBB-CCCC-DDDD", 1)

    first = ballot_box.rekey(receipt)
    settings.SECRET_KEY = "another-" + "k" * 50

    assert ballot_box.rekey(receipt) != first != receipt
    assert ballot_box.counted_receipt("AAAA-BBBB-CCCC-DDDD", 1) == ballot_box.rekey(receipt)


def test_a_forged_seal_in_the_database_stops_the_close(cw):
    meetings.open_ballot(actor=None, meeting=cw.meeting)
    vote(cw, {"Trần Thị Lan": 5})
    forged = Ballot.objects.filter(item=cw.item("Trần Thị Lan")).first()
    # the database's owner cannot UPDATE a ballot (a trigger refuses it): he deletes it and writes another
    Ballot.objects.filter(pk=forged.pk).delete()
    Ballot.objects.create(
        item_id=forged.item_id,
        receipt=forged.receipt,
        seal=ballot_box.seal(forged.item_id, forged.receipt, "x"),
    )

    try:
        meetings.close_ballot(actor=None, meeting=cw.meeting)
    except Exception as error:
        refused = error
    cw.meeting.refresh_from_db()

    assert getattr(refused, "code", None) == "box"
    assert cw.meeting.status == "voting" and set(Ballot.objects.values_list("choice", flat=True)) == {""}


def test_a_ballot_removed_from_the_box_stops_the_close(cw):
    meetings.open_ballot(actor=None, meeting=cw.meeting)
    vote(cw, {"Trần Thị Lan": 5})
    Ballot.objects.filter(pk=Ballot.objects.filter(item=cw.item("Trần Thị Lan")).first().pk).delete()

    try:
        meetings.close_ballot(actor=None, meeting=cw.meeting)
    except Exception as error:
        refused = error

    assert getattr(refused, "code", None) == "box"
    cw.meeting.refresh_from_db()
    assert cw.meeting.status == "voting"


def test_after_the_close_a_member_finds_his_ballots_with_his_code(cw):
    meetings.open_ballot(actor=None, meeting=cw.meeting)
    codes = vote(cw, {"Trần Thị Lan": 1, "Phòng Kế hoạch": 9, "Đặng Thị Hương": 0, "Nguyễn Văn Dũng": 1})
    an, dung = cw.members[0][0], cw.members[3][0]
    assert ballot.verify_receipt(meeting=cw.meeting, code=codes[an.pk]) == []  # not before the close

    meetings.close_ballot(actor=None, meeting=cw.meeting)
    cw.meeting.refresh_from_db()

    found = ballot.verify_receipt(meeting=cw.meeting, code=codes[an.pk])
    assert [(item.proposal.subject_name, choice) for item, choice in found] == [
        ("Nguyễn Văn Dũng", "for"),
        ("Trần Thị Lan", "for"),
        ("Đặng Thị Hương", "against"),
        ("Phòng Kế hoạch", "for"),
    ]
    assert len(ballot.verify_receipt(meeting=cw.meeting, code=codes[dung.pk])) == 3  # recused on one
    typed = codes[an.pk].lower().replace("-", " ")
    assert len(ballot.verify_receipt(meeting=cw.meeting, code=typed)) == 4
    assert ballot.verify_receipt(meeting=cw.meeting, code=ballot_box.new_code()) == []
    assert ballot.verify_receipt(meeting=cw.meeting, code="ABCD") == []
    assert ballot.verify_receipt(meeting=cw.meeting, code="") == []


def test_a_receipt_is_still_found_after_the_secret_key_changed(cw, settings):
    meetings.open_ballot(actor=None, meeting=cw.meeting)
    codes = vote(cw, {"Trần Thị Lan": 9})
    meetings.close_ballot(actor=None, meeting=cw.meeting)
    cw.meeting.refresh_from_db()
    old = settings.SECRET_KEY

    settings.SECRET_KEY = "rotated-" + "k" * 50
    settings.SECRET_KEY_FALLBACKS = [old]

    found = ballot.verify_receipt(meeting=cw.meeting, code=codes[cw.members[0][0].pk])
    assert len(found) == 4
    settings.SECRET_KEY_FALLBACKS = []
    assert ballot.verify_receipt(meeting=cw.meeting, code=codes[cw.members[0][0].pk]) == []


def test_the_close_unseals_a_box_sealed_under_the_previous_key(cw, settings):
    meetings.open_ballot(actor=None, meeting=cw.meeting)
    codes = vote(cw, {"Trần Thị Lan": 6})
    old = settings.SECRET_KEY
    settings.SECRET_KEY = "rotated-" + "k" * 50
    settings.SECRET_KEY_FALLBACKS = [old]

    meetings.close_ballot(actor=None, meeting=cw.meeting)

    cw.meeting.refresh_from_db()
    lan = cw.meeting.items.get(pk=cw.item("Trần Thị Lan").pk)
    assert (lan.votes_for, lan.votes_against, lan.passes) == (6, 3, True)
    assert len(ballot.verify_receipt(meeting=cw.meeting, code=codes[cw.members[0][0].pk])) == 4


@pytest.mark.django_db
def test_the_database_refuses_to_change_a_ballot(cw):
    """Even a queryset update, which skips Ballot.save(), is refused by the database's trigger."""
    from django.db import DatabaseError, transaction

    from council.domain import ballot, meetings
    from council.models import Ballot

    meetings.open_ballot(actor=cw.secretary, meeting=cw.meeting)
    _membership, user = cw.members[0]
    item = cw.item("Trần Thị Lan")
    ballot.cast(actor=user, meeting=cw.meeting, choices={item.pk: "for"})
    before = list(Ballot.objects.values_list("receipt", "seal"))
    with pytest.raises(DatabaseError), transaction.atomic():
        Ballot.objects.update(seal="forged")
    assert list(Ballot.objects.values_list("receipt", "seal")) == before
