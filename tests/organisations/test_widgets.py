"""The unit picker (organisations/widgets.py): its search endpoint, its widget and its field."""

import datetime as dt

import pytest
from django import forms
from django.urls import reverse

from organisations.access import units_for_user
from organisations.widgets import PICKER_LIMIT, UnitPickerField
from tests.factories import UnitFactory

PICKER = reverse("organisations:picker")


def search(client, text, *, name="unit", chosen=None, **params):
    data = {"name": name, f"{name}-search": text, **params}
    if chosen is not None:
        data[name] = chosen
    return client.get(PICKER, data)


def found(response):
    return [unit.name for unit in response.context["results"]]


@pytest.fixture
def training(world):
    return UnitFactory(agency=world.agency, name="Trung tâm Đào tạo", symbol="TTDT")


def test_finds_units_by_name_without_accents_or_d(world, login, training):
    response = search(login(world.secretariat), "dao tao")

    assert found(response) == ["Trung tâm Đào tạo"]
    html = response.content.decode()
    assert f'name="unit" value="{training.pk}"' in html
    assert world.agency.name in html  # where the unit sits
    assert "checked" not in html


def test_finds_no_unit_of_another_agency_even_when_asked(world, login):
    client = login(world.secretariat)

    by_name = search(client, "van phong so khac")
    forged_choice = search(client, "", chosen=world.other_unit.pk)

    assert found(by_name) == []
    assert forged_choice.context["chosen"] is None
    assert world.other_unit.name not in by_name.content.decode() + forged_choice.content.decode()


def test_the_admin_finds_the_units_of_every_agency(world, login):
    assert found(search(login(world.admin), "van phong")) == ["Văn phòng Sở Khác", "Văn phòng"]


def test_closed_units_are_found_only_when_asked(world, login, training):
    training.valid_to = dt.date(2020, 12, 31)
    training.save()
    client = login(world.secretariat)

    assert found(search(client, "dao tao")) == []
    assert found(search(client, "dao tao", closed="1")) == ["Trung tâm Đào tạo"]


def test_the_chosen_unit_stays_ticked_on_top_and_is_not_repeated(world, login):
    response = search(login(world.secretariat), "ke hoach", chosen=world.division.pk, optional="1")

    assert response.context["chosen"] == world.division
    assert found(response) == ["Tổ Kế hoạch"]
    html = response.content.decode()
    assert html.count("checked") == 1
    assert f'value="{world.division.pk}" checked' in html
    assert 'name="unit" value="" data-testid="picker-unit-all"' in html  # "All units": the choice undone


def test_at_most_the_limit_is_shown_with_a_hint_to_type_more(world, login):
    for n in range(PICKER_LIMIT + 5):
        UnitFactory(agency=world.agency, name=f"Chi cục số {n}", symbol=f"CC{n}")

    response = search(login(world.secretariat), "chi cuc")

    assert len(found(response)) == PICKER_LIMIT
    assert response.context["more"] is True


@pytest.mark.parametrize("count", [1, 200])
def test_query_count_does_not_grow_with_matches(world, login, django_assert_num_queries, count):
    for n in range(count):
        UnitFactory(agency=world.agency, name=f"Chi cục số {n}", symbol=f"CC{n}")
    client = login(world.secretariat)
    search(client, "chi cuc")  # the scope and the unread count kept

    # the session (in the cache) and the account, the chosen unit, the matches
    with django_assert_num_queries(3):
        response = search(client, "chi cuc", chosen=world.office.pk)

    assert len(found(response)) == min(count, PICKER_LIMIT)


def test_an_odd_name_or_a_long_text_is_harmless(world, login):
    response = login(world.secretariat).get(
        PICKER, {"name": "<script>", "<script>-search": "x" * 500, "<script>": "99999999999999999999"}
    )

    assert response.status_code == 200
    assert response.context["name"] == "unit"
    assert "<script>" not in response.content.decode()


def test_the_picker_needs_a_login(client, world):
    response = client.get(PICKER, {"name": "unit", "unit-search": "van"})

    assert response.status_code == 302


class FilterForm(forms.Form):
    unit = UnitPickerField(label="Đơn vị", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].restrict(units_for_user(user).active())


def test_the_field_accepts_a_unit_in_scope_and_refuses_another(world):
    assert FilterForm({"unit": world.team.pk}, user=world.secretariat).is_valid()
    refused = FilterForm({"unit": world.other_unit.pk}, user=world.secretariat)
    assert not refused.is_valid()
    assert list(refused.errors) == ["unit"]
    empty = FilterForm({"unit": ""}, user=world.secretariat)
    assert empty.is_valid() and empty.cleaned_data["unit"] is None


def test_the_widget_shows_the_validated_choice_without_a_second_query(world, django_assert_num_queries):
    form = FilterForm({"unit": world.team.pk}, user=world.secretariat)

    with django_assert_num_queries(1):
        assert form.is_valid()
        html = str(form["unit"])

    assert f'name="unit" value="{world.team.pk}" checked' in html
    assert "Phòng Kế hoạch" in html  # the parent unit, where the team sits
    assert f"{PICKER}?name=unit" in html and "optional=1" in html
    assert 'name="unit-search"' in html
    assert "<option" not in html


def test_the_widget_of_a_form_not_sent_shows_all_units_ticked(world):
    html = str(FilterForm(user=world.secretariat)["unit"])

    assert 'value="" checked data-testid="picker-unit-all"' in html
    assert 'data-testid="picker-unit"' not in html
