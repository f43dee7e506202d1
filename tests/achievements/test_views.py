"""The initiative and exemplary model screens: lists with filters, pages, forms, evidence files and photos
read back through their access-checked views."""

import datetime as dt
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from achievements.models import Evidence, ExemplaryModel, Initiative, Photo
from activity.models import ActivityLog
from tests.achievements.helpers import (
    LAST_YEAR,
    PDF_BYTES,
    make_initiative,
    make_model,
    png_bytes,
    upload,
)
from tests.factories import MovementFactory

pytestmark = pytest.mark.django_db
D = Decimal


def login(client, user):
    client.force_login(user)
    return client


def authors_data(*rows, extra=4):
    """The authors formset's POST data: rows of (person, share), then blank rows."""
    rows = [*rows, *[("", "")] * extra]
    data = {
        "authors-TOTAL_FORMS": str(len(rows)),
        "authors-INITIAL_FORMS": "0",
        "authors-MIN_NUM_FORMS": "0",
        "authors-MAX_NUM_FORMS": "20",
    }
    for i, (person, share) in enumerate(rows):
        data[f"authors-{i}-person"] = getattr(person, "pk", person)
        data[f"authors-{i}-share"] = share
    return data


def initiative_data(world, *authors, **overrides):
    return {
        "unit": world.division.pk,
        "kind": "giai-phap",
        "title": "Giải pháp lưu trữ hồ sơ điện tử",
        "year": LAST_YEAR,
        "movement": "",
        "summary": "Quét và lưu hồ sơ khen thưởng.",
        "effect": "Tra cứu trong vài giây.",
        "scope": "Toàn Sở",
        "recognition_level": "co-so",
        "recognised_on": f"20/12/{LAST_YEAR}",
        "recognised_by": "Quyết định số 12/QĐ-STN",
        **authors_data(*authors),
        **overrides,
    }


# --- initiatives list ---------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 3])
def test_initiative_list_query_count_does_not_grow_with_rows(client, world, django_assert_num_queries, rows):
    movement = MovementFactory(agency=world.agency)
    for n in range(rows):
        make_initiative(world, title=f"Sáng kiến {n}", movement=movement)
    login(client, world.secretariat)
    with django_assert_num_queries(10):
        response = client.get(reverse("achievements:initiative_list"))
    assert len(response.context["page"].object_list) == rows
    assert "Lê Văn Minh, Đặng Thị Hương" in response.content.decode()


def test_initiative_list_filters_and_searches(client, world):
    movement = MovementFactory(agency=world.agency, name="Phong trào chuyển đổi số")
    make_initiative(
        world,
        title="Số hóa hồ sơ",
        movement=movement,
        recognition_level="tinh",
        recognised_on=dt.date(LAST_YEAR, 5, 1),
    )
    make_initiative(world, title="Tiết kiệm điện", unit=world.office, kind="de-tai", year=LAST_YEAR - 1)
    login(client, world.staff)

    def titles(**query):
        response = client.get(reverse("achievements:initiative_list"), query)
        return [i.title for i in response.context["page"]]

    assert titles() == ["Số hóa hồ sơ", "Tiết kiệm điện"]
    assert titles(year=LAST_YEAR - 1) == ["Tiết kiệm điện"]
    assert titles(level="tinh") == ["Số hóa hồ sơ"]
    assert titles(level="none") == ["Tiết kiệm điện"]
    assert titles(kind="de-tai") == ["Tiết kiệm điện"]
    assert titles(movement=movement.pk) == ["Số hóa hồ sơ"]
    assert titles(unit=world.office.pk) == ["Tiết kiệm điện"]
    assert titles(q="so hoa") == ["Số hóa hồ sơ"]
    assert titles(q="toan so", year="khong-hop-le") == ["Số hóa hồ sơ", "Tiết kiệm điện"]  # bad year ignored


def test_initiative_list_htmx_returns_the_table_only(client, world):
    make_initiative(world, title="Số hóa hồ sơ")
    response = login(client, world.staff).get(
        reverse("achievements:initiative_list"), {"q": "so hoa"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert 'id="initiatives-table"' in html and "<html" not in html and "Số hóa hồ sơ" in html


def test_record_button_only_for_those_who_may(client, world):
    create = reverse("achievements:initiative_create")
    assert (
        create in login(client, world.officer).get(reverse("achievements:initiative_list")).content.decode()
    )
    assert (
        create not in login(client, world.staff).get(reverse("achievements:initiative_list")).content.decode()
    )


# --- an initiative's page and forms -------------------------------------------------------------------


def test_initiative_page_shows_authors_recognition_and_movement(client, world):
    movement = MovementFactory(agency=world.agency, name="Phong trào chuyển đổi số")
    initiative = make_initiative(
        world,
        movement=movement,
        recognition_level="co-so",
        recognised_on=dt.date(LAST_YEAR, 12, 20),
        recognised_by="Quyết định số 12/QĐ-STN",
        authors=[(world.division_person, D("66.67")), (world.team_person, D("33.33"))],
    )
    html = login(client, world.staff).get(reverse("achievements:initiative_detail", args=[initiative.pk]))
    html = html.content.decode()
    assert "Lê Văn Minh" in html and "Đặng Thị Hương" in html
    assert "66,67%" in html and "33,33%" in html
    assert f"20/12/{LAST_YEAR}" in html and "Quyết định số 12/QĐ-STN" in html
    assert "Phong trào chuyển đổi số" in html
    assert f'href="{reverse("movements:detail", args=[movement.pk])}"' in html
    assert "Rút ngắn thời gian xét khen thưởng" in html


def test_record_initiative_through_the_form(client, world):
    movement = MovementFactory(agency=world.agency)
    data = initiative_data(
        world, (world.division_person, "70"), (world.team_person, "30"), movement=movement.pk
    )
    response = login(client, world.officer).post(reverse("achievements:initiative_create"), data)
    initiative = Initiative.objects.get()
    assert response.url == reverse("achievements:initiative_detail", args=[initiative.pk])
    assert (initiative.agency, initiative.unit, initiative.movement, initiative.kind) == (
        world.agency,
        world.division,
        movement,
        "giai-phap",
    )
    assert initiative.recognised_on == dt.date(LAST_YEAR, 12, 20) and initiative.created_by == world.officer
    assert [(a.person, a.share) for a in initiative.authors.all()] == [
        (world.division_person, D("70")),
        (world.team_person, D("30")),
    ]
    assert ActivityLog.objects.get().action == "achievements.initiative.recorded"


def test_form_shows_the_shares_error_and_saves_nothing(client, world, english):
    data = initiative_data(world, (world.division_person, "70"), (world.team_person, "20"))
    response = login(client, world.secretariat).post(reverse("achievements:initiative_create"), data)
    assert response.status_code == 200
    assert "The authors&#x27; shares add up to 90%" in response.content.decode()
    assert not Initiative.objects.exists() and not ActivityLog.objects.exists()


def test_form_refuses_a_unit_outside_the_officers_reach(client, world):
    data = initiative_data(world, (world.division_person, "100"), unit=world.office.pk)
    response = login(client, world.officer).post(reverse("achievements:initiative_create"), data)
    assert response.status_code == 200 and "unit" in response.context["form"].errors
    assert not Initiative.objects.exists()


def test_a_row_with_a_share_but_no_author_is_refused(client, world, english):
    data = initiative_data(world, (world.division_person, "60"), ("", "40"))
    response = login(client, world.secretariat).post(reverse("achievements:initiative_create"), data)
    assert "Choose the author, or clear the share." in response.content.decode()
    assert not Initiative.objects.exists()


def test_edit_initiative_through_the_form(client, world):
    initiative = make_initiative(world)
    page = login(client, world.officer).get(reverse("achievements:initiative_edit", args=[initiative.pk]))
    authors = page.context["authors"]
    assert [f.initial for f in authors.initial_forms] == [
        {"person": world.division_person.pk, "share": D("60")},
        {"person": world.team_person.pk, "share": D("40")},
    ]
    data = initiative_data(world, (world.team_person, "100"), title="Số hóa hồ sơ (sửa)", unit=world.team.pk)
    data.update({"authors-INITIAL_FORMS": "0"})
    response = client.post(reverse("achievements:initiative_edit", args=[initiative.pk]), data)
    assert response.url == reverse("achievements:initiative_detail", args=[initiative.pk])
    initiative.refresh_from_db()
    assert (initiative.title, initiative.unit) == ("Số hóa hồ sơ (sửa)", world.team)
    assert [(a.person, a.share) for a in initiative.authors.all()] == [(world.team_person, D("100"))]
    assert ActivityLog.objects.filter(action="achievements.initiative.updated").count() == 1


# --- evidence -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [("thuyet-minh.pdf", PDF_BYTES, "application/pdf"), ("anh-chup.png", png_bytes(), "image/png")],
)
def test_evidence_upload_and_download(client, world, media, name, content, content_type):
    initiative = make_initiative(world)
    login(client, world.officer).post(
        reverse("achievements:evidence_add", args=[initiative.pk]), {"file": upload(name, content)}
    )
    evidence = Evidence.objects.get()
    page = client.get(reverse("achievements:initiative_detail", args=[initiative.pk])).content.decode()
    url = reverse("achievements:evidence", args=[initiative.pk, evidence.pk])
    assert url in page and name in page
    response = login(client, world.staff).get(url)
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == content_type
    assert (
        response["Content-Disposition"].startswith("attachment") and name in response["Content-Disposition"]
    )
    assert (
        response["X-Content-Type-Options"] == "nosniff" and "sandbox" in response["Content-Security-Policy"]
    )


def test_evidence_refused_with_a_message(client, world, media, english):
    initiative = make_initiative(world)
    response = login(client, world.officer).post(
        reverse("achievements:evidence_add", args=[initiative.pk]),
        {"file": upload("setup.pdf", b"MZ\x90\x00" + b"\x00" * 64)},
        follow=True,
    )
    assert "Programs and scripts are not accepted." in response.content.decode()
    assert not Evidence.objects.exists()


def test_evidence_of_another_initiative_is_not_served(client, world, media):
    first, second = make_initiative(world), make_initiative(world, title="Khác")
    login(client, world.secretariat).post(
        reverse("achievements:evidence_add", args=[first.pk]), {"file": upload("a.pdf", PDF_BYTES)}
    )
    evidence = Evidence.objects.get()
    assert client.get(reverse("achievements:evidence", args=[second.pk, evidence.pk])).status_code == 404
    assert (
        login(client, world.staff)
        .post(reverse("achievements:evidence_add", args=[first.pk]), {"file": upload("b.pdf", PDF_BYTES)})
        .status_code
        == 403
    )
    assert Evidence.objects.count() == 1


# --- exemplary models ---------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 3])
def test_model_list_query_count_does_not_grow_with_rows(client, world, django_assert_num_queries, rows):
    movement = MovementFactory(agency=world.agency)
    for n in range(rows):
        make_model(world, title=f"Mô hình {n}", movement=movement)
    login(client, world.staff)
    with django_assert_num_queries(7):
        response = client.get(reverse("achievements:model_list"))
    assert len(response.context["page"].object_list) == rows


def test_model_list_filters(client, world):
    movement = MovementFactory(agency=world.agency)
    make_model(world, title="Công sở xanh", movement=movement)
    make_model(world, title="Gương người tốt", kind="nhan-to-moi", year=LAST_YEAR - 1)
    login(client, world.staff)

    def titles(**query):
        return [m.title for m in client.get(reverse("achievements:model_list"), query).context["page"]]

    assert titles() == ["Công sở xanh", "Gương người tốt"]
    assert titles(kind="nhan-to-moi") == ["Gương người tốt"]
    assert titles(year=LAST_YEAR) == ["Công sở xanh"]
    assert titles(movement=movement.pk) == ["Công sở xanh"]
    assert titles(q="guong nguoi") == ["Gương người tốt"]


def model_data(world, **overrides):
    return {
        "agency": world.agency.pk,
        "kind": "dien-hinh",
        "title": "Tấm gương chị Hương",
        "year": LAST_YEAR,
        "story": "Chị Hương tự học lập trình để số hóa hồ sơ.\n\nCả phòng làm theo.",
        "movement": "",
        "people": [world.team_person.pk, world.division_person.pk],
        "units": [world.team.pk],
        **overrides,
    }


def test_record_and_edit_a_model_through_the_forms(client, world):
    response = login(client, world.officer).post(reverse("achievements:model_create"), model_data(world))
    model = ExemplaryModel.objects.get()
    assert response.url == reverse("achievements:model_detail", args=[model.pk])
    assert set(model.people.all()) == {world.team_person, world.division_person}
    assert list(model.units.all()) == [world.team] and model.created_by == world.officer
    data = model_data(world, title="Tấm gương chị Hương (2)", people=[world.team_person.pk])
    client.post(reverse("achievements:model_edit", args=[model.pk]), data)
    model.refresh_from_db()
    assert model.title == "Tấm gương chị Hương (2)" and list(model.people.all()) == [world.team_person]
    assert list(ActivityLog.objects.values_list("action", flat=True).order_by("id")) == [
        "achievements.model.recorded",
        "achievements.model.updated",
    ]


def test_officer_must_link_one_of_her_units(client, world, english):
    data = model_data(world, units=[world.office.pk])
    response = login(client, world.officer).post(reverse("achievements:model_create"), data)
    assert response.context["form"].errors["units"] == [
        "Link at least one of the units where you are the emulation officer."
    ]
    assert not ExemplaryModel.objects.exists()


def test_model_page_and_photo_gallery(client, world, media):
    model = make_model(world)
    content = png_bytes()
    login(client, world.officer).post(
        reverse("achievements:photo_add", args=[model.pk]),
        {"file": upload("ra-quan.png", content, "image/png"), "caption": "Buổi ra quân"},
    )
    photo = Photo.objects.get()
    html = (
        login(client, world.staff).get(reverse("achievements:model_detail", args=[model.pk])).content.decode()
    )
    url = reverse("achievements:photo", args=[model.pk, photo.pk])
    assert f'src="{url}"' in html and "Buổi ra quân" in html
    assert "Lê Văn Minh" in html and "Phòng Kế hoạch" in html and "phân loại rác" in html
    response = client.get(url)
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == "image/png" and response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" not in response.get("Content-Disposition", "")


def test_a_non_image_photo_is_refused_with_a_message(client, world, media, english):
    model = make_model(world)
    response = login(client, world.officer).post(
        reverse("achievements:photo_add", args=[model.pk]),
        {"file": upload("anh.png", PDF_BYTES, "image/png"), "caption": ""},
        follow=True,
    )
    assert "A photo must be a PNG or JPEG picture and this file is not one." in response.content.decode()
    assert not Photo.objects.exists()


def test_photos_are_served_only_to_those_who_see_the_model(client, world, media):
    from accounts.models import Role
    from tests.factories import account_with_role

    model = make_model(world)
    login(client, world.secretariat).post(
        reverse("achievements:photo_add", args=[model.pk]), {"file": upload("a.png", png_bytes())}
    )
    url = reverse("achievements:photo", args=[model.pk, Photo.objects.get().pk])
    stranger = account_with_role(Role.SECRETARIAT, agency=world.other_agency, username="khac")
    assert login(client, stranger).get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


# --- the movement page's include ----------------------------------------------------------------------


def test_movement_include_lists_its_initiatives_and_models(world):
    movement = MovementFactory(agency=world.agency)
    make_initiative(world, title="Số hóa hồ sơ", movement=movement)
    make_initiative(world, title="Không thuộc phong trào")
    make_model(world, title="Công sở xanh", movement=movement)
    html = render_to_string("achievements/_for_movement.html", {"movement": movement})
    assert "Số hóa hồ sơ" in html and "Công sở xanh" in html
    assert "Không thuộc phong trào" not in html


def test_create_forms_offer_what_the_user_may_choose(client, world):
    page = login(client, world.officer).get(reverse("achievements:initiative_create"))
    assert set(page.context["form"].fields["unit"].queryset) == {world.division, world.team}
    assert set(page.context["authors"].people.values()) == {world.division_person, world.team_person}
    html = page.content.decode()
    assert 'name="authors-TOTAL_FORMS"' in html and "Đặng Thị Hương" in html and "Trần Thị Lan" not in html
    page = login(client, world.secretariat).get(reverse("achievements:model_create"))
    form = page.context["form"]
    assert form.fields["agency"].widget.is_hidden and form["agency"].value() == world.agency.pk
    assert world.other_person not in form.fields["people"].queryset
