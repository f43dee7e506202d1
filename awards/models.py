"""The catalogue of emulation titles (danh hiệu thi đua) and, later, reward forms (hình thức khen thưởng).

Data, not code: the rows come from awards/catalogue.py through a migration, and the legal rules engine (rule
sets with effective dates, criteria, coefficients) hangs its versioned law on these stable codes.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Subject(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")


class AwardKind(models.TextChoices):
    TITLE = "title", _("Emulation title")  # danh hiệu thi đua, Luật TĐKT 2022 Điều 19–20
    FORM = "form", _("Reward form")  # hình thức khen thưởng, Luật TĐKT 2022 Điều 9


class AwardQuerySet(models.QuerySet):
    def registrable(self):
        """Titles a unit or a person registers for at the start of the year (đăng ký thi đua)."""
        return self.filter(kind=AwardKind.TITLE, registrable=True)

    def for_subject(self, subject: str):
        return self.filter(subject=subject)


class Award(models.Model):
    code = models.SlugField(
        _("code"), max_length=60, unique=True
    )  # stable: used by the API and other systems
    name = models.CharField(_("name"), max_length=200)
    subject = models.CharField(_("subject"), max_length=12, choices=Subject.choices)
    kind = models.CharField(_("kind"), max_length=8, choices=AwardKind.choices, default=AwardKind.TITLE)
    authority = models.CharField(_("awarding authority"), max_length=200)
    citation = models.CharField(_("legal basis"), max_length=300)
    source_status = models.CharField(
        _("reference status"), max_length=4, help_text=_("V1/V2 verified, R reported, U unverified.")
    )
    registrable = models.BooleanField(_("open to registration"), default=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = AwardQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")

    def __str__(self):
        return self.name

    @property
    def is_individual(self) -> bool:
        return self.subject == Subject.INDIVIDUAL
