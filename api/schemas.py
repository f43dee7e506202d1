"""Schemas and parameter types shared by every endpoint.

Every id and offset is a positive 63-bit integer (the databases' bigint): a larger number would overflow the
database driver, so it is refused with 422 before any query. Years are the system's working range.
"""

import enum
from typing import Annotated

from django.utils import timezone
from ninja import Field, Schema

from awards.catalogue import ENTRIES
from awards.law import RULE_SETS

MAX_BIGINT = 2**63 - 1
FIRST_YEAR = 1945
LAST_YEAR = 2100
FIRST_RULE_YEAR = min(rule_set[5] for rule_set in RULE_SETS)  # the first achievement year of the rules
AWARD_CODES = [entry.code for entry in ENTRIES]

Id = Annotated[int, Field(ge=1, le=MAX_BIGINT)]
Offset = Annotated[int, Field(ge=0, le=MAX_BIGINT)]
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]
# Free text sent to the database (search words, codes): no NUL character, which PostgreSQL refuses.
Text = Annotated[str, Field(max_length=200, pattern=r"^[^\x00]*$")]


class Documented:
    """Keys added to a field's JSON schema (a callable value is called when the schema is built): the
    range or codes an endpoint checks itself, with a message of its own, beyond what pydantic checks."""

    def __init__(self, **keys):
        self.keys = keys

    def __get_pydantic_json_schema__(self, core_schema, handler):
        schema = handler(core_schema)
        schema.update({key: value() if callable(value) else value for key, value in self.keys.items()})
        return schema


def next_year() -> int:
    return timezone.localdate().year + 1


# An award code of the catalogue (GET /api/v1/awards); the endpoints name an unknown code in their message.
AwardCode = Annotated[Text, Documented(enum=AWARD_CODES)]
# An achievement year the rules govern (from 2017); the endpoints explain a year outside them.
RuleYear = Annotated[int, Field(ge=1900, le=LAST_YEAR), Documented(minimum=FIRST_RULE_YEAR)]
UpToNextYear = Documented(maximum=next_year)


def choices_enum(name: str, choices) -> type[enum.Enum]:
    """The values of a model's choices as an enum named `name` in the schema (unique across the API)."""
    return enum.Enum(name, {choice.name: choice.value for choice in choices}, type=str)


class Ref(Schema):
    """A reference to another object: its id and its display name."""

    id: int
    name: str

    @staticmethod
    def resolve_name(obj) -> str:
        return str(obj)


class Error(Schema):
    """Every failure: a Vietnamese message saying what is wrong and what to do."""

    detail: str


class FieldError(Schema):
    loc: list[str | int] = Field(description='Where: ["query", "offset"], ["body", "subject.kind"]…')
    msg: str = Field(description="What is wrong with this field, in Vietnamese.")
    type: str


class InvalidInput(Error):
    """422: the request's parameters or body were refused, field by field."""

    errors: list[FieldError]
