"""Form fields for choosing units: the label tells apart units of the same name ("Ban Giám đốc — Sở …").

    units = UnitMultipleChoiceField(label=_("Units"), queryset=None, widget=forms.CheckboxSelectMultiple)
    form.fields["units"].queryset = units_for_user(user).in_force(show_closed=closed).filter(...)

The choices are loaded in one query (the parent unit and the agency come with each unit); a unit whose name
is borne by another unit of the choices is shown with its path (organisations.models.unit_labels).
"""

from django import forms
from django.forms.models import ModelChoiceIterator

from .models import unit_labels


class UnitChoiceIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        units = list(self.queryset.with_path())
        self.field.labels = unit_labels(units)
        for unit in units:
            yield self.choice(unit)


class UnitLabelMixin:
    iterator = UnitChoiceIterator
    labels: dict[int, str] = {}

    def label_from_instance(self, obj):
        return self.labels.get(obj.pk) or obj.name


class UnitChoiceField(UnitLabelMixin, forms.ModelChoiceField):
    """A choice of one unit (organisations.Unit queryset)."""


class UnitMultipleChoiceField(UnitLabelMixin, forms.ModelMultipleChoiceField):
    """A choice of several units (organisations.Unit queryset)."""
