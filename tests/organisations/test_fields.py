"""Unit choice fields (organisations/fields.py) and the placeholder every select shows."""

import pytest
from django import forms
from django.utils import translation

from organisations.fields import UnitChoiceField, UnitMultipleChoiceField
from organisations.models import Unit
from tests.factories import AgencyFactory, UnitFactory


class UnitsForm(forms.Form):
    unit = UnitChoiceField(queryset=Unit.objects.none(), required=False)
    units = UnitMultipleChoiceField(queryset=Unit.objects.none(), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = self.fields["units"].queryset = queryset


def test_choices_show_the_path_of_units_of_the_same_name_in_one_query(db, django_assert_num_queries):
    agencies = [AgencyFactory(name="Sở Nông nghiệp"), AgencyFactory(name="Sở Tài chính")]
    boards = [UnitFactory(agency=agency, name="Ban Giám đốc") for agency in agencies]
    office = UnitFactory(agency=agencies[0], name="Văn phòng Sở")
    form = UnitsForm(queryset=Unit.objects.filter(agency__in=agencies).order_by("agency__name", "name"))

    with django_assert_num_queries(1):
        html = str(form["units"])

    assert "Ban Giám đốc — Sở Nông nghiệp" in html
    assert "Ban Giám đốc — Sở Tài chính" in html
    assert "Văn phòng Sở —" not in html
    assert [label for _value, label in form.fields["units"].choices] == [
        "Ban Giám đốc — Sở Nông nghiệp",
        "Văn phòng Sở",
        "Ban Giám đốc — Sở Tài chính",
    ]
    assert {boards[0].pk, boards[1].pk, office.pk} == {
        int(str(v)) for v, _label in form.fields["units"].choices
    }


def test_chosen_unit_is_validated_against_the_queryset(db):
    agency = AgencyFactory()
    unit, other = UnitFactory(agency=agency), UnitFactory()
    queryset = Unit.objects.filter(agency=agency)

    assert UnitsForm({"unit": unit.pk, "units": [unit.pk]}, queryset=queryset).is_valid()
    assert not UnitsForm({"units": [other.pk]}, queryset=queryset).is_valid()


@pytest.mark.parametrize(("language", "placeholder"), [("vi", "— chọn —"), ("en", "— choose —")])
def test_every_select_says_choose_instead_of_dashes(db, language, placeholder):
    UnitFactory(name="Phòng Kế hoạch")
    form = UnitsForm(queryset=Unit.objects.all())

    with translation.override(language):
        html = str(form["unit"])

    assert f'<option value="" selected>{placeholder}</option>' in html
    assert "---------" not in html
    assert "Phòng Kế hoạch" in html
