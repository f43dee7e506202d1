"""Model plumbing shared by the data apps."""

from django.db import models

from lib.vntext import fold, search_terms


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


class WordStartSearchQuerySet(models.QuerySet):
    """For models with a `search_text` column holding their folded words after a leading space: every word of
    the query must start one of them, ignoring accents and đ/d ("nguyen van an" finds "Nguyễn Văn An", not
    "Nguyễn Văn Bình")."""

    def search(self, query: str):
        qs = self
        for term in search_terms(query):
            qs = qs.filter(search_text__contains=f" {term}")
        return qs


def word_start_text(*parts: str) -> str:
    """The `search_text` of WordStartSearchQuerySet: the folded words, each after a space."""
    return " " + " ".join(fold(" ".join(p or "" for p in parts)).split())


def snapshot(obj, fields) -> dict:
    """The values of `fields` on `obj`, foreign keys as ids, for the activity log's before/after data."""
    return {
        name: getattr(obj, f"{name}_id" if obj._meta.get_field(name).is_relation else name) for name in fields
    }
