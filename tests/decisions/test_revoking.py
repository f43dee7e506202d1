"""Revoking awards (Luật TĐKT 2022 Điều 93): the agency's revocation decision on a ground a–d, citing the
original decision and listing the awards with the money to return; issued through the gate in one
transaction — the ledger rows marked revoked (never deleted) and out of the standing ledger, the return due
15 working days later, the awardees and their units told; refused for an award already revoked or on a
pending draft, another body's award, an empty conclusion, an unknown ground, someone who may not; the money
and object returned tracked, never above what is due."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import Role
from activity.models import ActivityLog
from awards.models import Award, AwardRecord
from decisions.domain.registering import record_decision, register_decision
from decisions.domain.revoking import (
    discard_revocation,
    draft_revocation,
    issue_revocation,
    record_return,
    return_state,
)
from decisions.models import Kind, Revocation, Status
from documents import domain as documents
from documents.models import Status as DocumentStatus
from notifications.models import Notification
from tests.factories import account_with_role
from workdays.calendar import working_day_after

CONCLUSION = "Kết luận thanh tra số 05/KL-TTr ngày 02/03/2026 của Thanh tra Sở"
LDTT, CSTDCS = "lao-dong-tien-tien", "chien-si-thi-dua-co-so"


def rows(decision) -> dict:
    """The ledger rows an issued decision wrote, by award code (LĐTT: a list of two)."""
    found = {}
    for record in AwardRecord.objects.filter(decision=decision.document).select_related("award"):
        found.setdefault(record.award.code, []).append(record)
    return found


def draft(dw, records, *, ground="a", conclusion=CONCLUSION):
    return draft_revocation(actor=dw.world.secretariat, records=records, ground=ground, conclusion=conclusion,
                            signer=dw.signers.director)  # fmt: skip


def signed(dw, decision):
    documents.submit_for_signature(actor=dw.world.secretariat, document=decision.document)
    documents.approve_document(actor=dw.world.leader, document=decision.document)
    decision.refresh_from_db()
    return decision


def revoked(dw, records, **options):
    return issue_revocation(actor=dw.world.clerk, decision=signed(dw, draft(dw, records, **options)))


# --- drafting ---------------------------------------------------------------------------------------------


def test_the_draft_states_the_ground_cites_the_original_and_lists_the_awards(dw):
    original = dw.issued()
    hương = rows(original)[CSTDCS][0]

    decision = draft(dw, [hương], ground="b")

    document = decision.document
    assert decision.kind == Kind.REVOCATION and decision.status == Status.DRAFT
    assert decision.agency == original.agency and decision.awards_count == 1 and decision.total_amount == 0
    assert (
        document.subject == "Về việc hủy bỏ quyết định khen thưởng" and document.issued_through == "decisions"
    )
    text = " ".join(run["text"] for block in document.body for run in block["runs"])
    assert "làm giả hồ sơ" in text and "điểm b khoản 2 Điều 93" in text and CONCLUSION in text
    assert f"Quyết định số {original.document.reference}" in text and "15 ngày làm việc" in text
    assert list(document.bases.filter(cited__isnull=False).values_list("cited_id", flat=True)) == [
        original.document.pk
    ]
    [annex] = document.annexes
    [row] = annex["rows"]
    line = hương.decision_line
    assert row[1] == line.name and original.document.reference in row[3] and "nộp lại hiện vật" in row[2]
    assert row[4] == f"{hương.amount:,}".replace(",", ".")


def test_one_revocation_row_per_award_with_what_is_due(dw):
    original = dw.issued()
    found = rows(original)
    hương, lđtt = found[CSTDCS][0], found[LDTT][0]

    decision = draft(dw, [lđtt, hương])

    revocations = {r.record_id: r for r in Revocation.objects.filter(decision=decision)}
    assert set(revocations) == {hương.pk, lđtt.pk}
    assert (
        revocations[hương.pk].amount_due == hương.amount and revocations[hương.pk].object_due
    )  # a certificate
    assert (
        revocations[lđtt.pk].amount_due == lđtt.amount and not revocations[lđtt.pk].object_due
    )  # money only
    assert all(r.ground == "a" and r.conclusion == CONCLUSION and r.return_due is None
               for r in revocations.values())  # fmt: skip
    hương.refresh_from_db()
    assert hương.revoked_on is None  # a draft revokes nothing


# --- issuing ----------------------------------------------------------------------------------------------


def test_issuing_revokes_the_award_and_keeps_its_ledger_row(dw):
    original = dw.issued()
    hương = rows(original)[CSTDCS][0]
    today = timezone.localdate()

    decision = revoked(dw, [hương])

    assert decision.status == Status.ISSUED and decision.decided_on == today
    assert decision.document.status == DocumentStatus.ISSUED and decision.document.reference
    hương.refresh_from_db()
    assert hương.revoked_on == today  # marked, never deleted
    assert AwardRecord.objects.filter(pk=hương.pk).exists()
    assert not AwardRecord.objects.standing().filter(pk=hương.pk).exists()
    assert AwardRecord.objects.standing().filter(decision=original.document).count() == 2
    revocation = Revocation.objects.get(record=hương)
    assert revocation.return_due == working_day_after(today, 15, agency=decision.agency)
    assert ActivityLog.objects.filter(action="awards.record.revoked", target_id=str(hương.pk)).exists()
    original.refresh_from_db()
    assert original.status == Status.ISSUED and original.document.status == DocumentStatus.ISSUED  # untouched


def test_the_awardee_and_the_unit_are_told(dw):
    original = dw.issued()
    lan = next(r for r in rows(original)[LDTT] if r.person_id == dw.world.office_person.pk)

    decision = revoked(dw, [lan])

    told = Notification.objects.filter(user=dw.world.staff, kind="decisions.revoked").get()
    assert decision.document.reference in told.title


def test_issuing_unsigned_or_twice_is_refused(dw):
    hương = rows(dw.issued())[CSTDCS][0]
    decision = draft(dw, [hương])
    with pytest.raises(ValidationError) as unsigned:
        issue_revocation(actor=dw.world.clerk, decision=decision)
    assert unsigned.value.code == "unsigned"
    hương.refresh_from_db()
    assert hương.revoked_on is None and decision.document.reference == ""

    issued = issue_revocation(actor=dw.world.clerk, decision=signed(dw, decision))
    with pytest.raises(ValidationError) as twice:
        issue_revocation(actor=dw.world.clerk, decision=issued)
    assert twice.value.code == "transition"


def test_a_revocation_cannot_be_dated_before_the_award(dw):
    hương = rows(dw.issued())[CSTDCS][0]
    decision = signed(dw, draft(dw, [hương]))

    with pytest.raises(ValidationError) as refused:
        issue_revocation(
            actor=dw.world.clerk, decision=decision, issued_on=hương.decided_on - dt.timedelta(days=1)
        )

    assert refused.value.code == "date"
    hương.refresh_from_db()
    decision.refresh_from_db()
    assert hương.revoked_on is None and decision.status == Status.DRAFT


# --- refusals ---------------------------------------------------------------------------------------------


def message(refused) -> str:
    return " ".join(refused.value.messages)


def test_an_award_already_revoked_is_refused(dw):
    hương = rows(dw.issued())[CSTDCS][0]
    revoked(dw, [hương])

    with pytest.raises(ValidationError) as refused:
        draft(dw, [hương])

    assert "đã bị hủy bỏ ngày" in message(refused)
    assert Revocation.objects.count() == 1


def test_an_award_on_a_pending_draft_is_refused_until_it_is_discarded(dw):
    hương = rows(dw.issued())[CSTDCS][0]
    first = draft(dw, [hương])

    with pytest.raises(ValidationError) as refused:
        draft(dw, [hương])
    assert "đã có trong một dự thảo quyết định hủy bỏ" in message(refused)

    discard_revocation(actor=dw.world.secretariat, decision=first)
    second = draft(dw, [hương])
    first.refresh_from_db()
    assert first.status == Status.DISCARDED and not first.revocations.exists()
    assert Revocation.objects.get(record=hương).decision == second


def test_an_award_of_another_bodys_decision_is_refused(dw):
    world = dw.world
    registered = register_decision(
        actor=world.secretariat, agency=world.agency, issuer="Chủ tịch UBND tỉnh Thử nghiệm", year=2020,
        fields={"subject": "Khen thưởng năm 2020", "number": 9, "notation": "QĐ-UBND",
                "issued_on": dt.date(2021, 1, 15), "sender_name": "UBND tỉnh Thử nghiệm"},
        lines=[{"award": Award.objects.get(code=LDTT), "person": world.office_person, "unit": world.office,
                "amount": 1_000, "name": world.office_person.full_name}],
    )  # fmt: skip
    record_decision(actor=world.secretariat, decision=registered)
    record = AwardRecord.objects.get(decision=registered.document)

    with pytest.raises(ValidationError) as refused:
        draft(dw, [record])

    assert "cấp nào quyết định khen thưởng thì cấp đó hủy bỏ" in message(refused)
    assert not Revocation.objects.exists()


def test_an_empty_conclusion_or_an_unknown_ground_is_refused(dw):
    hương = rows(dw.issued())[CSTDCS][0]

    with pytest.raises(ValidationError) as empty:
        draft(dw, [hương], conclusion="   ")
    with pytest.raises(ValidationError) as unknown:
        draft(dw, [hương], ground="e")
    with pytest.raises(ValidationError) as nothing:
        draft(dw, [])

    assert "conclusion" in empty.value.error_dict and "ground" in unknown.value.error_dict
    assert "records" in nothing.value.error_dict
    assert not Revocation.objects.exists()


def test_only_the_agencys_secretariat_drafts_a_revocation(dw):
    hương = rows(dw.issued())[CSTDCS][0]

    other = account_with_role(Role.SECRETARIAT, agency=dw.world.other_agency, username="thuongtruc2")
    for outsider in (dw.world.clerk, dw.world.staff, other):
        with pytest.raises(PermissionDenied):
            draft_revocation(actor=outsider, records=[hương], ground="a", conclusion="")  # permission first

    assert not Revocation.objects.exists()


# --- the return -------------------------------------------------------------------------------------------


def test_the_money_and_the_object_returned_are_tracked(dw):
    hương = rows(dw.issued())[CSTDCS][0]
    revoked(dw, [hương])
    revocation = Revocation.objects.get(record=hương)
    today = timezone.localdate()
    half = hương.amount // 2

    record_return(actor=dw.world.secretariat, revocation=revocation, amount_returned=half,
                  object_returned=False, settled_on=today)  # fmt: skip
    revocation.refresh_from_db()
    assert revocation.amount_returned == half and revocation.settled_on == today
    assert (
        not return_state(revocation).settled and return_state(revocation).amount_left == hương.amount - half
    )

    record_return(actor=dw.world.secretariat, revocation=revocation, amount_returned=hương.amount,
                  object_returned=True, settled_on=today)  # fmt: skip
    revocation.refresh_from_db()
    assert revocation.object_returned and return_state(revocation).settled
    logged = ActivityLog.objects.filter(action="decisions.revocation.returned", target_id=str(revocation.pk))
    assert logged.count() == 2


def test_more_than_is_due_or_an_object_not_due_is_refused(dw):
    found = rows(dw.issued())
    hương, lđtt = found[CSTDCS][0], found[LDTT][0]
    revoked(dw, [hương, lđtt])
    today = timezone.localdate()
    over = Revocation.objects.get(record=hương)
    no_object = Revocation.objects.get(record=lđtt)

    with pytest.raises(ValidationError) as too_much:
        record_return(actor=dw.world.secretariat, revocation=over, amount_returned=hương.amount + 1,
                      object_returned=False, settled_on=today)  # fmt: skip
    with pytest.raises(ValidationError) as not_due:
        record_return(actor=dw.world.secretariat, revocation=no_object, amount_returned=0,
                      object_returned=True, settled_on=today)  # fmt: skip
    with pytest.raises(ValidationError) as future:
        record_return(actor=dw.world.secretariat, revocation=over, amount_returned=0, object_returned=False,
                      settled_on=today + dt.timedelta(days=1))  # fmt: skip

    assert "amount_returned" in too_much.value.error_dict and "object_returned" in not_due.value.error_dict
    assert "settled_on" in future.value.error_dict
    over.refresh_from_db()
    assert over.amount_returned == 0 and over.settled_on is None


def test_nothing_is_returned_on_a_draft_and_only_the_secretariat_records_it(dw):
    hương = rows(dw.issued())[CSTDCS][0]
    draft(dw, [hương])
    revocation = Revocation.objects.get(record=hương)
    today = timezone.localdate()

    with pytest.raises(PermissionDenied):
        record_return(actor=dw.world.staff, revocation=revocation, amount_returned=1, object_returned=False,
                      settled_on=today)  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        record_return(actor=dw.world.secretariat, revocation=revocation, amount_returned=1,
                      object_returned=False, settled_on=today)  # fmt: skip

    assert refused.value.code == "draft"
    revocation.refresh_from_db()
    assert revocation.amount_returned == 0


def test_an_unsettled_return_is_overdue_after_its_day(dw):
    hương = rows(dw.issued())[CSTDCS][0]
    revoked(dw, [hương])
    revocation = Revocation.objects.get(record=hương)

    assert not return_state(revocation, revocation.return_due).overdue
    assert return_state(revocation, revocation.return_due + dt.timedelta(days=1)).overdue
