import datetime as dt
import io

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from activity.models import ActivityLog
from lib.xlsx import checksum
from people.models import Person
from people.spreadsheets import COLUMNS
from tests.factories import AgencyFactory, UnitFactory, account_with_role, staff_in

pytestmark = pytest.mark.usefixtures("english")  # messages are compared with their English msgids

HEADERS = [c.header for c in COLUMNS]
IMPORT = reverse("people:import")
EXPORT = reverse("people:export")


def person_line(code, unit, *, given="Mai", start="01/01/2024"):
    return [
        code,
        "Nguyễn",
        "Thị",
        given,
        "Nữ",
        "02/03/1990",
        "Kinh",
        "Công chức",
        unit,
        "Chuyên viên",
        "Không",
        start,
        None,
        None,
    ]


def xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(HEADERS)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def post(client, content, agency, *, apply=False, checked=""):
    data = {"agency": agency.pk, "file": SimpleUploadedFile("can-bo.xlsx", content), "checksum": checked}
    data |= {"apply": "1"} if apply else {"dry_run": "1"}
    return client.post(IMPORT, data)


def rows_of(response) -> list[list]:
    return [
        list(r)
        for r in openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    ]


# --- import ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["secretariat", "officer", "admin"])
def test_editors_see_the_import_page(world, client, persona):
    client.force_login(getattr(world, persona))

    response = client.get(IMPORT)

    assert world.agency in response.context["agencies"]
    assert f'href="{EXPORT}?agency={world.agency.pk}"' in response.content.decode()


@pytest.mark.parametrize("persona", ["head", "leader", "staff", "council", "editor"])
def test_others_may_not_import_people(world, client, persona):
    client.force_login(getattr(world, persona))
    content = xlsx([person_line("CB-MOI-1", "VP")])
    before = Person.objects.count()

    assert client.get(IMPORT).status_code == 403
    assert post(client, content, world.agency, apply=True, checked=checksum(content)).status_code == 403
    assert Person.objects.count() == before


def test_dry_run_then_apply_adds_the_people(world, client):
    client.force_login(world.secretariat)
    content = xlsx([person_line("CB-MOI-1", "VP"), person_line("CB-MOI-2", "PKH", given="Hoa")])

    dry = post(client, content, world.agency)
    assert dry.context["plan"].counts == {"create": 2, "update": 0, "unchanged": 0}
    assert not Person.objects.filter(staff_code__startswith="CB-MOI").exists()

    response = post(client, content, world.agency, apply=True, checked=dry.context["plan"].checksum)

    assert response["Location"] == reverse("people:list")
    created = Person.objects.filter(agency=world.agency, staff_code__startswith="CB-MOI").order_by(
        "staff_code"
    )
    assert [(p.given_name, p.current_assignment.unit.symbol) for p in created] == [
        ("Mai", "VP"),
        ("Hoa", "PKH"),
    ]
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Imported: 2 created, 0 updated, 0 unchanged."
    ]
    log = ActivityLog.objects.get(action="people.import.applied")
    assert log.data["after"]["create"] == 2


def test_officer_cannot_import_people_into_another_unit(world, client):
    client.force_login(world.officer)
    content = xlsx([person_line("CB-MOI-1", "TKH"), person_line("CB-MOI-2", "VP")])

    response = post(client, content, world.agency, apply=True, checked=checksum(content))

    assert response.status_code == 200
    errors = [str(e) for e in response.context["plan"].all_errors]
    assert len(errors) == 1
    assert errors[0].startswith("Row 3, column I (Đơn vị): There is no unit with the symbol “VP”")
    html = response.content.decode()
    assert 'class="import-create import-row-error" data-testid="import-row-3"' in html
    assert 'class="import-create" data-testid="import-row-2"' in html
    assert not Person.objects.filter(staff_code__startswith="CB-MOI").exists()


def test_exported_file_imports_back_unchanged(world, client):
    client.force_login(world.secretariat)
    content = client.get(EXPORT, {"agency": world.agency.pk}).content

    response = post(client, content, world.agency)

    assert response.context["plan"].counts == {"create": 0, "update": 0, "unchanged": 3}
    assert response.context["plan"].is_valid


# --- export ------------------------------------------------------------------------------------------


def test_export_is_named_by_date_and_has_real_dates(world, client):
    client.force_login(world.secretariat)

    response = client.get(EXPORT)

    today = timezone.localdate().strftime("%Y%m%d")
    assert response["Content-Disposition"] == f'attachment; filename="danh-sach-can-bo-{today}.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.freeze_panes == "A2"
    assert sheet["F2"].value == dt.datetime(1985, 5, 17) and sheet["F2"].number_format == "DD/MM/YYYY"
    assert sorted(r[3] for r in rows_of(response)[1:]) == ["Hương", "Lan", "Minh"]


def test_export_follows_the_user_and_the_list_filters(world, client):
    client.force_login(world.officer)
    assert sorted(r[3] for r in rows_of(client.get(EXPORT))[1:]) == ["Hương", "Minh"]

    client.force_login(world.secretariat)
    assert [r[3] for r in rows_of(client.get(EXPORT, {"q": "huong"}))[1:]] == ["Hương"]
    assert sorted(r[3] for r in rows_of(client.get(EXPORT, {"unit": world.division.pk}))[1:]) == [
        "Hương",
        "Minh",
    ]
    assert client.get(EXPORT, {"agency": world.other_agency.pk}).status_code == 404


def test_export_for_staff_holds_only_herself(world, client):
    client.force_login(world.staff)

    assert [r[0] for r in rows_of(client.get(EXPORT))[1:]] == [world.office_person.staff_code]


@pytest.mark.parametrize("count", [1, 3])
def test_export_queries_do_not_grow_with_the_people(db, client, django_assert_num_queries, count):
    unit = UnitFactory(agency=AgencyFactory())
    for _ in range(count):
        staff_in(unit)
    client.force_login(account_with_role(Role.SECRETARIAT, agency=unit.agency))

    with django_assert_num_queries(5):  # the session is read from the cache (cached_db)
        response = client.get(EXPORT)

    assert len(rows_of(response)) == count + 1


def test_errors_reach_the_user_in_vietnamese(world, client, settings):
    settings.LANGUAGE_CODE = "vi"  # the product's default, over this module's English
    client.force_login(world.officer)
    content = xlsx([person_line("CB-MOI-1", "VP", start="31/02/2024")])

    response = post(client, content, world.agency)

    errors = [str(e) for e in response.context["plan"].all_errors]
    assert errors[0] == (
        "Dòng 2, cột I (Đơn vị): Trong Sở Thử nghiệm không có đơn vị nào mang ký hiệu “VP” "
        "mà bạn được phép thêm cán bộ."
    )
    assert any(e.startswith("Dòng 2, cột L (Ngày bắt đầu):") for e in errors)
    assert "Dòng 2, cột I (Đơn vị)" in response.content.decode()
    assert not Person.objects.filter(staff_code="CB-MOI-1").exists()
