"""Movements and the units' registrations, scoped like the screens (movements.access).

A movement lists only the documents the caller may see (a draft dispatch stays hidden from staff).
"""

import datetime as dt

from django.db.models import Prefetch, prefetch_related_objects
from ninja import Field, Query, Router, Schema

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

from .paging import paged
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


class EntryOut(Schema):
    id: int
    award: str = Field(description='Code of the title, e.g. "lao-dong-tien-tien".')
    award_name: str
    subject: Subject
    person: int | None = Field(description="The staff member; null for the unit's own title.")
    person_name: str
    pledges: str

    @staticmethod
    def resolve_award(obj) -> str:
        return obj.award.code

    @staticmethod
    def resolve_award_name(obj) -> str:
        return obj.award.name

    @staticmethod
    def resolve_subject(obj) -> str:
        return obj.award.subject

    @staticmethod
    def resolve_person(obj) -> int | None:
        return obj.person_id

    @staticmethod
    def resolve_person_name(obj) -> str:
        return obj.person.full_name if obj.person_id else ""


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
        return list(obj.entries.all())


class RegistrationFilters(Schema):
    movement: Id | None = None
    year: Year | None = None
    status: RegistrationStatus | None = None
    unit: Id | None = None


def _entries() -> Prefetch:
    return Prefetch("entries", queryset=RegistrationEntry.objects.select_related("award", "person"))


@registrations.get("", response=list[RegistrationOut], summary="List the registrations the caller can see")
@paged
def list_registrations(request, filters: Query[RegistrationFilters]):
    """The latest year first, then by movement and the units' order."""
    qs = registrations_for_user(request.auth).select_related("round__movement", "unit")
    qs = qs.prefetch_related(_entries())
    for name, value in (
        ("round__movement_id", filters.movement),
        ("round__year", filters.year),
        ("status", filters.status),
        ("unit_id", filters.unit),
    ):
        if value is not None:
            qs = qs.filter(**{name: value})
    return qs.order_by("-round__year", "round__movement_id", "unit__position", "unit__name", "pk")


@registrations.get("/{int:registration_id}", response=RegistrationOut, summary="One registration")
def registration_detail(request, registration_id: Id):
    registration = get_registration_for_user(request.auth, registration_id)
    prefetch_related_objects([registration], _entries())
    return registration
