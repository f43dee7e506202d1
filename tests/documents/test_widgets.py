"""The document picker (documents/widgets.py): the draft's legal bases and a replacement are chosen by
searching, never from a list of every document of the agency (issue 12)."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents.forms import DraftForm
from documents.models import Document, Status
from tests.documents.bulk import bulk_documents
from tests.documents.test_domain import make_draft, make_issued


def pick(client, **params):
    return client.get(reverse("documents:picker"), params)


def test_the_draft_form_lists_no_document_until_one_is_searched(client, world):
    bulk_documents(world.agency, 300)
    client.force_login(world.officer)
    response = client.get(reverse("documents:create"))
    html = response.content.decode()
    assert 'data-testid="document-picker-cited"' in html
    assert 'data-testid="picker-document"' not in html and "KH-STN" not in html
    assert f"{reverse('documents:picker')}?name=cited&amp;purpose=cite" in html


def test_the_picker_finds_documents_by_words_and_number_within_the_scope(client, world):
    mine = make_issued(world.agency, subject="Kế hoạch xâm nhập mặn", on=dt.date(2021, 3, 1))
    make_issued(world.other_agency, subject="Kế hoạch xâm nhập mặn của Sở Khác", on=dt.date(2021, 3, 2))
    draft = make_draft(world.agency, subject="Dự thảo xâm nhập mặn")
    client.force_login(world.staff)
    response = pick(client, name="cited", purpose="cite", **{"cited-search": "xam nhap man"})
    assert list(response.context["results"]) == [mine]
    assert 'type="checkbox" name="cited"' in response.content.decode()
    response = pick(client, name="cited", purpose="cite", **{"cited-search": mine.reference})
    assert list(response.context["results"]) == [mine]
    client.force_login(world.secretariat)  # sees the draft, which is not citable
    response = pick(client, name="cited", purpose="cite", **{"cited-search": "xam nhap"})
    assert draft not in response.context["results"]


def test_the_chosen_stay_on_top_and_the_matches_stop_at_the_limit(client, world):
    bulk_documents(world.agency, 25, subject="Kế hoạch thi đua")
    chosen = Document.objects.order_by("pk").first()
    client.force_login(world.staff)
    response = pick(
        client, name="cited", purpose="cite", cited=[chosen.pk, 999_999], **{"cited-search": "thi dua"}
    )
    context = response.context
    assert list(context["chosen"]) == [chosen] and chosen not in context["results"]
    assert len(context["results"]) == 20 and context["more"]


def test_the_picker_s_queries_do_not_grow_with_rows(client, world):
    client.force_login(world.staff)
    counted = []
    for first, rows in ((1, 1), (2, 199)):
        bulk_documents(world.agency, rows, first_number=first, subject="Kế hoạch thi đua")
        pick(client, name="cited", **{"cited-search": "thi dua"})
        with CaptureQueriesContext(connection) as queries:
            response = pick(client, name="cited", cited=[999_999], **{"cited-search": "thi dua"})
        counted.append((len(response.context["results"]), len(queries)))
    assert [shown for shown, _ in counted] == [1, 20]
    assert counted[0][1] == counted[1][1]


def test_the_draft_form_keeps_its_legal_bases_and_refuses_others(world):
    cited = make_issued(world.agency, on=dt.date(2021, 1, 20))
    foreign = make_issued(world.other_agency, on=dt.date(2021, 1, 21))
    form = DraftForm({"cited": [cited.pk, foreign.pk]}, user=world.officer)
    form.is_valid()
    assert "cited" in form.errors
    form = DraftForm({"cited": [cited.pk]}, user=world.officer)
    form.is_valid()
    assert list(form.cleaned_data["cited"]) == [cited]
    assert f'value="{cited.pk}" checked' in str(form["cited"])


def test_a_replacement_is_one_document_searched_among_the_agency_s_issued(client, world):
    old = make_issued(world.agency, subject="Kế hoạch cũ", on=dt.date(2021, 1, 5))
    new = make_issued(world.agency, subject="Kế hoạch mới thay thế", on=dt.date(2021, 2, 5))
    foreign = make_issued(world.other_agency, subject="Kế hoạch mới của Sở Khác", on=dt.date(2021, 2, 6))
    client.force_login(world.secretariat)
    url = reverse("documents:replace", args=[old.pk])
    html = client.get(url).content.decode()
    assert 'data-testid="document-picker-replacement"' in html and "Kế hoạch mới" not in html
    params = {"name": "replacement", "one": "1", "purpose": "replace", "agency": world.agency.pk}
    response = pick(client, **params, exclude=old.pk, **{"replacement-search": "ke hoach"})
    assert list(response.context["results"]) == [new]
    assert 'type="radio" name="replacement"' in response.content.decode()
    response = client.post(url, {"replacement": foreign.pk})
    assert response.status_code == 200 and response.context["form"].errors["replacement"]
    client.post(url, {"replacement": new.pk})
    old.refresh_from_db()
    assert (old.status, old.replaced_by.get()) == (Status.REPLACED, new)


def test_a_manager_chooses_the_drafting_unit_with_the_unit_picker_an_officer_from_her_units(client, world):
    client.force_login(world.secretariat)
    html = client.get(reverse("documents:create")).content.decode()
    assert reverse("organisations:picker") in html and '<select name="drafting_unit"' not in html
    form = DraftForm({"drafting_unit": world.team.pk}, user=world.secretariat)
    form.is_valid()
    assert form.cleaned_data["drafting_unit"] == world.team
    client.force_login(world.officer)  # her division and the team under it: a short list
    form = client.get(reverse("documents:create")).context["form"]
    assert set(form.fields["drafting_unit"].queryset) == {world.division, world.team}
