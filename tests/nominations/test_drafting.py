"""nominations/drafting.py: the báo cáo thành tích prefilled from the record in the form of its period, the
unit's minutes with their vote lines, the tờ trình drafted as a document; each read back from the database.

`her_record` and `three_rounds` are shared with test_papers.py: a woman of the division rated in 2020, 2021,
2024 and this year with the decisions' numbers, a Lao động tiên tiến of 2019 in the ledger, an initiative of
2021, and a proposal for her in a round of 2021 (rule set 2017), of 2024 (rule set 2024) and of this year."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Role
from activity.models import ActivityLog
from documents.models import Direction, Document
from documents.models import Status as DocumentStatus
from nominations import drafting
from nominations.domain.dossiers import save_unit_dossier
from nominations.domain.proposals import propose, submit_proposal, update_proposal, withdraw_proposal
from nominations.domain.rounds import open_round
from nominations.models import Proposal, Status, UnitDossier
from people.models import Gender, QualityRating, Rating
from tests.awards.records import initiative, record
from tests.factories import AssignmentFactory, PersonFactory, account_with_role
from tests.nominations.conftest import award, complete_dossier

D = dt.date
NAME = "Nguyễn Thị Ngọc Ánh"


def rated(person, year: int, rating: str, number: int) -> QualityRating:
    return QualityRating.objects.create(
        person=person,
        year=year,
        rating=rating,
        decision=f"Quyết định số {number}/QĐ-STN",
        decided_on=D(year, 12, 20),
    )


def drafts() -> int:
    """The documents drafted (her record's ledger row rests on a registered incoming decision)."""
    return Document.objects.filter(direction=Direction.OUTGOING).count()


def her_record(world, this_year: int):
    person = PersonFactory(
        agency=world.agency,
        family_name="Nguyễn",
        middle_name="Thị Ngọc",
        given_name="Ánh",
        gender=Gender.FEMALE,
        date_of_birth=D(1988, 3, 9),
        ethnicity="Khmer",
    )
    AssignmentFactory(
        person=person, unit=world.division, position="Phó Trưởng phòng", start_date=D(2015, 2, 1)
    )
    rated(person, 2020, Rating.EXCELLENT, 112)
    rated(person, 2021, Rating.EXCELLENT, 215)
    rated(person, 2024, Rating.GOOD, 318)
    rated(person, this_year, Rating.EXCELLENT, 421)
    record(world, person, "lao-dong-tien-tien", 2019)
    found = initiative(person, 2021)
    return SimpleNamespace(person=person, initiative=found)


def three_rounds(world, nom):
    """Her proposals: Bằng khen tỉnh for 2020–2021 (received early 2022), Lao động tiên tiến for 2024
    (received early 2025), Chiến sĩ thi đua cơ sở this year."""
    her = her_record(world, nom.today.year)
    made = {}
    for year, code, on in (
        (2021, "bang-khen-tinh", D(2022, 1, 5)),
        (2024, "lao-dong-tien-tien", D(2025, 1, 6)),
    ):
        round_ = open_round(
            actor=None,
            agency=world.agency,
            name=f"Xét khen thưởng năm {year}",
            year=year,
            deadline=on + dt.timedelta(days=5),
            awards=[award(code)],
        )
        made[year] = propose(
            actor=None, round=round_, unit=world.division, award=award(code), people=[her.person], on=on,
            achievement=f"Hoàn thành vượt mức kế hoạch năm {year}.",
        )[0]  # fmt: skip
    made[nom.today.year] = propose(
        actor=None, round=nom.round, unit=world.division, award=nom.cstdcs, people=[her.person],
        achievement="Chủ trì số hóa hồ sơ đất đai.",
    )[0]  # fmt: skip
    her.proposals = made
    return her


@pytest.fixture
def her(world, nom):
    return three_rounds(world, nom)


# --- the period ---------------------------------------------------------------------------------------------


def test_each_round_takes_the_form_and_decree_of_its_period(her, nom):
    periods = {year: drafting.period_of(proposal) for year, proposal in her.proposals.items()}

    assert [(p.rule_set_code, p.form, p.instrument) for p in (periods[2021], periods[2024])] == [
        ("2017", "Mẫu số 02", "Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017"),
        ("2024", "Mẫu số 03", "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023"),
    ]
    current = periods[nom.today.year]
    assert (current.form, current.instrument) == (
        "Mẫu số 05",
        "Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025",
    )
    assert [periods[2021].years, periods[2024].years, current.years] == [
        (2020, 2021),
        (2024,),
        (nom.today.year,),
    ]


# --- the achievement report ---------------------------------------------------------------------------------


def test_report_text_is_prefilled_from_her_record(her):
    text = drafting.report_text(her.proposals[2021])
    lines = text.splitlines()

    assert lines[:5] == [
        "I. SƠ LƯỢC LÝ LỊCH",
        f"- Họ và tên: {NAME}",
        "- Sinh ngày, tháng, năm: 09/03/1988",
        "- Giới tính: Nữ",
        "- Dân tộc: Khmer",
    ]
    assert "- Đơn vị công tác: Phòng Kế hoạch, Sở Thử nghiệm" in lines
    assert "- Chức vụ (Đảng, chính quyền, đoàn thể): Phó Trưởng phòng, Phòng Kế hoạch" in lines
    assert "Hoàn thành vượt mức kế hoạch năm 2021." in lines
    ratings = lines.index("3. Kết quả đánh giá, xếp loại chất lượng:")
    assert lines[ratings + 1 : ratings + 3] == [
        "- Năm 2020: Hoàn thành xuất sắc nhiệm vụ (Quyết định số 112/QĐ-STN ngày 20/12/2020).",
        "- Năm 2021: Hoàn thành xuất sắc nhiệm vụ (Quyết định số 215/QĐ-STN ngày 20/12/2021).",
    ]
    assert (
        f"- Sáng kiến “{her.initiative.title}” (năm 2021): được công nhận cấp cơ sở ngày 01/11/2021." in lines
    )
    ledger = lines.index("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG")
    assert lines[ledger + 1 : ledger + 3] == [
        "1. Danh hiệu thi đua:",
        "- Năm 2019: Lao động tiên tiến (Quyết định số 2019/QĐ-STN ngày 20/01/2020 của Giám đốc Sở).",
    ]


def test_report_text_reckons_only_the_period_of_the_award(her):
    text = drafting.report_text(her.proposals[2024])

    assert "- Năm 2024: Hoàn thành tốt nhiệm vụ (Quyết định số 318/QĐ-STN ngày 20/12/2024)." in text
    assert "215/QĐ-STN" not in text and "Sáng kiến" not in text
    assert "Quyết định số 2019/QĐ-STN" in text


def test_report_text_says_when_a_year_has_no_rating(world, nom):
    proposal = propose(
        actor=None, round=nom.round, unit=world.office, award=nom.giay_khen, people=[world.office_person]
    )[0]
    QualityRating.objects.filter(person=world.office_person).delete()

    text = drafting.report_text(proposal)

    assert f"- Năm {nom.today.year}: chưa có kết quả xếp loại trên hồ sơ." in text.splitlines()
    assert "- Chưa có trên sổ khen thưởng." in text.splitlines()


def test_report_text_of_a_collective_describes_the_unit(world, nom):
    proposal = propose(actor=None, round=nom.round, unit=world.division, award=nom.ttldtt)[0]

    lines = drafting.report_text(proposal).splitlines()

    assert lines[:4] == [
        "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH",
        "1. Đặc điểm, tình hình:",
        "- Tên đơn vị: Phòng Kế hoạch",
        "- Trực thuộc: Sở Thử nghiệm",
    ]
    assert "- Số cán bộ, công chức, viên chức, người lao động: 1 người" in lines
    assert "II. THÀNH TÍCH ĐẠT ĐƯỢC" in lines and "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG" in lines


def test_draft_report_fills_the_report_through_the_proposal_domain(world, her, nom):
    proposal = her.proposals[nom.today.year]

    drafted = drafting.draft_report(actor=world.officer, proposal=proposal)

    proposal.refresh_from_db()
    assert proposal.report == drafted.report == drafting.report_text(proposal)
    assert proposal.report.startswith(f"I. SƠ LƯỢC LÝ LỊCH\n- Họ và tên: {NAME}")
    logged = ActivityLog.objects.filter(
        action="nominations.proposal.updated", target_id=str(proposal.pk)
    ).get()
    assert logged.actor == world.officer


def test_draft_report_refuses_a_submitted_proposal_and_changes_nothing(world, nom):
    complete_dossier(nom.round, world.division)
    proposal = propose(
        actor=None, round=nom.round, unit=world.division, award=nom.ldtt, people=[world.division_person]
    )[0]
    update_proposal(actor=None, proposal=proposal, report="Báo cáo do đơn vị viết.")
    submit_proposal(actor=world.officer, proposal=Proposal.objects.get(pk=proposal.pk))
    logs = ActivityLog.objects.count()

    with pytest.raises(ValidationError):
        drafting.draft_report(actor=world.officer, proposal=Proposal.objects.get(pk=proposal.pk))

    proposal.refresh_from_db()
    assert (proposal.status, proposal.report) == (Status.SUBMITTED, "Báo cáo do đơn vị viết.")
    assert ActivityLog.objects.count() == logs


def test_draft_report_refuses_the_officer_of_another_unit(world, her, nom):
    stranger = account_with_role(Role.UNIT_OFFICER, unit=world.office, username="canbovanphong")

    with pytest.raises(PermissionDenied):
        drafting.draft_report(actor=stranger, proposal=her.proposals[nom.today.year])

    assert Proposal.objects.get(pk=her.proposals[nom.today.year].pk).report == ""


# --- the minutes --------------------------------------------------------------------------------------------


def test_minutes_carry_a_vote_line_where_the_rule_set_requires_a_ballot(world, her, nom):
    met_on = nom.today
    save_unit_dossier(actor=None, round=nom.round, unit=world.division, minutes="", met_on=met_on,
                      members_total=9, members_present=8)  # fmt: skip
    update_proposal(actor=None, proposal=her.proposals[nom.today.year], unit_votes=8)
    ldtt = propose(
        actor=None, round=nom.round, unit=world.division, award=nom.ldtt, people=[world.division_person]
    )[0]
    gone = propose(
        actor=None, round=nom.round, unit=world.division, award=nom.giay_khen, people=[her.person]
    )[0]
    withdraw_proposal(actor=None, proposal=gone)

    dossier = drafting.draft_minutes(actor=world.officer, round=nom.round, unit=world.division)

    lines = UnitDossier.objects.get(pk=dossier.pk).minutes.splitlines()
    opening = f"Hôm nay, ngày {nom.today:%d/%m/%Y}, Phòng Kế hoạch họp bình xét thi đua, khen thưởng: "
    assert lines[0] == f"{opening}{nom.round.name}."
    assert "- Thành viên Hội đồng thi đua, khen thưởng: 9 người; có mặt: 8 người." in lines
    assert [line for line in lines if line[:1].isdigit()] == [
        "1. Ông/bà Lê Văn Minh, Chuyên viên: đề nghị Lao động tiên tiến.",
        f"2. Ông/bà {NAME}, Phó Trưởng phòng: đề nghị Chiến sĩ thi đua cơ sở.",
    ]
    votes = [line for line in lines if "bỏ phiếu" in line]
    assert votes == ["- Kết quả bỏ phiếu: 8/9 phiếu đồng ý (88,9% tổng số thành viên Hội đồng)."]
    assert (
        lines.index(votes[0])
        == lines.index(f"2. Ông/bà {NAME}, Phó Trưởng phòng: đề nghị Chiến sĩ thi đua cơ sở.") + 1
    )
    assert ldtt.pk and dossier.met_on == nom.today and dossier.members_total == 9


def test_minutes_leave_the_vote_blank_until_it_is_counted(world, her, nom):
    text = drafting.minutes_text(nom.round, world.division)

    assert f"- Kết quả bỏ phiếu: {drafting.DOTS}/{drafting.DOTS} phiếu đồng ý." in text.splitlines()


def test_draft_minutes_refuses_the_officer_of_another_unit(world, her, nom):
    stranger = account_with_role(Role.UNIT_OFFICER, unit=world.office, username="canbovanphong")

    with pytest.raises(PermissionDenied):
        drafting.draft_minutes(actor=stranger, round=nom.round, unit=world.division)

    assert not UnitDossier.objects.filter(round=nom.round, unit=world.division).exists()


# --- the tờ trình -------------------------------------------------------------------------------------------


def test_cover_letter_is_one_draft_listing_the_units_proposals_and_is_updated(world, her, nom):
    first = drafting.draft_cover_letter(actor=world.officer, round=nom.round, unit=world.division)
    propose(actor=None, round=nom.round, unit=world.division, award=nom.ldtt, people=[world.division_person])

    second = drafting.draft_cover_letter(actor=world.officer, round=nom.round, unit=world.division)

    document = Document.objects.get(pk=first.pk)
    assert second.pk == first.pk and drafts() == 1
    assert UnitDossier.objects.get(round=nom.round, unit=world.division).cover_id == document.pk
    assert (document.kind.code, document.status, document.drafting_unit) == (
        "to_trinh",
        DocumentStatus.DRAFT,
        world.division,
    )
    assert document.subject == f"Đề nghị khen thưởng thành tích năm {nom.today.year} của Phòng Kế hoạch"
    assert document.addressees == ["Hội đồng Thi đua - Khen thưởng Sở Thử nghiệm"]
    listed = [block for block in document.body if block["kind"] == "item"]
    her_verdict = drafting.VERDICTS[Proposal.objects.get(pk=her.proposals[nom.today.year].pk).verdict]
    assert [(b["label"], "".join(r["text"] for r in b["runs"])) for b in listed] == [
        ("1.", "Lê Văn Minh — Lao động tiên tiến (kết quả kiểm tra: đủ điều kiện theo hồ sơ)."),
        (
            "2.",
            f"{NAME} — Chiến sĩ thi đua cơ sở (kết quả kiểm tra: {her_verdict}).",
        ),
    ]
    actions = list(ActivityLog.objects.filter(action__in=[
        "documents.document.created", "documents.document.updated", "nominations.dossier.changed",
    ]).order_by("id").values_list("action", flat=True))  # fmt: skip
    assert actions == [
        "documents.document.created",
        "nominations.dossier.changed",
        "documents.document.updated",
        "nominations.dossier.changed",
    ]


def test_cover_letter_refuses_to_redraft_an_issued_one(world, her, nom):
    cover = drafting.draft_cover_letter(actor=None, round=nom.round, unit=world.division)
    Document.objects.filter(pk=cover.pk).update(status=DocumentStatus.ISSUED)
    logs = ActivityLog.objects.count()

    with pytest.raises(ValidationError):
        drafting.draft_cover_letter(actor=world.officer, round=nom.round, unit=world.division)

    assert drafts() == 1 and ActivityLog.objects.count() == logs


def test_a_revoked_cover_letter_is_replaced_by_a_new_draft(world, her, nom):
    cover = drafting.draft_cover_letter(actor=None, round=nom.round, unit=world.division)
    Document.objects.filter(pk=cover.pk).update(status=DocumentStatus.REVOKED)

    fresh = drafting.draft_cover_letter(actor=world.officer, round=nom.round, unit=world.division)

    assert fresh.pk != cover.pk and drafts() == 2
    assert UnitDossier.objects.get(round=nom.round, unit=world.division).cover_id == fresh.pk


def test_cover_letter_refuses_the_officer_of_another_unit(world, her, nom):
    stranger = account_with_role(Role.UNIT_OFFICER, unit=world.office, username="canbovanphong")

    with pytest.raises(PermissionDenied):
        drafting.draft_cover_letter(actor=stranger, round=nom.round, unit=world.division)

    assert drafts() == 0
