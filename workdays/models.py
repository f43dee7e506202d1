"""An agency's exceptions to the national working-day calendar (workdays.calendar puts them together)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lib.models import NormalisedModel
from lib.vntext import nfc


class Kind(models.TextChoices):
    OFF = "off", _("Day off")
    WORK = "work", _("Working day")


class DayExceptionQuerySet(models.QuerySet):
    def of_agency(self, agency):
        return self.filter(agency=agency)

    def between(self, first, last):
        """The exceptions from `first` to `last`, both included."""
        return self.filter(day__gte=first, day__lte=last)


class DayException(NormalisedModel):
    """A day the agency handles unlike the national calendar: a day off (a government announcement, a local
    holiday) or a working day (a swapped Saturday the package does not know yet). It wins over the national
    calendar."""

    agency = models.ForeignKey(
        "organisations.Agency",
        on_delete=models.CASCADE,
        related_name="day_exceptions",
        verbose_name=_("agency"),
    )
    day = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    reason = models.CharField(
        _("reason"), max_length=200, help_text=_("E.g. the announcement that gives or moves the day off.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = DayExceptionQuerySet.as_manager()

    class Meta:
        ordering = ["agency", "day"]
        verbose_name = _("calendar exception")
        verbose_name_plural = _("calendar exceptions")
        # The unique index on (agency, day) is also the index the calendar reads a date range through.
        constraints = [models.UniqueConstraint(fields=["agency", "day"], name="dayexception_unique_day")]

    def __str__(self):
        return f"{self.day:%d/%m/%Y} — {self.reason}"

    def normalise(self):
        self.reason = nfc(self.reason)

    @property
    def is_day_off(self) -> bool:
        return self.kind == Kind.OFF
