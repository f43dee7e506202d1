"""The publishing's parts of other apps' pages (lib/panels.py): on a document's, a movement's, an exemplary
model's and a decision's page, whether it is on the portal and — for those who may publish — the way to
publish it (or to its publication's page)."""

from django.urls import reverse

from decisions.models import Kind as DecisionKind
from decisions.models import Status as DecisionStatus
from lib.panels import Panel, panel
from movements.models import Status as MovementStatus

from .access import can_publish
from .domain import PUBLISHABLE_DOCUMENTS
from .models import Publication

TEMPLATE = "publishing/_source_panel.html"


def _row(publication, may: bool, publishable: bool, url: str, label) -> dict | None:
    if publication is None and not (may and publishable):
        return None
    return {"publication": publication, "may": may, "url": url, "label": label}


def _panel(request, source, field: str, publishable: bool, url_name: str) -> Panel | None:
    publication = Publication.objects.filter(**{field: source}).first()
    may = can_publish(request.user, source.agency_id)
    row = _row(publication, may, publishable, reverse(url_name, args=[source.pk]), None)
    return None if row is None else Panel(TEMPLATE, {"rows": [row]})


@panel("document", order=80)
def document_portal(request, document) -> Panel | None:
    may = can_publish(request.user, document.agency_id)
    publications = {p.kind: p for p in Publication.objects.filter(document=document)}
    rows = [
        _row(
            publications.get("document"),
            may,
            document.status in PUBLISHABLE_DOCUMENTS,
            reverse("publishing:publish_document", args=[document.pk]),
            None,
        )
    ]
    decision = _reward_decision(document) if may else None
    if decision is not None:
        roll = Publication.objects.filter(decision=decision).first()
        url = reverse("publishing:publish_honour_roll", args=[decision.pk])
        rows.append(_row(roll, may, True, url, "honour_roll"))
    rows = [row for row in rows if row is not None]
    return Panel(TEMPLATE, {"rows": rows}) if rows else None


def _reward_decision(document):
    from decisions.models import Decision

    return Decision.objects.filter(
        document=document, kind=DecisionKind.REWARD, status=DecisionStatus.ISSUED
    ).first()


@panel("movement", order=80)
def movement_portal(request, movement) -> Panel | None:
    publishable = movement.status != MovementStatus.PREPARING
    return _panel(request, movement, "movement", publishable, "publishing:publish_movement")


@panel("exemplary_model", order=80)
def exemplary_portal(request, model) -> Panel | None:
    return _panel(request, model, "exemplary", True, "publishing:publish_exemplary")


@panel("decision", order=80)
def decision_portal(request, decision) -> Panel | None:
    publishable = decision.kind == DecisionKind.REWARD and decision.status == DecisionStatus.ISSUED
    publication = Publication.objects.filter(decision=decision).first()
    may = can_publish(request.user, decision.agency_id)
    url = reverse("publishing:publish_honour_roll", args=[decision.pk])
    row = _row(publication, may, publishable, url, "honour_roll")
    return None if row is None else Panel(TEMPLATE, {"rows": [row]})


LATEST = 5


@panel("home", order=45)
def home_portal(request, _obj) -> Panel | None:
    """For the portal's editors: what is on the portal, the articles still to publish, the latest ones."""
    from accounts.models import Role
    from organisations.scope import scope_for

    from .access import articles_for_user, publications_for_user

    if Role.PORTAL_EDITOR not in scope_for(request.user).roles:
        return None
    publications = publications_for_user(request.user)
    context = {
        "published": publications.filter(status="published").count(),
        "drafts": articles_for_user(request.user).filter(publications__isnull=True).count(),
        "latest": list(publications.order_by("-published_at", "-id")[:LATEST]),
    }
    return Panel("publishing/_home_portal.html", context)
