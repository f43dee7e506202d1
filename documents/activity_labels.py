"""Documents' words in the activity log (read by activity/registry.py)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "documents.document.created": _("Draft created"),
    "documents.document.updated": _("Draft updated"),
    "documents.document.submitted": _("Submitted for signature"),
    "documents.document.withdrawn": _("Withdrawn from signature"),
    "documents.document.approved": _("Signed off by the signer"),
    "documents.document.returned": _("Returned to the drafter"),
    "documents.document.issued": _("Document issued"),
    "documents.document.published": _("Document published"),
    "documents.document.replaced": _("Document replaced"),
    "documents.document.revoked": _("Document revoked"),
    "documents.document.registered": _("Incoming document registered"),
    "documents.attachment.added": _("Attachment added"),
}
MODELS = {"attachment": "documents.Attachment"}
# An attachment is logged with its id, its file name, its size and its checksum: the row shows the name and
# the size; the checksum serves integrity checks, not readers.
FIELDS = {"size": _("file size"), "reason": _("reason")}
# The signer chosen at submission is logged with its id and its name: the row shows the name.
NAMED_BY = {"attachment": "name", "signer": "signer_name"}
REFERENCES = {"attachment": "documents.Attachment"}
FILE_SIZES = {"size"}
HIDDEN = {"sha256"}
