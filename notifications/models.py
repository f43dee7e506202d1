"""The in-app inbox: one row per message to one account (e-mail copies: notifications.domain.send_email)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """A message in an account's inbox, with a link to what it is about."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("account"),
    )
    kind = models.CharField(
        _("kind"), max_length=60, blank=True, help_text=_("A code, e.g. dissemination.received.")
    )
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    target_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_unread")]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class EmailDelivery(models.Model):
    """One e-mail asked for by a change, written in the change's transaction: the e-mail task sends it once.

    A task that is run again (its worker died, the server did not answer) finds it sent and sends nothing; a
    failure counts an attempt and the task is queued again later, until THIDUA_TASK_MAX_ATTEMPTS."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting to be sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("not sent")
        SKIPPED = "skipped", _("no address")

    key = models.CharField(_("key"), max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("account")
    )
    template = models.CharField(_("template"), max_length=100)
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    target_id = models.CharField(max_length=64, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="emaildelivery_target")]
        verbose_name = _("e-mail delivery")
        verbose_name_plural = _("e-mail deliveries")

    def __str__(self):
        return f"{self.template} → {self.user_id}"

    def finish(self, status: str) -> bool:
        """Leave PENDING for `status` (SENT counts the attempt); False when another run did it first."""
        now = timezone.now()
        fields = {"sent_at": now, "attempts": models.F("attempts") + 1} if status == self.Status.SENT else {}
        done = EmailDelivery.objects.filter(pk=self.pk, status=self.Status.PENDING).update(
            status=status, **fields
        )
        if done:
            self.status, self.sent_at = status, fields.get("sent_at")
            self.attempts += 1 if status == self.Status.SENT else 0
        return bool(done)

    def record_failure(self, error: BaseException, *, max_attempts: int) -> bool:
        """Count a failed attempt; after `max_attempts` the e-mail is given up. True: to be tried again."""
        self.attempts += 1
        self.last_error = f"{type(error).__name__}: {error}"[:1000]
        if self.attempts >= max_attempts:
            self.status = self.Status.FAILED
        EmailDelivery.objects.filter(pk=self.pk, status=self.Status.PENDING).update(
            attempts=self.attempts, last_error=self.last_error, status=self.status
        )
        return self.status == self.Status.PENDING


class WorkerLease(models.Model):
    """A running task worker renews its lease every few seconds (`manage.py run_worker`). The tasks left
    RUNNING by a worker whose lease ran out are put back in the queue by the other workers."""

    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    expires_at = models.DateTimeField(_("lease expires at"))

    class Meta:
        verbose_name = _("task worker")
        verbose_name_plural = _("task workers")

    def __str__(self):
        return self.worker_id
