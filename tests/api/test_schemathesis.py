"""The whole API under schemathesis (issue 11): every operation, generated valid and invalid requests, every
check — no server error, answers conforming to the schema (bodies, status codes, content types, headers),
valid requests accepted and invalid ones refused, authentication enforced — for a staff member's token and an
administrator's token.

Bounded and derandomized (the same cases on every run), so that CI is reproducible and a regression fails the
build; it runs on SQLite and PostgreSQL (DATABASE_URL=postgres://…).
"""

from contextlib import contextmanager

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import override_settings
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.checks import load_all_checks
from schemathesis.specs.openapi.checks import ignored_auth

from accounts.domain import issue_api_token
from accounts.models import Role
from api.api import api
from awards.catalogue import ENTRIES, ensure_catalogue
from awards.models import Award
from documents.models import Direction, Status
from movements.models import Registration, RegistrationEntry
from tests.documents.test_search import make_document
from tests.factories import (
    AgencyFactory,
    ExemplaryModelFactory,
    InitiativeFactory,
    MovementFactory,
    RoundFactory,
    UnitFactory,
    account_with_role,
    staff_in,
)
from thidua.wsgi import application

SUBJECTS = {entry.code: entry.subject for entry in ENTRIES}
FIRST_DECISION_DAY = "2017-10-01"  # the first rule set came into force
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _sample():
    """Something in every list: documents in every state (a registered incoming one among them: the state
    the old schema forbade), a movement with a registration, an initiative, an exemplary model; a second
    agency the staff member does not see."""
    agency = AgencyFactory(name="Sở Kiểm thử", symbol="SKT")
    other = UnitFactory(
        agency=AgencyFactory(name="Sở Bên ngoài", symbol="SBN"), name="Văn phòng Sở Bên ngoài"
    )
    division = UnitFactory(agency=agency, name="Phòng Kế hoạch", symbol="PKH")
    person = staff_in(division, family_name="Trần", middle_name="Thị", given_name="Lan")
    staff_in(other, family_name="Phạm", middle_name="Văn", given_name="Nam")
    for n, state in enumerate(Status, start=1):
        issued = state not in (Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.APPROVED)
        direction = Direction.INCOMING if state == Status.REGISTERED else Direction.OUTGOING
        number, notation = (n, "STN-VP") if issued else (None, "")
        subject = f"Văn bản {state.label}"
        make_document(
            agency, subject=subject, number=number, notation=notation, status=state, direction=direction
        )
    movement = MovementFactory(agency=agency)
    registration = Registration.objects.create(
        round=RoundFactory(movement=movement), unit=division, status="submitted", submitted_at=timezone.now()
    )
    ensure_catalogue()
    award = Award.objects.get(code="lao-dong-tien-tien")
    RegistrationEntry.objects.create(registration=registration, award=award, person=person)
    InitiativeFactory(unit=division, movement=movement, recognition_level="co-so")
    ExemplaryModelFactory(agency=agency, movement=movement)
    staff = account_with_role(Role.STAFF, person=person, username="st_nhanvien")
    admin = account_with_role(Role.SYSTEM_ADMIN, username="st_admin")
    return [issue_api_token(actor=None, user=user, name="schemathesis")[1] for user in (staff, admin)]


@pytest.fixture(scope="module")
def tokens(django_db_setup, django_db_blocker):
    """Real tokens of a staff member (her own record only) and of the installation's administrator, on data
    built once for the module and rolled back afterwards. No rate limits: they are tested on their own."""
    limits = override_settings(THIDUA_RATE_LIMITS={}, PASSWORD_HASHERS=FAST_HASHERS)
    with django_db_blocker.unblock(), limits, transaction.atomic(), connection_kept():
        yield _sample()
        transaction.set_rollback(True)


@contextmanager
def connection_kept():
    """The WSGI handler closes the database connection at the end of each request, which would end the
    test's transaction (on PostgreSQL): kept open, as Django's test client does."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


def within_the_rules(case) -> None:
    """A valid (positive) case made to respect the rules between fields that JSON Schema cannot state and
    that the operations' descriptions give: votes for at most the members, a decision day under the rules
    (from 01/10/2017) and not before the achievement year, the subject's kind of the award, members for a
    collective only and no more of them in a group than in all, periods that end after they start."""
    body = case.body
    if case.operation.path == "/api/v1/council-vote":
        body["decision_date"] = max(body["decision_date"], FIRST_DECISION_DAY)
        body["votes_for"] = min(body["votes_for"], body["members_total"])
    elif case.operation.path == "/api/v1/eligibility":
        if body.get("decision_date") is not None:
            body["decision_date"] = max(body["decision_date"], f"{int(body['year'])}-01-01")
        subject = body["subject"]
        subject["kind"] = SUBJECTS[body["award"]]
        members = subject.get("members")
        if subject["kind"] == "individual":
            subject.pop("members", None)
        elif isinstance(members, dict) and isinstance(members.get("total"), int):
            counts = {name: count for name, count in members.items() if isinstance(count, int)}
            members.update({name: min(count, members["total"]) for name, count in counts.items()})
        for period in [*subject.get("discipline", []), *subject.get("maternity_leave", [])]:
            if period.get("to") is not None and period["to"] < period["from"]:
                period["from"], period["to"] = period["to"], period["from"]


# The schema as the API serves it to a signed-in caller (GET /api/v1/openapi.json), built when the tests are
# collected: the pytest plugin makes one test of each operation.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = application


@schema.parametrize()
@settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_the_api_conforms_to_its_schema(case, tokens, db):
    if case.meta is not None and case.meta.generation.mode.is_positive and case.body:
        within_the_rules(case)
    staff, admin = tokens
    for token in (staff, admin):
        # Whether an operation refuses a request without credentials, or with false ones, depends neither on
        # the token nor on the parameters: confirmed once per operation, as schemathesis's own runner does.
        confirmed = case.operation.label in AUTH_ENFORCED
        response = case.call_and_validate(
            headers={"Authorization": f"Bearer {token}"}, excluded_checks=[ignored_auth] if confirmed else []
        )
        if 200 <= response.status_code < 300:
            AUTH_ENFORCED.add(case.operation.label)


AUTH_ENFORCED = set()


def test_every_check_runs():
    """All of schemathesis's response checks are on (none excluded by configuration)."""
    load_all_checks()
    checks = schema.config.checks_config_for(operation=None, phase=None)
    names = {
        "not_a_server_error", "status_code_conformance", "content_type_conformance",
        "response_headers_conformance", "response_schema_conformance", "positive_data_acceptance",
        "negative_data_rejection", "missing_required_header", "unsupported_method", "ignored_auth",
    }  # fmt: skip
    assert {name for name in names if getattr(checks, name).enabled} == names


def test_the_served_schema_is_the_one_tested(world, client, bearer):
    served = client.get("/api/v1/openapi.json", **bearer(world.staff)).json()
    assert served["paths"].keys() == schema.raw_schema["paths"].keys()
    assert served["components"]["schemas"].keys() == schema.raw_schema["components"]["schemas"].keys()
    year = served["paths"]["/api/v1/due"]["get"]["parameters"][0]["schema"]["anyOf"][0]
    assert (year["minimum"], year["maximum"]) == (2017, timezone.localdate().year + 1)
