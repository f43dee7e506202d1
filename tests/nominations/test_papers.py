"""nominations/papers.py and nominations/views/papers.py: the báo cáo thành tích read back from the PDF
(pdfplumber) and the DOCX (python-docx) in the forms of 2021 (Mẫu số 02, NĐ 91/2017), 2024 (Mẫu số 03,
NĐ 98/2023) and this year (Mẫu số 05, NĐ 152/2025); the unit's biên bản; the files answered only to the unit's
compilers and the secretariat."""

import io
import re
import unicodedata

import pdfplumber
import pytest
from django.urls import reverse

from accounts.models import Role
from nominations import papers
from nominations.domain.dossiers import save_unit_dossier
from nominations.domain.proposals import update_proposal
from tests.factories import account_with_role
from tests.nominations.test_drafting import NAME, three_rounds

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def squash(text: str) -> str:
    """NFC without white space: a line break inside a name or a number does not hide it."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def pdf_text(content: bytes) -> str:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return squash("".join(page.extract_text() or "" for page in pdf.pages))


def docx_text(content: bytes) -> str:
    from docx import Document

    word = Document(io.BytesIO(content))
    cells = [p.text for t in word.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return squash("".join([p.text for p in word.paragraphs] + cells))


@pytest.fixture
def her(world, nom):
    return three_rounds(world, nom)


# What each period's report must show: the form, its decree, the award and the ratings of the period.
EXPECTED = {
    2021: (
        "Mẫu số 02",
        "Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017",
        "ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH, THÀNH PHỐ",
        ("Quyết định số 112/QĐ-STN ngày 20/12/2020", "Quyết định số 215/QĐ-STN ngày 20/12/2021"),
    ),
    2024: (
        "Mẫu số 03",
        "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023",
        "ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU LAO ĐỘNG TIÊN TIẾN",
        ("Quyết định số 318/QĐ-STN ngày 20/12/2024",),
    ),
    "this year": (
        "Mẫu số 05",
        "Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025",
        "ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU CHIẾN SĨ THI ĐUA CƠ SỞ",
        ("Quyết định số 421/QĐ-STN ngày 20/",),
    ),
}


def _check_report(text: str, period) -> None:
    form, instrument, title, decisions = EXPECTED[period]
    for expected in (
        form,
        f"(Ban hành kèm theo {instrument} của Chính phủ)",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        f"BÁO CÁO THÀNH TÍCH{title}",
        f"Họ và tên: {NAME}",
        "Sinh ngày, tháng, năm: 09/03/1988",
        "Lao động tiên tiến (Quyết định số 2019/QĐ-STN ngày 20/01/2020 của Giám đốc Sở)",
        "THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN,",  # "ĐỀ NGHỊ" wraps: the PDF's text reads the two columns line by line
        "NGƯỜI BÁO CÁO THÀNH TÍCH",
        "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG",
        *decisions,
    ):
        assert squash(expected) in text, expected
    others = {d for key, value in EXPECTED.items() if key != period for d in value[3]} - set(decisions)
    assert not any(squash(decision) in text for decision in others)


@pytest.mark.parametrize("period", [2021, 2024, "this year"])
def test_report_reads_back_from_the_pdf_in_the_form_of_its_period(her, nom, period):
    proposal = her.proposals[nom.today.year if period == "this year" else period]

    text = pdf_text(papers.render_pdf(papers.report_paper(proposal)))

    _check_report(text, period)


@pytest.mark.parametrize("period", [2021, 2024, "this year"])
def test_report_reads_back_from_the_docx_in_the_form_of_its_period(her, nom, period):
    proposal = her.proposals[nom.today.year if period == "this year" else period]

    text = docx_text(papers.render_docx(papers.report_paper(proposal)))

    _check_report(text, period)


def test_the_units_edited_report_is_printed_rather_than_the_draft(her, nom):
    proposal = her.proposals[nom.today.year]
    update_proposal(actor=None, proposal=proposal, report="I. SƠ LƯỢC LÝ LỊCH\nBản do đơn vị sửa.")
    proposal.refresh_from_db()

    paper = papers.report_paper(proposal)
    text = pdf_text(papers.render_pdf(paper))

    assert [(line.text, line.heading) for line in paper.lines] == [
        ("I. SƠ LƯỢC LÝ LỊCH", True),
        ("Bản do đơn vị sửa.", False),
    ]
    assert squash("Bản do đơn vị sửa.") in text and squash("Sinh ngày, tháng, năm") not in text


def test_minutes_read_back_with_the_vote_figures(world, her, nom):
    save_unit_dossier(
        actor=None, round=nom.round, unit=world.division, minutes="", met_on=nom.today, members_total=9,
        members_present=9,
    )  # fmt: skip
    update_proposal(actor=None, proposal=her.proposals[nom.today.year], unit_votes=9)
    paper = papers.minutes_paper(nom.round, world.division)

    for text in (pdf_text(papers.render_pdf(paper)), docx_text(papers.render_docx(paper))):
        for expected in (
            "SỞ THỬ NGHIỆM",
            "PHÒNG KẾ HOẠCH",
            "BIÊN BẢNHỌP BÌNH XÉT THI ĐUA, KHEN THƯỞNG",
            f"Hôm nay, ngày {nom.today:%d/%m/%Y}, Phòng Kế hoạch họp bình xét",
            f"Ông/bà {NAME}, Phó Trưởng phòng: đề nghị Chiến sĩ thi đua cơ sở.",
            "Kết quả bỏ phiếu: 9/9 phiếu đồng ý (100,0% tổng số thành viên Hội đồng).",
            "THƯ KÝ",
            "CHỦ TRÌ",
        ):
            assert squash(expected) in text, expected


# --- the views ----------------------------------------------------------------------------------------------


def _report_url(proposal, fmt):
    return reverse("nominations:proposal_report", args=[proposal.pk, fmt])


def _minutes_url(round_, unit, fmt):
    return reverse("nominations:unit_minutes", args=[round_.pk, unit.pk, fmt])


@pytest.mark.parametrize("who", ["officer", "secretariat"])
def test_report_files_are_answered_to_the_unit_and_the_secretariat(world, her, nom, login, who):
    client = login(getattr(world, who))
    proposal = her.proposals[2024]

    pdf = client.get(_report_url(proposal, "pdf"))
    docx = client.get(_report_url(proposal, "docx"))

    assert (pdf.status_code, pdf["Content-Type"], docx.status_code, docx["Content-Type"]) == (
        200,
        PDF,
        200,
        DOCX,
    )
    assert pdf["Content-Disposition"] == f'inline; filename="bao-cao-thanh-tich-{proposal.pk}.pdf"'
    assert docx["Content-Disposition"] == f'attachment; filename="bao-cao-thanh-tich-{proposal.pk}.docx"'
    _check_report(pdf_text(pdf.content), 2024)
    _check_report(docx_text(docx.content), 2024)


@pytest.mark.parametrize("who", ["officer", "secretariat"])
def test_minutes_files_are_answered_to_the_unit_and_the_secretariat(world, her, nom, login, who):
    client = login(getattr(world, who))

    pdf = client.get(_minutes_url(nom.round, world.division, "pdf"))
    docx = client.get(_minutes_url(nom.round, world.division, "docx"))

    assert (pdf.status_code, pdf["Content-Type"], docx.status_code, docx["Content-Type"]) == (
        200,
        PDF,
        200,
        DOCX,
    )
    for text in (pdf_text(pdf.content), docx_text(docx.content)):
        assert squash(f"Ông/bà {NAME}, Phó Trưởng phòng: đề nghị Chiến sĩ thi đua cơ sở.") in text


def test_papers_are_refused_to_staff_of_another_unit_and_another_agency(world, her, nom, login):
    proposal = her.proposals[nom.today.year]
    office_officer = account_with_role(Role.UNIT_OFFICER, unit=world.office, username="canbovanphong")
    stranger = account_with_role(Role.UNIT_OFFICER, unit=world.other_unit, username="canbosokhac")
    answers = {}
    for name, user in (("office officer", office_officer), ("staff", world.staff), ("stranger", stranger)):
        client = login(user)
        answers[name] = (
            client.get(_report_url(proposal, "pdf")).status_code,
            client.get(_minutes_url(nom.round, world.division, "pdf")).status_code,
        )

    assert answers == {"office officer": (404, 403), "staff": (404, 403), "stranger": (404, 404)}


def test_another_format_is_not_found(world, her, nom, login):
    client = login(world.secretariat)

    assert client.get(_report_url(her.proposals[nom.today.year], "odt")).status_code == 404
    assert client.get(_minutes_url(nom.round, world.division, "txt")).status_code == 404


def test_a_unit_of_another_agency_has_no_minutes_in_the_round(world, her, nom, login):
    client = login(world.admin)

    assert client.get(_minutes_url(nom.round, world.other_unit, "pdf")).status_code == 404
