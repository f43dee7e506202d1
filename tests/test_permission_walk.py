"""Permission before validation (issue 11, point 4): every URL of the project, as every demo account and as an
anonymous visitor, with an empty form posted.

The walk enumerates every URL pattern (django.urls.get_resolver, recursively) and fills its arguments
with real objects of the demo (FILL: a table keyed by the route up to the argument; BY_NAME where an
action needs its object in a given state). A new pattern whose argument the tables cannot fill fails the
walk, and so does a new view that accepts a POST without saying in ORACLE who may use it: every future
view is walked. Each GET and POST runs in a savepoint rolled back afterwards, so every request starts from
the same demo.

Who may use a form is read from the screens, not from the view under test (ORACLE): a form is offered to a
persona when a page she can open links to it or posts to it (the document's page shows "Revoke" only to those
who may revoke). Whoever is not offered a form must get 403 or 404 (or the sign-in page) for both the GET and
the posted form, with no form error, no message and no row changed anywhere — a form error would mean the view
validated the input before it checked the permission. Those who may use it must not get a 500.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import partial
from types import FunctionType, SimpleNamespace

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.messages import get_messages
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import RegexPattern
from django.utils import timezone

from accounts import domain as accounts_domain
from accounts.models import RoleGrant, User
from achievements.models import Evidence, Photo
from activity.models import ActivityLog
from awards.models import Award, Setting
from council import models as council
from council.access import seats_of
from demo import data
from dissemination.models import Dissemination, Receipt
from documents.models import Attachment, Document
from movements.access import can_compile
from movements.domain.registrations import round_units
from movements.models import (
    HIGHER_LEVELS,
    DocumentRole,
    Movement,
    MovementDocument,
    Registration,
    RegistrationEntry,
    RegistrationRound,
    Review,
    UnitReport,
)
from nominations import models as nominations
from nominations.access import can_appraise as appraises_nominations
from notifications.models import Notification
from people import domain as people_domain
from tests import walk_council, walk_decisions, walk_publishing
from tests.demo.conftest import FAST_HASHERS
from tests.demo.helpers import agency as demo_agency
from workdays import domain as workdays_domain
from workdays.calendar import working_day_after

pytestmark = pytest.mark.django_db
PERSONAS = [spec.username for spec in data.ACCOUNTS] + ["anonymous"]
WALK_SETTINGS = {"THIDUA_REQUIRE_2FA": False, "THIDUA_RATE_LIMITS": {}, "AXES_ENABLED": False}

# --- the objects the walk uses, and how each route argument is filled ---------------------------------------


def build_cast() -> SimpleNamespace:
    """Objects of the demo agency (Cần Thơ) that the demo accounts see in different ways, each in the state
    where its actions are offered to whoever has the right — so that a form not offered is a form refused —,
    and a few children made for them (a matter under review, an API token) so every nested URL is real."""
    agency = demo_agency("NNMT_CT")
    staff = User.objects.get(username="nhanvien")
    grant = RoleGrant.objects.active().select_related("user", "unit").get(user__username="canbothidua")
    person = staff.person
    proceeding = people_domain.open_proceeding(
        actor=None, person=person, fields={"kind": "inspection", "opened_on": "2026-01-05", "note": ""}
    )
    token, _raw_token = accounts_domain.issue_api_token(actor=staff, user=staff, name="walk")
    documents = Document.objects.filter(agency=agency, direction="outgoing").order_by("pk")
    registrations = Registration.objects.filter(round__movement__agency=agency).order_by("pk")
    registration = registrations.filter(unit=grant.unit, status="draft").first()
    review = Review.objects.filter(movement__agency=agency).order_by("pk").first()
    evidence = Evidence.objects.filter(initiative__agency=agency).order_by("pk").first()
    photo = Photo.objects.filter(model__agency=agency).order_by("pk").first()
    # the head's copy of a dissemination asking for a report, not yet read, reported or forwarded
    receipt = Receipt.objects.filter(via_unit=grant.unit, forwarded_from=None).select_related("dissemination")
    receipt = receipt.get(dissemination__document__agency=agency)
    Receipt.objects.filter(pk=receipt.pk).update(read_at=None, implemented_at=None, forwarded_at=None)
    Dissemination.objects.filter(pk=receipt.dissemination_id).update(requires_implementation=True)
    # the calendar page shows this year's exceptions, each with its "remove" button for the administrators
    first_working_day = working_day_after(dt.date(timezone.localdate().year, 1, 1), 1)
    day_exception = workdays_domain.add_exception(
        actor=None, agency=agency, day=first_working_day, kind="off", reason="Nghỉ"
    )
    return SimpleNamespace(
        agency=agency,
        unit=grant.unit,
        person=person,
        proceeding=proceeding,
        account=grant.user,
        grant=grant,
        token=token,
        document=receipt.dissemination.document,  # issued: publish, replace, revoke, disseminate
        **{state: documents.filter(status=state).first() for state in ("submitted", "approved", "returned")},
        attachment=Attachment.objects.order_by("pk").first(),
        receipt=receipt,
        notification=Notification.objects.filter(user=staff).order_by("pk").first()
        or Notification.objects.order_by("pk").first(),
        movement=review.movement,
        unrelayed=Movement.objects.filter(agency=agency, status="in_progress", level__in=HIGHER_LEVELS)
        .exclude(document_links__role=DocumentRole.IMPLEMENTING)
        .order_by("pk")
        .first(),
        link=MovementDocument.objects.filter(movement__agency=agency).order_by("pk").first(),
        review=review,
        report=UnitReport.objects.filter(review=review, unit=grant.unit).first(),
        round=registration.round,
        registration=registration,
        submitted_registration=registrations.filter(status="submitted").first(),
        entry=registration.entries.order_by("pk").first(),
        initiative=evidence.initiative,
        evidence=evidence,
        model=photo.model,
        photo=photo,
        award=Award.objects.order_by("position", "pk").first(),
        setting=Setting.objects.order_by("pk").first(),
        day_exception=day_exception,
        **walk_council.secretariat_cast(agency, person),
        **walk_council.council_cast(agency),
        **walk_decisions.decisions_cast(agency),
        **walk_publishing.publishing_cast(agency),
        # a draft of the officer's unit: editing, submitting, withdrawing and evidence are offered on its page
        nomination_draft=nominations.Proposal.objects.filter(
            round__agency=agency, unit=grant.unit, status="draft"
        )
        .order_by("pk")
        .first(),
    )


def _pk(*attributes):
    return lambda cast: [{"pk": _value(cast, attribute)} for attribute in attributes]


# URL name → the arguments of each URL to walk, when the route's table below would pick an object in a state
# where the action is not offered to anyone (a draft to submit, a signed-off document to number…).
BY_NAME = {
    "documents:edit": _pk("returned"),
    "documents:attachment_add": _pk("returned"),
    "documents:issue": _pk("approved"),
    "documents:return": _pk("submitted", "approved"),  # by the signer; by those who number it
    "documents:status": lambda cast: [
        {"pk": cast.returned.pk, "action": "submit"},
        {"pk": cast.submitted.pk, "action": "withdraw"},
        {"pk": cast.submitted.pk, "action": "approve"},
    ],
    "movements:relay": _pk("unrelayed"),
    "registrations:approve": _pk("submitted_registration"),
    "registrations:return": _pk("submitted_registration"),
    "nominations:proposal_return": _pk("nomination_waiting"),
    "nominations:proposal_appraise": _pk("nomination_waiting"),
    "nominations:proposal_ready": _pk("nomination_appraised"),
    "nominations:proposal_confirm": _pk("nomination_line"),
    "nominations:posting_new": _pk("nomination_round"),
    "nominations:comment_handle": _pk("nomination_comment"),
    "council:agenda": _pk("council_preparing"),
    "council:convene": _pk("council_preparing"),
    "council:attendance": _pk("council_convened"),
    "council:open": _pk("council_convened"),
    "council:guest_new": _pk("council_convened"),
    "council:written": _pk("council_voting"),
    "council:not_voting": _pk("council_voting"),
    "council:close": _pk("council_voting"),
    "council:paper_count": _pk("council_paper"),
    "moved": lambda cast: [{"first": "documents", "rest": f"{cast.document.pk}/"}],  # an old staff address
    **walk_decisions.BY_NAME,
    **walk_publishing.BY_NAME,
}


# Route up to an argument → what fills it: a cast attribute ("unit", "award.code"), a list of literal values,
# or (attribute, {parent argument: attribute of the child}) so a nested URL names the child's own parent.
# The staff screens' routes are written without their prefix "app/" (STAFF_PREFIX).
STAFF_PREFIX = "app/"
FILL = {
    "accounts/me/tokens/<int:pk>": "token",
    "accounts/<int:pk>": "account",
    "accounts/<int:pk>/roles/<int:grant_pk>": ("grant", {"pk": "user_id"}),
    "units/<int:pk>": "unit",
    "units/agency/<int:agency_pk>": "agency",
    "people/<int:pk>": "person",
    "people/<int:pk>/proceeding/<int:proceeding_pk>": ("proceeding", {"pk": "person_id"}),
    "people/units/<int:unit_pk>": "unit",
    "documents/<int:pk>": "document",
    "documents/<int:pk>/attachments/<int:attachment_pk>": ("attachment", {"pk": "document_id"}),
    "dissemination/document/<int:document_pk>": "document",
    "dissemination/receipt/<int:pk>": "receipt",
    "notifications/<int:pk>": "notification",
    "movements/<int:pk>": "movement",
    "movements/<int:pk>/documents/<int:link_pk>": ("link", {"pk": "movement_id"}),
    "movements/reviews/<int:pk>": "review",
    "nominations/postings/<int:pk>": "nomination_posting",
    "nominations/rounds/<int:pk>": "nomination_round",
    "nominations/rounds/<int:pk>/units/<int:unit_pk>": "unit",
    "nominations/rounds/<int:pk>/units/<int:unit_pk>/minutes.<str:fmt>": ["pdf"],
    "nominations/proposals/<int:pk>": "nomination_draft",
    "nominations/proposals/<int:pk>/report.<str:fmt>": ["pdf"],
    "movements/reports/<int:pk>": "report",
    "registrations/round/<int:pk>": "round",
    "registrations/<int:pk>": "registration",
    "registrations/entry/<int:pk>": "entry",
    "achievements/initiatives/<int:pk>": "initiative",
    "achievements/initiatives/<int:pk>/evidence/<int:evidence_pk>": ("evidence", {"pk": "initiative_id"}),
    "achievements/models/<int:pk>": "model",
    "achievements/models/<int:pk>/photos/<int:photo_pk>": ("photo", {"pk": "model_id"}),
    "awards/settings/<slug:code>": "setting.code",
    "awards/<slug:code>": "award.code",
    "calendar/exceptions/<int:pk>": "day_exception",
    "api/v1/docs/assets/<name>": ["swagger-ui.css"],
    "api/v1/agencies/<int:agency_id>": "agency",
    "api/v1/units/<int:unit_id>": "unit",
    "api/v1/people/<int:person_id>": "person",
    "api/v1/documents/<int:document_id>": "document",
    "api/v1/documents/<int:document_id>/attachments/<int:attachment_id>": (
        "attachment", {"document_id": "document_id"}
    ),
    "api/v1/movements/<int:movement_id>": "movement",
    "api/v1/registrations/<int:registration_id>": "registration",
    "api/v1/initiatives/<int:initiative_id>": "initiative",
    "api/v1/exemplary-models/<int:model_id>": "model",
    "api/v1/nominations/<int:proposal_id>": "nomination_draft",
    "council/<int:pk>": "council",
    "council/members/<int:pk>": "council_seat",
    "council/meetings/<int:pk>": "council_meeting",
    "api/v1/council-meetings/<int:meeting_id>": "council_meeting",
    "api/v1/<path:rest>": ["no-such-endpoint"],
    **walk_decisions.FILL,
    **walk_publishing.FILL,
}  # fmt: skip
ADMIN_OBJECT = re.compile(r"^admin/(\w+)/(\w+)/<(?:\w+:)?\w+>$")

# --- who may use a form: read from the screens -------------------------------------------------------------

EVERYONE, SIGNED_IN, ADMIN_SITE, PAGE = "everyone", "signed in", "admin site", "page"
PUBLIC_NAMESPACES = ("portal:",)  # the anonymous public site: EVERYONE unless ORACLE says otherwise


def on(name, **arguments) -> partial:
    """The page `name` offers the form (a link to it or a form posting to it). Each of the page's arguments is
    the walked URL's argument of that name, or a function of (cast, the walked URL's arguments)."""

    return partial(_page, name, arguments)


def _page(name, arguments, cast, kwargs) -> str:
    values = {key: how(cast, kwargs) if callable(how) else kwargs[how] for key, how in arguments.items()}
    return reverse(name, kwargs=values)


def _entry_registration(cast, kwargs):
    return RegistrationEntry.objects.get(pk=kwargs["pk"]).registration_id


def _receipt_document(cast, kwargs):
    return Receipt.objects.get(pk=kwargs["pk"]).dissemination.document_id


def compiles_in_round(user, kwargs) -> bool:
    """The access helper's word: she compiles the registration of one of the round's units."""
    registration_round = RegistrationRound.objects.get(pk=kwargs["pk"])
    return user is not None and any(can_compile(user, unit) for unit in round_units(registration_round))


ENTRY_PAGES = [on("registrations:detail", pk=_entry_registration), on("registrations:mine")]
RECEIPT_PAGES = [on("dissemination:document", document_pk=_receipt_document), on("dissemination:mine")]
UNIT_PAGE = on("organisations:detail", pk=lambda cast, kwargs: cast.unit.pk)

# URL name → who may use it: EVERYONE / SIGNED_IN; PAGE (a page that ignores the body: whoever opens it); the
# pages that offer it (one or a list of `on(...)`); or, where no page can show the right in the demo's state,
# a function (user, the URL's arguments) asking the access helper. The admin site: see `oracle_of`.
ORACLE = {
    "home": PAGE,
    "moved": EVERYONE,  # the staff screens' old addresses: a redirect for every method, nothing read
    "set_language": EVERYONE,
    "accounts:login": EVERYONE,
    "accounts:logout": EVERYONE,
    "accounts:two_factor": SIGNED_IN,
    "accounts:two_factor_enrol": SIGNED_IN,
    "accounts:two_factor_invitation": SIGNED_IN,
    "accounts:two_factor_invite": on("accounts:detail", pk="pk"),
    "accounts:me": PAGE,
    "accounts:change_password": on("accounts:me"),
    "accounts:token_create": on("accounts:me"),
    "accounts:token_revoke": on("accounts:me"),
    "accounts:list": PAGE,
    "accounts:detail": PAGE,
    "accounts:create": on("accounts:list"),
    "accounts:edit": on("accounts:detail", pk="pk"),
    "accounts:grant_role": on("accounts:detail", pk="pk"),
    "accounts:revoke_role": on("accounts:detail", pk="pk"),
    "organisations:tree": PAGE,
    "organisations:detail": PAGE,
    "organisations:edit": on("organisations:detail", pk="pk"),
    "organisations:create": on("organisations:tree"),
    "organisations:import": on("organisations:tree"),
    "people:create": [on("people:list"), UNIT_PAGE],
    "people:edit": on("people:detail", pk="pk"),
    "people:transfer": on("people:detail", pk="pk"),
    "people:rating": on("people:detail", pk="pk"),
    "people:discipline": on("people:detail", pk="pk"),
    "people:proceeding": on("people:detail", pk="pk"),
    "people:proceeding_close": on("people:detail", pk="pk"),
    "people:leave": on("people:detail", pk="pk"),
    "people:unit_head": on("organisations:detail", pk="unit_pk"),
    "people:unit_rating": on("organisations:detail", pk="unit_pk"),
    "people:import": on("people:list"),
    "people:unit_ratings_import": UNIT_PAGE,
    "documents:create": on("documents:list"),
    "documents:incoming_create": on("documents:list"),
    "documents:edit": on("documents:detail", pk="pk"),
    "documents:issue": on("documents:detail", pk="pk"),
    "documents:return": on("documents:detail", pk="pk"),
    "documents:revoke": on("documents:detail", pk="pk"),
    "documents:replace": on("documents:detail", pk="pk"),
    "documents:status": on("documents:detail", pk="pk"),
    "documents:attachment_add": on("documents:detail", pk="pk"),
    "dissemination:disseminate": on("dissemination:document", document_pk="document_pk"),
    "dissemination:confirm_read": RECEIPT_PAGES,
    "dissemination:confirm_implemented": RECEIPT_PAGES,
    "dissemination:forward": RECEIPT_PAGES,
    "notifications:read": on("notifications:inbox"),
    "notifications:read_all": on("notifications:inbox"),
    "movements:create": on("movements:list"),
    "movements:edit": on("movements:detail", pk="pk"),
    "movements:move": on("movements:detail", pk="pk"),
    "movements:relay": on("movements:detail", pk="pk"),
    "movements:link_document": on("movements:detail", pk="pk"),
    "movements:unlink_document": on("movements:detail", pk="pk"),
    "movements:review_open": on("movements:detail", pk="pk"),
    "movements:review_report": on("movements:review", pk="pk"),
    "movements:review_results": on("movements:review", pk="pk"),
    "movements:review_summary": on("movements:review", pk="pk"),
    "registrations:open": on("registrations:rounds"),
    "registrations:mine": on("registrations:rounds"),
    "registrations:start": compiles_in_round,  # offered only for units not yet started: all are, in the demo
    "registrations:pledges": on("registrations:detail", pk="pk"),
    "registrations:add_collective": on("registrations:detail", pk="pk"),
    "registrations:add_individual": on("registrations:detail", pk="pk"),
    "registrations:add_staff": on("registrations:detail", pk="pk"),
    "registrations:submit": on("registrations:detail", pk="pk"),
    "registrations:approve": [on("registrations:detail", pk="pk"), on("registrations:queue")],
    "registrations:return": [on("registrations:detail", pk="pk"), on("registrations:queue")],
    "registrations:edit_entry": ENTRY_PAGES,
    "registrations:remove_entry": ENTRY_PAGES,
    "achievements:initiative_create": on("achievements:initiative_list"),
    "achievements:initiative_edit": on("achievements:initiative_detail", pk="pk"),
    "achievements:evidence_add": on("achievements:initiative_detail", pk="pk"),
    "achievements:model_create": on("achievements:model_list"),
    "achievements:model_edit": on("achievements:model_detail", pk="pk"),
    "achievements:photo_add": on("achievements:model_detail", pk="pk"),
    "awards:setting_edit": on("awards:catalogue"),
    "awards:due_recompute": on("awards:due"),
    "nominations:appraise_many": on("nominations:queue"),
    "nominations:ready_many": on("nominations:queue"),
    "nominations:proposal_return": [on("nominations:queue"), on("nominations:proposal", pk="pk")],
    "nominations:proposal_appraise": [on("nominations:queue"), on("nominations:proposal", pk="pk")],
    "nominations:proposal_ready": lambda user, kwargs: user is not None and appraises_nominations(
        user, nominations.Proposal.objects.select_related("round").get(pk=kwargs["pk"])),
    "nominations:posting_new": lambda user, kwargs: user is not None and appraises_nominations(
        user, nominations.Round.objects.get(pk=kwargs["pk"])),  # the queue filtered by the round links it
    "nominations:comment_new": on("nominations:posting", pk="pk"),
    "nominations:comment_handle": on("nominations:posting",
                                     pk=lambda cast, kwargs: cast.nomination_posting.pk),
    "nominations:proposal_confirm": on("nominations:mine"),
    "workdays:exception_add": on("workdays:calendar"),
    "workdays:exception_remove": on("workdays:calendar"),
    "api:api-root": PAGE,
    "api:openapi-json": PAGE,
    "api:openapi-view": PAGE,
    "api:unknown_path": PAGE,  # a JSON 404 for every method
    "api:council_vote": SIGNED_IN,  # computations on the law data, open to every caller
    "api:evaluate": SIGNED_IN,
    # nominations, the unit's side: the round's page offers proposing and the units' papers; the proposal's
    # page offers editing, submitting, withdrawing and evidence (to whoever compiles its unit, in its state)
    "nominations:round_new": on("nominations:rounds"),
    "nominations:propose_registration": on("nominations:round", pk="pk"),
    "nominations:propose_due": on("nominations:round", pk="pk"),
    "nominations:propose_blank": on("nominations:round", pk="pk"),
    "nominations:unit_dossier": on("nominations:round", pk="pk"),
    "nominations:proposal_edit": on("nominations:proposal", pk="pk"),
    "nominations:proposal_submit": on("nominations:proposal", pk="pk"),
    "nominations:proposal_withdraw": on("nominations:proposal", pk="pk"),
    "nominations:proposal_evidence": on("nominations:proposal", pk="pk"),
    # the council: its page offers the council's forms; the meeting's page the steps of its state
    "council:council_new": on("council:home"),
    "council:term_new": on("council:council", pk="pk"),
    "council:member_new": on("council:council", pk="pk"),
    "council:relative_new": on("council:council", pk="pk"),
    "council:meeting_new": on("council:council", pk="pk"),
    "council:member_end": on("council:council", pk=lambda cast, kwargs: council.Membership.objects.get(
        pk=kwargs["pk"]).term.council_id),
    "council:agenda": on("council:meeting", pk="pk"),
    "council:convene": on("council:meeting", pk="pk"),
    "council:attendance": on("council:meeting", pk="pk"),
    "council:open": on("council:meeting", pk="pk"),
    "council:guest_new": on("council:meeting", pk="pk"),
    "council:written": on("council:meeting", pk="pk"),
    "council:not_voting": on("council:meeting", pk="pk"),
    "council:close": on("council:meeting", pk="pk"),
    "council:paper_count": on("council:meeting", pk="pk"),
    "council:ballot": lambda user, kwargs: user is not None and bool(
        seats_of(user, council.Meeting.objects.get(pk=kwargs["pk"]))),  # the member's own page
    # the review step posts to the cast, and the ballot page of a closed meeting to the receipt check: the
    # members who vote at the meeting (the walked meeting is open, so the review is where the form is)
    "council:ballot_cast": lambda user, kwargs: ORACLE["council:ballot"](user, kwargs),
    "council:receipt": lambda user, kwargs: ORACLE["council:ballot"](user, kwargs),
}  # fmt: skip
ORACLE |= walk_decisions.oracles(on)
ORACLE |= walk_publishing.oracles(on)


def oracle_of(route) -> object:
    if route.name in ("admin:login", "admin:logout"):
        return EVERYONE
    if route.name.startswith(PUBLIC_NAMESPACES):
        return ORACLE.get(route.name, EVERYONE)  # the public site: its forms are for every visitor
    if route.text.startswith("admin/"):
        return ADMIN_SITE  # the admin site lets in its users (accounts/admin_site.py) before anything else
    return ORACLE.get(route.name)


# --- the URL patterns ------------------------------------------------------------------------------------

CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")
GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")


@dataclass
class Route:
    """One URL pattern: its namespaced name, its route text and the patterns leading to it."""

    name: str
    parts: list = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(_raw(part) for part in self.parts)


def _raw(part) -> str:
    text = str(part.pattern)
    if isinstance(part.pattern, RegexPattern):
        text = text.removeprefix("^").removesuffix("$")
    return text


def all_routes(resolver=None, parts=(), namespace="") -> list[Route]:
    resolver = resolver or get_resolver()
    routes = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            routes += all_routes(entry, (*parts, entry), inner)
        elif isinstance(entry, URLPattern):
            routes.append(Route(f"{namespace}{entry.name}", [*parts, entry]))
    return routes


def _value(cast, attribute: str):
    value = cast
    for name in attribute.split("."):
        value = getattr(value, name)
    return getattr(value, "pk", value)


def _admin_fill(prefix: str, argument: str):
    """The admin's own arguments: an existing row of the model named in the route (or a missing id)."""
    if found := ADMIN_OBJECT.match(prefix):
        model = apps.get_model(found.group(1), found.group(2))
        first = model._default_manager.order_by("pk").first()
        return [str(first.pk if first else 1)]
    return {
        "content_type_id": ["1"],
        "object_id": ["1"],
        "app_label": ["people"],
        "url": ["no-such-page/"],
    }.get(argument)


def fill_values(prefix: str, argument: str, cast) -> tuple[list, dict] | None:
    """([values], {parent argument: value}) for one argument, or None when the table does not know it."""
    rule = FILL.get(prefix.removeprefix(STAFF_PREFIX))
    if rule is None:
        found = _admin_fill(prefix, argument) if prefix.startswith("admin/") else None
        return (found, {}) if found else None
    if isinstance(rule, list):
        return rule, {}
    if isinstance(rule, tuple):
        attribute, parents = rule
        child = getattr(cast, attribute)
        return [child.pk], {key: getattr(child, name) for key, name in parents.items()}
    return [_value(cast, rule)], {}


def urls_of(route: Route, cast) -> tuple[list[str], list[str]]:
    """(the URLs of the route filled with the cast, the arguments the table cannot fill)."""
    if route.name in BY_NAME:
        return [reverse(route.name, kwargs=kwargs) for kwargs in BY_NAME[route.name](cast)], []
    raw, template, values, parents = "", "", {}, {}
    for part in route.parts:
        text, start = _raw(part), 0
        for found in (GROUP if isinstance(part.pattern, RegexPattern) else CONVERTER).finditer(text):
            argument = found.group(1)
            filled = fill_values(raw + text[: found.end()], argument, cast)
            if filled is None:
                return [], [f"{route.name} {route.text}: {argument}"]
            values[argument], named = filled
            parents |= named
            template += text[start : found.start()] + "{" + argument + "}"
            start = found.end()
        template += text[start:]
        raw += text
    urls = ["/" + template]
    for argument, options in values.items():
        options = [parents[argument]] if argument in parents else options
        urls = [url.replace("{" + argument + "}", str(option), 1) for url in urls for option in options]
    return urls, []


# --- one request, rolled back ---------------------------------------------------------------------------


class _Rollback(Exception):
    pass


def fingerprint() -> tuple:
    """The number of rows of every table (one query): a denied request changes none. The activity log may
    only gain its security events (a refused change is written down, activity/security.py)."""
    tables = sorted({m._meta.db_table for m in apps.get_models(include_auto_created=True)})
    existing = set(connection.introspection.table_names())
    quote = connection.ops.quote_name
    log, sessions = ActivityLog._meta.db_table, Session._meta.db_table  # the walk's own sign-ins aside
    counts = [
        f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables if t in existing and t not in (log, sessions)
    ]
    counts.append(f"(SELECT COUNT(*) FROM {quote(log)} WHERE {quote('action')} NOT LIKE 'security.%%')")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(counts)}")
        return tuple(cursor.fetchone())


@dataclass
class Answer:
    status: int
    location: str
    body: str
    messages: list
    changed: bool


# An empty form: no field of any form, but a body, so `Form(request.POST or None)` is bound and validated.
EMPTY_FORM = {"walk": ""}


def ask(client, method: str, url: str, *, baseline: tuple | None = None) -> Answer:
    """GET or empty POST in a savepoint rolled back; the client's cookies (session, messages) restored."""
    cookies = client.cookies
    client.cookies = type(cookies)(cookies)  # a copy: a logout or a message must not outlive the request
    try:
        with transaction.atomic():
            response = client.post(url, EMPTY_FORM) if method == "POST" else client.get(url)
            changed = baseline is not None and fingerprint() != baseline
            raise _Rollback(
                Answer(
                    response.status_code,
                    response.get("Location", ""),
                    response.content.decode(errors="replace")
                    if "html" in response.get("Content-Type", "")
                    else "",
                    [str(m) for m in get_messages(response.wsgi_request)],
                    changed,
                )
            )
    except _Rollback as rollback:
        return rollback.args[0]
    finally:
        client.cookies = cookies


FORM_ERROR = re.compile(r'class="errorlist|aria-invalid="true"|message-error')
LOGIN_PATHS = ("/accounts/login/", "/admin/login/")


def denied(answer: Answer) -> bool:
    return answer.status in (401, 403, 404) or (
        answer.status == 302 and answer.location.startswith(LOGIN_PATHS)
    )


def problems_of(answer: Answer, method: str) -> list[str]:
    """What is wrong with the answer to someone who may not use the URL."""
    found = []
    if not denied(answer):
        found.append(f"{method} answered {answer.status} {answer.location}".strip())
    if FORM_ERROR.search(answer.body):
        found.append(f"{method} showed a form error")
    if answer.messages:
        found.append(f"{method} said {answer.messages}")
    if answer.changed:
        found.append(f"{method} changed rows")
    return found


# --- the walk ----------------------------------------------------------------------------------------------


class Walk:
    """One persona's walk: the pages that offer forms are read once, then each URL is asked."""

    def __init__(self, client, user, cast, baseline):
        self.client, self.user, self.cast, self.baseline = client, user, cast, baseline
        self.pages: dict[str, str] = {}

    def page(self, url: str) -> str:
        if url not in self.pages:
            answer = ask(self.client, "GET", url)
            self.pages[url] = answer.body if answer.status == 200 else ""
        return self.pages[url]

    def may(self, url: str, oracle) -> bool:
        """Whether the persona may use the URL's form, from the screens (ORACLE)."""
        if oracle in (EVERYONE, SIGNED_IN):
            return oracle == EVERYONE or self.user is not None
        if oracle == ADMIN_SITE:
            return self.user is not None and admin.site.has_permission(SimpleNamespace(user=self.user))
        if oracle == PAGE:
            return ask(self.client, "GET", url).status == 200
        kwargs = resolve(url).kwargs
        if isinstance(oracle, FunctionType):
            return oracle(self.user, kwargs)
        link = re.compile(r'(?:href|action|hx-post|hx-get)="' + re.escape(url) + r'[?#"]')
        pages = oracle if isinstance(oracle, list) else [oracle]
        return any(link.search(self.page(page(self.cast, kwargs))) for page in pages)

    def check(self, route: Route, url: str) -> list[str]:
        oracle = oracle_of(route)
        if oracle is None:
            post = ask(self.client, "POST", url)
            if post.status == 405 or (denied(post) and not problems_of(post, "POST")):
                return []  # not a form, or refused before the view (the sign-in page for a visitor)
            return [f"{route.name} ({route.text}) accepts POST: say in ORACLE who may use it"]
        if self.may(url, oracle):
            if oracle == ADMIN_SITE:
                return []  # Django's own forms
            return [f"{url}: POST answered 500"] if ask(self.client, "POST", url).status == 500 else []
        found = problems_of(ask(self.client, "POST", url, baseline=self.baseline), "POST")
        if oracle != ADMIN_SITE:  # the admin site turns away its non-users before it reads anything
            get = ask(self.client, "GET", url)
            found += problems_of(get, "GET") if get.status != 405 else []
        return [f"{url}: {problem}" for problem in found]


@pytest.fixture(scope="module")
def walk_world(django_db_setup, django_db_blocker):
    """The demo built once for the module, its cast, the URLs and the row counts; rolled back afterwards."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS, **WALK_SETTINGS),
        transaction.atomic(),
    ):
        from demo.build import build

        build()
        cast = build_cast()
        routes, urls, missing = all_routes(), {}, []
        for route in routes:
            found, unfilled = urls_of(route, cast)
            missing += unfilled
            for url in found:
                if resolve(url).func != route.parts[-1].callback:
                    missing.append(f"{url} does not lead to {route.name}")
                urls[url] = route
        yield SimpleNamespace(cast=cast, urls=urls, missing=missing, baseline=fingerprint())
        transaction.set_rollback(True)


def test_every_pattern_is_filled(walk_world):
    assert walk_world.missing == []
    assert len(walk_world.urls) > 150, "the walk lost the project's patterns"


def walked(urls: dict, persona: str) -> list[tuple[str, Route]]:
    """Every URL; the admin site (one gate in front of all its views) once per kind of view for the accounts,
    every one of its URLs for the visitor — the walk stays well under a minute."""
    kinds, chosen = set(), []
    for url, route in urls.items():
        kind = route.parts[-1].lookup_str if route.text.startswith("admin/") else url
        if persona == "anonymous" or kind not in kinds:
            kinds.add(kind)
            chosen.append((url, route))
    return chosen


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_form_error_before_permission(walk_world, persona):
    client = Client(raise_request_exception=False)
    user = None if persona == "anonymous" else User.objects.get(username=persona)
    if user is not None:
        client.force_login(user)
    walk = Walk(client, user, walk_world.cast, walk_world.baseline)
    with override_settings(**WALK_SETTINGS):
        problems = [
            problem for url, route in walked(walk_world.urls, persona) for problem in walk.check(route, url)
        ]
    assert not problems, "\n".join(problems)


def test_the_walk_sees_a_form_error_before_the_permission():
    """The check can fail: a re-rendered form, a message or a change is a problem for the unentitled."""
    shown = Answer(200, "", '<ul class="errorlist"><li>Bắt buộc</li></ul>', [], False)
    told = Answer(302, "/app/documents/1/", "", ["Trường này là bắt buộc."], False)
    quiet = Answer(403, "", "<h1>Không có quyền</h1>", [], False)
    assert problems_of(shown, "POST") == ["POST answered 200", "POST showed a form error"]
    assert problems_of(told, "POST") == [
        "POST answered 302 /app/documents/1/",
        "POST said ['Trường này là bắt buộc.']",
    ]
    assert problems_of(quiet, "POST") == []
    assert problems_of(Answer(302, "/accounts/login/?next=/x/", "", [], True), "POST") == [
        "POST changed rows"
    ]
