"""A collective's annual quality rating (xếp loại chất lượng tập thể): recorded and corrected through the
domain, on the unit page by those who keep ratings, imported from Excel, and logged."""

import datetime as dt
import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from activity.models import ActivityLog
from activity.presentation import action_label, describe_changes
from lib.xlsx import checksum
from organisations.models import Unit
from people import domain
from people.models import Rating, UnitQualityRating
from people.spreadsheets import RATING_COLUMNS, plan_unit_ratings
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
D = dt.date
THIS_YEAR = timezone.localdate().year
HEADERS = [c.header for c in RATING_COLUMNS]
IMPORT = reverse("people:unit_ratings_import")
EXPORT = reverse("people:unit_ratings_export")


def rating_page(unit):
    return reverse("people:unit_rating", args=[unit.pk])


def unit_page(unit):
    return reverse("organisations:detail", args=[unit.pk])


# --- the domain ---------------------------------------------------------------------------------------------


def test_a_rating_is_recorded_then_corrected_and_logged(world):
    first = domain.record_unit_rating(
        actor=world.secretariat, unit=world.division, year=2024, rating=Rating.GOOD, note="  QĐ 12  "
    )
    second = domain.record_unit_rating(
        actor=world.secretariat, unit=world.division, year=2024, rating=Rating.EXCELLENT, note="QĐ 15"
    )

    assert second.pk == first.pk
    stored = UnitQualityRating.objects.get(unit=world.division, year=2024)
    assert (stored.rating, stored.note) == (Rating.EXCELLENT, "QĐ 15")
    logs = ActivityLog.objects.filter(action="people.unit_rating.recorded").order_by("pk")
    assert [log.data.get("before") for log in logs] == [None, {"rating": "good", "note": "QĐ 12"}]
    assert logs[1].data["after"] == {"year": 2024, "rating": "excellent", "note": "QĐ 15"}
    assert {log.target_id for log in logs} == {str(world.division.pk)}
    assert {log.agency_id for log in logs} == {world.agency.pk}


def test_the_log_reads_the_rating_in_words(world):
    domain.record_unit_rating(actor=None, unit=world.office, year=2024, rating=Rating.GOOD)
    domain.record_unit_rating(actor=None, unit=world.office, year=2024, rating=Rating.EXCELLENT)
    entry = ActivityLog.objects.filter(action="people.unit_rating.recorded").latest("pk")

    with translation.override("vi"):
        label = action_label(entry.action)
        changes = {(c.label, c.before, c.after) for c in describe_changes(entry)}

    assert label == "Ghi nhận xếp loại chất lượng tập thể hằng năm"
    assert ("Xếp loại", "Hoàn thành tốt nhiệm vụ", "Hoàn thành xuất sắc nhiệm vụ") in changes


def test_the_same_rating_again_changes_nothing_and_logs_nothing(world):
    domain.record_unit_rating(actor=None, unit=world.office, year=2023, rating=Rating.GOOD)
    domain.record_unit_rating(actor=None, unit=world.office, year=2023, rating=Rating.GOOD)

    assert UnitQualityRating.objects.filter(unit=world.office).count() == 1
    assert ActivityLog.objects.filter(action="people.unit_rating.recorded").count() == 1


def test_the_note_is_stored_in_nfc(world):
    decomposed = "Quye\u0302\u0301t đi\u0323nh"  # "Quyết định" typed with combining marks
    domain.record_unit_rating(actor=None, unit=world.office, year=2022, rating=Rating.GOOD, note=decomposed)

    assert UnitQualityRating.objects.get(unit=world.office).note == "Quyết định"


def test_a_unit_is_rated_only_for_a_year_it_was_in_force(world):
    closed = UnitFactory(agency=world.agency, valid_from=D(2018, 3, 1), valid_to=D(2021, 6, 30))

    domain.record_unit_rating(actor=None, unit=closed, year=2018, rating=Rating.GOOD)  # part of the year
    domain.record_unit_rating(actor=None, unit=closed, year=2021, rating=Rating.GOOD)
    for year in (2017, 2022):
        with pytest.raises(ValidationError) as raised:
            domain.record_unit_rating(actor=None, unit=closed, year=year, rating=Rating.GOOD)
        assert "year" in raised.value.message_dict

    assert sorted(closed.quality_ratings.values_list("year", flat=True)) == [2018, 2021]


@pytest.mark.parametrize(
    ("persona", "unit", "allowed"),
    [
        ("secretariat", "office", True),
        ("admin", "other_unit", True),
        ("officer", "division", True),  # her own unit, as she keeps its people's ratings
        ("officer", "office", False),
        ("head", "division", False),
        ("leader", "division", False),
        ("staff", "office", False),
        ("secretariat", "other_unit", False),
    ],
)
def test_who_may_record_a_collective_rating(world, persona, unit, allowed):
    record = {"actor": getattr(world, persona), "unit": getattr(world, unit), "year": 2024, "rating": "good"}
    if allowed:
        domain.record_unit_rating(**record)
    else:
        with pytest.raises(PermissionDenied):
            domain.record_unit_rating(**record)

    assert UnitQualityRating.objects.filter(unit=record["unit"]).exists() is allowed


# --- the screen ---------------------------------------------------------------------------------------------


def test_the_secretariat_records_a_rating_from_the_unit_page(world, login):
    client = login(world.secretariat)
    page = client.get(unit_page(world.division)).content.decode()
    assert rating_page(world.division) in page and 'data-testid="unit-ratings"' in page

    response = client.post(rating_page(world.division), {"year": "2025", "rating": "excellent", "note": ""})

    assert response.status_code == 302 and response.url == unit_page(world.division)
    assert UnitQualityRating.objects.get(unit=world.division, year=2025).rating == Rating.EXCELLENT
    page = client.get(unit_page(world.division)).content.decode()
    row = page[page.index('data-testid="unit-rating-2025"') :]
    assert "Hoàn thành xuất sắc nhiệm vụ" in row[: row.index("</tr>")]  # in words, in Vietnamese
    assert f"{rating_page(world.division)}?year=2025" in page


def test_year_opens_the_rating_already_recorded(world, login):
    domain.record_unit_rating(
        actor=None, unit=world.office, year=2022, rating=Rating.COMPLETED, note="Ghi chú"
    )

    form = login(world.secretariat).get(rating_page(world.office), {"year": "2022"}).context["form"]
    default = login(world.secretariat).get(rating_page(world.office), {"year": "abc"}).context["form"]

    assert form.initial == {"year": 2022, "rating": "completed", "note": "Ghi chú"}
    assert default.initial["year"] == THIS_YEAR


def test_a_future_year_or_a_closed_units_year_is_refused_on_the_form(world, login, english):
    client = login(world.secretariat)
    closed = UnitFactory(agency=world.agency, name="Phòng Cũ", valid_to=D(2020, 12, 31))

    future = client.post(rating_page(world.office), {"year": THIS_YEAR + 1, "rating": "good"})
    too_late = client.post(rating_page(closed), {"year": 2023, "rating": "good"})

    assert future.status_code == too_late.status_code == 200
    assert "year" in future.context["form"].errors
    assert too_late.context["form"].errors["year"] == [
        "Phòng Cũ was not in force in 2023; it cannot be rated for that year."
    ]
    assert not UnitQualityRating.objects.exists()


def test_the_note_has_its_limit(world, login, english):
    response = login(world.secretariat).post(
        rating_page(world.office), {"year": 2024, "rating": "good", "note": "x" * 256}
    )

    assert "at most 255 characters" in str(response.context["form"].errors["note"])
    assert 'maxlength="255"' in response.content.decode()
    assert not UnitQualityRating.objects.exists()


@pytest.mark.parametrize("persona", ["staff", "head", "leader"])
def test_who_keeps_no_ratings_gets_403_and_no_button(world, login, persona):
    client = login(getattr(world, persona))

    refused = client.post(rating_page(world.division), {"year": 2024, "rating": "good"})
    page = client.get(unit_page(world.division))

    assert refused.status_code == 403
    assert not UnitQualityRating.objects.exists()
    if page.status_code == 200:
        assert 'data-testid="record-unit-rating"' not in page.content.decode()


def test_a_unit_of_another_agency_is_not_found(world, login):
    response = login(world.secretariat).post(rating_page(world.other_unit), {"year": 2024, "rating": "good"})

    assert response.status_code == 404
    assert not UnitQualityRating.objects.exists()


@pytest.mark.parametrize("count", [1, 4])
def test_the_ratings_panel_costs_the_same_whatever_the_years(
    world, login, django_assert_max_num_queries, count
):
    for year in range(2020, 2020 + count):
        domain.record_unit_rating(actor=None, unit=world.office, year=year, rating=Rating.GOOD)
    client = login(world.secretariat)
    client.get(unit_page(world.office))  # warm the caches (content types, panels)

    with django_assert_max_num_queries(20):
        response = client.get(unit_page(world.office))

    (panel,) = [p for p in response.context["panels"] if p.template == "people/_unit_ratings.html"]
    assert len(panel.context["ratings"]) == count


# --- the Excel import ---------------------------------------------------------------------------------------


def xlsx(rows, headers=HEADERS) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(headers)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, content, agency, *, apply=False):
    data = {"agency": agency.pk, "file": SimpleUploadedFile("xep-loai.xlsx", content)}
    data |= {"apply": "1", "checksum": checksum(content)} if apply else {"dry_run": "1"}
    return client.post(IMPORT, data)


def test_the_import_checks_then_applies_the_file(world, login):
    domain.record_unit_rating(actor=None, unit=world.office, year=2024, rating=Rating.GOOD, note="cũ")
    content = xlsx(
        [
            ["VP", "Văn phòng", 2024, "Hoàn thành xuất sắc nhiệm vụ", "QĐ 20"],  # corrects 2024
            ["pkh", None, "2025", "HTTNV", None],  # symbol in any case, the short code
            ["TKH", "Tổ Kế hoạch", 2025.0, "hoan thanh nhiem vu", None],  # without accents
        ]
    )
    client = login(world.secretariat)

    checked = upload(client, content, world.agency)
    plan = checked.context["plan"]
    assert plan.is_valid and plan.counts == {"create": 2, "update": 1, "unchanged": 0}
    assert not UnitQualityRating.objects.filter(year=2025).exists()  # nothing written by the check

    applied = upload(client, content, world.agency, apply=True)

    assert applied.status_code == 302
    ratings = {(r.unit.symbol, r.year): (r.rating, r.note) for r in UnitQualityRating.objects.all()}
    assert ratings == {
        ("VP", 2024): ("excellent", "QĐ 20"),
        ("PKH", 2025): ("good", ""),
        ("TKH", 2025): ("completed", ""),
    }
    assert ActivityLog.objects.filter(action="people.unit_rating.recorded").count() == 4
    imported = ActivityLog.objects.get(action="people.unit_rating.imported")
    assert imported.data["after"] == {"create": 2, "update": 1, "unchanged": 0, "rows": 3}


def test_the_import_reports_every_error_with_its_cell(world, english):
    closed = UnitFactory(agency=world.agency, symbol="CU", valid_to=D(2019, 12, 31))
    content = xlsx(
        [
            ["XX", None, 2024, "Hoàn thành tốt nhiệm vụ", None],
            ["VP", None, "năm 2024", "Hoàn thành tốt nhiệm vụ", None],
            ["VP", None, THIS_YEAR + 1, "Hoàn thành tốt nhiệm vụ", None],
            ["VP", None, 2023, "Tốt", None],
            ["PKH", None, 2023, "HTTNV", None],
            ["PKH", None, 2023, "HTXSNV", None],
            [closed.symbol, None, 2021, "HTTNV", None],
        ]
    )

    plan = plan_unit_ratings(content, user=world.secretariat, agency=world.agency)

    errors = [str(e) for e in plan.all_errors]
    assert not plan.is_valid
    assert errors[0].startswith("Row 2, column A (Đơn vị): There is no unit with the symbol “XX”")
    assert errors[1] == f"Row 3, column C (Năm): “năm 2024” is not a year from 1990 to {THIS_YEAR}."
    assert errors[2].startswith(f"Row 4, column C (Năm): “{THIS_YEAR + 1}” is not a year")
    assert errors[3].startswith("Row 5, column D (Xếp loại): “Tốt” is not one of:")
    assert errors[4] == "Row 7, column C (Năm): The unit PKH is already rated for 2023 in row 6 of the file."
    assert errors[5].startswith("Row 8, column C (Năm):") and "was not in force in 2021" in errors[5]
    assert len(errors) == 6


def test_the_officer_imports_only_her_units(world, login):
    content = xlsx([["PKH", None, 2024, "HTTNV", None], ["VP", None, 2024, "HTTNV", None]])

    response = upload(login(world.officer), content, world.agency)

    plan = response.context["plan"]
    assert [row.errors == [] for row in plan.rows] == [True, False]
    assert not UnitQualityRating.objects.exists()


def test_staff_may_not_import(world, login):
    assert login(world.staff).get(IMPORT).status_code == 403


def test_the_export_reimports_unchanged(world, login):
    domain.record_unit_rating(actor=None, unit=world.office, year=2023, rating=Rating.EXCELLENT, note="QĐ 3")
    domain.record_unit_rating(actor=None, unit=world.division, year=2023, rating=Rating.GOOD)
    domain.record_unit_rating(actor=None, unit=world.other_unit, year=2023, rating=Rating.GOOD)
    client = login(world.secretariat)

    response = client.get(EXPORT, {"agency": world.agency.pk})
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)

    assert rows[0] == tuple(HEADERS)
    assert rows[1:] == [
        ("PKH", "Phòng Kế hoạch", 2023, "Hoàn thành tốt nhiệm vụ", None),
        ("VP", "Văn phòng", 2023, "Hoàn thành xuất sắc nhiệm vụ", "QĐ 3"),
    ]  # in the units' order, not the other agency's
    plan = plan_unit_ratings(response.content, user=world.secretariat, agency=world.agency)
    assert plan.is_valid and plan.counts == {"create": 0, "update": 0, "unchanged": 2}
    blank = client.get(EXPORT, {"blank": "1"})
    assert list(openpyxl.load_workbook(io.BytesIO(blank.content)).active.values) == [tuple(HEADERS)]


def test_the_unit_model_knows_nothing_of_ratings():
    """Ratings hang on the unit from the people app (a reverse relation), not a field of organisations."""
    assert "quality_ratings" not in {f.name for f in Unit._meta.concrete_fields}
