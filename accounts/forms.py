"""Forms of the accounts screens. They validate input; accounts.domain makes the changes."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lib.forms import DomainForm, DomainModelForm
from lib.vntext import nfc
from organisations.access import agencies_for_user, units_for_user
from organisations.scope import scope_for
from people.access import people_for_user

from .models import UNIT_ROLES, Role, RoleGrant, User

ACCOUNT_FIELDS = ("username", "last_name", "first_name", "email", "person")


class LoginForm(AuthenticationForm):
    """Username and password; Django's form passes the request to authenticate() (needed by django-axes)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autocapitalize": "none"})
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"


class TokenForm(forms.Form):
    """A six-digit code from an authenticator app."""

    token = forms.CharField(
        label=_("6-digit code"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]{6}"}
        ),
        help_text=_("Open your authenticator app and enter the code it shows for thidua."),
    )

    def clean_token(self):
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise ValidationError(_("The code has six digits."), code="digits")
        return token


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        required=False,
        help_text=_("What the token is for, e.g. the name of the system that uses it."),
    )

    def clean_name(self):
        return nfc(self.cleaned_data["name"])


class AccountSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, help_text=_("Username, name or e-mail; accents optional.")
    )

    def filter(self, accounts):
        return accounts.search(self.cleaned_data.get("q") if self.is_valid() else "")


def _person_field(actor, required: bool):
    return forms.ModelChoiceField(
        queryset=people_for_user(actor).select_related("agency").alphabetical(),
        required=required,
        label=_("Linked person"),
        help_text=_("The staff record this account belongs to."),
    )


class NamesMixin:
    """First and last names in NFC, trimmed."""

    def clean_first_name(self):
        return nfc(self.cleaned_data["first_name"])

    def clean_last_name(self):
        return nfc(self.cleaned_data["last_name"])


class AccountCreateForm(NamesMixin, UserCreationForm):
    """A new account with an initial password; agency administrators must link a person of their agency."""

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ACCOUNT_FIELDS

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"] = _person_field(actor, required=not scope_for(actor).installation_admin)
        self.fields["password1"].label = _("Initial password")

    def domain_arguments(self) -> dict:
        """Keyword arguments of accounts.domain.create_account."""
        return {name: self.cleaned_data[name] for name in ACCOUNT_FIELDS} | {
            "password": self.cleaned_data["password1"]
        }


class AccountEditForm(NamesMixin, DomainModelForm):
    """Validates a copy of the account: the domain function records before/after values on the original."""

    class Meta:
        model = User
        fields = (*ACCOUNT_FIELDS, "is_active")

    def __init__(self, *args, actor, account, **kwargs):
        super().__init__(*args, instance=account, **kwargs)
        self.actor, self.account = actor, account
        self.fields["person"] = _person_field(actor, required=False)
        self.fields["is_active"].help_text = _("An inactive account cannot log in; its history is kept.")

    def clean_is_active(self):
        active = self.cleaned_data["is_active"]
        if not active and self.account.pk == self.actor.pk:
            raise ValidationError(_("You cannot deactivate your own account."), code="self")
        return active


class GrantRoleForm(DomainForm):
    role = forms.ChoiceField(label=_("Role"), choices=[("", "---------"), *Role.choices])
    agency = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Agency"),
        help_text=_("Empty only for an administrator of the whole installation."),
    )
    unit = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Unit"),
        help_text=_("Only for unit heads and unit emulation officers."),
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies_for_user(actor).active()
        self.fields["unit"].queryset = units_for_user(actor).active().select_related("agency")
        self.fields["unit"].label_from_instance = lambda unit: f"{unit.name} — {unit.agency.name}"

    def clean(self):
        data = super().clean()
        role, agency, unit = data.get("role"), data.get("agency"), data.get("unit")
        if role is None:
            return data
        if role in UNIT_ROLES and unit is not None and agency is None:
            data["agency"] = agency = unit.agency
        RoleGrant(role=role, agency=agency, unit=unit).clean()  # its ValidationError names the field
        return data
