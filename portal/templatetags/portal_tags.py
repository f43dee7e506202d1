"""The portal's template filters: ISO dates of the snapshots as dd/mm/yyyy."""

import datetime as dt

from django import template
from django.urls import reverse

register = template.Library()


@register.filter
def isodate(value) -> str:
    """ "2021-03-02" (or a date) → "02/03/2021"; anything else → ""."""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    try:
        return dt.date.fromisoformat(str(value)[:10]).strftime("%d/%m/%Y")
    except (TypeError, ValueError):
        return ""


DETAIL_URL = {
    "document": "portal:document",
    "movement": "portal:movement",
    "exemplary": "portal:exemplar",
    "article": "portal:article",
    "honour_roll": "portal:honour_roll_decision",
}


@register.filter
def detail_url(item) -> str:
    """The page of a publishing.public.Item."""
    return reverse(DETAIL_URL[item.kind], args=[item.slug])
