"""The people picker (people/widgets.py): its search endpoint, its widget and its field."""

import pytest
from django import forms
from django.urls import reverse

from people.access import people_for_user
from people.models import Person
from people.widgets import PICKER_LIMIT, PersonPickerField
from tests.factories import staff_in


def search(client, text, *, name="people", chosen=(), **params):
    data = {"name": name, f"{name}-search": text, name: [str(pk) for pk in chosen], **params}
    return client.get(reverse("people:picker"), data)


def names(response, key="results"):
    return [p.full_name for p in response.context[key]]


def test_finds_people_by_name_without_accents_or_d(world, login):
    response = search(login(world.secretariat), "dang thi huong")

    assert names(response) == ["Đặng Thị Hương"]
    html = response.content.decode()
    assert f'name="people" value="{world.team_person.pk}"' in html
    assert "checked" not in html


def test_finds_no_one_outside_the_users_scope_even_when_asked(world, login):
    client = login(world.secretariat)

    by_name = search(client, "pham van nam")
    by_agency = search(client, "nam", agency=world.other_agency.pk)
    forged_choice = search(client, "", chosen=[world.other_person.pk])

    assert names(by_name) == names(by_agency) == names(forged_choice, "chosen") == []
    assert world.other_person.full_name not in forged_choice.content.decode()


def test_agency_narrows_the_results(world, login):
    response = search(login(world.admin), "van", agency=world.agency.pk)

    assert names(response) == ["Lê Văn Minh"]  # Phạm Văn Nam works for the other agency


def test_unit_head_finds_only_her_units_people(world, login):
    response = search(login(world.head), "thi")

    assert names(response) == ["Đặng Thị Hương"]  # Trần Thị Lan of the office is not hers


def test_chosen_people_stay_ticked_on_top_and_are_not_repeated(world, login):
    response = search(login(world.secretariat), "thi", chosen=[world.office_person.pk])

    assert names(response, "chosen") == ["Trần Thị Lan"]
    assert names(response) == ["Đặng Thị Hương"]
    html = response.content.decode()
    assert html.count("checked") == 1
    assert html.index("Trần Thị Lan") < html.index("Đặng Thị Hương")


def test_answers_at_most_the_limit_and_says_there_are_more(world, login):
    for n in range(PICKER_LIMIT + 2):
        staff_in(world.office, family_name="Võ", middle_name="Văn", given_name=f"Tư{n:02d}")

    response = search(login(world.secretariat), "vo van")

    assert len(response.context["results"]) == PICKER_LIMIT
    assert response.context["more"] is True
    assert "type more of the name" in response.content.decode() or "gõ thêm" in response.content.decode()


def test_empty_search_finds_no_one_and_helps(world, login):
    response = search(login(world.secretariat), "   ")

    assert names(response) == []
    assert response.context["query"] == ""


def test_a_strange_field_name_falls_back(world, login):
    response = search(login(world.secretariat), "huong", name='x" onclick="alert(1)')

    assert response.context["name"] == "people"
    assert "onclick" not in response.content.decode()


def test_requires_login(client, world):
    response = client.get(reverse("people:picker"), {"people-search": "huong"})

    assert response.status_code == 302
    assert Person.objects.count() == 4


@pytest.mark.parametrize("count", [3, 15])
def test_query_count_does_not_grow_with_matches_or_choices(world, login, django_assert_num_queries, count):
    people = [
        staff_in(world.office, family_name="Võ", middle_name="Văn", given_name=f"Tư{n:02d}")
        for n in range(count)
    ]
    client = login(world.secretariat)

    # account, role grants, agency lineage (the session: cached_db, in the cache), matches, their posts,
    # chosen, their posts
    with django_assert_num_queries(7):
        response = search(client, "vo", chosen=[p.pk for p in people[:2]])

    assert len(response.context["results"]) == count - 2
    assert len(response.context["chosen"]) == 2


# --- the widget and the field -----------------------------------------------------------------------------


class PickForm(forms.Form):
    people = PersonPickerField(label="People", required=False)

    def __init__(self, *args, user, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].restrict(people_for_user(user).filter(agency=agency), agency=agency.pk)


def test_field_accepts_the_allowed_and_refuses_the_others(world):
    allowed = PickForm({"people": [world.team_person.pk]}, user=world.secretariat, agency=world.agency)
    refused = PickForm({"people": [world.other_person.pk]}, user=world.secretariat, agency=world.agency)

    assert allowed.is_valid()
    assert list(allowed.cleaned_data["people"]) == [world.team_person]
    assert not refused.is_valid()
    assert "people" in refused.errors


def test_widget_shows_the_chosen_and_asks_the_endpoint_with_the_narrowing(
    world, django_assert_max_num_queries
):
    form = PickForm({"people": [world.team_person.pk]}, user=world.admin, agency=world.agency)
    assert form.is_valid()

    with django_assert_max_num_queries(2):  # the chosen and their posts
        html = str(form["people"])

    assert f'name="people" value="{world.team_person.pk}" checked' in html
    assert "Đặng Thị Hương" in html
    assert f"{reverse('people:picker')}?name=people&amp;agency={world.agency.pk}" in html
    assert 'name="people-search"' in html
    assert 'hx-include="closest .person-picker"' in html
    assert 'aria-live="polite"' in html
    assert "<script" not in html and "onclick" not in html
