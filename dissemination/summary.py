"""The acknowledgement figures of a document: completion per unit and per person, each in one query."""

from django.db.models import Count, F, Q

COMPLETE = Q(read_at__isnull=False) & (
    Q(dissemination__requires_implementation=False) | Q(implemented_at__isnull=False)
)
# Units in their order, the people named individually (no unit) last, on SQLite and PostgreSQL alike.
UNIT_ORDER = (F("via_unit__position").asc(nulls_last=True), F("via_unit__name").asc(nulls_last=True))


def unit_completion(receipts) -> list[dict]:
    """[{"unit": name or None (named individually), "read": n, "done": n, "total": n}] in unit order."""
    rows = (
        receipts.order_by()
        .values("via_unit_id", "via_unit__name", "via_unit__position")
        .annotate(
            total=Count("pk"),
            read=Count("pk", filter=Q(read_at__isnull=False)),
            done=Count("pk", filter=COMPLETE),
        )
        .order_by(*UNIT_ORDER)
    )
    return [
        {"unit": r["via_unit__name"], "read": r["read"], "done": r["done"], "total": r["total"]} for r in rows
    ]


def receipt_rows(receipts):
    """The receipts with everything the completion table and the export show, in unit and name order."""
    return receipts.select_related("person", "via_unit", "dissemination", "forwarded_from__person").order_by(
        "dissemination__created_at", "dissemination_id", *UNIT_ORDER, "person__sort_key", "pk"
    )
