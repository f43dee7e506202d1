"""Schemas shared by every endpoint."""

from ninja import Schema


class Ref(Schema):
    """A reference to another object: its id and its display name."""

    id: int
    name: str

    @staticmethod
    def resolve_name(obj) -> str:
        return str(obj)
