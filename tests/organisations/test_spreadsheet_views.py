import io
import zipfile

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from activity.models import ActivityLog
from lib.xlsx import XLSX_CONTENT_TYPE, checksum
from organisations.models import Unit
from organisations.spreadsheets import COLUMNS
from tests.factories import AgencyFactory, UnitFactory, account_with_role

pytestmark = pytest.mark.usefixtures("english")  # messages are compared with their English msgids

HEADERS = [c.header for c in COLUMNS]
IMPORT = reverse("organisations:import")
EXPORT = reverse("organisations:export")


def xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(HEADERS)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


NEW_UNITS = xlsx(
    [
        ["PTC", "Phòng Tổ chức", "Phòng chuyên môn", None, "01/07/2025", None],
        ["TTC", "Tổ Tổ chức", None, "PTC", None, None],
    ]
)


def upload(content, name="don-vi.xlsx"):
    return SimpleUploadedFile(name, content, content_type=XLSX_CONTENT_TYPE)


def post(client, content, agency, *, name="don-vi.xlsx", apply=False, checked=""):
    data = {"agency": agency.pk, "file": upload(content, name), "checksum": checked}
    data |= {"apply": "1"} if apply else {"dry_run": "1"}
    return client.post(IMPORT, data)


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def rows_of(response) -> list[list]:
    return [
        list(r)
        for r in openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    ]


# --- the import page ---------------------------------------------------------------------------------


def test_import_page_offers_the_upload_and_the_current_list(world, client):
    client.force_login(world.secretariat)

    response = client.get(IMPORT)

    form = response.context["form"]
    assert form.fields["agency"].widget.is_hidden  # one agency: no choice to make
    html = response.content.decode()
    assert f'href="{EXPORT}?agency={world.agency.pk}"' in html
    assert f'<label for="{form["file"].auto_id}">' in html
    assert "Đơn vị cấp trên" in html  # the column help


def test_admin_chooses_the_agency_and_imports_into_it(world, client):
    client.force_login(world.admin)

    assert not client.get(IMPORT).context["form"].fields["agency"].widget.is_hidden
    response = post(client, NEW_UNITS, world.other_agency, apply=True, checked=checksum(NEW_UNITS))

    assert response.status_code == 302
    assert set(Unit.objects.filter(symbol__in=["PTC", "TTC"]).values_list("agency", flat=True)) == {
        world.other_agency.pk
    }


@pytest.mark.parametrize("persona", ["officer", "head", "leader", "staff", "council"])
def test_only_managers_may_import_units(world, client, persona):
    client.force_login(getattr(world, persona))
    before = Unit.objects.count()

    assert client.get(IMPORT).status_code == 403
    assert post(client, NEW_UNITS, world.agency, apply=True, checked=checksum(NEW_UNITS)).status_code == 403
    assert Unit.objects.count() == before


def test_dry_run_shows_the_plan_and_writes_nothing(world, client):
    client.force_login(world.secretariat)
    before = Unit.objects.count()

    response = post(client, NEW_UNITS, world.agency)

    plan = response.context["plan"]
    assert (plan.is_valid, plan.counts) == (True, {"create": 2, "update": 0, "unchanged": 0})
    assert response.context["confirm_form"].initial["checksum"] == checksum(NEW_UNITS)
    assert 'data-testid="import-row-3"' in response.content.decode()
    assert Unit.objects.count() == before


def test_apply_with_the_checked_file_creates_the_units(world, client):
    client.force_login(world.secretariat)

    response = post(client, NEW_UNITS, world.agency, apply=True, checked=checksum(NEW_UNITS))

    assert response.status_code == 302
    assert response["Location"] == reverse("organisations:tree")
    assert Unit.objects.get(agency=world.agency, symbol="TTC").parent.symbol == "PTC"
    assert messages_of(response) == ["Imported: 2 created, 0 updated, 0 unchanged."]
    assert (
        ActivityLog.objects.filter(action="organisations.import.applied", actor=world.secretariat).count()
        == 1
    )


def test_apply_with_another_file_than_the_checked_one_only_shows_its_plan(world, client):
    client.force_login(world.secretariat)
    before = Unit.objects.count()

    response = post(client, NEW_UNITS, world.agency, apply=True, checked=checksum(b"another file"))

    assert response.status_code == 200
    assert response.context["plan"].counts["create"] == 2
    assert Unit.objects.count() == before
    assert messages_of(response) == ["This is not the file that was checked: check the changes below."]


def test_errors_are_listed_with_row_and_column_and_nothing_can_be_applied(world, client):
    client.force_login(world.secretariat)
    content = xlsx([["PX", "Phòng X", "Ban", "KHONGCO", "31/02/2025", None]])
    before = Unit.objects.count()

    response = post(client, content, world.agency, apply=True, checked=checksum(content))

    assert response.status_code == 200
    assert "confirm_form" not in response.context
    errors = [str(e) for e in response.context["plan"].all_errors]
    assert [e.split(":")[0] for e in errors] == [
        "Row 2, column C (Loại)",
        "Row 2, column D (Đơn vị cấp trên)",
        "Row 2, column E (Hiệu lực từ)",
    ]
    assert errors[0] in response.content.decode()
    assert Unit.objects.count() == before


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        )
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("don-vi.xlsx", NEW_UNITS)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (docx(), "don-vi.docx"),
        (docx(), "don-vi.xlsx"),
        (plain_zip(), "don-vi.zip"),
        ("Ký hiệu,Tên đơn vị\nPX,Phòng X\n".encode(), "don-vi.xlsx"),
    ],
    ids=["docx", "docx-renamed", "zip", "text-renamed"],
)
def test_files_that_are_not_workbooks_are_refused(world, client, content, name):
    client.force_login(world.secretariat)
    before = Unit.objects.count()

    response = post(client, content, world.agency, name=name, apply=True, checked=checksum(content))

    assert response.status_code == 200
    (error,) = response.context["form"].errors["file"]
    assert error.startswith("This is not an Excel .xlsx file.")
    assert "plan" not in response.context
    assert Unit.objects.count() == before


def test_oversized_file_is_refused(world, client, settings):
    settings.MAX_UPLOAD_BYTES = len(NEW_UNITS) - 1
    client.force_login(world.secretariat)
    before = Unit.objects.count()

    response = post(client, NEW_UNITS, world.agency, apply=True, checked=checksum(NEW_UNITS))

    assert "largest accepted" in response.context["form"].errors["file"][0]
    assert Unit.objects.count() == before


# --- export ------------------------------------------------------------------------------------------


def test_export_is_an_xlsx_named_by_date_with_the_units_the_user_sees(world, client):
    client.force_login(world.staff)

    response = client.get(EXPORT)

    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    today = timezone.localdate().strftime("%Y%m%d")
    assert response["Content-Disposition"] == f'attachment; filename="danh-sach-don-vi-{today}.xlsx"'
    rows = rows_of(response)
    assert rows[0] == HEADERS
    assert sorted(r[0] for r in rows[1:]) == ["PKH", "TKH", "VP"]


def test_export_of_one_agency_and_its_limits(world, client):
    client.force_login(world.admin)
    assert [r[1] for r in rows_of(client.get(EXPORT, {"agency": world.other_agency.pk}))[1:]] == [
        "Văn phòng Sở Khác"
    ]

    client.force_login(world.secretariat)
    assert client.get(EXPORT, {"agency": world.other_agency.pk}).status_code == 404
    assert client.get(EXPORT, {"agency": "x"}).status_code == 404
    assert rows_of(client.get(EXPORT, {"blank": "1"})) == [HEADERS]


def test_exported_file_imports_back_unchanged(world, client):
    client.force_login(world.secretariat)
    content = client.get(EXPORT, {"agency": world.agency.pk}).content

    response = post(client, content, world.agency)

    assert response.context["plan"].counts == {"create": 0, "update": 0, "unchanged": 3}


@pytest.mark.parametrize("count", [1, 3])
def test_export_queries_do_not_grow_with_the_units(db, client, django_assert_num_queries, count):
    agency = AgencyFactory()
    parent = UnitFactory(agency=agency)
    for _ in range(count - 1):
        UnitFactory(agency=agency, parent=parent)
    client.force_login(account_with_role(Role.SECRETARIAT, agency=agency))

    with django_assert_num_queries(4):  # the session is read from the cache (cached_db)
        response = client.get(EXPORT)

    assert len(rows_of(response)) == count + 1
