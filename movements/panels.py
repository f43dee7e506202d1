"""The movements' parts of other apps' pages (lib/panels.py): the home page's emulation figures and the
movements a document is linked to."""

from django.db.models import Count, Q
from django.utils import timezone

from lib.panels import Panel, panel
from organisations.scope import scope_for

from .access import movements_for_user, registrations_for_user
from .models import RegistrationRound, RegistrationStatus

MAX_ROUNDS = 50


@panel("home", order=50)
def emulation_figures(request, _obj) -> Panel | None:
    """Ongoing movements; registrations waiting for the secretariat; the open rounds of the user's units."""
    user, scope = request.user, scope_for(request.user)
    if not (scope.member_agencies or scope.installation_admin):
        return None
    today = timezone.localdate()
    figures = {"ongoing": movements_for_user(user).ongoing(today).count()}
    if scope.manage_agencies or scope.installation_admin:
        waiting = registrations_for_user(user).filter(status=RegistrationStatus.SUBMITTED)
        if not scope.installation_admin:
            waiting = waiting.filter(round__movement__agency_id__in=scope.manage_agencies)
        figures["to_review"] = waiting.count()
    if scope.edit_units:
        figures["open_rounds"] = _open_rounds(user, scope, today)
    return Panel("movements/_home_emulation.html", figures)


def _open_rounds(user, scope, today) -> list:
    """The rounds open today, with how many registrations of the user's units were started and submitted."""
    mine = Q(registrations__unit_id__in=scope.edit_units)
    compiling = Q(registrations__status__in=[RegistrationStatus.DRAFT, RegistrationStatus.RETURNED])
    rounds = (
        RegistrationRound.objects.filter(
            movement__in=movements_for_user(user), opens_on__lte=today, deadline__gte=today
        )
        .select_related("movement")
        .annotate(
            mine=Count("registrations", filter=mine),
            submitted=Count("registrations", filter=mine & ~compiling),
        )
        .order_by("deadline", "pk")
    )
    return list(rounds[:MAX_ROUNDS])


@panel("document", order=50)
def document_movements(request, document) -> Panel | None:
    """The movements linked to the document (loaded through documents.access) that the viewer may see."""
    movements = list(movements_for_user(request.user).filter(documents=document))
    return Panel("movements/_document_panel.html", {"movements": movements}) if movements else None
