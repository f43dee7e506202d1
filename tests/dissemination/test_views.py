import datetime as dt
import io

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from activity.models import ActivityLog
from dissemination import domain
from dissemination.models import Dissemination, Receipt
from people.models import UnitHead
from tests.factories import UnitFactory, staff_in

from .conftest import issued_document

DUE = timezone.localdate() + dt.timedelta(days=7)


def page_url(document):
    return reverse("dissemination:document", args=[document.pk])


def send(world, document, **kwargs):
    arguments = {"units": [world.division, world.office], "people": [world.team_person], "due_date": DUE}
    return domain.disseminate(actor=world.secretariat, document=document, **(arguments | kwargs))


def form_data(world, **overrides):
    return {
        "units": [world.division.pk, world.office.pk],
        "people": [world.team_person.pk],
        "due_date": DUE.strftime("%d/%m/%Y"),
        "requires_implementation": "on",
        "note": "Báo cáo trước hạn",
    } | overrides


# --- the document's page ----------------------------------------------------------------------------------


def test_secretariat_sees_the_form_and_the_completion(heads, document, login):
    dissemination = send(heads, document)
    domain.confirm_read(actor=heads.huong, receipt=dissemination.receipts.get(person=heads.team_person))

    response = login(heads.secretariat).get(page_url(document))

    assert response.context["disseminate_form"] is not None
    assert response.context["unit_completion"] == [
        {"unit": "Phòng Kế hoạch", "read": 0, "done": 0, "total": 1},
        {"unit": "Văn phòng", "read": 0, "done": 0, "total": 1},
        {"unit": None, "read": 1, "done": 1, "total": 1},
    ]
    assert [r.person.full_name for r in response.context["receipts"]] == [
        "Lê Văn Minh",
        "Trần Thị Lan",
        "Đặng Thị Hương",
    ]
    html = response.content.decode()
    assert 'data-testid="disseminate-form"' in html and "1/1" in html


def test_staff_sees_only_her_own_receipt_without_the_form(heads, document, login):
    send(heads, document)

    response = login(heads.huong).get(page_url(document))

    assert response.context["disseminate_form"] is None
    assert [r.person for r in response.context["receipts"]] == [heads.team_person]
    assert 'data-testid="confirm-read"' in response.content.decode()


def test_unit_head_sees_the_receipts_of_her_unit(heads, document, login):
    dissemination = send(heads, document, units=[heads.division], people=[])
    domain.forward_to_unit_staff(actor=heads.minh, receipt=dissemination.receipts.get())

    response = login(heads.head).get(page_url(document))  # the Unit head role of the division

    assert {r.person for r in response.context["receipts"]} == {heads.division_person, heads.team_person}


@pytest.mark.parametrize("status", ["draft", "submitted"])
def test_drafts_have_no_dissemination_page(heads, login, status):
    draft = issued_document(heads.agency, status=status)

    assert login(heads.secretariat).get(page_url(draft)).status_code == 404


def test_documents_of_another_agency_are_not_found(heads, login):
    foreign = issued_document(heads.other_agency)

    assert login(heads.secretariat).get(page_url(foreign)).status_code == 404
    assert login(heads.secretariat).get(reverse("dissemination:export", args=[foreign.pk])).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_completion_query_count_does_not_grow_with_recipients(
    heads, document, login, django_assert_num_queries, count
):
    units = []
    for n in range(count):
        unit = UnitFactory(agency=heads.agency, name=f"Phòng {n}", symbol=f"Q{n}")
        UnitHead.objects.update_or_create(unit=unit, defaults={"person": staff_in(unit)})
        units.append(unit)
    people = [staff_in(heads.office) for _ in range(count)]
    send(heads, document, units=units, people=people)
    client = login(heads.secretariat)

    # session, account, role grants, agency lineage, document, unit completion, receipts, form: units (the
    # people picker loads no one until someone is chosen), inbox count
    with django_assert_num_queries(8):
        response = client.get(page_url(document))

    assert len(response.context["receipts"]) == 2 * count


# --- sending ----------------------------------------------------------------------------------------------


def test_secretariat_disseminates_from_the_form(heads, document, login):
    response = login(heads.secretariat).post(
        reverse("dissemination:disseminate", args=[document.pk]), form_data(heads)
    )

    assert response.status_code == 302 and response.url == page_url(document)
    dissemination = Dissemination.objects.get()
    assert (dissemination.due_date, dissemination.requires_implementation, dissemination.note) == (
        DUE,
        True,
        "Báo cáo trước hạn",
    )
    assert {r.person for r in dissemination.receipts.all()} == {
        heads.division_person,
        heads.office_person,
        heads.team_person,
    }
    assert ActivityLog.objects.filter(
        action="dissemination.dissemination.created", actor=heads.secretariat
    ).exists()


def test_the_form_needs_a_recipient_and_a_valid_date(heads, document, login, english):
    data = form_data(heads, units=[], people=[], due_date="31/02/2021")

    response = login(heads.secretariat).post(reverse("dissemination:disseminate", args=[document.pk]), data)

    form = response.context["disseminate_form"]
    assert form.non_field_errors() == ["Choose at least one unit or person to send the document to."]
    assert "due_date" in form.errors
    assert not Dissemination.objects.exists()


def test_domain_errors_come_back_on_the_form(heads, document, login, english):
    data = form_data(heads, units=[heads.team.pk], people=[])

    response = login(heads.secretariat).post(reverse("dissemination:disseminate", args=[document.pk]), data)

    assert response.context["disseminate_form"].errors["units"] == [
        "Tổ Kế hoạch has no head or leader: choose its people by name."
    ]
    assert not Dissemination.objects.exists()


@pytest.mark.parametrize("persona", ["huong", "leader", "head"])
def test_others_cannot_send(heads, document, login, persona):
    response = login(getattr(heads, persona)).post(
        reverse("dissemination:disseminate", args=[document.pk]), form_data(heads)
    )

    assert response.status_code == 403
    assert not Dissemination.objects.exists()


# --- my documents and confirmations -----------------------------------------------------------------------

MINE = reverse("dissemination:mine")


def test_my_documents_lists_only_mine_unread_first(heads, document, login):
    older = issued_document(heads.agency, number=3, subject="V/v họp giao ban")
    first = send(heads, older, units=[], people=[heads.team_person])
    send(heads, document, units=[], people=[heads.team_person, heads.office_person])
    domain.confirm_read(actor=heads.huong, receipt=first.receipts.get())

    response = login(heads.huong).get(MINE)

    assert [r.dissemination.document.reference for r in response.context["page"]] == [
        "05/STN-VP",
        "03/STN-VP",
    ]
    assert all(r.person == heads.team_person for r in response.context["page"])


@pytest.mark.parametrize("count", [1, 3])
def test_my_documents_query_count_does_not_grow(heads, login, django_assert_num_queries, count):
    for n in range(count):
        send(
            heads,
            issued_document(heads.agency, number=n + 1),
            units=[heads.division],
            people=[heads.team_person],
        )
    client = login(heads.minh)

    # session, account, role grants, own person (scope), count, page (documents and units joined), inbox count
    with django_assert_num_queries(6):
        response = client.get(MINE)

    assert len(response.context["page"]) == count


def test_confirm_read_with_htmx_returns_the_updated_buttons(heads, document, login):
    receipt = send(heads, document).receipts.get(person=heads.team_person)

    response = login(heads.huong).post(
        reverse("dissemination:confirm_read", args=[receipt.pk]), headers={"HX-Request": "true"}
    )

    receipt.refresh_from_db()
    assert receipt.read_at is not None
    html = response.content.decode()
    assert html.lstrip().startswith("<div") and f'id="receipt-{receipt.pk}-actions"' in html
    assert 'data-testid="confirm-read"' not in html


def test_confirm_read_without_htmx_redirects(heads, document, login):
    receipt = send(heads, document).receipts.get(person=heads.team_person)

    response = login(heads.huong).post(reverse("dissemination:confirm_read", args=[receipt.pk]))

    assert response.status_code == 302 and response.url == MINE
    assert Receipt.objects.get(pk=receipt.pk).read_at is not None


@pytest.mark.parametrize(("persona", "status"), [("secretariat", 403), ("minh", 404), ("staff", 404)])
def test_only_the_recipient_confirms(heads, document, login, persona, status):
    receipt = send(heads, document, requires_implementation=True).receipts.get(person=heads.team_person)
    client = login(getattr(heads, persona))

    assert client.post(reverse("dissemination:confirm_read", args=[receipt.pk])).status_code == status
    response = client.post(reverse("dissemination:confirm_implemented", args=[receipt.pk]), {"note": "x"})
    assert response.status_code == status
    receipt.refresh_from_db()
    assert receipt.read_at is None and receipt.implemented_at is None


def test_implementation_note_is_required_on_screen(heads, document, login, english):
    receipt = send(heads, document, requires_implementation=True).receipts.get(person=heads.team_person)

    response = login(heads.huong).post(
        reverse("dissemination:confirm_implemented", args=[receipt.pk]),
        {"note": " "},
        headers={"HX-Request": "true"},
    )

    assert "Write a short note on how the document was implemented." in response.content.decode()
    assert Receipt.objects.get(pk=receipt.pk).implemented_at is None


def test_implementation_is_confirmed_on_screen(heads, document, login):
    receipt = send(heads, document, requires_implementation=True).receipts.get(person=heads.team_person)

    response = login(heads.huong).post(
        reverse("dissemination:confirm_implemented", args=[receipt.pk]),
        {"note": "Đã triển khai trong tổ"},
        headers={"HX-Request": "true"},
    )

    receipt.refresh_from_db()
    assert receipt.implementation_note == "Đã triển khai trong tổ" and receipt.implemented_at is not None
    assert 'data-testid="confirm-implemented"' not in response.content.decode()


def test_head_forwards_from_the_page(heads, document, login):
    receipt = send(heads, document, units=[heads.division], people=[]).receipts.get()
    client = login(heads.minh)
    assert 'data-testid="forward"' in client.get(page_url(document)).content.decode()

    response = client.post(reverse("dissemination:forward", args=[receipt.pk]))

    assert response.status_code == 302 and response.url == page_url(document)
    assert {r.person for r in Receipt.objects.filter(forwarded_from=receipt)} == {heads.team_person}
    assert 'data-testid="forward"' not in client.get(page_url(document)).content.decode()


def test_forward_refusal_is_shown_as_a_message(heads, document, login, english):
    receipt = send(heads, document).receipts.get(person=heads.team_person)

    response = login(heads.huong).post(reverse("dissemination:forward", args=[receipt.pk]), follow=True)

    assert "Only the head of a unit can forward" in response.content.decode()
    assert Receipt.objects.count() == 3


# --- export and the panel tag -----------------------------------------------------------------------------


def test_export_of_confirmations_reads_back(heads, document, login):
    dissemination = send(heads, document, requires_implementation=True)
    receipt = dissemination.receipts.get(person=heads.team_person)
    domain.confirm_implemented(actor=heads.huong, receipt=receipt, note="Đã phổ biến")

    response = login(heads.secretariat).get(reverse("dissemination:export", args=[document.pk]))

    assert response["Content-Disposition"] == 'attachment; filename="xac-nhan-05-STN-VP.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Đơn vị", "Họ và tên", "Mã cán bộ")
    assert [row[1] for row in rows[1:]] == ["Lê Văn Minh", "Trần Thị Lan", "Đặng Thị Hương"]
    huong = rows[3]
    assert huong[0] is None and huong[5].date() == DUE and huong[8] == "Đã phổ biến"
    assert huong[6] == timezone.localtime(Receipt.objects.get(pk=receipt.pk).read_at).strftime(
        "%d/%m/%Y %H:%M"
    )
    assert rows[1][6] is None  # not read


def test_the_panel_tag_renders_on_any_page(heads, document):
    send(heads, document)
    request = RequestFactory().get("/")
    request.user = heads.secretariat

    html = Template("{% load dissemination %}{% dissemination_panel document %}").render(
        Context({"request": request, "document": document})
    )

    assert 'id="dissemination"' in html and "Lê Văn Minh" in html and 'data-testid="disseminate-form"' in html


# --- bulk choices and a predecessor's document -----------------------------------------------------------


def test_the_form_offers_the_successors_units_for_a_predecessors_document(heads, predecessor_document, login):
    response = login(heads.secretariat).get(page_url(predecessor_document))

    form = response.context["disseminate_form"]
    assert set(form.fields["units"].queryset) == {heads.office, heads.division, heads.team}
    assert response.context["recipient_agency"] == heads.agency
    html = response.content.decode()
    assert "Sở Tài nguyên và Môi trường" in html and 'data-testid="successor-note"' in html
    assert f'value="{heads.old_unit.pk}"' not in html
    assert 'data-select-all="' in html and 'name="all_units"' in html
    assert 'name="people-search"' in html and reverse("people:picker") in html
    assert "---------" not in html


def test_all_units_sends_to_every_unit_in_force_without_script(heads, predecessor_document, login):
    UnitHead.objects.create(unit=heads.team, person=heads.team_person)
    data = form_data(heads, units=[], people=[], all_units="on")

    response = login(heads.secretariat).post(
        reverse("dissemination:disseminate", args=[predecessor_document.pk]), data
    )

    assert response.status_code == 302
    receipts = Dissemination.objects.get(document=predecessor_document).receipts.all()
    assert {(r.person, r.via_unit) for r in receipts} == {
        (heads.office_person, heads.office),
        (heads.division_person, heads.division),
        (heads.team_person, heads.team),
    }


def test_people_outside_the_successor_cannot_be_chosen(heads, predecessor_document, login):
    data = form_data(heads, units=[], people=[heads.other_person.pk])

    response = login(heads.secretariat).post(
        reverse("dissemination:disseminate", args=[predecessor_document.pk]), data
    )

    assert response.status_code == 200
    assert "people" in response.context["disseminate_form"].errors
    assert not Dissemination.objects.exists()


def test_my_documents_filtered_as_the_to_do_list_links(heads, document, login):
    dissemination = send(heads, document, requires_implementation=True)
    later = send(heads, issued_document(heads.agency, number=9, subject="Kế hoạch khác"), units=[])
    domain.confirm_read(actor=heads.huong, receipt=dissemination.receipts.get(person=heads.team_person))
    client = login(heads.huong)

    to_read = client.get(reverse("dissemination:mine") + "?show=to-read")
    to_implement = client.get(reverse("dissemination:mine") + "?show=to-implement")
    everything = client.get(reverse("dissemination:mine") + "?show=nonsense")

    assert [r.dissemination for r in to_read.context["page"]] == [later]
    assert [r.dissemination for r in to_implement.context["page"]] == [dissemination]
    assert len(everything.context["page"]) == 2 and everything.context["show"] == ""
