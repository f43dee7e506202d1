"""Forms for the unit screens. They validate input; organisations.domain saves it."""

from lib.forms import DomainModelForm, date_input
from lib.vntext import nfc

from .access import units_for_user
from .models import Unit


class UnitForm(DomainModelForm):
    class Meta:
        model = Unit
        fields = ("name", "symbol", "kind", "parent", "position", "valid_from", "valid_to")
        widgets = {"valid_from": date_input(), "valid_to": date_input()}

    def __init__(self, *args, user, agency, **kwargs):
        super().__init__(*args, **kwargs)
        # Closed units are out of the way (those not yet in force may be prepared); the present parent stays.
        parents = units_for_user(user).filter(agency=agency)
        parents = parents.not_closed() | parents.filter(pk=self.instance.parent_id)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents

    def clean_symbol(self):
        """Symbols are stored in capitals: compare them so, or a duplicate slips past validation."""
        return nfc(self.cleaned_data["symbol"]).upper()
