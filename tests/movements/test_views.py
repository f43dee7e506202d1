"""The movement screens: the list and its filters, a movement's page, the movement form, status buttons, the
relay, linked documents, and the review pages."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from activity.models import ActivityLog
from documents.models import Document
from movements.domain import movements as domain
from movements.domain import reviews
from movements.models import Movement, MovementDocument, Registration, Review, UnitReport
from movements.panels import document_movements
from tests.documents.test_domain import PDF_BYTES, make_draft, make_issued
from tests.factories import (
    AgencyFactory,
    ExemplaryModelFactory,
    InitiativeFactory,
    MovementFactory,
    RoundFactory,
)
from tests.movements.test_domain_movements import plan_25, provincial_movement


def login(client, user):
    client.force_login(user)
    return client


# --- the list -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 3])
def test_list_query_count_does_not_grow_with_rows(client, world, django_assert_num_queries, rows):
    for n in range(rows):
        MovementFactory(agency=world.agency, name=f"Phong trào số {n}")
    login(client, world.secretariat)
    with django_assert_num_queries(8):  # the agencies of the filter too
        response = client.get(reverse("movements:list"))
    assert len(response.context["page"].object_list) == rows


def test_list_shows_the_agency_and_hides_merged_agencies_from_its_filter(client, world):
    old = AgencyFactory(name="Sở Cũ đã sáp nhập", valid_to=dt.date(2025, 6, 30), successor=world.agency)
    MovementFactory(agency=old, name="Phong trào của Sở cũ")
    MovementFactory(agency=world.agency, name="Phong trào của Sở mới")
    login(client, world.secretariat)

    response = client.get(reverse("movements:list"))

    rows = response.context["page"].object_list
    assert {(m.name, m.agency.name) for m in rows} == {
        ("Phong trào của Sở cũ", "Sở Cũ đã sáp nhập"),
        ("Phong trào của Sở mới", "Sở Thử nghiệm"),
    }
    html = response.content.decode()
    assert html.count('data-testid="movement-agency"') == 2 and "Sở Cũ đã sáp nhập</td>" in html
    assert list(response.context["form"].fields["agency"].queryset) == [world.agency]

    shown = client.get(reverse("movements:list"), {"closed": "on", "agency": old.pk})
    assert list(shown.context["form"].fields["agency"].queryset) == [old, world.agency]
    assert [m.name for m in shown.context["page"].object_list] == ["Phong trào của Sở cũ"]

    ignored = client.get(reverse("movements:list"), {"agency": old.pk})  # not offered: no filter
    assert len(ignored.context["page"].object_list) == 2


def test_list_filters_and_searches(client, world):
    MovementFactory(
        agency=world.agency,
        name="Phong trào cả nước chung sức xây dựng nông thôn mới",
        level="national",
        launched_by="Thủ tướng Chính phủ",
        period_start=dt.date(2016, 1, 1),
        period_end=None,
    )
    MovementFactory(
        agency=world.agency,
        name="Văn hóa công sở, giai đoạn 2019-2025",
        level="province",
        kind="thematic",
        period_start=dt.date(2019, 1, 1),
        period_end=dt.date(2025, 12, 31),
        status="interim_review",
    )
    MovementFactory(
        agency=world.agency,
        name="Thi đua năm 2018",
        period_start=dt.date(2018, 1, 1),
        period_end=dt.date(2018, 12, 31),
    )
    MovementFactory(agency=world.other_agency, name="Phong trào của Sở khác")
    login(client, world.staff)

    def names(**query):
        return sorted(m.name for m in client.get(reverse("movements:list"), query).context["page"])

    assert names(level="national") == ["Phong trào cả nước chung sức xây dựng nông thôn mới"]
    assert names(kind="thematic") == ["Văn hóa công sở, giai đoạn 2019-2025"]
    assert names(status="interim_review") == ["Văn hóa công sở, giai đoạn 2019-2025"]
    assert names(year="2018") == ["Phong trào cả nước chung sức xây dựng nông thôn mới", "Thi đua năm 2018"]
    assert names(q="van hoa cong so") == ["Văn hóa công sở, giai đoạn 2019-2025"]
    assert names(q="thu tuong") == ["Phong trào cả nước chung sức xây dựng nông thôn mới"]
    assert len(names(level="nonsense")) == 3  # an invalid filter is ignored; the other agency's never shown


def test_list_htmx_returns_the_table_only(client, world):
    MovementFactory(agency=world.agency, name="Phong trào văn hóa công sở")
    response = login(client, world.staff).get(
        reverse("movements:list"), {"q": "van hoa"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert 'id="movements-table"' in html and "<html" not in html and "Phong trào văn hóa công sở" in html


def test_the_new_movement_button_is_for_the_secretariat(client, world):
    create = reverse("movements:create")
    assert create in login(client, world.secretariat).get(reverse("movements:list")).content.decode()
    assert create not in login(client, world.officer).get(reverse("movements:list")).content.decode()


# --- a movement's page ----------------------------------------------------------------------------------


def fill(world, movement, n):
    """n linked documents, units, rounds with registrations, initiatives, models and reviews with reports."""
    units = [world.office, world.division, world.team][:n]
    movement.units.set(units)
    for i in range(n):
        document = make_issued(world.agency, on=dt.date(2021, 1, 10 + i), subject=f"Kế hoạch số {i}")
        MovementDocument.objects.create(
            movement=movement, document=document, role=["launching", "guiding"][i % 2]
        )
        round_ = RoundFactory(movement=movement, year=2021 + i)
        Registration.objects.create(round=round_, unit=units[i], status="submitted")
        InitiativeFactory(unit=world.division, movement=movement, title=f"Sáng kiến {i}")
        ExemplaryModelFactory(agency=world.agency, movement=movement, title=f"Mô hình {i}")
        review = Review.objects.create(
            movement=movement, kind="interim", title=f"Sơ kết {i}", reports_due=dt.date(2021, 7, 1)
        )
        UnitReport.objects.create(review=review, unit=units[i], results="Tốt")


@pytest.mark.parametrize("rows", [1, 3])
def test_movement_page_query_count_does_not_grow(client, world, django_assert_num_queries, rows):
    movement = MovementFactory(agency=world.agency)
    fill(world, movement, rows)
    ContentType.objects.get_for_model(Movement)  # cached for the whole run once any test has used it
    login(client, world.secretariat)
    with django_assert_num_queries(15):  # the portal's panel: one (publishing/panels.py)
        response = client.get(reverse("movements:detail", args=[movement.pk]))
    assert len(response.context["reviews"]) == rows and len(response.context["rounds"]) == rows


def test_movement_page_shows_its_documents_units_rounds_and_achievements(client, world):
    movement = MovementFactory(agency=world.agency)
    fill(world, movement, 2)
    draft = make_draft(world.agency, actor=world.secretariat, subject="Dự thảo kế hoạch")
    MovementDocument.objects.create(movement=movement, document=draft, role="implementing")
    html = login(client, world.staff).get(reverse("movements:detail", args=[movement.pk])).content.decode()
    document = Document.objects.get(subject="Kế hoạch số 0")
    assert reverse("documents:detail", args=[document.pk]) in html
    assert "Dự thảo kế hoạch" not in html  # a draft the staff member cannot see
    assert "Sáng kiến 1" in html and "Mô hình 0" in html and "Phòng Kế hoạch" in html
    assert "2022" in html and "Sơ kết 1" in html
    assert reverse("movements:edit", args=[movement.pk]) not in html  # staff: no buttons
    secretariat_html = login(client, world.secretariat).get(reverse("movements:detail", args=[movement.pk]))
    assert "Dự thảo kế hoạch" in secretariat_html.content.decode()


def test_status_buttons_offer_only_the_allowed_moves(client, world):
    movement = MovementFactory(agency=world.agency, status="in_progress")
    response = login(client, world.secretariat).get(reverse("movements:detail", args=[movement.pk]))
    assert [status for status, _label in response.context["actions"]["moves"]] == [
        "interim_review",
        "final_review",
    ]
    html = response.content.decode()
    assert 'data-testid="move-interim_review"' in html and 'data-testid="move-closed"' not in html
    assert 'data-testid="relay"' not in html  # the agency's own movement is not relayed


def document_panel(user, document) -> str:
    """The document page's movements panel (movements/panels.py) as `user` sees it; "" when it shows none."""
    request = RequestFactory().get(reverse("documents:detail", args=[document.pk]))
    request.user = user
    found = document_movements(request, document)
    return render_to_string(found.template, {"panel": found.context}) if found else ""


def test_document_page_include_lists_the_movements(world):
    movement = MovementFactory(agency=world.agency, name="Phong trào văn hóa công sở")
    document = make_issued(world.agency, on=dt.date(2021, 1, 20))
    domain.link_document(actor=None, movement=movement, document=document, role="guiding")
    html = document_panel(world.secretariat, document)
    assert reverse("movements:detail", args=[movement.pk]) in html and "Phong trào văn hóa công sở" in html
    assert document_panel(world.secretariat, make_issued(world.agency)).strip() == ""


# --- the movement form ----------------------------------------------------------------------------------


def form_data(world, **overrides):
    return {
        "agency": world.agency.pk,
        "name": "Phong trào thi đua năm 2021 của Sở",
        "theme": "Đoàn kết, sáng tạo",
        "kind": "regular",
        "level": "agency",
        "launched_by": "Giám đốc Sở",
        "launched_on": "20/01/2021",
        "period_start": "01/01/2021",
        "period_end": "31/12/2021",
        "takes_registrations": "on",
        "units": [world.office.pk, world.team.pk],
        **overrides,
    }


def test_secretariat_records_a_movement(client, world):
    response = login(client, world.secretariat).post(reverse("movements:create"), form_data(world))
    movement = Movement.objects.get()
    assert response.status_code == 302 and response.url == reverse("movements:detail", args=[movement.pk])
    assert (movement.agency, movement.launched_on, movement.takes_registrations) == (
        world.agency,
        dt.date(2021, 1, 20),
        True,
    )
    assert set(movement.units.all()) == {world.office, world.team}
    assert ActivityLog.objects.filter(action="movements.movement.created", actor=world.secretariat).exists()


def test_the_form_offers_the_agency_units_as_checkboxes(client, world):
    response = login(client, world.secretariat).get(reverse("movements:create"))
    form = response.context["form"]
    assert set(form.fields["units"].queryset) == {world.office, world.division, world.team}
    assert 'type="checkbox" name="units"' in response.content.decode()


def test_a_period_ending_before_it_starts_comes_back_on_the_form(client, world, english):
    response = login(client, world.secretariat).post(
        reverse("movements:create"), form_data(world, period_end="31/12/2020")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["period_end"] == ["The period cannot end before it starts."]
    assert "The period cannot end before it starts." in response.content.decode()
    assert not Movement.objects.exists()


def test_the_error_reads_in_vietnamese(client, world):
    response = login(client, world.secretariat).post(
        reverse("movements:create"), form_data(world, period_start="", units=[world.other_unit.pk])
    )
    errors = response.context["form"].errors
    assert "period_start" in errors and "units" in errors
    assert "Trường này là bắt buộc." in errors["period_start"]
    assert not Movement.objects.exists()


def test_secretariat_edits_a_movement(client, world):
    movement = MovementFactory(agency=world.agency)
    movement.units.set([world.office])
    response = login(client, world.secretariat).post(
        reverse("movements:edit", args=[movement.pk]),
        form_data(world, name="Tên mới", units=[world.division.pk]),
    )
    assert response.status_code == 302
    movement.refresh_from_db()
    assert movement.name == "Tên mới" and list(movement.units.all()) == [world.division]
    assert ActivityLog.objects.get(action="movements.movement.updated").data["before"]["units"] == [
        world.office.pk
    ]


# --- status, relay and documents ------------------------------------------------------------------------


def test_status_button_moves_the_movement(client, world):
    movement = MovementFactory(agency=world.agency, status="preparing")
    url = reverse("movements:move", args=[movement.pk])
    response = login(client, world.secretariat).post(url, {"to": "launched"})
    assert response.url == reverse("movements:detail", args=[movement.pk])
    movement.refresh_from_db()
    assert movement.status == "launched"


def test_a_refused_move_shows_why_and_changes_nothing(client, world, english):
    movement = MovementFactory(agency=world.agency, status="preparing")
    response = login(client, world.secretariat).post(
        reverse("movements:move", args=[movement.pk]), {"to": "closed"}, follow=True
    )
    assert "A movement that is “Preparing” cannot become “Closed”." in response.content.decode()
    movement.refresh_from_db()
    assert movement.status == "preparing"


def test_relay_button_opens_the_new_draft(client, world):
    movement = provincial_movement(world)
    domain.link_document(actor=None, movement=movement, document=plan_25(world.agency), role="launching")
    page = login(client, world.secretariat).get(reverse("movements:detail", args=[movement.pk]))
    assert 'data-testid="relay"' in page.content.decode()
    response = client.post(reverse("movements:relay", args=[movement.pk]))
    document = Document.objects.get(kind__code="cong_van")
    assert response.url == reverse("documents:detail", args=[document.pk])
    html = client.get(response.url).content.decode()
    assert "V/v triển khai Kế hoạch phát động phong trào thi đua năm 2021" in html
    again = client.post(reverse("movements:relay", args=[movement.pk]), follow=True)
    assert again.redirect_chain[-1][0] == reverse("movements:detail", args=[movement.pk])
    assert Document.objects.filter(kind__code="cong_van").count() == 1


def test_link_and_unlink_a_document(client, world):
    movement = MovementFactory(agency=world.agency)
    plan = make_issued(world.agency, on=dt.date(2021, 1, 20))
    foreign = make_issued(world.other_agency, on=dt.date(2021, 1, 20))
    login(client, world.secretariat)
    response = client.get(reverse("movements:link_document", args=[movement.pk]))
    form = response.context["form"]
    assert plan in form.fields["document"].queryset and foreign not in form.fields["document"].queryset
    html = response.content.decode()  # searched with the document picker, not listed
    assert 'data-testid="document-picker-document"' in html and plan.reference not in html
    response = client.post(
        reverse("movements:link_document", args=[movement.pk]), {"document": plan.pk, "role": "launching"}
    )
    link = MovementDocument.objects.get()
    assert response.status_code == 302 and (link.document, link.role) == (plan, "launching")
    client.post(reverse("movements:unlink_document", args=[movement.pk, link.pk]))
    assert not MovementDocument.objects.exists()
    logged = ActivityLog.objects.filter(target_id=str(movement.pk), action__startswith="movements.")
    assert list(logged.order_by("id").values_list("action", flat=True)) == [
        "movements.document.linked",
        "movements.document.unlinked",
    ]


# --- reviews --------------------------------------------------------------------------------------------


def test_the_review_workflow_on_screen(client, world):
    movement = MovementFactory(agency=world.agency, name="Phong trào thi đua năm 2021")
    movement.units.set([world.division])
    login(client, world.secretariat)
    response = client.post(
        reverse("movements:review_open", args=[movement.pk]),
        {"kind": "interim", "title": "Sơ kết 6 tháng", "reports_due": "10/07/2021"},
    )
    review = Review.objects.get()
    assert response.url == reverse("movements:review", args=[review.pk]) and review.reports_due == dt.date(
        2021, 7, 10
    )

    login(client, world.officer)
    page = client.get(response.url)
    assert list(page.context["report_form"].fields["unit"].queryset) == [world.division]
    assert page.context["results_form"] is None
    upload = SimpleUploadedFile("bao-cao.pdf", PDF_BYTES, content_type="application/pdf")
    client.post(
        reverse("movements:review_report", args=[review.pk]),
        {"unit": world.division.pk, "results": "Hoàn thành kế hoạch.", "upload": upload},
    )
    sent = UnitReport.objects.get()
    assert (sent.results, sent.file_name) == ("Hoàn thành kế hoạch.", "bao-cao.pdf")
    download = client.get(reverse("movements:report_file", args=[sent.pk]))
    assert b"".join(download.streaming_content) == PDF_BYTES

    login(client, world.secretariat)
    client.post(reverse("movements:review_results", args=[review.pk]), {"results": "Đạt kết quả tốt."})
    response = client.post(reverse("movements:review_summary", args=[review.pk]))
    review.refresh_from_db()
    assert review.results == "Đạt kết quả tốt." and review.summary_document is not None
    assert response.url == reverse("documents:detail", args=[review.summary_document.pk])


def test_review_form_errors_come_back(client, world, english):
    movement = MovementFactory(agency=world.agency, status="preparing")
    response = login(client, world.secretariat).post(
        reverse("movements:review_open", args=[movement.pk]),
        {"kind": "interim", "title": "Sơ kết", "reports_due": "10/07/2021"},
    )
    assert "launched and is not closed" in response.content.decode() and not Review.objects.exists()


def test_report_form_errors_come_back(client, world, english):
    movement = MovementFactory(agency=world.agency)
    review = reviews.open_review(
        actor=None, movement=movement, kind="final", title="Tổng kết", reports_due=dt.date(2021, 12, 1)
    )
    upload = SimpleUploadedFile("virus.exe", b"MZ\x90\x00" * 10)
    response = login(client, world.officer).post(
        reverse("movements:review_report", args=[review.pk]),
        {"unit": world.division.pk, "results": "", "upload": upload},
    )
    errors = response.context["report_form"].errors
    assert "results" in errors and "upload" in errors and not UnitReport.objects.exists()


def test_summary_without_reports_shows_why(client, world, english):
    movement = MovementFactory(agency=world.agency)
    review = reviews.open_review(
        actor=None, movement=movement, kind="final", title="Tổng kết", reports_due=dt.date(2021, 12, 1)
    )
    response = login(client, world.secretariat).post(
        reverse("movements:review_summary", args=[review.pk]), follow=True
    )
    assert "No unit has sent its report yet" in response.content.decode()
    assert not Document.objects.exists()


# --- admin ----------------------------------------------------------------------------------------------


def test_admin_shows_movements_read_only(client, world):
    movement = MovementFactory(agency=world.agency, name="Phong trào văn hóa công sở")
    world.admin.is_staff = world.admin.is_superuser = True
    world.admin.save()
    login(client, world.admin)
    page = client.get(reverse("admin:movements_movement_change", args=[movement.pk]))
    post = client.post(reverse("admin:movements_movement_change", args=[movement.pk]), {"name": "Đổi"})
    assert "Phong trào văn hóa công sở" in page.content.decode() and post.status_code == 403
    movement.refresh_from_db()
    assert movement.name == "Phong trào văn hóa công sở"
