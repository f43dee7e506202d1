"""A publication's public facts as rows of words, for the staff's page of a publication (the portal renders
them its own way): each row a label and a text."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

LABELS = {
    "kind": _("Kind"),
    "reference": _("Number and symbol"),
    "issuer": _("Issuing body"),
    "signer": _("Signer"),
    "signer_position": _("Signer's position"),
    "issued_on": _("Date of issue"),
    "level": _("Level"),
    "starts_on": _("From"),
    "ends_on": _("To"),
    "documents": _("Documents"),
    "model_kind": _("Kind"),
    "year": _("Year"),
    "people": _("People"),
    "units": _("Units"),
    "movement": _("Movement"),
    "author": _("Author"),
}
HIDDEN = {"model_kind_code"}


def _day(value) -> str:
    try:
        return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
    except (TypeError, ValueError):
        return str(value)


def _text(key: str, value) -> str:
    if value in (None, "", []):
        return "—"
    if key in {"issued_on", "starts_on", "ends_on"}:
        return _day(value)
    if key == "documents":
        return "; ".join(f"{d['reference']} — {d['subject']}".strip(" —") for d in value)
    if key == "people":
        return "; ".join(
            ", ".join(part for part in (p["name"], p["position"], p["unit"]) if part) for p in value
        )
    if key == "units":
        return ", ".join(value)
    if key == "movement":
        return value["title"]
    return str(value)


def fact_rows(publication) -> list[tuple[str, str]]:
    return [
        (str(LABELS.get(key, key)), _text(key, value))
        for key, value in publication.facts.items()
        if key not in HIDDEN
    ]
