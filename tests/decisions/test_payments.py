"""decisions.payments and its download (decisions.views.payments): the payment list of a decision read back
with openpyxl — the header, one row per line with numbers as numbers (grouped format), the amount in words,
the account, bank and signature columns empty, a line not paid with 0 and why, the total in digits and in
words; who may download it (a draft only its drafters, an issued one the agency's readers)."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Role
from awards.domain import write_ledger_row
from awards.models import Award
from decisions.models import Line
from decisions.payments import HEADER_ROW, MONEY_FORMAT, payment_list
from documents import domain as documents
from documents.models import DocumentKind
from lib.vnmoney import in_words
from lib.xlsx import XLSX_CONTENT_TYPE
from tests.factories import account_with_role

pytestmark = pytest.mark.django_db
HEADERS = ["STT", "Họ và tên", "Đơn vị", "Danh hiệu/hình thức", "Hệ số", "Mức lương cơ sở", "Số tiền (đồng)",
           "Bằng chữ", "Số tài khoản", "Ngân hàng", "Ký nhận", "Ghi chú"]  # fmt: skip
FIRST = HEADER_ROW + 1


def sheet_of(content: bytes):
    return load_workbook(io.BytesIO(content)).active


def values(sheet, row: int) -> list:
    return [sheet.cell(row=row, column=column).value for column in range(1, len(HEADERS) + 1)]


def lines_of(decision) -> list[Line]:
    return list(decision.lines.select_related("award").order_by("position"))


def test_the_list_has_the_header_and_one_row_per_line(dw):
    decision = dw.draft()
    lines = lines_of(decision)
    assert len(lines) == 3 and all(line.paid for line in lines)

    sheet = sheet_of(payment_list(decision))

    assert sheet["A2"].value == "SỞ THỬ NGHIỆM"
    assert sheet["A4"].value == "DANH SÁCH CHI TIỀN THƯỞNG"
    assert sheet["A5"].value.startswith("Kèm theo Quyết định số     /QĐ-STN ngày ..........")  # a draft
    assert values(sheet, HEADER_ROW) == HEADERS
    for number, line in enumerate(lines, start=1):
        row = values(sheet, HEADER_ROW + number)
        assert row[:4] == [number, line.name, line.unit_name, line.award.name]
        assert row[4] == pytest.approx(float(line.coefficient)) and row[5] == decision.base_salary
        assert row[6] == line.amount > 0 and isinstance(row[6], int)
        assert row[7] == in_words(line.amount)
        assert row[8:] == [None, None, None, None]  # account, bank, signature; no note
    assert sheet.cell(row=FIRST, column=7).number_format == MONEY_FORMAT
    assert sheet.cell(row=FIRST, column=6).number_format == MONEY_FORMAT


def test_the_total_row_sums_the_amounts_in_digits_and_words(dw):
    decision = dw.draft()
    total = sum(line.amount for line in lines_of(decision))
    assert total == decision.total_amount

    sheet = sheet_of(payment_list(decision))

    row = FIRST + 3
    assert sheet.cell(row=row, column=2).value == "Tổng cộng"
    assert sheet.cell(row=row, column=7).value == total
    assert sheet.cell(row=row, column=7).number_format == MONEY_FORMAT
    assert sheet.cell(row=row, column=8).value == in_words(total)
    assert sheet.cell(row=row + 1, column=1).value == f"Tổng số tiền bằng chữ: {in_words(total)}."
    signatures = [sheet.cell(row=row + 3, column=c).value for c in (2, 8, 10)]
    assert signatures == ["NGƯỜI LẬP BIỂU", "KẾ TOÁN TRƯỞNG", "THỦ TRƯỞNG ĐƠN VỊ"]


def test_a_line_not_paid_shows_0_and_why(dw):
    """Lan already received the money of a higher title for the same year: her Lao động tiên tiến pays
    nothing (awards.money: only the highest title of a period)."""
    lan = dw.world.office_person
    earlier = documents.register_incoming(
        actor=None, agency=dw.world.agency, kind=DocumentKind.objects.get(code="quyet_dinh"),
        fields={"subject": "Khen thưởng", "number": 3, "notation": "QĐ-STN", "issued_on": dw.cw.today},
    )  # fmt: skip
    write_ledger_row(
        actor=None, agency=dw.world.agency, award=Award.objects.get(code="chien-si-thi-dua-co-so"),
        person=lan, year=dw.round.year, decision=earlier, amount=2_340_000,
    )  # fmt: skip
    decision = dw.draft()
    unpaid = next(line for line in lines_of(decision) if line.person_id == lan.pk)
    assert not unpaid.paid and unpaid.unpaid_reason

    sheet = sheet_of(payment_list(decision))

    row = values(sheet, HEADER_ROW + unpaid.position)
    assert row[1] == unpaid.name and row[6] == 0 and row[7] == "Không đồng"
    assert row[11] == unpaid.unpaid_reason
    total = sheet.cell(row=FIRST + 3, column=7).value
    assert total == decision.total_amount == sum(line.amount for line in lines_of(decision) if line.paid)


def test_an_issued_decision_names_its_number_and_date(dw):
    decision = dw.issued()

    sheet = sheet_of(payment_list(decision))

    reference, day = decision.document.reference, decision.document.issued_on.strftime("%d/%m/%Y")
    assert sheet["A5"].value == f"Kèm theo Quyết định số {reference} ngày {day} của {decision.issuer}"


def test_a_name_that_looks_like_a_formula_stays_text(dw):
    decision = dw.draft()
    Line.objects.filter(decision=decision, position=1).update(name='=HYPERLINK("http://x")')

    sheet = sheet_of(payment_list(decision))

    cell = sheet.cell(row=FIRST, column=2)
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s"


# --- the download -------------------------------------------------------------------------------------------


def download(client, decision):
    return client.get(reverse("decisions:payment_list", args=[decision.pk]))


def test_the_drafters_download_a_drafts_list(dw, login):
    decision = dw.draft()

    response = download(login(dw.world.secretariat), decision)

    assert response.status_code == 200 and response["Content-Type"] == XLSX_CONTENT_TYPE
    assert (
        f'filename="danh-sach-chi-tien-thuong-du-thao-{decision.pk}.xlsx"' in response["Content-Disposition"]
    )
    assert sheet_of(response.content)["A4"].value == "DANH SÁCH CHI TIỀN THƯỞNG"


@pytest.mark.parametrize("persona", ["deputy", "council", "staff"])  # not its signer, who reads it to sign
def test_a_draft_is_hidden_from_the_readers(dw, login, persona):
    decision = dw.draft()

    assert download(login(getattr(dw.world, persona)), decision).status_code == 404


def test_the_agencys_readers_download_an_issued_decisions_list(dw, login):
    decision = dw.issued()

    response = download(login(dw.world.leader), decision)

    assert response.status_code == 200
    label = decision.document.reference.replace("/", "-").replace("Đ", "D").lower()
    assert f'filename="danh-sach-chi-tien-thuong-{label}.xlsx"' in response["Content-Disposition"]
    assert len(list(sheet_of(response.content).iter_rows(min_row=FIRST, max_row=FIRST + 2))) == 3


def test_another_agencys_secretariat_and_the_anonymous_get_nothing(dw, client, login):
    decision = dw.issued()
    outsider = login(account_with_role(Role.SECRETARIAT, agency=dw.world.other_agency, username="sk"))

    assert download(outsider, decision).status_code == 404
    client.logout()
    assert download(client, decision).status_code == 302  # to the login page
