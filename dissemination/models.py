"""Sending an issued document to units and people, and each recipient's acknowledgement (đã đọc, triển khai).

A Dissemination is one sending of one document, with its due date; a Receipt is one person's copy. A unit is
reached through its head, who then forwards the document to the staff of her unit (Receipt.forwarded_from).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.models import NormalisedModel
from lib.vntext import nfc


class Dissemination(NormalisedModel):
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        related_name="disseminations",
        verbose_name=_("document"),
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sender"),
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    due_date = models.DateField(_("due date"))
    requires_implementation = models.BooleanField(_("implementation report required"), default=False)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("dissemination")
        verbose_name_plural = _("disseminations")

    def __str__(self):
        return f"{self.document} → {self.due_date:%d/%m/%Y}"

    def normalise(self):
        self.note = nfc(self.note)


class ReceiptQuerySet(models.QuerySet):
    def incomplete(self):
        """Not read yet, or read but without the implementation report that was asked for."""
        return self.filter(
            Q(read_at__isnull=True)
            | Q(dissemination__requires_implementation=True, implemented_at__isnull=True)
        )

    def complete(self):
        return self.exclude(pk__in=self.incomplete().values("pk"))

    def to_read(self):
        """Not confirmed as read yet ("Văn bản cần đọc")."""
        return self.filter(read_at__isnull=True)

    def to_implement(self):
        """Read, with an implementation report asked for and not given yet ("Văn bản cần thực hiện")."""
        return self.filter(
            read_at__isnull=False, dissemination__requires_implementation=True, implemented_at__isnull=True
        )

    def due_within(self, start, end):
        """Incomplete, due between the two days (both included)."""
        return self.incomplete().filter(dissemination__due_date__gte=start, dissemination__due_date__lte=end)


class Receipt(NormalisedModel):
    dissemination = models.ForeignKey(
        Dissemination, on_delete=models.CASCADE, related_name="receipts", verbose_name=_("dissemination")
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="document_receipts", verbose_name=_("person")
    )
    via_unit = models.ForeignKey(
        "organisations.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("through unit"),
    )
    forwarded_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forwards",
        verbose_name=_("forwarded by"),
    )
    forwarded_at = models.DateTimeField(_("forwarded to staff at"), null=True, blank=True)
    created_at = models.DateTimeField(_("received at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    implemented_at = models.DateTimeField(_("implemented at"), null=True, blank=True)
    implementation_note = models.CharField(_("implementation note"), max_length=1000, blank=True)
    reminded_at = models.DateTimeField(_("last reminded at"), null=True, blank=True)

    objects = ReceiptQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        constraints = [
            models.UniqueConstraint(fields=["dissemination", "person"], name="receipt_one_per_person"),
        ]

    def __str__(self):
        return f"{self.person_id} ← {self.dissemination_id}"

    def normalise(self):
        self.implementation_note = nfc(self.implementation_note)

    @property
    def is_complete(self) -> bool:
        if self.read_at is None:
            return False
        return self.implemented_at is not None or not self.dissemination.requires_implementation
