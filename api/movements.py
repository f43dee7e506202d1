"""Movements and the units' registrations, scoped like the screens (movements.access).

A movement lists only the documents the caller may see (a draft dispatch stays hidden from staff).
"""

import datetime as dt

from django.db.models import Prefetch, prefetch_related_objects
from ninja import Field, Query, Router, Schema
from pydantic import BaseModel

from awards.models import Subject
from documents.access import documents_for_user
from movements.access import (
    get_movement_for_user,
    get_registration_for_user,
    movements_for_user,
    registrations_for_user,
)
from movements.models import (
    DocumentRole,
    Kind,
    Level,
    MovementDocument,
    RegistrationEntry,
    RegistrationStatus,
    Status,
)

from .paging import Prepared, paged
from .schemas import Id, Text, Year, choices_enum

movements = Router(tags=["movements"])
registrations = Router(tags=["registrations"])
# Named after the movements in the schema: "Status", "Kind" and "Level" alone would say nothing there.
MovementKind = choices_enum("MovementKind", Kind)
MovementLevel = choices_enum("MovementLevel", Level)
MovementStatus = choices_enum("MovementStatus", Status)


# --- Movements ------------------------------------------------------------------------------------------


class DocumentLinkOut(Schema):
    document: int = Field(description="Id of the document (see /api/v1/documents/{id}).")
    role: DocumentRole

    @staticmethod
    def resolve_document(obj) -> int:
        return obj.document_id


class MovementOut(Schema):
    id: int
    name: str
    theme: str = Field(description="Chủ đề.")
    kind: MovementKind
    level: MovementLevel = Field(description="The level that launched it.")
    launched_by: str = Field(description='The launching authority, e.g. "Chủ tịch UBND tỉnh Sóc Trăng".')
    launched_on: dt.date | None
    period_start: dt.date
    period_end: dt.date | None = Field(description="Null: no end set (a long-running movement).")
    status: MovementStatus
    takes_registrations: bool
    objectives: str
    criteria: str
    agency: int = Field(description="Id of the agency that holds the movement.")
    units: list[int] = Field(description="Participating units; empty: every unit of the agency.")
    documents: list[int] = Field(description="Launching, guiding, implementing and review documents.")
    document_links: list[DocumentLinkOut] = Field(description="The same documents with their role.")

    @staticmethod
    def resolve_agency(obj) -> int:
        return obj.agency_id

    @staticmethod
    def resolve_units(obj) -> list[int]:
        return [unit.pk for unit in obj.units.all()]

    @staticmethod
    def resolve_documents(obj) -> list[int]:
        return [link.document_id for link in obj.document_links.all()]

    @staticmethod
    def resolve_document_links(obj) -> list:
        return list(obj.document_links.all())


class MovementFilters(Schema):
    q: Text = Field("", description="Words of the name, theme or launching authority, accents ignored.")
    level: MovementLevel | None = None
    kind: MovementKind | None = None
    status: MovementStatus | None = None
    year: Year | None = Field(None, description="Movements whose period covers this year.")


def _relations(user) -> tuple:
    visible = MovementDocument.objects.filter(document__in=documents_for_user(user)).order_by(
        "added_at", "pk"
    )
    return ("units", Prefetch("document_links", queryset=visible))


@movements.get("", response=list[MovementOut], summary="List the movements the caller can see")
@paged
def list_movements(request, filters: Query[MovementFilters]):
    """The latest periods first, then by name."""
    qs = movements_for_user(request.auth).search(filters.q)
    for name, value in (("level", filters.level), ("kind", filters.kind), ("status", filters.status)):
        if value is not None:
            qs = qs.filter(**{name: value.value})
    if filters.year is not None:
        qs = qs.in_year(filters.year)
    return qs.prefetch_related(*_relations(request.auth)).order_by("-period_start", "name", "pk")


@movements.get("/{int:movement_id}", response=MovementOut, summary="One movement")
def movement_detail(request, movement_id: Id):
    movement = get_movement_for_user(request.auth, movement_id)
    prefetch_related_objects([movement], *_relations(request.auth))
    return movement


# --- Registrations --------------------------------------------------------------------------------------


class EntryOut(BaseModel):
    """Filled from a plain dict (entry_row, attach_entries), validated by pydantic itself without ninja's
    wrapper of ORM objects: a page of registrations holds a thousand entries."""

    id: int
    award: str = Field(description='Code of the title, e.g. "lao-dong-tien-tien".')
    award_name: str
    subject: Subject
    person: int | None = Field(description="The staff member; null for the unit's own title.")
    person_name: str
    pledges: str


def entry_row(entry) -> dict:
    award, person = entry.award, entry.person
    return {
        "id": entry.pk,
        "award": award.code,
        "award_name": award.name,
        "subject": award.subject,
        "person": entry.person_id,
        "person_name": person.full_name if person is not None else "",
        "pledges": entry.pledges,
    }


class RegistrationOut(Schema):
    id: int
    movement: int
    movement_name: str
    year: int
    unit: int
    unit_name: str
    status: RegistrationStatus
    pledges: str = Field(description="The unit's pledges (chỉ tiêu).")
    submitted_at: dt.datetime | None
    reviewed_at: dt.datetime | None
    return_reason: str
    entries: list[EntryOut]

    @staticmethod
    def resolve_movement(obj) -> int:
        return obj.round.movement_id

    @staticmethod
    def resolve_movement_name(obj) -> str:
        return obj.round.movement.name

    @staticmethod
    def resolve_year(obj) -> int:
        return obj.round.year

    @staticmethod
    def resolve_unit(obj) -> int:
        return obj.unit_id

    @staticmethod
    def resolve_unit_name(obj) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_entries(obj) -> list:
        rows = getattr(obj, "entry_rows", None)  # a page of the list: attach_entries
        return rows if rows is not None else [entry_row(entry) for entry in obj.entries.all()]


class RegistrationFilters(Schema):
    movement: Id | None = None
    year: Year | None = None
    status: RegistrationStatus | None = None
    unit: Id | None = None


# What EntryOut shows of an entry, its title and its person (entry_row), in the entries' order.
ENTRY_VALUES = (
    "id", "registration_id", "award__code", "award__name", "award__subject", "person_id",
    "person__family_name", "person__middle_name", "person__given_name", "pledges",
)  # fmt: skip


# The list's order: the index of the constraint one_registration_per_unit (round, unit), read backwards.
REGISTRATION_ORDER = ("-round_id", "-unit_id")


def _entries() -> Prefetch:
    entries = RegistrationEntry.objects.select_related("award", "person")
    return Prefetch("entries", queryset=entries)


def attach_entries(registrations: list) -> None:
    """The page's entries as rows, in one query without a model per entry (a page holds a thousand)."""
    rows = {registration.pk: [] for registration in registrations}
    values = RegistrationEntry.objects.filter(registration_id__in=rows).values_list(*ENTRY_VALUES)
    for pk, registration_id, code, name, subject, person_id, family, middle, given, pledges in values:
        person_name = " ".join(part for part in (family, middle, given) if part) if person_id else ""
        rows[registration_id].append(
            {"id": pk, "award": code, "award_name": name, "subject": subject, "person": person_id,
             "person_name": person_name, "pledges": pledges}
        )  # fmt: skip
    for registration in registrations:
        registration.entry_rows = rows[registration.pk]


@registrations.get("", response=list[RegistrationOut], summary="List the registrations the caller can see")
@paged
def list_registrations(request, filters: Query[RegistrationFilters]):
    """The rounds latest opened first, then by unit: a stable order read through the index of the
    registrations (round, unit), with no sort of a province's registrations through their units."""
    qs = registrations_for_user(request.auth).select_related("round__movement", "unit")
    for name, value in (
        ("round__movement_id", filters.movement),
        ("round__year", filters.year),
        ("status", filters.status),
        ("unit_id", filters.unit),
    ):
        if value is not None:
            qs = qs.filter(**{name: value})
    return Prepared(qs.order_by(*REGISTRATION_ORDER), attach_entries)


@registrations.get("/{int:registration_id}", response=RegistrationOut, summary="One registration")
def registration_detail(request, registration_id: Id):
    registration = get_registration_for_user(request.auth, registration_id)
    prefetch_related_objects([registration], _entries())
    return registration
