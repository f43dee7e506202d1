"""Initiatives and exemplary models, scoped like the screens (achievements.access)."""

import datetime as dt
from decimal import Decimal

from django.db.models import Prefetch, prefetch_related_objects
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from achievements.access import (
    get_initiative_for_user,
    get_model_for_user,
    initiatives_for_user,
    models_for_user,
)
from achievements.models import InitiativeAuthor, InitiativeKind, ModelKind, RecognitionLevel

from .paging import paged
from .schemas import Id, Ref, Text, Year

initiatives = Router(tags=["initiatives"])
exemplary_models = Router(tags=["exemplary models"])


# --- Initiatives ----------------------------------------------------------------------------------------


class AuthorOut(Schema):
    person: int
    name: str
    share: Decimal = Field(description="Share of the authorship in per cent; the shares sum to 100.")

    @staticmethod
    def resolve_person(obj) -> int:
        return obj.person_id

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.person.full_name


class EvidenceOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return reverse("achievements:evidence", args=[obj.initiative_id, obj.pk])


class InitiativeOut(Schema):
    id: int
    title: str
    kind: InitiativeKind
    year: int
    agency: Ref
    unit: Ref
    movement: Ref | None
    summary: str
    effect: str
    scope: str
    recognition_level: RecognitionLevel | None = Field(description="Null while not recognised.")
    recognised_on: dt.date | None
    recognised_by: str = Field(description="The decision, e.g. Quyết định số 12/QĐ-STNMT.")
    authors: list[AuthorOut]
    evidence: list[EvidenceOut] = Field(description="Files proving it: description, decision, effect.")

    @staticmethod
    def resolve_recognition_level(obj) -> str | None:
        return obj.recognition_level or None

    @staticmethod
    def resolve_authors(obj) -> list:
        return list(obj.authors.all())

    @staticmethod
    def resolve_evidence(obj) -> list:
        return list(obj.evidence.all())


class InitiativeFilters(Schema):
    q: Text = Field("", description="Words of the title or the scope of application, accents ignored.")
    year: Year | None = None
    level: RecognitionLevel | None = Field(None, description="The level that recognised it.")
    movement: Id | None = None
    unit: Id | None = None


def _relations() -> tuple:
    return (Prefetch("authors", queryset=InitiativeAuthor.objects.select_related("person")), "evidence")


@initiatives.get("", response=list[InitiativeOut], summary="List the initiatives the caller can see")
@paged
def list_initiatives(request, filters: Query[InitiativeFilters]):
    """The latest year first, then by title."""
    qs = initiatives_for_user(request.auth).search(filters.q)
    for name, value in (
        ("year", filters.year),
        ("recognition_level", filters.level),
        ("movement_id", filters.movement),
        ("unit_id", filters.unit),
    ):
        if value is not None:
            qs = qs.filter(**{name: value})
    qs = qs.select_related("agency", "unit", "movement").prefetch_related(*_relations())
    return qs.order_by("-year", "title", "pk")


@initiatives.get("/{int:initiative_id}", response=InitiativeOut, summary="One initiative")
def initiative_detail(request, initiative_id: Id):
    initiative = get_initiative_for_user(request.auth, initiative_id)
    prefetch_related_objects([initiative], *_relations())
    return initiative


# --- Exemplary models -----------------------------------------------------------------------------------


class PhotoOut(Schema):
    id: int
    caption: str
    content_type: str
    size: int
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return reverse("achievements:photo", args=[obj.model_id, obj.pk])


class ExemplaryModelOut(Schema):
    id: int
    kind: ModelKind
    title: str
    year: int
    story: str
    agency: Ref
    movement: Ref | None
    people: list[int]
    units: list[int]
    photos: list[PhotoOut]

    @staticmethod
    def resolve_people(obj) -> list[int]:
        return [person.pk for person in obj.people.all()]

    @staticmethod
    def resolve_units(obj) -> list[int]:
        return [unit.pk for unit in obj.units.all()]

    @staticmethod
    def resolve_photos(obj) -> list:
        return list(obj.photos.all())


class ModelFilters(Schema):
    q: Text = Field("", description="Words of the title, accents ignored.")
    kind: ModelKind | None = None
    year: Year | None = None
    movement: Id | None = None


MODEL_RELATIONS = ("people", "units", "photos")


@exemplary_models.get(
    "", response=list[ExemplaryModelOut], summary="List the exemplary models and new factors"
)
@paged
def list_models(request, filters: Query[ModelFilters]):
    """The latest year first, then by title."""
    qs = models_for_user(request.auth).search(filters.q)
    for name, value in (("kind", filters.kind), ("year", filters.year), ("movement_id", filters.movement)):
        if value is not None:
            qs = qs.filter(**{name: value})
    qs = qs.select_related("agency", "movement").prefetch_related(*MODEL_RELATIONS)
    return qs.order_by("-year", "title", "pk")


@exemplary_models.get("/{int:model_id}", response=ExemplaryModelOut, summary="One exemplary model")
def model_detail(request, model_id: Id):
    model = get_model_for_user(request.auth, model_id)
    prefetch_related_objects([model], *MODEL_RELATIONS)
    return model
