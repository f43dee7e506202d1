"""Model plumbing shared by the data apps."""

from django.db import models


class NormalisedModel(models.Model):
    """A model that tidies its own input (NFC text, upper-case symbols, derived search columns) in
    `normalise()`, which runs before validation — so uniqueness is checked on the stored form — and
    again before every save."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.normalise()
        super().save(*args, **kwargs)

    def normalise(self) -> None:
        """Override: bring the fields to their stored form."""

    def clean_fields(self, exclude=None):
        self.normalise()
        super().clean_fields(exclude=exclude)
