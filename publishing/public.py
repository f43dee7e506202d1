"""What the public portal may read: plain dataclasses and dicts built from the publications' public snapshot
(`.values()` of its snapshot fields, never a model instance), for one portal — the publications of its
agency's lineage (the agency and those it succeeded).

- portals: `portal_for_host`, `portal_by_slug`, `default_portal`, `all_portals` — from one map kept in the
  cache under PORTAL_VERSION and the organisations' version (no query per request while it holds);
- lists per kind, filtered, searched (accent-insensitive on the folded `search_text`) and paginated with the
  capped count of lib.counting: `documents`, `movements`, `exemplars`, `articles`, `search`; the filters'
  choices (`document_filters`); the home page (`home`);
- one publication by kind and slug (`publication`): `Withdrawn` for a withdrawn one (the page answers 410),
  Http404 for any other; a document's number ("46/STNMT-VP", "46-stnmt-vp") to its slug (`document_slug`);
- the honour roll's lines, read live from the ledger (standing awards of the published rolls' decisions):
  `honour_roll`, `honour_roll_filters`;
- feeds, the sitemap, a public photo and a document's PDF (their storage names).
"""

import datetime as dt
import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from django.db import DatabaseError
from django.db.models import F, Q
from django.http import Http404
from django.utils import timezone

from awards.models import AwardRecord
from documents.models import DocumentKind
from documents.search import parse_query, reference_form
from lib.cacheversions import remember
from lib.counting import CappedPaginator
from lib.vntext import fold, nfc
from organisations.models import TREE_VERSION, Agency

from .cache import PORTAL_VERSION
from .models import Kind, Portal, PortalHost, Publication, PublicImage, Status

PER_PAGE = 20
QUERY_MAX = 200  # a longer query is cut
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_WORD = re.compile(r"[a-z0-9]+")

# --- portals ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PortalInfo:
    id: int
    slug: str
    title: str
    agency_id: int
    agency_name: str
    lineage_ids: tuple[int, ...]
    predecessors: tuple[tuple[int, str], ...]  # (agency id, name) of the agencies it succeeded
    is_default: bool = False

    @property
    def predecessor_names(self) -> tuple[str, ...]:
        return tuple(name for _pk, name in self.predecessors)


def _portal_map() -> dict:
    rows = list(Portal.objects.order_by("slug").values("id", "slug", "title", "is_default", "agency_id"))
    lineages = {row["id"]: Agency(pk=row["agency_id"]).lineage_ids() for row in rows}
    names = dict(
        Agency.objects.filter(pk__in={pk for ids in lineages.values() for pk in ids}).values_list(
            "pk", "name"
        )
    )
    portals = {}
    for row in rows:
        agency_id = row["agency_id"]
        others = sorted(pk for pk in lineages[row["id"]] if pk != agency_id)
        portals[row["id"]] = PortalInfo(
            id=row["id"],
            slug=row["slug"],
            title=row["title"],
            agency_id=agency_id,
            agency_name=names.get(agency_id, ""),
            lineage_ids=tuple(sorted(lineages[row["id"]])),
            predecessors=tuple((pk, names.get(pk, "")) for pk in others),
            is_default=row["is_default"],
        )
    hosts = {host: portals[pk] for host, pk in PortalHost.objects.values_list("host", "portal_id")}
    default = next((p for p in portals.values() if p.is_default), None)
    return {"hosts": hosts, "slugs": {p.slug: p for p in portals.values()}, "default": default}


def _portals() -> dict:
    try:
        return remember("portal:map", [PORTAL_VERSION, TREE_VERSION], _portal_map, timeout=None)
    except DatabaseError:  # a database not migrated yet: no portal (the error pages still answer)
        return {"hosts": {}, "slugs": {}, "default": None}


def portal_for_host(host: str) -> PortalInfo | None:
    return _portals()["hosts"].get((host or "").split(":")[0].strip().lower().rstrip("."))


def portal_by_slug(slug: str) -> PortalInfo | None:
    return _portals()["slugs"].get(slug)


def default_portal() -> PortalInfo | None:
    return _portals()["default"]


def all_portals() -> list[PortalInfo]:
    return sorted(_portals()["slugs"].values(), key=lambda p: p.title)


# --- rows -------------------------------------------------------------------------------------------------

LIST_FIELDS = (
    "id",
    "kind",
    "slug",
    "title",
    "summary",
    "day",
    "facts",
    "field",
    "effective_on",
    "document_kind",
    "issuer",
    "published_at",
    "updated_at",
)
DETAIL_FIELDS = (*LIST_FIELDS, "paragraphs", "pdf", "status", "withdrawn_at", "withdrawal_reason")


@dataclass(frozen=True)
class Item:
    """One publication as a list shows it."""

    kind: str
    slug: str
    title: str
    summary: str
    day: dt.date
    facts: dict
    field: str = ""
    effective_on: dt.date | None = None
    issuer: str = ""
    published_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    image: dict | None = None  # {"id", "name", "alt", "width", "height"}

    @property
    def kind_label(self) -> str:
        return Kind(self.kind).label


@dataclass(frozen=True)
class Detail(Item):
    """One publication as its page shows it."""

    paragraphs: tuple[str, ...] = ()
    images: tuple[dict, ...] = ()
    has_pdf: bool = False
    pdf_name: str = dataclass_field(default="", repr=False)


@dataclass
class Listing:
    """A page of a list: its items, the Django page (for the pagination), the capped count."""

    items: list
    page: object
    count: int
    capped: bool


class Withdrawn(Exception):
    """The publication was taken off the portal: its page answers 410 with the reason and the day."""

    def __init__(self, reason: str, on: dt.date | None, title: str = "", kind: str = ""):
        super().__init__(reason)
        self.reason, self.on, self.title, self.kind = reason, on, title, kind


def _images(publication_ids) -> dict[int, list[dict]]:
    found: dict[int, list[dict]] = {}
    rows = PublicImage.objects.filter(publication_id__in=publication_ids).values(
        "id", "publication_id", "file", "alt", "width", "height"
    )
    for row in rows:
        found.setdefault(row["publication_id"], []).append(
            {
                "id": row["id"],
                "name": row["file"].rsplit("/", 1)[-1],
                "alt": row["alt"],
                "width": row["width"],
                "height": row["height"],
            }
        )
    return found


def _item(row: dict, images: dict | None = None) -> Item:
    first = (images or {}).get(row["id"], [None])[0]
    return Item(**{name: row[name] for name in Item.__dataclass_fields__ if name in row}, image=first)


def _published(portal: PortalInfo, kind: str | None = None):
    rows = Publication.objects.published().of_agencies(portal.lineage_ids)
    return rows if kind is None else rows.filter(kind=kind)


def clean_query(query: str | None) -> str:
    """A visitor's query as searched: NFC, no control characters, at most QUERY_MAX characters."""
    return nfc(_CONTROL.sub(" ", (query or "")[: QUERY_MAX * 4]))[:QUERY_MAX].strip()


def _matching(rows, query: str):
    """The rows whose folded number, title and summary hold every word of `query` as a word start, and every
    number and symbol it cites ("46/STNMT-VP")."""
    references, words, _spaced = parse_query(query)
    for reference in references:
        rows = rows.filter(search_text__contains=reference)
    for word in words:
        rows = rows.filter(search_text__contains=word, search_text__regex=f"[^a-z0-9]{word}")
    return rows


def _listing(rows, page, *, with_images=False, per_page=PER_PAGE) -> Listing:
    paginator = CappedPaginator(rows.values(*LIST_FIELDS), per_page)
    current = paginator.get_page(str(page)[:12])
    found = list(current.object_list)
    images = _images([row["id"] for row in found]) if with_images and found else {}
    current.object_list = [_item(row, images) for row in found]
    return Listing(current.object_list, current, paginator.count, paginator.is_capped)


def _year(value) -> int | None:
    try:
        year = int(str(value)[:4])
    except (TypeError, ValueError):
        return None
    return year if 1900 <= year <= 2200 else None


def _int(value) -> int | None:
    try:
        return int(str(value)[:12])
    except (TypeError, ValueError):
        return None


# --- lists ------------------------------------------------------------------------------------------------


def documents(portal: PortalInfo, *, query="", kind="", year=None, issuer="", agency=None, page=1) -> Listing:
    """The published documents, the latest first: by kind (DocumentKind code), year of issue, issuing body,
    agency of the lineage (an archive), and words of the query."""
    rows = _published(portal, Kind.DOCUMENT)
    if kind:
        rows = rows.filter(document_kind=kind)
    if year := _year(year):
        rows = rows.filter(day__gte=dt.date(year, 1, 1), day__lt=dt.date(year + 1, 1, 1))
    if issuer:
        rows = rows.filter(issuer=issuer)
    if (agency := _int(agency)) is not None:
        rows = rows.filter(agency_id=agency)
    if query:
        rows = _matching(rows, query)
    return _listing(rows, page)


def document_filters(portal: PortalInfo) -> dict:
    """The choices of the documents' filters: kinds, years and issuers that occur (3 queries)."""
    rows = _published(portal, Kind.DOCUMENT).order_by()
    codes = set(rows.values_list("document_kind", flat=True).distinct())
    kinds = list(DocumentKind.objects.filter(code__in=codes).values_list("code", "name"))
    years = sorted({day.year for day in rows.dates("day", "year")}, reverse=True)
    issuers = sorted(set(rows.exclude(issuer="").values_list("issuer", flat=True).distinct()), key=fold)
    return {"kinds": kinds, "years": years, "issuers": issuers}


def movements(portal: PortalInfo, *, page=1) -> Listing:
    return _listing(_published(portal, Kind.MOVEMENT), page)


EXEMPLARY_KINDS = ("dien-hinh", "mo-hinh-moi", "nhan-to-moi")


def exemplars(portal: PortalInfo, *, model_kind="", page=1) -> Listing:
    rows = _published(portal, Kind.EXEMPLARY)
    if model_kind in EXEMPLARY_KINDS:
        rows = rows.filter(facts__model_kind_code=model_kind)
    return _listing(rows, page, with_images=True)


def articles(portal: PortalInfo, *, page=1) -> Listing:
    return _listing(_published(portal, Kind.ARTICLE), page, with_images=True)


def honour_rolls(portal: PortalInfo, *, page=1) -> Listing:
    return _listing(_published(portal, Kind.HONOUR_ROLL), page)


def search(portal: PortalInfo, *, query: str, page=1) -> Listing:
    """Every kind of publication holding the query's words."""
    rows = _matching(_published(portal), query) if query else Publication.objects.none()
    return _listing(rows, page, with_images=True)


def is_current(item: Item, today: dt.date | None = None) -> bool:
    """A movement not ended yet."""
    ends = item.facts.get("ends_on")
    return not ends or ends >= (today or timezone.localdate()).isoformat()


def home(portal: PortalInfo) -> dict:
    """The latest of each kind for the home page (one query per kind, one for the photos)."""
    latest = {}
    for kind, count in (
        (Kind.DOCUMENT, 6),
        (Kind.ARTICLE, 4),
        (Kind.MOVEMENT, 4),
        (Kind.EXEMPLARY, 4),
        (Kind.HONOUR_ROLL, 3),
    ):
        latest[kind] = list(_published(portal, kind).values(*LIST_FIELDS)[:count])
    ids = [row["id"] for kind in (Kind.ARTICLE, Kind.EXEMPLARY) for row in latest[kind]]
    images = _images(ids) if ids else {}
    return {
        "documents": [_item(row) for row in latest[Kind.DOCUMENT]],
        "news": [_item(row, images) for row in latest[Kind.ARTICLE]],
        "movements": [item for item in map(_item, latest[Kind.MOVEMENT]) if is_current(item)],
        "exemplars": [_item(row, images) for row in latest[Kind.EXEMPLARY]],
        "honour_rolls": [_item(row) for row in latest[Kind.HONOUR_ROLL]],
    }


# --- one publication --------------------------------------------------------------------------------------


def publication(portal: PortalInfo, kind: str, slug: str) -> Detail:
    """The publication of `kind` at `slug`: Withdrawn when taken off, Http404 when not on this portal."""
    row = (
        Publication.objects.of_agencies(portal.lineage_ids)
        .filter(kind=kind, slug=str(slug)[:120])
        .values(*DETAIL_FIELDS)
        .first()
    )
    if row is None:
        raise Http404("no such publication")
    if row["status"] == Status.WITHDRAWN:
        on = timezone.localdate(row["withdrawn_at"]) if row["withdrawn_at"] else None
        raise Withdrawn(row["withdrawal_reason"], on, row["title"], kind)
    images = tuple(_images([row["id"]]).get(row["id"], ())) if kind in (Kind.EXEMPLARY, Kind.ARTICLE) else ()
    base = {name: row[name] for name in Item.__dataclass_fields__ if name in row}
    return Detail(
        **base,
        image=images[0] if images else None,
        paragraphs=tuple(row["paragraphs"] or ()),
        images=images,
        has_pdf=bool(row["pdf"]),
        pdf_name=row["pdf"] or "",
    )


def document_slug(portal: PortalInfo, key: str) -> str | None:
    """The slug of the published (or withdrawn) document whose number and symbol `key` is: "46/STNMT-VP",
    "46-stnmt-vp", "46/stnmt/vp"; None when none."""
    words = _WORD.findall(fold(str(key)[:120]))
    if len(words) < 2 or not words[0].isdigit() or len(words[0]) > 5:
        return None
    reference = reference_form(words[0], "-".join(words[1:]))
    plain = f"{int(words[0])}/" + "-".join(words[1:])
    return (
        Publication.objects.of_agencies(portal.lineage_ids)
        .filter(kind=Kind.DOCUMENT)
        .filter(Q(search_text__startswith=f" {reference} ") | Q(search_text__startswith=f" {plain} "))
        .order_by(F("status").asc(), "-day", "-id")  # "published" before "withdrawn"
        .values_list("slug", flat=True)
        .first()
    )


def document_pdf(portal: PortalInfo, slug: str) -> tuple[str, str]:
    """(storage name, reference) of a published document's PDF; Withdrawn / Http404 otherwise."""
    detail = publication(portal, Kind.DOCUMENT, slug)
    if not detail.has_pdf:
        raise Http404("no PDF")
    return detail.pdf_name, detail.facts.get("reference", "")


def public_image(portal: PortalInfo, pk) -> dict:
    """The storage name and size of a photo of a published publication of this portal; Http404 otherwise."""
    row = (
        PublicImage.objects.filter(
            pk=_int(pk) or 0,
            publication__status=Status.PUBLISHED,
            publication__agency_id__in=portal.lineage_ids,
        )
        .values("file", "alt")
        .first()
    )
    if row is None:
        raise Http404("no such photo")
    return {"file": row["file"], "name": row["file"].rsplit("/", 1)[-1], "alt": row["alt"]}


# --- honour roll ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RollLine:
    name: str
    unit: str
    award: str
    year: int
    collective: bool
    reference: str
    issued_on: str  # ISO date of the decision
    roll_slug: str

    @property
    def decided_on(self) -> dt.date | None:
        return dt.date.fromisoformat(self.issued_on) if self.issued_on else None


def _rolls(portal: PortalInfo, slug: str | None = None) -> dict[int, dict]:
    """Published honour rolls of the portal: their decision's document id → {slug, reference, issued_on}."""
    rows = _published(portal, Kind.HONOUR_ROLL)
    if slug is not None:
        rows = rows.filter(slug=slug)
    return {
        row["decision__document_id"]: {
            "slug": row["slug"],
            "reference": row["facts"].get("reference", ""),
            "issued_on": row["facts"].get("issued_on") or "",
        }
        for row in rows.values("slug", "facts", "decision__document_id")
    }


ROLL_FIELDS = (
    "id",
    "year",
    "decision_id",
    "award__name",
    "person_id",
    "person__family_name",
    "person__middle_name",
    "person__given_name",
    "unit__name",
    "decision_line__unit_name",
    "decision_line__unit__name",
)


def _roll_line(row: dict, rolls: dict) -> RollLine:
    roll = rolls[row["decision_id"]]
    if row["person_id"]:
        parts = (row["person__family_name"], row["person__middle_name"], row["person__given_name"])
        name = " ".join(p for p in parts if p)
        unit = row["decision_line__unit_name"] or row["decision_line__unit__name"] or ""
    else:
        name = row["unit__name"] or ""
        unit = ""
    return RollLine(
        name=name,
        unit=unit,
        award=row["award__name"],
        year=row["year"],
        collective=not row["person_id"],
        reference=roll["reference"],
        issued_on=roll["issued_on"],
        roll_slug=roll["slug"],
    )


def _standing(rolls: dict):
    return AwardRecord.objects.standing().filter(decision_id__in=list(rolls))


def honour_roll(portal: PortalInfo, *, year=None, award=None, unit=None, slug=None, page=1, per_page=50):
    """The honour roll's lines (standing awards of the published rolls, or of the roll at `slug`), the latest
    year first, by award, then people by given name and collectives by name: a Listing of RollLine."""
    rolls = _rolls(portal, slug)
    rows = _standing(rolls)
    if year := _year(year):
        rows = rows.filter(year=year)
    if (award := _int(award)) is not None:
        rows = rows.filter(award_id=award)
    if (unit := _int(unit)) is not None:
        rows = rows.filter(Q(unit_id=unit) | Q(decision_line__unit_id=unit))
    rows = rows.order_by(
        "-year",
        "award__position",
        "award__name",
        F("person__sort_key").asc(nulls_last=True),
        "unit__name",
        "id",
    )
    paginator = CappedPaginator(rows.values(*ROLL_FIELDS), per_page)
    current = paginator.get_page(str(page)[:12])
    current.object_list = [_roll_line(row, rolls) for row in current.object_list]
    return Listing(current.object_list, current, paginator.count, paginator.is_capped)


def honour_roll_filters(portal: PortalInfo) -> dict:
    """The choices of the honour roll's filters: years, awards, units that occur in it."""
    rows = _standing(_rolls(portal)).order_by()
    years = sorted(set(rows.values_list("year", flat=True).distinct()), reverse=True)
    awards = sorted(set(rows.values_list("award_id", "award__name").distinct()), key=lambda a: fold(a[1]))
    units = set(rows.filter(unit__isnull=False).values_list("unit_id", "unit__name").distinct())
    units |= set(
        rows.filter(decision_line__isnull=False)
        .values_list("decision_line__unit_id", "decision_line__unit__name")
        .distinct()
    )
    return {"years": years, "awards": awards, "units": sorted(units, key=lambda u: fold(u[1]))}


# --- feeds and sitemap ------------------------------------------------------------------------------------


def feed_items(portal: PortalInfo, kind: str, count: int = 30) -> list[Item]:
    rows = _published(portal, kind).order_by("-published_at", "-id").values(*LIST_FIELDS)[:count]
    return [_item(row) for row in rows]


def sitemap_items(portal: PortalInfo) -> list[dict]:
    """Every published publication of the portal: {"kind", "slug", "updated_at"}."""
    rows = _published(portal).order_by("kind", "-day", "-id").values("kind", "slug", "updated_at")
    return list(rows[:45_000])
