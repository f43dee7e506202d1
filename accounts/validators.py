"""Password rules (settings AUTH_PASSWORD_VALIDATORS): Django's checks with thidua's length, list and words.

Django's own messages are partly untranslated in Vietnamese and do not say what to do; these subclasses give
every error and help text as a sentence of ours (Vietnamese in locale/vi).

The list of common and breached passwords is local — no network: passwords/common-passwords.txt.gz holds
Django's list (20 000 passwords) and passwords/vietnamese.txt (common Vietnamese passwords: words of the
administration and of daily life with digits and years, names with years, keyboard walks). After editing
vietnamese.txt, rebuild:

    (zcat .venv/lib/python3.11/site-packages/django/contrib/auth/common-passwords.txt.gz; \\
     cat accounts/passwords/vietnamese.txt) | tr A-Z a-z | LC_ALL=C sort -u | gzip -9n \\
     > accounts/passwords/common-passwords.txt.gz

(tests/accounts/test_validators.py checks the file is that union.)
"""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import password_validation as django_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

PASSWORD_LIST = Path(__file__).resolve().parent / "passwords" / "common-passwords.txt.gz"


class MinimumLengthValidator(django_validation.MinimumLengthValidator):
    """At least THIDUA_PASSWORD_MIN_LENGTH characters (12 by default)."""

    def __init__(self, min_length=None):
        self.configured_length = min_length

    @property
    def min_length(self) -> int:
        return self.configured_length or settings.THIDUA_PASSWORD_MIN_LENGTH

    def get_error_message(self):
        return ngettext(
            "The password must have at least %(min_length)d character.",
            "The password must have at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self):
        return ngettext(
            "At least %(min_length)d character; a short sentence is easy to remember.",
            "At least %(min_length)d characters; a short sentence is easy to remember.",
            self.min_length,
        ) % {"min_length": self.min_length}


class CommonPasswordValidator(django_validation.CommonPasswordValidator):
    """Not in the shipped list of common and breached passwords (compared in lower case)."""

    def __init__(self, password_list_path=PASSWORD_LIST):
        super().__init__(password_list_path)

    def get_error_message(self):
        return _("This password is among the commonly used or leaked passwords: choose another one.")

    def get_help_text(self):
        return _("Not a commonly used or leaked password.")


class UserAttributeSimilarityValidator(django_validation.UserAttributeSimilarityValidator):
    def validate(self, password, user=None):
        """The field's name in lower case, inside the sentence ("tên đăng nhập", not "Tên đăng nhập")."""
        try:
            super().validate(password, user)
        except ValidationError as error:
            params = {"verbose_name": str(error.params["verbose_name"]).lower()}
            raise ValidationError(error.message, code=error.code, params=params) from None

    def get_error_message(self):
        return _("The password is too similar to your %(verbose_name)s: choose one unrelated to it.")

    def get_help_text(self):
        return _("Not like your username, name or e-mail address.")


class NumericPasswordValidator(django_validation.NumericPasswordValidator):
    def get_error_message(self):
        return _("The password has only digits: add letters.")

    def get_help_text(self):
        return _("Not only digits.")
