"""The higher decision answering a forward package (decisions.domain.registering): registered as an incoming
document with its awardees matched to the package's proposals — exactly (person, award, period), or doubtful
until the secretary confirms —; a line naming someone the agency did not propose is refused; recording it
writes the ledger rows linked to the decision and settles the package: awarded, or refused with a reason."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from awards.models import Award, AwardRecord
from decisions.domain.registering import confirm_match, record_decision, register_decision
from decisions.models import Decision, Match, Outcome, PackageItem, PackageStatus
from documents.models import Document
from tests.decisions.packaging import draft, passed_collective, send

ISSUER = "Chủ tịch Ủy ban nhân dân tỉnh Thử nghiệm"
CSTD_TINH = "chien-si-thi-dua-tinh"


def fields(number=215, **extra) -> dict:
    return {"number": number, "notation": "QĐ-UBND", "issued_on": dt.date.today(),
            "subject": "Về việc tặng danh hiệu Chiến sĩ thi đua cấp tỉnh", "sender_name": "UBND tỉnh",
            **extra}  # fmt: skip


def line_of(proposal, **extra) -> dict:
    return {"award": proposal.award, "person": proposal.person, "unit": proposal.unit,
            "name": proposal.subject_name, "amount": None, **extra}  # fmt: skip


def register(dw, package, lines, actor=None):
    return register_decision(actor=actor or dw.world.secretariat, agency=dw.world.agency, fields=fields(),
                             lines=lines, issuer=ISSUER, year=dw.round.year, package=package)  # fmt: skip


def test_an_exact_match_is_registered_as_an_incoming_decision(dw):
    package = send(dw)
    decision = register(dw, package, [line_of(dw.provincial)])
    assert decision.status == "draft" and decision.origin == "registered" and decision.package == package
    document = decision.document
    assert document.direction == "incoming" and document.status == "registered"
    assert document.reference == "215/QĐ-UBND" and document.arrival_number is not None
    (line,) = decision.lines.all()
    assert (line.proposal, line.match) == (dw.provincial, Match.EXACT)
    assert line.amount > 0 and decision.total_amount == line.amount and decision.awards_count == 1
    assert line.unit_name == dw.provincial.unit.name


def test_a_typed_name_is_doubtful_until_the_secretary_confirms_it(dw):
    package = send(dw)
    typed = {"award": dw.provincial.award, "name": "Đặng  thị HƯƠNG", "amount": None}
    decision = register(dw, package, [typed])
    (line,) = decision.lines.all()
    assert (line.proposal, line.match, line.person) == (dw.provincial, Match.DOUBTFUL, None)
    assert line.unit == dw.provincial.unit  # the unit of the proposal it matches
    with pytest.raises(ValidationError) as caught:
        record_decision(actor=dw.world.secretariat, decision=decision)
    assert caught.value.code == "doubtful"
    assert not AwardRecord.objects.filter(decision=decision.document).exists()
    confirm_match(actor=dw.world.secretariat, line=line, proposal=dw.provincial)
    line.refresh_from_db()
    assert (line.match, line.person) == (Match.CONFIRMED, dw.world.team_person)


def test_another_award_for_the_same_person_is_doubtful(dw):
    package = send(dw)
    other = Award.objects.get(code="bang-khen-tinh")
    decision = register(dw, package, [line_of(dw.provincial, award=other)])
    (line,) = decision.lines.all()
    assert (line.proposal, line.match) == (dw.provincial, Match.DOUBTFUL)


def test_a_line_naming_someone_not_proposed_is_refused(dw):
    package = send(dw)
    before = Document.objects.count()
    stranger = {"award": dw.provincial.award, "person": dw.world.office_person, "unit": dw.world.office,
                "name": "Trần Thị Lan", "amount": None}  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        register(dw, package, [line_of(dw.provincial), stranger])
    (message,) = caught.value.message_dict["lines"]
    assert "Trần Thị Lan" in message and "không có trong hồ sơ trình cấp trên" in message
    assert not Decision.objects.filter(package=package).exists() and Document.objects.count() == before


def test_confirming_no_proposal_is_refused(dw):
    package = send(dw)
    decision = register(
        dw, package, [{"award": dw.provincial.award, "name": "Đặng Thị Hương", "amount": None}]
    )
    with pytest.raises(ValidationError) as caught:
        confirm_match(actor=dw.world.secretariat, line=decision.lines.get(), proposal=None)
    assert caught.value.code == "not_proposed"


def test_a_package_not_sent_is_not_answered(dw):
    package = draft(dw)
    with pytest.raises(ValidationError) as caught:
        register(dw, package, [line_of(dw.provincial)])
    assert caught.value.code == "package"
    assert not Decision.objects.exists()


def test_only_managers_register(dw):
    package = send(dw)
    with pytest.raises(PermissionDenied):
        register(dw, package, [line_of(dw.provincial)], actor=dw.world.staff)
    assert not Decision.objects.exists()


def test_recording_writes_the_ledger_and_settles_the_package(dw):
    collective = passed_collective(dw)
    package = send(dw, draft(dw, [dw.provincial, collective]))
    decision = register(dw, package, [line_of(dw.provincial)])
    with pytest.raises(ValidationError) as caught:
        record_decision(actor=dw.world.secretariat, decision=decision, refusals={})
    assert "Hãy nêu lý do" in str(caught.value.message_dict["refusals"])
    assert not AwardRecord.objects.filter(decision=decision.document).exists()  # nothing half-recorded
    reason = "Chưa đủ tiêu chuẩn theo quy định của tỉnh"
    record_decision(actor=dw.world.secretariat, decision=decision, refusals={collective.pk: f"  {reason} "})
    decision.refresh_from_db()
    assert decision.status == "issued"
    (line,) = decision.lines.select_related("record")
    record = line.record
    assert (record.award, record.person, record.year) == (
        dw.provincial.award,
        dw.world.team_person,
        dw.round.year,
    )
    assert record.decision == decision.document and record.decided_on == dt.date.today()
    assert record.amount == line.amount and record.certificate_number == 1
    dw.provincial.refresh_from_db()
    collective.refresh_from_db()
    assert (dw.provincial.status, collective.status) == ("awarded", "refused")
    outcomes = dict(PackageItem.objects.filter(package=package).values_list("proposal_id", "outcome"))
    assert outcomes == {dw.provincial.pk: Outcome.AWARDED, collective.pk: Outcome.REFUSED}
    assert PackageItem.objects.get(proposal=collective).reason == reason
    package.refresh_from_db()
    assert package.status == PackageStatus.ANSWERED


def test_a_confirmed_line_is_recorded_for_the_proposal(dw):
    package = send(dw)
    decision = register(
        dw, package, [{"award": dw.provincial.award, "name": "Đặng Thị Hương", "amount": None}]
    )
    confirm_match(actor=dw.world.secretariat, line=decision.lines.get(), proposal=dw.provincial)
    record_decision(actor=dw.world.secretariat, decision=decision)
    record = AwardRecord.objects.get(decision=decision.document)
    assert record.person == dw.world.team_person and record.unit is None
    dw.provincial.refresh_from_db()
    assert dw.provincial.status == "awarded"
