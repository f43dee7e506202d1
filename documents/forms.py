"""Forms of the document screens. They validate input and shape it for documents.domain, which saves it."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.forms import DomainForm, UploadField, date_input
from lib.vntext import nfc
from organisations.access import agencies_for_user
from organisations.widgets import UnitPickerField

from . import access
from .body import body_to_text, parse_body
from .models import UNISSUED_STATES, Direction, Document, DocumentKind, Status, Urgency
from .signing import signing_options_by_agency
from .widgets import CITE, REPLACE, DocumentPickerField

MAX_TEXT = 20_000


def lines(text: str | None) -> list[str]:
    """The non-empty lines of a textarea, NFC-normalised."""
    return [line for line in (nfc(raw) for raw in (text or "").splitlines()) if line]


def textarea(rows=4, **attrs):
    return forms.Textarea(attrs={"rows": rows, **attrs})


def citable_documents(user):
    """Documents a draft may cite: issued or registered ones the user sees."""
    return (
        access.documents_for_user(user)
        .exclude(status__in=UNISSUED_STATES)
        .select_related("kind")
        .order_by("-issued_on", "-id")
    )


class DocumentFilterForm(forms.Form):
    """Search and filters of the document list; every field is optional, invalid ones are ignored."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    direction = forms.ChoiceField(
        label=_("Register"),
        required=False,
        choices=[("", _("Outgoing and incoming")), *Direction.choices],
    )
    kind = forms.ModelChoiceField(
        label=_("Kind"), required=False, queryset=DocumentKind.objects.all(), empty_label=_("All kinds")
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *Status.choices])
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2999)
    task = forms.ChoiceField(
        label=_("My work"),
        required=False,
        choices=[
            ("", _("All")),
            (access.TO_SIGN, _("Waiting for my signature")),
            (access.TO_ISSUE, _("Signed, waiting for a number")),
            (access.RETURNED, _("Returned to me")),
        ],
    )

    def filter(self, user):
        """The user's documents narrowed by the valid filters (`task`: the to-do list's waiting work)."""
        self.is_valid()
        data = self.cleaned_data
        documents = access.waiting_documents(user, data.get("task") or "")
        for name in ("direction", "kind", "status", "year"):
            if data.get(name):
                documents = documents.filter(**{name: data[name]})
        return documents


class DraftForm(DomainForm):
    """A draft: its kind, drafting unit, text and signature block. `document` is given when editing."""

    agency = forms.ModelChoiceField(label=_("Issuing agency"), queryset=None, empty_label=None)
    kind = forms.ModelChoiceField(label=_("Kind"), queryset=DocumentKind.objects.all(), empty_label=None)
    drafting_unit = forms.ModelChoiceField(label=_("Drafting unit"), queryset=None, required=False)
    subject = forms.CharField(
        label=_("Subject"),
        max_length=500,
        help_text=_("For a dispatch (công văn) start with “V/v”, e.g. V/v triển khai kế hoạch…"),
    )
    addressees = forms.CharField(
        label=_("Addressees (Kính gửi)"), required=False, widget=textarea(3), help_text=_("One per line.")
    )
    cited = DocumentPickerField(label=_("Legal bases from the registers"), required=False)
    bases_text = forms.CharField(
        label=_("Other legal bases"),
        required=False,
        widget=textarea(3),
        help_text=_("One citation per line, e.g. Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"),
    )
    body = forms.CharField(
        label=_("Body"),
        required=False,
        max_length=MAX_TEXT,
        widget=textarea(14),
        help_text=_(
            "A blank line separates paragraphs. Lines starting with “1.”, “a)” or “-” are numbered items; "
            "“# ” starts a heading; **bold** and *italic* mark text. End with “./.”."
        ),
    )
    signer = forms.ChoiceField(
        label=_("Signer"),
        required=False,
        help_text=_(
            "The signature block as printed: the head of the agency, a deputy signing for the head (KT.), or "
            "a unit head by order (TL.) or by written authorisation (TUQ.). The draft is submitted to this "
            "person for signature."
        ),
    )
    recipients = forms.CharField(
        label=_("Distribution (Nơi nhận)"), required=False, widget=textarea(4), help_text=_("One per line.")
    )
    archive_note = forms.CharField(
        label=_("Archive line"),
        required=False,
        max_length=100,
        help_text=_("What follows “Lưu: VT,”, e.g. VP."),
    )
    urgency = forms.ChoiceField(label=_("Urgency"), required=False, choices=Urgency.choices)
    due_date = forms.DateField(label=_("Reply due"), required=False, widget=date_input())

    def __init__(self, *args, user, document: Document | None = None, **kwargs):
        if document is not None:
            kwargs.setdefault("initial", initial_for(document))
        super().__init__(*args, **kwargs)
        self.user, self.document = user, document
        self.fields["cited"].restrict(citable_documents(user), purpose=CITE)
        if document is not None:
            self.fields["agency"].queryset = agencies_for_user(user).filter(pk=document.agency_id)
        else:
            self.fields["agency"].queryset = access.draftable_agencies(user).in_force()
        self._set_drafting_units(user, self.fields["agency"].queryset)
        self._set_signers(list(self.fields["agency"].queryset))
        if document is not None or len(self.fields["agency"].queryset) == 1:
            self.fields["agency"].widget = forms.HiddenInput()
            self.fields["agency"].initial = (
                document.agency_id if document else self.fields["agency"].queryset[0].pk
            )

    def _set_drafting_units(self, user, agencies) -> None:
        """Her own units as a list; every unit of the agencies she manages through the unit picker."""
        units = access.draftable_units(user, agencies)
        if not access.drafts_for_every_unit(user):
            self.fields["drafting_unit"].queryset = units
            return
        field = UnitPickerField(label=_("Drafting unit"), required=False, empty_label=None)
        field.restrict(units, agency=agencies[0].pk if len(agencies) == 1 else None)
        self.fields["drafting_unit"] = field

    def _set_signers(self, agencies) -> None:
        """The signer's choices: the ways the agencies' signers may sign (documents.signing), by agency."""
        options = signing_options_by_agency([agency.pk for agency in agencies])
        self.signing_options = {pk: {o.key: o for o in found} for pk, found in options.items()}
        groups = [(a.name, [(o.key, o.label) for o in options[a.pk]]) for a in agencies]
        flat = groups[0][1] if len(groups) == 1 else groups
        self.fields["signer"].choices = [("", _("— choose —")), *flat]

    def clean(self):
        data = super().clean()
        agency, unit = data.get("agency"), data.get("drafting_unit")
        key = data.get("signer")
        data["signing_option"] = self.signing_options.get(agency.pk, {}).get(key) if agency and key else None
        if agency and key and data["signing_option"] is None:
            self.add_error("signer", _("Choose the signer among those who may sign for the issuing agency."))
        if agency and unit and unit.agency_id != agency.pk:
            self.add_error("drafting_unit", _("The drafting unit must belong to the issuing agency."))
        elif agency and self.document is None and not access.can_draft(self.user, agency, unit):
            self.add_error("drafting_unit", _("You may draft documents only for your own unit."))
        kind = data.get("kind")
        if kind and kind.is_dispatch and not unit:
            self.add_error(
                "drafting_unit", _("A dispatch needs its drafting unit: its symbol is part of the number.")
            )
        return data

    def fields_value(self) -> dict:
        """The `fields` argument of domain.create_draft / update_draft."""
        data = self.cleaned_data
        option = data.get("signing_option")
        names = ("drafting_unit", "subject", "archive_note", "urgency", "due_date")
        values = {name: data[name] for name in names}
        values.update(
            signer=option.person if option else None,
            signing_authority=option.authority if option else "",
            kind=data["kind"],
            addressees=lines(data["addressees"]),
            recipients=lines(data["recipients"]),
            body=parse_body(data["body"]),
        )
        return values

    def bases_value(self) -> list[dict]:
        data = self.cleaned_data
        cited = [{"cited": document, "text": ""} for document in data["cited"]]
        return cited + [{"cited": None, "text": text} for text in lines(data["bases_text"])]


def initial_for(document: Document) -> dict:
    bases = list(document.bases.all())
    return {
        "agency": document.agency_id,
        "kind": document.kind_id,
        "drafting_unit": document.drafting_unit_id,
        "subject": document.subject,
        "addressees": "\n".join(document.addressees),
        "cited": [b.cited_id for b in bases if b.cited_id],
        "bases_text": "\n".join(b.text for b in bases if not b.cited_id),
        "body": body_to_text(document.body),
        "signer": f"{document.signer_id}:{document.signing_authority}" if document.signer_id else "",
        "recipients": "\n".join(document.recipients),
        "archive_note": document.archive_note,
        "urgency": document.urgency,
        "due_date": document.due_date,
    }


class AttachmentForm(forms.Form):
    file = UploadField(
        label=_("File"), help_text=_("PDF, Word (.docx), Excel (.xlsx), PNG or JPEG; archives are refused.")
    )


class IncomingForm(DomainForm):
    """A document received from another body, for the incoming register."""

    agency = forms.ModelChoiceField(label=_("Receiving agency"), queryset=None, empty_label=None)
    kind = forms.ModelChoiceField(label=_("Kind"), queryset=DocumentKind.objects.all(), empty_label=None)
    sender_name = forms.CharField(label=_("Sender"), max_length=200, help_text=_("E.g. UBND tỉnh Sóc Trăng."))
    number = forms.IntegerField(label=_("Number"), required=False, min_value=1)
    notation = forms.CharField(label=_("Symbol"), required=False, max_length=30, help_text=_("E.g. KH-UBND."))
    issued_on = forms.DateField(label=_("Date of the document"), required=False, widget=date_input())
    subject = forms.CharField(label=_("Subject"), max_length=500)
    arrival_date = forms.DateField(
        label=_("Arrival date"), required=False, widget=date_input(), help_text=_("Empty: today.")
    )
    due_date = forms.DateField(label=_("Reply due"), required=False, widget=date_input())
    signer_name = forms.CharField(label=_("Signer's name"), required=False, max_length=100)
    file = UploadField(label=_("File"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = agencies_for_user(user).in_force()
        managed = [a.pk for a in agencies if access.can_manage_documents(user, a.pk)]
        self.fields["agency"].queryset = agencies_for_user(user).filter(pk__in=managed)
        if len(managed) == 1:
            self.fields["agency"].widget = forms.HiddenInput()
            self.fields["agency"].initial = managed[0]

    def clean_arrival_date(self):
        arrival = self.cleaned_data.get("arrival_date")
        if arrival and arrival > timezone.localdate():
            raise ValidationError(_("The arrival date cannot be in the future."))
        return arrival

    def fields_value(self) -> dict:
        names = ("sender_name", "number", "notation", "issued_on", "subject", "arrival_date", "due_date")
        return {name: self.cleaned_data[name] for name in (*names, "signer_name")}


class IssueForm(forms.Form):
    issued_on = forms.DateField(
        label=_("Date of issue"), required=False, widget=date_input(), help_text=_("Empty: today.")
    )


class RevokeForm(DomainForm):
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=textarea(3))


class ReturnForm(DomainForm):
    """The signer's (or the clerk's) reason for returning a draft to its drafters."""

    reason = forms.CharField(
        label=_("Reason for returning"),
        max_length=1000,
        widget=textarea(4),
        help_text=_("What the drafter should change; it is shown to the drafter."),
        error_messages={
            "required": _(
                "Write the reason for returning the document, so that the drafter knows what to change."
            )
        },
    )


class ReplaceForm(forms.Form):
    replacement = DocumentPickerField(label=_("Replaced by"), multiple=False)

    def __init__(self, *args, user, document: Document, **kwargs):
        super().__init__(*args, **kwargs)
        replacements = (
            access.documents_for_user(user)
            .filter(agency_id=document.agency_id, status__in=[Status.ISSUED, Status.PUBLISHED])
            .outgoing()
            .exclude(pk=document.pk)
        )
        self.fields["replacement"].restrict(
            replacements, purpose=REPLACE, agency=[document.agency_id], exclude=document.pk
        )
