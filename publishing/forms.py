"""The publishing's forms: the editor's filters, the publish forms reached from a source's page, the
withdrawal's reason, the news article. Validation here; the change in publishing.domain."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lib.forms import DomainForm, UploadField, date_input
from lib.vntext import search_terms
from organisations.models import Agency

from .models import Article, Kind, Status

PHOTO_ACCEPT = ".jpg,.jpeg,.png"


def _with_all(choices):
    return [("", _("All")), *choices]


class PublicationFilterForm(forms.Form):
    """Search and filters of the editor's list; every field is optional, invalid ones are ignored."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=_with_all(Kind.choices))
    status = forms.ChoiceField(label=_("Status"), required=False, choices=_with_all(Status.choices))

    def filter(self, publications):
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        for name in ("kind", "status"):
            if data.get(name):
                publications = publications.filter(**{name: data[name]})
        for term in search_terms(data.get("q"))[:8]:
            publications = publications.filter(search_text__contains=f" {term}")
        return publications


class PublishDocumentForm(DomainForm):
    """What a state portal shows of a document beyond the document itself: its field, its date of effect."""

    field = forms.CharField(
        label=_("Field (lĩnh vực)"),
        required=False,
        max_length=100,
        help_text=_("E.g. Thi đua, khen thưởng. Visitors filter the documents by it."),
    )
    effective_on = forms.DateField(
        label=_("Date of effect"), required=False, widget=date_input(), help_text=_("Empty: none stated.")
    )


class ConfirmForm(DomainForm):
    """A publish button's form: nothing to fill in."""


class WithdrawForm(DomainForm):
    reason = forms.CharField(
        label=_("Reason for withdrawal"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to visitors who open its address."),
    )


class ArticleForm(DomainForm):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none(), empty_label=None)
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(label=_("Summary"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
    body = forms.CharField(
        label=_("Body"),
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("One paragraph per line."),
    )
    author = forms.CharField(label=_("Author"), max_length=200)
    photo = UploadField(
        label=_("Photo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": PHOTO_ACCEPT}),
        help_text=_("JPEG or PNG. It is resized and its location data removed before it is kept."),
    )
    photo_alt = forms.CharField(
        label=_("Photo description"),
        max_length=300,
        required=False,
        help_text=_("What the photo shows, for visitors who cannot see it."),
    )

    def __init__(self, *args, agencies, article: Article | None = None, **kwargs):
        if article is not None:
            kwargs.setdefault("initial", {name: getattr(article, name) for name in self.editable()})
        super().__init__(*args, **kwargs)
        self.article = article
        if article is None:
            self.fields["agency"].queryset = agencies
        else:
            del self.fields["agency"]

    @staticmethod
    def editable():
        return ("title", "summary", "body", "author", "photo_alt")

    def clean(self):
        data = super().clean()
        has_photo = data.get("photo") or (self.article is not None and self.article.photo)
        if has_photo and not data.get("photo_alt"):
            self.add_error("photo_alt", _("Describe the photo for visitors who cannot see it."))
        return data

    def domain_arguments(self) -> dict:
        arguments = dict(self.cleaned_data)
        if not arguments.get("photo"):
            arguments.pop("photo", None)
        return arguments
