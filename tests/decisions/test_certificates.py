"""decisions/certificates.py and decisions/domain/certificates.py: which awards print a certificate and with
which template, the certificates an issued decision creates, re-issues (cấp đổi / cấp lại) and the refusals.

The data: `dw` (tests/decisions/conftest.py) — the decision issued on the passed proposals: Lao động tiên
tiến for Dũng and Lan (money only), Chiến sĩ thi đua cơ sở for Hương (a certificate)."""

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from activity.models import ActivityLog
from awards.domain import write_ledger_row
from awards.models import Award
from decisions.certificates import (
    CERTIFIED,
    MONEY_ONLY,
    award_verb,
    create_certificates,
    printed_name,
    prints_certificate,
    template_for,
)
from decisions.domain.certificates import reissue_certificate
from decisions.models import CODE_ALPHABET, Certificate, CertificateTemplate, Issue, Line
from workdays.calendar import working_day_after

CSTDCS, LDTT, GIAY_KHEN = "chien-si-thi-dua-co-so", "lao-dong-tien-tien", "giay-khen"


def award(code) -> Award:
    return Award.objects.get(code=code)


def add_line(decision, code, person, *, unit, position_title="", achievement="") -> Line:
    """One more awardee on an issued decision, with its ledger row and certificate: the awards `dw` has not
    (a Giấy khen)."""
    position = decision.lines.count() + 1
    line = Line.objects.create(
        decision=decision, position=position, award=award(code), person=person, unit=unit,
        year=decision.year or decision.decided_on.year, name=person.full_name if person else unit.name,
        position_title=position_title, unit_name=unit.name, achievement=achievement,
    )  # fmt: skip
    line.record = write_ledger_row(
        actor=None, agency=decision.agency, award=line.award, person=person, unit=None if person else unit,
        year=line.year, decision=decision.document, decided_on=decision.decided_on,
        certificate_number=position,
    )  # fmt: skip
    line.save(update_fields=["record"])
    create_certificates(decision)
    return line


def money_only_printed(agency, day=dt.date(2020, 1, 1)) -> CertificateTemplate:
    return CertificateTemplate.objects.create(
        agency=agency, valid_from=day, decider_title="GIÁM ĐỐC SỞ THỬ NGHIỆM TỈNH SÓC TRĂNG",
        place_name="Sóc Trăng", money_only_printed=True, citation="Nghị định số 98/2023/NĐ-CP, Điều 104",
    )  # fmt: skip


# --- which awards print, and the template -------------------------------------------------------------------


@pytest.mark.django_db
def test_certificates_for_cstdcs_and_giay_khen_money_only_titles_only_where_the_agency_prints_them(world):
    assert {CSTDCS, GIAY_KHEN, "giay-khen-tap-the"} == CERTIFIED
    assert {LDTT, "tap-the-lao-dong-tien-tien"} == MONEY_ONLY
    default = template_for(world.agency, dt.date(2025, 3, 1))
    assert [prints_certificate(award(code), default) for code in (CSTDCS, GIAY_KHEN, LDTT)] == [
        True,
        True,
        False,
    ]
    assert not prints_certificate(award("tap-the-lao-dong-tien-tien"), default)
    assert not prints_certificate(award("chien-si-thi-dua-tinh"), default)  # the Province prints it
    chosen = money_only_printed(world.agency)
    assert prints_certificate(award(LDTT), chosen) and prints_certificate(
        award("tap-the-lao-dong-tien-tien"), chosen
    )


@pytest.mark.django_db
def test_without_a_template_the_default_follows_the_agency_and_the_decree_of_the_day(world):
    current = template_for(world.agency, dt.date(2024, 1, 1))
    assert current.pk is None  # built in memory, not saved
    assert current.decider_title == "GIÁM ĐỐC SỞ THỬ NGHIỆM"
    assert current.place_name == world.agency.place_name
    assert (current.citation, current.source_status) == ("Nghị định số 98/2023/NĐ-CP, Điều 104", "V1")
    earlier = template_for(world.agency, dt.date(2023, 12, 31))
    assert earlier.citation == "Nghị định số 85/2014/NĐ-CP (sửa đổi bởi Nghị định số 101/2018/NĐ-CP)"
    assert earlier.source_status == "R"
    assert not CertificateTemplate.objects.exists()


@pytest.mark.django_db
def test_the_agencys_template_of_the_day_is_used_and_not_another_agencys(world):
    old = CertificateTemplate.objects.create(
        agency=world.agency, valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2023, 12, 31),
        decider_title="GIÁM ĐỐC SỞ CŨ", place_name="Sóc Trăng", citation="NĐ 85/2014", source_status="R",
    )  # fmt: skip
    new = money_only_printed(world.agency, dt.date(2024, 1, 1))
    money_only_printed(world.other_agency, dt.date(2019, 1, 1))
    assert template_for(world.agency, dt.date(2021, 6, 1)) == old
    assert template_for(world.agency, dt.date(2024, 1, 1)) == new
    assert template_for(world.agency, dt.date(2030, 1, 1)) == new  # open-ended
    assert template_for(world.agency, dt.date(2019, 6, 1)).pk is None  # before any: the default


@pytest.mark.django_db
def test_printed_name_and_verb_of_forms_and_titles():
    assert (printed_name(award(GIAY_KHEN)), award_verb(award(GIAY_KHEN))) == ("GIẤY KHEN", "TẶNG")
    assert printed_name(award("giay-khen-tap-the")) == "GIẤY KHEN"
    assert (printed_name(award(CSTDCS)), award_verb(award(CSTDCS))) == (
        "CHIẾN SĨ THI ĐUA CƠ SỞ",
        "TẶNG DANH HIỆU",
    )
    assert award_verb(award("tap-the-lao-dong-tien-tien")) == "TẶNG DANH HIỆU"


# --- certificates created by issuing ------------------------------------------------------------------------


@pytest.mark.django_db
def test_issuing_creates_one_original_certificate_per_line_whose_award_prints(dw):
    decision = dw.issued()
    (certificate,) = Certificate.objects.all()
    line = decision.lines.get(award__code=CSTDCS)
    assert (certificate.line, certificate.record) == (line, line.record)
    assert certificate.issue == Issue.ORIGINAL and certificate.original is None and certificate.number is None
    assert certificate.issued_on == decision.decided_on and certificate.name == line.name == "Đặng Thị Hương"
    assert not Certificate.objects.filter(line__award__code=LDTT).exists()  # money only


@pytest.mark.django_db
def test_an_agency_printing_money_only_titles_gets_their_certificates_too(dw):
    money_only_printed(dw.world.agency)
    decision = dw.issued()
    names = list(Certificate.objects.order_by("line__position").values_list("name", "line__award__code"))
    assert names == [("Nguyễn Văn Dũng", LDTT), ("Trần Thị Lan", LDTT), ("Đặng Thị Hương", CSTDCS)]
    assert all(c.issued_on == decision.decided_on for c in Certificate.objects.all())


@pytest.mark.django_db
def test_create_certificates_again_adds_none_and_codes_are_unguessable_and_distinct(dw):
    money_only_printed(dw.world.agency)
    decision = dw.issued()
    assert create_certificates(decision) == []
    codes = list(Certificate.objects.values_list("code", flat=True))
    assert len(codes) == len(set(codes)) == 3
    shape = re.compile(rf"^[{CODE_ALPHABET}]{{6}}(-[{CODE_ALPHABET}]{{6}}){{3}}$")
    assert all(shape.match(code) for code in codes)  # 24 letters of 31: 118 bits


# --- re-issues ----------------------------------------------------------------------------------------------


@pytest.fixture
def huong(dw):
    dw.decision = dw.issued()
    return Certificate.objects.get()


@pytest.mark.django_db
def test_a_replacement_is_a_new_certificate_linked_to_the_original_due_in_15_working_days(dw, huong):
    requested = timezone.localdate() - dt.timedelta(days=2)
    copy = reissue_certificate(
        actor=dw.world.secretariat, certificate=huong, issue=Issue.EXCHANGE, reason="Bị rách, ố vàng",
        requested_on=requested,
    )  # fmt: skip
    copy.refresh_from_db()
    assert copy.pk != huong.pk and copy.code != huong.code
    assert (copy.original, copy.record, copy.line, copy.name) == (huong, huong.record, huong.line, huong.name)
    assert (copy.issue, copy.number, copy.issued_on) == (Issue.EXCHANGE, 1, timezone.localdate())
    assert copy.requested_on == requested
    assert copy.due_on == working_day_after(requested, 15, agency=dw.world.agency)
    assert copy.reason == "Bị rách, ố vàng" and copy.created_by == dw.world.secretariat
    log = ActivityLog.objects.get(action="decisions.certificate.reissued")
    assert log.target_id == str(copy.pk) and log.data["after"]["original"] == huong.code


@pytest.mark.django_db
def test_reissues_are_numbered_in_the_agencys_year_and_always_link_the_first_original(dw, huong):
    today = timezone.localdate()
    first = reissue_certificate(actor=dw.world.secretariat, certificate=huong, issue=Issue.REISSUE,
                                reason="Bị mất do hỏa hoạn", requested_on=today)  # fmt: skip
    second = reissue_certificate(actor=dw.world.secretariat, certificate=first, issue=Issue.EXCHANGE,
                                 reason="In sai tên", requested_on=today, name="Đặng Thị Hường")  # fmt: skip
    assert (first.number, second.number) == (1, 2)
    assert second.original == huong  # not the re-issue it replaced
    assert second.name == "Đặng Thị Hường"  # the misprint corrected
    assert list(huong.reissues.order_by("number")) == [first, second]


@pytest.mark.django_db
@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("issue", "reason", "days", "code"),
    [
        (Issue.ORIGINAL, "Bị mất", 0, "issue"),
        ("printed", "Bị mất", 0, "issue"),
        (Issue.REISSUE, "  ", 0, "reason"),
        (Issue.REISSUE, "Bị mất", -3, "future"),
    ],
)
def test_a_reissue_needs_its_kind_a_reason_and_a_request_not_in_the_future(
    dw, huong, issue, reason, days, code
):
    requested = timezone.localdate() - dt.timedelta(days=days)
    with pytest.raises(ValidationError) as refused:
        reissue_certificate(actor=dw.world.secretariat, certificate=huong, issue=issue, reason=reason,
                            requested_on=requested)  # fmt: skip
    assert code in {e.code for errors in refused.value.error_dict.values() for e in errors}
    assert Certificate.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.usefixtures("english")
def test_no_reissue_for_a_revoked_award(dw, huong):
    revoked = timezone.localdate()
    type(huong.record).objects.filter(pk=huong.record_id).update(revoked_on=revoked)
    with pytest.raises(ValidationError) as refused:
        reissue_certificate(actor=dw.world.secretariat, certificate=huong, issue=Issue.REISSUE,
                            reason="Bị mất", requested_on=revoked)  # fmt: skip
    assert refused.value.code == "revoked"
    assert f"revoked on {revoked:%d/%m/%Y}" in refused.value.messages[0]
    assert Certificate.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.usefixtures("english")
def test_no_certificate_for_an_award_that_carries_money_only(dw, huong):
    line = dw.decision.lines.get(award__code=LDTT, position=2)
    forged = Certificate.objects.create(record=line.record, line=line, issued_on=dw.decision.decided_on,
                                        name=line.name)  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        reissue_certificate(actor=dw.world.secretariat, certificate=forged, issue=Issue.REISSUE,
                            reason="Bị mất", requested_on=timezone.localdate())  # fmt: skip
    assert refused.value.code == "no_certificate"
    assert "“Lao động tiên tiến” carries no certificate" in refused.value.messages[0]


@pytest.mark.django_db
def test_only_the_agencys_secretariat_reissues(dw, huong):
    for outsider in (dw.world.staff, dw.world.officer, dw.world.council):
        with pytest.raises(PermissionDenied):
            reissue_certificate(actor=outsider, certificate=huong, issue=Issue.REISSUE, reason="Bị mất",
                                requested_on=timezone.localdate())  # fmt: skip
    assert Certificate.objects.count() == 1
    assert not ActivityLog.objects.filter(action="decisions.certificate.reissued").exists()
