"""Who may publish on an agency's portal, and loading the publications and articles for a user.

- publish, withdraw, republish, write articles: the agency's portal editors (Role.PORTAL_EDITOR) and its
  secretariat and administrators — for the agency and for the agencies it succeeded (a successor's editor
  publishes its predecessors' archive: the documents keep their own agency);
- the staff screens list the publications and articles of those agencies.
"""

from django.db.models import Q
from django.http import Http404

from documents.access import can_publish_documents, portal_editor_agency_ids
from organisations.scope import scope_for

from .models import Article, Publication


def _agency_id(agency) -> int:
    return getattr(agency, "pk", agency)


def can_publish(user, agency) -> bool:
    """May publish on the portal the objects of `agency` (an Agency or its id)."""
    return can_publish_documents(user, _agency_id(agency))


def publishes(user) -> bool:
    """Publishes for some agency (the menu entry; no query for an account without the roles)."""
    scope = scope_for(user)
    return scope.installation_admin or bool(scope.manage_agencies) or bool(portal_editor_agency_ids(user))


def _agency_filter(user) -> Q | None:
    """Q for the objects of the agencies the user publishes for; None: nothing."""
    scope = scope_for(user)
    if not scope.is_authenticated:
        return None
    if scope.installation_admin:
        return Q()
    ids = set(scope.manage_agencies) | portal_editor_agency_ids(user)
    return Q(agency_id__in=ids) if ids else None


def publications_for_user(user):
    condition = _agency_filter(user)
    return Publication.objects.none() if condition is None else Publication.objects.filter(condition)


def get_publication_for_user(user, pk) -> Publication:
    publication = publications_for_user(user).select_related("agency").filter(pk=pk).first()
    if publication is None:
        raise Http404
    return publication


def articles_for_user(user):
    condition = _agency_filter(user)
    return Article.objects.none() if condition is None else Article.objects.filter(condition)


def get_article_for_user(user, pk) -> Article:
    article = articles_for_user(user).select_related("agency").filter(pk=pk).first()
    if article is None:
        raise Http404
    return article


def publishing_agencies(user):
    """The agencies the user publishes for (an article's agency is one of them), in force first."""
    from organisations.models import Agency

    condition = _agency_filter(user)
    if condition is None:
        return Agency.objects.none()
    if condition == Q():
        return Agency.objects.all()
    ids = set(scope_for(user).manage_agencies) | portal_editor_agency_ids(user)
    return Agency.objects.filter(pk__in=ids)


def honour_roll_decisions_for_user(user):
    """The issued reward decisions whose honour roll the user may publish (an editor sees no decision
    otherwise: only the issued ones of the agencies she publishes for)."""
    from decisions.models import Decision
    from decisions.models import Kind as DecisionKind
    from decisions.models import Status as DecisionStatus

    condition = _agency_filter(user)
    if condition is None:
        return Decision.objects.none()
    return Decision.objects.filter(condition, kind=DecisionKind.REWARD, status=DecisionStatus.ISSUED)


def get_honour_roll_decision_for_user(user, pk):
    decision = honour_roll_decisions_for_user(user).select_related("agency", "document").filter(pk=pk).first()
    if decision is None:
        raise Http404
    return decision
