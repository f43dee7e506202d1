"""Forms of the accounts screens. They validate input; accounts.domain makes the changes."""

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lib.forms import DomainForm, DomainModelForm, TextHygiene
from lib.vntext import nfc
from organisations.access import agencies_for_user, units_for_user
from organisations.scope import scope_for
from people.access import people_for_user

from .models import UNIT_ROLES, Role, RoleGrant, TwoFactorInvitation, User

ACCOUNT_FIELDS = ("username", "last_name", "first_name", "email", "person")
PASSWORD_MISMATCH = _("The two passwords are not the same: type the same password twice.")
TOKEN_DAYS = (30, 90, 180, 365)


class LoginForm(AuthenticationForm):
    """Username and password; Django's form passes the request to authenticate() (needed by django-axes)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The username or the password is wrong. Check both (capital letters count) and try again."
        ),
        "inactive": _("This account is deactivated: ask the administrator of your agency."),
    }

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


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's form with our messages (the validators' are in accounts.validators)."""

    error_messages = {
        **auth_forms.PasswordChangeForm.error_messages,
        "password_mismatch": PASSWORD_MISMATCH,
        "password_incorrect": _("The current password is wrong: type it again."),
    }


class InvitationForm(forms.Form):
    """The one-time code of a two-step verification invitation, as the administrator gave it."""

    code = forms.CharField(
        label=_("Invitation code"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
        help_text=_("The 16 letters and digits the administrator gave you, with or without the dashes."),
    )

    def clean_code(self):
        code = TwoFactorInvitation.normalise(self.cleaned_data["code"])
        if len(code) != TwoFactorInvitation.LENGTH:
            raise ValidationError(_("The code has 16 letters and digits: check that you typed all of it."))
        return code


def token_day_choices() -> list[tuple[int, str]]:
    """30, 90, 180 and 365 days, those up to THIDUA_API_TOKEN_MAX_DAYS (at least that maximum itself)."""
    cap = settings.THIDUA_API_TOKEN_MAX_DAYS
    days = [d for d in TOKEN_DAYS if d <= cap] or [cap]
    return [(d, _("%(days)d days") % {"days": d}) for d in days]


class ApiTokenForm(TextHygiene, forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        required=False,
        help_text=_("What the token is for, e.g. the name of the system that uses it."),
    )
    days = forms.TypedChoiceField(
        label=_("Valid for"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("The token stops working after this time; create a new one before then."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = token_day_choices()
        self.fields["days"].choices = choices
        values = [value for value, _label in choices]
        self.fields["days"].initial = 90 if 90 in values else values[-1]

    def clean_name(self):
        return nfc(self.cleaned_data["name"])

    def clean_days(self):
        """None chosen: the proposed lifetime (90 days, or the longest allowed if shorter)."""
        return self.cleaned_data["days"] or self.fields["days"].initial


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

    error_messages = {**UserCreationForm.error_messages, "password_mismatch": PASSWORD_MISMATCH}

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
