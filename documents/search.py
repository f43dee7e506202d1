"""Searching documents by number and symbol, subject and body, ignoring accents, đ/d and case; ranked.

Everything runs on the folded `Document.search_text` (" " + fold(reference subject sender body)), indexed by
documents/migrations/0003_search_index.py:

- words: a full-text match, every word of the query starting a word of the document ("quyet dinh khen"
  finds "Quyết định khen thưởng"). PostgreSQL: a stored tsvector of the search text with every run of
  non-letters turned into a space (GIN-indexed), ranked by ts_rank. SQLite: an FTS5 table (unicode61,
  which splits on the same characters), ranked by bm25(). Both split "25/kh-ubnd" into 25, kh, ubnd, so
  both engines find the same documents.
- numbers and symbols ("25/KH-UBND", "25/kh-ubnd", "số 25/KH-UBND", "07/kh-stnmt", "7/KH-STNMT"):
  normalised to the written form "25/kh-ubnd" and matched as a substring of the search text, not preceded
  by a digit (a trigram GIN index on PostgreSQL). A whole query that reads as a number with spaces
  ("25 kh ubnd") matches by its words, which the written form always contains. Either way the document
  whose own number it is comes first, then those citing it.

The matches are counted up to settings.SEARCH_RANK_LIMIT (lib.counting): that many are ranked; more ("hơn
1.000 văn bản") are shown the latest first through the registers' index (find_documents).
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import BooleanField, Case, F, Func, Q, QuerySet, Value, When

from lib.counting import capped_count
from lib.vntext import fold

_WORD = re.compile(r"[a-z0-9]+")
# A number and symbol inside a query: "25/kh-ubnd", "so 25 / kh - ubnd" ("số" before it is dropped).
_REFERENCE = re.compile(
    r"(?:(?<![a-z0-9])so\s+)?(?<![a-z0-9])(\d{1,4})\s*/\s*([a-z0-9]+(?:\s*-\s*[a-z0-9]+)*)"
)
# A whole query that reads as a number and symbol written with spaces: "25 kh ubnd", "25 kh-ubnd".
_SPACED_REFERENCE = re.compile(r"(?:so\s+)?(\d{1,4})[\s/]+([a-z][a-z0-9]*(?:[\s-]+[a-z0-9]+)*)")
FTS_TABLE = "documents_document_fts"
# The order of equally relevant documents, and of a list without a query: drafts (no date) last on both DBs.
LATEST_FIRST = (F("issued_on").desc(nulls_last=True), F("number").desc(nulls_last=True), F("pk").desc())


def reference_form(number: str, symbol: str) -> str:
    """The folded written form of a number and symbol: ("7", "kh - stnmt") → "07/kh-stnmt"."""
    return f"{int(number):02d}/" + "-".join(_WORD.findall(symbol))


def parse_query(query: str | None) -> tuple[list[str], list[str], str]:
    """(references that must all match, words that must all match, the number the query may be asking for).

    "Kế hoạch số 25/KH-UBND" → (["25/kh-ubnd"], ["ke", "hoach"], ""); "số 7 kh stnmt" → ([], ["07", "kh",
    "stnmt"], "07/kh-stnmt").
    """
    folded = fold(query)
    references = [reference_form(m[1], m[2]) for m in _REFERENCE.finditer(folded)]
    if not references and (spaced := _SPACED_REFERENCE.fullmatch(folded)):
        reference = reference_form(spaced[1], spaced[2])
        return [], _WORD.findall(reference), reference
    return references, list(dict.fromkeys(_WORD.findall(_REFERENCE.sub(" ", folded)))), ""


class StoredVector(Func):
    """The `search_vector` column (PostgreSQL only, added by migration 0003, not on the model)."""

    template = "%(expressions)s"

    def __init__(self):
        from django.contrib.postgres.search import SearchVectorField

        super().__init__(F("search_text"), output_field=SearchVectorField())

    def as_sql(self, compiler, connection, **extra):
        sql, params = super().as_sql(compiler, connection, **extra)  # "alias"."search_text", aliased right
        return sql.replace('"search_text"', '"search_vector"'), params


def _reference_match(reference: str) -> Q:
    """The reference inside the search text, not preceded by a digit ("5/kh" must not find "25/kh")."""
    return Q(search_text__contains=reference) & Q(search_text__regex=f"(^|[^0-9]){reference}")


def _tsquery(words: list[str]):
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(" & ".join(f"{w}:*" for w in words), config="simple", search_type="raw")


def _fts_match(words: list[str]) -> str:
    return " ".join(f'"{w}"*' for w in words)


def _match_words(queryset, words: list[str]):
    """The documents with every word (as a word prefix): a filter, no rank (counting them ranks nothing)."""
    if connection.vendor == "postgresql":
        return queryset.alias(search_vector=StoredVector()).filter(search_vector=_tsquery(words))
    # A join with the FTS5 table, which the ORM cannot express.
    return queryset.extra(
        tables=[FTS_TABLE],
        where=[f'{FTS_TABLE}.rowid = "documents_document"."id"', f"{FTS_TABLE} MATCH %s"],
        params=[_fts_match(words)],
    )


def _with_rank(matches, words: list[str]):
    """The matches annotated with search_rank (higher is better)."""
    if not words:
        return matches.annotate(search_rank=Value(0.0))
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchRank

        # Normalisation 1 divides by 1 + log(length), as bm25() weighs long documents down.
        return matches.annotate(
            search_rank=SearchRank(StoredVector(), _tsquery(words), normalization=Value(1))
        )
    # bm25() is computed once per matching row of the MATCH joined by _match_words.
    return matches.extra(select={"search_rank": f"-bm25({FTS_TABLE})"})


@dataclass(frozen=True)
class Found:
    """A search's documents in their order, and how many matched, counted up to `cap` (cap + 1: more)."""

    documents: QuerySet
    counted: int
    cap: int

    @property
    def ranked(self) -> bool:
        """Best first; else the latest first (too many matches to rank)."""
        return self.counted <= self.cap


def find_documents(queryset, query: str | None) -> Found | None:
    """The documents of `queryset` matching `query`, None for an empty query.

    One query counts the matches up to settings.SEARCH_RANK_LIMIT. That many are ranked, best first — a
    document whose own number is asked for first ("25 kh ubnd" matches by its words, and ranks 25/KH-UBND
    first). More ("hơn 1.000 văn bản") are shown the latest first, read in the order of the registers' index
    with the words as a filter: common words match most documents, and ranking or counting them all was the
    cost of a province's search (issue 12).
    """
    references, words, spaced_reference = parse_query(query)
    if not references and not words:
        return None
    matches = queryset
    for reference in references:
        matches = matches.filter(_reference_match(reference))
    if words:
        matches = _match_words(matches, words)
    cap = settings.SEARCH_RANK_LIMIT
    counted = capped_count(matches, cap)
    if counted > cap:
        return Found(matches.order_by(*LATEST_FIRST), counted, cap)
    own_number = references[0] if references else spaced_reference
    is_own_number = (
        Case(When(search_text__startswith=f" {own_number}", then=Value(True)), default=Value(False))
        if own_number
        else Value(False, output_field=BooleanField())
    )
    ranked = (
        _with_rank(matches, words)
        .annotate(is_own_number=is_own_number)
        .order_by("-is_own_number", "-search_rank", *LATEST_FIRST)
    )
    return Found(ranked, counted, cap)


def search_documents(queryset, query: str | None):
    """The documents of `queryset` matching `query` in the order of find_documents; `queryset` unchanged for
    an empty query."""
    found = find_documents(queryset, query)
    return queryset if found is None else found.documents
