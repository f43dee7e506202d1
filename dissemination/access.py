"""Who may disseminate a document, see the acknowledgements and confirm them.

- disseminate: those who manage the agency that now carries the document's work (the document's agency, or
  the agency in force that succeeded it after a merger: secretariat, agency administrators), once issued; the
  document goes to that agency's units and people;
- see a receipt: whoever may see its person (people.access): the agency's managers and readers see every
  receipt, a unit head those of her unit and sub-units, everyone her own;
- confirm a receipt, or forward it to the unit's staff: only the receipt's own person.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from documents.access import documents_for_user
from documents.models import Status
from organisations.scope import scope_for
from people.access import people_for_user

from .models import Receipt

VIEW, CONFIRM = "view", "confirm"
DISSEMINABLE_STATES = {Status.ISSUED, Status.PUBLISHED}


def recipient_agency(document):
    """The agency whose units and people receive the document: its own agency while in force, else the agency
    in force that carries its work now (a predecessor's dispatch goes to the successor's units). Kept on the
    document: the page asks more than once."""
    if not hasattr(document, "_recipient_agency"):
        document._recipient_agency = document.agency.current_successor()
    return document._recipient_agency


def can_disseminate(user, document) -> bool:
    if document.status not in DISSEMINABLE_STATES:
        return False
    scope = scope_for(user)
    return scope.can_manage_agency(document.agency_id) and scope.can_manage_agency(
        recipient_agency(document).pk
    )


def receipts_for_user(user):
    scope = scope_for(user)
    if not scope.is_authenticated:
        return Receipt.objects.none()
    return Receipt.objects.filter(person__in=people_for_user(user))


def my_receipts(user):
    person_id = scope_for(user).person_id
    if person_id is None:
        return Receipt.objects.none()
    return Receipt.objects.filter(person_id=person_id)


def can_confirm(user, receipt) -> bool:
    person_id = scope_for(user).person_id
    return person_id is not None and receipt.person_id == person_id


def get_receipt_for_user(user, pk, *, action=VIEW) -> Receipt:
    receipt = (
        receipts_for_user(user)
        .select_related("dissemination__document", "person", "via_unit")
        .filter(pk=pk)
        .first()
    )
    if receipt is None:
        raise Http404
    if action == CONFIRM and not can_confirm(user, receipt):
        raise PermissionDenied
    return receipt


def get_issued_document_for_user(user, pk):
    """The issued document `pk` for its dissemination screens, if the user may see it (documents.access);
    drafts have no dissemination."""
    document = documents_for_user(user).issued().select_related("agency", "kind").filter(pk=pk).first()
    if document is None:
        raise Http404
    return document
