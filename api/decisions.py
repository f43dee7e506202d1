"""GET /api/v1/decisions, /api/v1/ledger, /api/v1/forward-packages and /api/v1/forward-packages/{id}/zip
(issue 15, point 10): the issued reward decisions, the award ledger and the packages forwarded to the
competent authority, scoped exactly as the screens (decisions.access).

The rows are read with only the columns the answers show: a decision's document carries its body and its
annexed list (hundreds of rows), which a list never needs. A page costs a constant number of queries: the
count and the page (its document, award, person and unit joined, a ledger row's original certificate and a
package's number of proposals counted in SQL).
"""

import datetime as dt
from typing import Literal

from django.db.models import Count, OuterRef, Q, Subquery
from django.http import Http404
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from decisions.access import decisions_for_user, get_package_for_user, ledger_for_user, packages_for_user
from decisions.models import Certificate, Issue, PackageStatus
from documents.files import file_name
from lib.files import private_file
from organisations.access import units_for_user
from organisations.models import descendant_ids
from people.models import Assignment

from .paging import paged
from .schemas import Id, Year, choices_enum

decisions = Router(tags=["decisions"])
ledger = Router(tags=["ledger"])
packages = Router(tags=["forward packages"])
# Named after what it belongs to: one schema namespace holds every app's enums (api.openapi).
ForwardPackageStatus = choices_enum("ForwardPackageStatus", PackageStatus)
ZIP_TYPE = "application/zip"

# The lists' orders: the latest decision first (the index decision_list); the ledger as the person page
# shows it — the latest year first, then the award's rank, then id; the latest package first (package_list).
DECISION_ORDER = ("-decided_on", "-id")
LEDGER_ORDER = ("-year", "award__position", "id")
PACKAGE_ORDER = ("-year", "-id")
# What a document shows in a list: its number (number and notation), dates and names; never its text.
DOCUMENT_COLUMNS = ("number", "notation", "issued_on", "signer_name", "issuer_name", "sender_name")

DECISIONS_DESCRIPTION = """The issued reward decisions the caller may see, as the screens show them: the
agency's secretariat, leaders, council members and administrators see their agency's (its predecessors
included); drafts are never listed. The agency's own decisions and those registered (another body's on
what the agency forwarded, or past ones recorded) alike.

- `year`: the year of the decision's date. The latest decision first (then by id).
- `number`: số và ký hiệu of the decision ("12/QĐ-STN"); `signer`: the name of who signed it;
  `document_id`: the decision as a document (`GET /api/v1/documents/{id}`); `pdf_url`: the decision as
  PDF, its annexed list included (GET it with the same token).
- `awards_count`: the awardees of its annex; `total_amount`: the money it awards, in đồng.
- 422 for a bad year or offset, with a Vietnamese message per field."""
LEDGER_DESCRIPTION = """The award ledger (sổ khen thưởng) the caller may see, as the screens show it: the
agency's secretariat, leaders, council members and administrators every row of the agency; a unit's head
and emulation officer the rows of her units and of their people; everyone her own awards.

- `person`: the awards of that person; `unit`: those of **that unit and the units below it** and of the
  people working in them today (a person or unit outside the caller's reach gives an empty list);
  `year`: the achievement year. Rows are ordered by year (the latest first), the award's rank, then id.
- `subject` is the person awarded (`kind` person, `id` her person id, her full name) or the unit itself
  (`kind` unit, `id` the unit's id, its name).
- `decision`: the decision that gave it (`number`, `issued_on`, `issuer`: the body that decided, as
  printed on it); null only for a row older than the decisions.
- `amount`: the money awarded, in đồng; `certificate_code`: the verification code of its certificate
  (`/xac-minh/<code>/`), null when none is printed (Lao động tiên tiến carries money only);
  `revoked`: annulled by a revocation decision (the row is never deleted).
- 422 for a bad id, year or offset, with a Vietnamese message per field."""
PACKAGES_DESCRIPTION = """The packages the agency forwarded (or is preparing) to the competent authority
for the awards beyond its own (law-nominations §7), as the screens show them: the agency's secretariat,
leaders, council members and administrators.

- `year`: the achievement year. The latest year first (then by id).
- `number`: số và ký hiệu of its tờ trình (empty while it is being prepared); `sent_on`: null until sent;
  `recipient`: the authority it is sent to; `status`: draft (being prepared), sent, answered (the higher
  decision registered); `proposals_count`: the proposals it carries.
- `zip_url`: the package as a ZIP archive (the tờ trình, the dossiers, the council's minutes,
  `manifest.json`), null until it is built; GET it with the same token.
- 422 for a bad year or offset, with a Vietnamese message per field."""


# --- decisions -------------------------------------------------------------------------------------------


class DecisionFilters(Schema):
    year: Year | None = Field(None, description="The year of the decision's date.")


class DecisionOut(Schema):
    id: int
    number: str = Field(description='Số và ký hiệu, "12/QĐ-STN".')
    issued_on: dt.date
    signer: str = Field(description="The name of who signed it.")
    document_id: int = Field(description="The decision as a document (GET /api/v1/documents/{id}).")
    pdf_url: str = Field(description="The decision as PDF, its annex included (GET it with the same token).")
    awards_count: int = Field(description="The awardees of its annex.")
    total_amount: int = Field(description="The money it awards, in đồng.")

    @staticmethod
    def resolve_number(decision) -> str:
        return decision.document.reference

    @staticmethod
    def resolve_issued_on(decision) -> dt.date:
        return decision.decided_on or decision.document.issued_on

    @staticmethod
    def resolve_signer(decision) -> str:
        return decision.document.signer_name

    @staticmethod
    def resolve_pdf_url(decision) -> str:
        return reverse("api:document_pdf", kwargs={"document_id": decision.document_id})


@decisions.get(
    "",
    response=list[DecisionOut],
    summary="List the issued reward decisions the caller can see",
    description=DECISIONS_DESCRIPTION,
)
@paged
def list_decisions(request, filters: Query[DecisionFilters]):
    qs = decisions_for_user(request.auth).issued()
    if filters.year is not None:
        qs = qs.of_year(filters.year)
    columns = ("decided_on", "awards_count", "total_amount", *(f"document__{c}" for c in DOCUMENT_COLUMNS))
    return qs.select_related("document").only(*columns).order_by(*DECISION_ORDER)


# --- the ledger ------------------------------------------------------------------------------------------


class LedgerFilters(Schema):
    person: Id | None = Field(None, description="Only the awards of this person.")
    unit: Id | None = Field(
        None, description="Only this unit and the units below it, and the people working in them."
    )
    year: Year | None = Field(None, description="The achievement year.")


class LedgerAward(Schema):
    code: str
    name: str


class LedgerSubject(Schema):
    kind: Literal["person", "unit"]
    id: int = Field(description="The person's id (person) or the unit's id (unit).")
    name: str = Field(description="The full name with its diacritics, or the unit's name.")


class LedgerDecision(Schema):
    number: str = Field(description="Số và ký hiệu of the decision.")
    issued_on: dt.date
    issuer: str = Field(description="The body that decided, as printed on the decision.")


class LedgerRowOut(Schema):
    id: int
    award: LedgerAward
    year: int = Field(description="The achievement year.")
    subject: LedgerSubject
    decision: LedgerDecision | None = Field(description="Null only for a row older than the decisions.")
    amount: int = Field(description="In đồng.")
    certificate_code: str | None = Field(description="The certificate's verification code; null: none.")
    revoked: bool = Field(description="Annulled by a revocation decision.")

    @staticmethod
    def resolve_subject(record) -> dict:
        if record.person_id is not None:
            return {"kind": "person", "id": record.person_id, "name": record.person.full_name}
        return {"kind": "unit", "id": record.unit_id, "name": record.unit.name}

    @staticmethod
    def resolve_decision(record) -> dict | None:
        document = record.decision
        if document is None:
            return None
        return {
            "number": document.reference,
            "issued_on": document.issued_on or record.decided_on,
            "issuer": document.issuer_name or document.sender_name,
        }

    @staticmethod
    def resolve_revoked(record) -> bool:
        return record.revoked_on is not None


def _unit_reach(user, unit_id: int):
    """The unit and those below it among the units the caller may read (none: an empty list)."""
    units = list(units_for_user(user).filter(agency__units=unit_id).only("pk", "parent_id"))
    if not any(unit.pk == unit_id for unit in units):
        return set()
    return descendant_ids({unit_id}, units)


@ledger.get(
    "",
    response=list[LedgerRowOut],
    summary="List the award ledger's rows the caller can see",
    description=LEDGER_DESCRIPTION,
)
@paged
def list_ledger(request, filters: Query[LedgerFilters]):
    qs = ledger_for_user(request.auth)
    if filters.person is not None:
        qs = qs.filter(person_id=filters.person)
    if filters.unit is not None:
        units = _unit_reach(request.auth, filters.unit)
        staff = Assignment.objects.current().filter(unit_id__in=units).values("person_id")
        qs = qs.filter(Q(unit_id__in=units) | Q(person_id__in=staff))
    if filters.year is not None:
        qs = qs.filter(year=filters.year)
    original = Certificate.objects.filter(record=OuterRef("pk"), issue=Issue.ORIGINAL).order_by("pk")
    columns = (
        "year", "amount", "decided_on", "revoked_on", "award__code", "award__name", "person__family_name",
        "person__middle_name", "person__given_name", "unit__name",
        *(f"decision__{c}" for c in DOCUMENT_COLUMNS),
    )  # fmt: skip
    return (
        qs.select_related("award", "person", "unit", "decision")
        .only(*columns)
        .annotate(certificate_code=Subquery(original.values("code")[:1]))
        .order_by(*LEDGER_ORDER)
    )


# --- forward packages ------------------------------------------------------------------------------------


class PackageFilters(Schema):
    year: Year | None = Field(None, description="The achievement year.")


class ForwardPackageOut(Schema):
    id: int
    number: str = Field(description="Số và ký hiệu of its tờ trình; empty while being prepared.")
    sent_on: dt.date | None = Field(description="Null until sent.")
    recipient: str = Field(description="The competent authority it is sent to.")
    status: ForwardPackageStatus
    proposals_count: int = Field(description="The proposals it carries.")
    zip_url: str | None = Field(
        description="The package as ZIP (GET it with the same token); null: not built."
    )

    @staticmethod
    def resolve_number(package) -> str:
        return package.document.reference

    @staticmethod
    def resolve_zip_url(package) -> str | None:
        if not package.archive:
            return None
        return reverse("api:forward_package_zip", kwargs={"package_id": package.pk})


@packages.get(
    "",
    response=list[ForwardPackageOut],
    summary="List the packages forwarded to the competent authority",
    description=PACKAGES_DESCRIPTION,
)
@paged
def list_forward_packages(request, filters: Query[PackageFilters]):
    qs = packages_for_user(request.auth)
    if filters.year is not None:
        qs = qs.filter(year=filters.year)
    columns = ("year", "sent_on", "recipient", "status", "archive", "document__number", "document__notation")
    return (
        qs.select_related("document")
        .only(*columns)
        .annotate(proposals_count=Count("items"))
        .order_by(*PACKAGE_ORDER)
    )


@packages.get(
    "/{int:package_id}/zip",
    summary="A forward package as a ZIP archive",
    url_name="forward_package_zip",
    openapi_extra={
        "responses": {
            200: {
                "description": "The ZIP: the tờ trình, the dossiers, the council's minutes, manifest.json.",
                "content": {ZIP_TYPE: {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def forward_package_zip(request, package_id: Id):
    """The same scoping as the list: 404 for a package the caller may not see, or not built yet."""
    package = get_package_for_user(request.auth, package_id)
    if not package.archive:
        raise Http404
    return private_file(package.archive, filename=file_name(package.document, "zip"), content_type=ZIP_TYPE)
