"""Forms that feed the domain functions: plain validation here, the state change in <app>/domain.py."""

import copy

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from .uploads import ACCEPT, check_upload
from .vntext import BIDI, CONTROL, INVISIBLE, NOT_DECODED, ZERO_WIDTH_CHAR, drop_pasted_noise, text_problem

DATE_PLACEHOLDER = "dd/mm/yyyy"


def date_input():
    """A text input for dd/mm/yyyy dates (parsed with the locale's DATE_INPUT_FORMATS)."""
    return forms.DateInput(
        attrs={"placeholder": DATE_PLACEHOLDER, "inputmode": "numeric", "autocomplete": "off"}
    )


class UploadField(forms.FileField):
    """A file checked from its content (lib.uploads); cleans to the uploaded file, read back to its start."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ACCEPT}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            check_upload(upload)  # raises ValidationError with the reason
            upload.seek(0)
        return upload


def add_model_errors(form, exc: ValidationError) -> None:
    """Put a model ValidationError raised by a domain function on the form (unknown fields go on top)."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields and field != NON_FIELD_ERRORS else None, errors)


def one_line_break(data):
    """Submitted text with each line break as one character ("\r\n" → "\n"), as the browser's `maxlength`
    counts it, so that the browser and the server agree on a text's length."""
    if data is None:
        return None
    if isinstance(data, QueryDict):
        data = data.copy()
        for key, values in data.lists():
            data.setlist(key, [_one(value) for value in values])
        return data
    return {key: _one(value) for key, value in data.items()}


def _one(value):
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


TEXT_PROBLEMS = {
    NOT_DECODED: _(
        "Contains the character “�”, left where text was not valid Unicode: type it again with a Unicode "
        "Vietnamese keyboard (for example Unikey with the Unicode character set)."
    ),
    BIDI: _(
        "Contains a hidden character that changes the direction of the text (%(code)s): delete it, or type "
        "the text again instead of pasting it."
    ),
    ZERO_WIDTH_CHAR: _(
        "Contains an invisible zero-width character (%(code)s), which a name or a code cannot have: delete "
        "it, or type the text again instead of pasting it."
    ),
    INVISIBLE: _(
        "Contains an invisible formatting character (%(code)s), which a name or a code cannot have: delete "
        "it, or type the text again instead of pasting it."
    ),
    CONTROL: _(
        "Contains a control character (%(code)s) that cannot be shown: delete it, or type the text again "
        "instead of pasting it."
    ),
}


def check_text(value: str, *, free_text: bool = False) -> str:
    """The text as it is kept, or ValidationError naming the character it must not contain.

    A name or a code (a one-line field) refuses every hidden character; free text (a text area) drops the
    zero-width spaces a paste brings along and refuses only what could mislead: direction controls, control
    characters, and the "�" left by text that was not decoded (lib.vntext.text_problem)."""
    if free_text:
        value = drop_pasted_noise(value)
    if problem := text_problem(value, free_text=free_text):
        kind, character = problem
        message = TEXT_PROBLEMS[kind] % {"code": f"U+{ord(character):04X}"}
        raise ValidationError(message, code=f"text_{kind}")
    return value


def reject_invisible(value) -> None:
    """A validator for names and codes (forms or models): see check_text."""
    if isinstance(value, str):
        check_text(value)


class TextHygiene:
    """A form whose text is checked for hidden characters (check_text), field by field: a one-line text field
    is a name or a code, a text area is free text. Passwords are left as typed."""

    def _clean_fields(self):
        super()._clean_fields()
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if not isinstance(value, str) or not isinstance(field, forms.CharField):
                continue
            if isinstance(field.widget, forms.PasswordInput):
                continue
            try:
                self.cleaned_data[name] = check_text(
                    value, free_text=isinstance(field.widget, forms.Textarea)
                )
            except ValidationError as exc:
                self.add_error(name, exc)


class TextLimits(TextHygiene):
    """A form whose text fields say their limit and count a line break as one character.

    The browser's `maxlength` (Django sets it from the field's max_length) and the server's check then agree;
    a text area's help says "at most N characters" so nothing is ever silently cut."""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(one_line_break(data), *args, **kwargs)
        for field in self.fields.values():
            limit = getattr(field, "max_length", None)
            if limit and isinstance(field.widget, forms.Textarea):
                said = _("At most %(limit)s characters.") % {"limit": f"{limit:,}".replace(",", ".")}
                field.help_text = f"{field.help_text} {said}".strip() if field.help_text else said


class DomainModelForm(TextLimits, forms.ModelForm):
    """A ModelForm that works on a copy of the instance, so the domain function sees the unchanged object."""

    def __init__(self, data=None, *args, instance=None, **kwargs):
        super().__init__(
            data, *args, instance=copy.copy(instance) if instance is not None else None, **kwargs
        )

    def domain_arguments(self) -> dict:
        """Keyword arguments for the domain function: the changed fields."""
        return {"fields": {name: self.cleaned_data[name] for name in self.Meta.fields}}


class DomainForm(TextLimits, forms.Form):
    """A plain form whose cleaned data are the keyword arguments of a domain function."""

    def domain_arguments(self) -> dict:
        return dict(self.cleaned_data)


def submit(request, form, action, success_message):
    """On a valid POST, call the domain `action` with the form's arguments and return its result.

    Validation errors raised by the domain (model validation) go back on the form; nothing is saved then.
    `success_message` is the message, or a function of the result that returns it.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action(**form.domain_arguments())
    except ValidationError as exc:
        add_model_errors(form, exc)
        return None
    messages.success(request, success_message(result) if callable(success_message) else success_message)
    return result
