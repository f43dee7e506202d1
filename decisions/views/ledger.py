"""The award ledger (sổ khen thưởng) as the decisions wrote it: the rows a reader sees (decisions.access.
ledger_for_user) filtered by year, award and unit; every award of a person; a unit's collective awards and
those of its staff. Each row names its decision (number and date, a link for those who read the agency's
decisions), its amount, its golden book number, and whether it was revoked. The queries of each page do not
grow with its rows."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F
from django.shortcuts import render
from django.views.decorators.http import require_GET

from lib.vnmoney import format_vnd
from organisations.access import get_unit_for_user, units_for_user
from organisations.scope import scope_for
from people.access import get_person_for_user
from people.models import Person

from ..access import ledger_for_user
from ..forms import LedgerFilterForm
from ..models import Status

PAGE_SIZE = 50
ORDER = ("-year", "award__position", "id")


def rows(records):
    """The columns the pages show, in the ledger's order: the award, the subject, the decision's document and
    the Decision it belongs to (its id and status, for the link), as one query."""
    return records.select_related("award", "person", "unit", "decision").annotate(
        decision_pk=F("decision__decision__id"), decision_status=F("decision__decision__status")
    ).order_by(*ORDER)  # fmt: skip


def decorate(page, user):
    """The amount in words, whether the row's decision links to its page (the reader sees the agency's
    issued decisions) and whether she may revoke it (the agency's secretariat); no query."""
    scope = scope_for(user)
    readable = scope.read_agencies | scope.manage_agencies
    for record in page:
        record.revocable = record.revoked_on is None and scope.can_manage_agency(record.agency_id)
        record.amount_words = format_vnd(record.amount) if record.amount else ""
        record.linked = record.decision_pk is not None and record.decision_status == Status.ISSUED and (
            scope.installation_admin or record.agency_id in readable
        )  # fmt: skip
    return page


def _page(request, records):
    page = Paginator(rows(records), PAGE_SIZE).get_page(request.GET.get("page"))
    return decorate(page, request.user)


@login_required
@require_GET
def ledger(request):
    records = ledger_for_user(request.user)
    years = records.order_by("-year").values_list("year", flat=True).distinct()
    form = LedgerFilterForm(request.GET, years=list(years), units=units_for_user(request.user))
    return render(
        request, "decisions/ledger.html", {"form": form, "page": _page(request, form.filter(records))}
    )


@login_required
@require_GET
def ledger_person(request, person_pk):
    person = get_person_for_user(request.user, person_pk)
    records = ledger_for_user(request.user).filter(person=person)
    return render(
        request, "decisions/ledger_person.html", {"person": person, "page": _page(request, records)}
    )


@login_required
@require_GET
def ledger_unit(request, unit_pk):
    unit = get_unit_for_user(request.user, unit_pk)
    records = ledger_for_user(request.user)
    collective = decorate(
        list(rows(records.filter(unit=unit, person__isnull=True))), request.user
    )  # a few a year
    staff = Person.objects.in_units([unit.pk]).values("pk")
    people = _page(request, records.filter(person__in=staff))
    context = {"unit": unit, "collective": collective, "page": people}
    return render(request, "decisions/ledger_unit.html", context)
