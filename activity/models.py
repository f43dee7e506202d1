from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .presentation import action_label, describe_changes


class ActivityQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(target_type=ContentType.objects.get_for_model(obj), target_id=str(obj.pk))


class ActivityLog(models.Model):
    """One row per state change, written by the domain functions (never by signals)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("actor"),
    )
    agency = models.ForeignKey(
        "organisations.Agency",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("agency"),
    )
    action = models.CharField(_("action"), max_length=100, db_index=True)
    target_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    target_id = models.CharField(max_length=64, blank=True)
    target_repr = models.CharField(_("object"), max_length=300, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    # The client's address (lib.clientip); empty for what the worker and the commands write.
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        # An object's history, newest first (activity_for_object): read in the index's order, no sort.
        indexes = [
            models.Index(
                fields=["target_type", "target_id", "-created_at", "-id"], name="activity_target_history"
            )
        ]
        verbose_name = _("activity")
        verbose_name_plural = _("activity log")

    def __str__(self):
        return f"{self.action} {self.target_repr}"

    @property
    def action_label(self) -> str:
        return action_label(self.action)

    @property
    def shown_object(self) -> str:
        """The object; for an event with none (a refused request: activity/security.py), the page asked."""
        return self.target_repr or str((self.data.get("extra") or {}).get("path", ""))

    @property
    def described_changes(self):
        """The changes in words (one row; a page of rows is shown with presentation.present)."""
        return describe_changes(self)

    @property
    def changes(self):
        """[(field, before, after)] for the fields that changed."""
        before, after = self.data.get("before") or {}, self.data.get("after") or {}
        return [
            (k, before.get(k), after.get(k))
            for k in sorted(set(before) | set(after))
            if before.get(k) != after.get(k)
        ]
