"""The due list as .xlsx: written by the task worker from the stored list (a row per award, group and subject
with what is missing), kept per list and units, followed while it is written, read back with openpyxl."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.management.commands import db_worker
from openpyxl import load_workbook

from achievements.models import InitiativeAuthor
from awards import domain, snapshots
from awards.models import Award, DueExport
from awards.spreadsheets import COLUMNS
from people.models import QualityRating, Rating
from tests.awards.records import decision_document
from tests.factories import InitiativeFactory, UnitFactory, staff_in

pytestmark = pytest.mark.django_db
D = dt.date
CSTD, CSTD_TINH, LDTT = "chien-si-thi-dua-co-so", "chien-si-thi-dua-tinh", "lao-dong-tien-tien"
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def ledger(world):
    """Minh: CSTĐCS in 2023 and 2024 (one step from the provincial title in 2025); Lan rated in 2025."""
    minh = world.division_person
    for year in (2023, 2024):
        QualityRating.objects.create(person=minh, year=year, rating=Rating.EXCELLENT)
        for code in (LDTT, CSTD):
            domain.record_award(
                actor=None, agency=world.agency, award=Award.objects.get(code=code), year=year,
                decision=decision_document(world.agency, year, D(year + 1, 1, 20)),
                decided_on=D(year + 1, 1, 20), person=minh,
            )  # fmt: skip
    QualityRating.objects.create(person=world.office_person, year=2025, rating=Rating.GOOD)
    return world


@pytest.fixture
def run_worker(monkeypatch):
    """Run the queued tasks here, with django-tasks-db's worker, inside the test's transaction."""
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run(*options):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "-v", "0", *options)

    return run


def read_rows(response) -> list[dict]:
    content = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [column.header for column in COLUMNS]
    return [dict(zip([c.key for c in COLUMNS], row, strict=True)) for row in rows[1:]]


def export(client, **params):
    return client.get(reverse("awards:due_export"), {"year": 2025, **params})


def test_the_export_has_one_row_per_award_group_and_subject(ledger, login):
    client = login(ledger.secretariat)
    client.get(reverse("awards:due"), {"year": 2025})  # the list, computed (at once in the tests)

    response = export(client)

    assert response["Content-Disposition"] == 'attachment; filename="den-han-khen-thuong-2025.xlsx"'
    assert response["Cache-Control"] == "private, no-store"
    rows = read_rows(response)
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
    snapshot = snapshots.due_state(agency=ledger.agency, year=2025, build=False).shown
    assert len(rows) == snapshot.entries.count() == DueExport.objects.get().rows


def test_the_file_is_written_once_per_list_and_units(ledger, login):
    client = login(ledger.secretariat)
    export(client)
    export(client)

    assert DueExport.objects.count() == 1  # the second download serves the same file
    export(client, unit=ledger.office.pk)
    assert DueExport.objects.count() == 2
    snapshots.recompute(agency=ledger.agency, year=2025)
    assert not DueExport.objects.exists()  # a new list: its files are written anew when asked


def test_the_export_follows_the_unit_filter_and_the_reader_s_units(ledger, login):
    names = {row["name"] for row in read_rows(export(login(ledger.officer)))}
    assert "Lê Văn Minh" in names and "Trần Thị Lan" not in names

    response = export(login(ledger.secretariat), unit=ledger.office.pk)

    assert response["Content-Disposition"].endswith(f'den-han-khen-thuong-2025-{ledger.office.pk}.xlsx"')
    assert {row["name"] for row in read_rows(response)} == {"Trần Thị Lan", "Văn phòng"}  # and the unit


def test_a_wrong_year_sends_the_export_back_to_the_page(ledger, login):
    response = login(ledger.secretariat).get(reverse("awards:due_export"), {"year": "1999"})

    assert response.status_code == 302
    assert response.url == f"{reverse('awards:due')}?year=1999"
    assert not DueExport.objects.exists()


def test_over_the_cap_is_written_as_yes(world, login):
    for person in (world.office_person, world.division_person):
        QualityRating.objects.create(person=person, year=2021, rating=Rating.GOOD)
    initiative = InitiativeFactory(
        unit=world.division, year=2021, recognition_level="co-so", recognised_on=D(2021, 11, 1)
    )
    InitiativeAuthor.objects.create(initiative=initiative, person=world.division_person, share=100)

    rows = read_rows(export(login(world.secretariat), year=2021))

    fighter = [r for r in rows if r["award"] == "Chiến sĩ thi đua cơ sở" and r["group"] == "Đủ điều kiện"]
    assert [(r["name"], r["over_cap"]) for r in fighter] == [("Lê Văn Minh", "Có")]


def test_text_that_looks_like_a_formula_stays_text(world, login):
    unit = UnitFactory(agency=world.agency, name="=HYPERLINK(“x”)", symbol="FX")
    QualityRating.objects.create(person=staff_in(unit, given_name="Tâm"), year=2025, rating=Rating.GOOD)
    response = export(login(world.secretariat))

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.value == "=HYPERLINK(“x”)"]
    assert cells and {cell.data_type for cell in cells} == {"s"}


def test_the_file_is_written_by_the_worker_and_its_progress_followed(
    ledger, login, settings, english, run_worker
):
    client = login(ledger.secretariat)
    client.get(reverse("awards:due"), {"year": 2025})  # the list, computed at once
    settings.TASKS = DB_TASKS  # the file: queued for the worker

    waiting = export(client)

    assert waiting.status_code == 200 and waiting["Content-Type"].startswith("text/html")
    html = waiting.content.decode()
    assert "Writing the file… (0 %)" in html and 'hx-trigger="every 2s"' in html
    assert DueExport.objects.get().status == "building"

    run_worker()

    status = client.get(reverse("awards:due_file_status"), {"year": 2025})
    assert 'data-testid="download"' in status.content.decode() and "hx-trigger" not in status.content.decode()
    written = DueExport.objects.get()
    assert (written.status, written.progress) == ("ready", 100) and written.rows > 0
    assert len(read_rows(export(client))) == written.rows
