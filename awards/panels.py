"""The awards' parts of other apps' pages (lib/panels.py): a person's awards from the ledger."""

from lib.panels import Panel, panel

from .models import AwardRecord


@panel("person", order=50)
def person_awards(request, person) -> Panel:
    """The ledger's rows of a person the viewer may see (the person page loaded her through people.access)."""
    records = AwardRecord.objects.filter(person=person).select_related("award", "decision")
    return Panel("awards/_person_awards.html", {"records": records})
