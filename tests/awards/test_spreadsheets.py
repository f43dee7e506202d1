"""The due list as .xlsx: a row per award, group and subject with what is missing, read back."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from achievements.models import InitiativeAuthor
from awards import domain
from awards.due import who_is_due
from awards.models import Award
from awards.spreadsheets import COLUMNS, export_due
from people.models import QualityRating, Rating
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db
D = dt.date
CSTD, CSTD_TINH, LDTT = "chien-si-thi-dua-co-so", "chien-si-thi-dua-tinh", "lao-dong-tien-tien"


@pytest.fixture
def ledger(world):
    """Minh: CSTĐCS in 2023 and 2024 (one step from the provincial title in 2025); Lan rated in 2025."""
    minh = world.division_person
    for year in (2023, 2024):
        QualityRating.objects.create(person=minh, year=year, rating=Rating.EXCELLENT)
        for code in (LDTT, CSTD):
            domain.record_award(
                actor=None, agency=world.agency, award=Award.objects.get(code=code), year=year,
                decision=f"Quyết định số {year}/QĐ-STN", decided_on=D(year + 1, 1, 20), person=minh,
            )  # fmt: skip
    QualityRating.objects.create(person=world.office_person, year=2025, rating=Rating.GOOD)
    return world


def read_rows(content: bytes) -> list[dict]:
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [column.header for column in COLUMNS]
    return [dict(zip([c.key for c in COLUMNS], row, strict=True)) for row in rows[1:]]


def test_the_export_has_one_row_per_award_group_and_subject(ledger, login):
    response = login(ledger.secretariat).get(reverse("awards:due_export"), {"year": 2025})

    assert response["Content-Disposition"] == 'attachment; filename="den-han-khen-thuong-2025.xlsx"'
    rows = read_rows(response.content)
    minh = [r for r in rows if r["award"] == "Chiến sĩ thi đua cấp tỉnh"]
    assert minh == [
        {
            "year": 2025,
            "award": "Chiến sĩ thi đua cấp tỉnh",
            "group": "Còn một bước",
            "name": "Lê Văn Minh",
            "staff_code": ledger.division_person.staff_code,
            "unit": "Phòng Kế hoạch",
            "over_cap": "Không",
            "missing": "Cần 3 năm liên tục đạt “Chiến sĩ thi đua cơ sở” đến năm 2025; thiếu năm 2025.\n"
            "Không có sáng kiến được công nhận cấp tỉnh trở lên năm 2025 còn chưa dùng cho khen thưởng khác.",
            "citations": "Luật TĐKT 2022, Điều 22",
            "rule_set": "Luật TĐKT 2022 và Nghị định 152/2025/NĐ-CP",
        }
    ]
    lan = [r for r in rows if r["name"] == "Trần Thị Lan" and r["award"] == "Lao động tiên tiến"]
    assert [(r["group"], r["missing"]) for r in lan] == [("Đủ điều kiện", None)]
    keys = [(r["award"], r["group"], r["name"]) for r in rows]
    assert len(keys) == len(set(keys))


def test_the_export_follows_the_unit_filter_and_the_reader_s_units(ledger, login):
    response = login(ledger.officer).get(reverse("awards:due_export"), {"year": 2025})

    names = {row["name"] for row in read_rows(response.content)}
    assert "Lê Văn Minh" in names and "Trần Thị Lan" not in names

    response = login(ledger.secretariat).get(
        reverse("awards:due_export"), {"year": 2025, "unit": ledger.office.pk}
    )
    assert response["Content-Disposition"].endswith(f'den-han-khen-thuong-2025-{ledger.office.pk}.xlsx"')
    assert {row["name"] for row in read_rows(response.content)} == {
        "Trần Thị Lan",
        "Văn phòng",
    }  # and the unit


def test_a_wrong_year_sends_the_export_back_to_the_page(ledger, login):
    response = login(ledger.secretariat).get(reverse("awards:due_export"), {"year": "1999"})

    assert response.status_code == 302
    assert response.url == f"{reverse('awards:due')}?year=1999"


def test_over_the_cap_is_written_as_yes(world):
    for person in (world.office_person, world.division_person):
        QualityRating.objects.create(person=person, year=2021, rating=Rating.GOOD)
    initiative = InitiativeFactory(
        unit=world.division, year=2021, recognition_level="co-so", recognised_on=D(2021, 11, 1)
    )
    InitiativeAuthor.objects.create(initiative=initiative, person=world.division_person, share=100)
    dues = who_is_due(agency=world.agency, year=2021)

    rows = read_rows(export_due([d for d in dues if d.eligible], year=2021))

    fighter = [r for r in rows if r["award"] == "Chiến sĩ thi đua cơ sở" and r["group"] == "Đủ điều kiện"]
    assert [(r["name"], r["over_cap"]) for r in fighter] == [("Lê Văn Minh", "Có")]
