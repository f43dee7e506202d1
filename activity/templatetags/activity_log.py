"""{% present_entries entries as rows %}: a page of the log, or an object's history, as people read it."""

from django import template

from ..presentation import present

register = template.Library()


@register.simple_tag
def present_entries(entries):
    """[PresentedEntry] of `entries` (a page, a list, a queryset); what they name is loaded per model."""
    return present(entries)
