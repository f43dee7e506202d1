"""Recording the agency's reward fund for a year: its allocation and the share kept for organising the work
(decisions.funds reads what the decisions spend of it)."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from activity.domain import log_action
from documents.models import nfc_lines
from lib.access import require

from ..access import can_manage_decisions
from ..funds import DEFAULT_SHARE
from ..models import Fund

FIELDS = ("allocation", "organising_share", "note")


def _snapshot(fund: Fund | None) -> dict:
    if fund is None:
        return {}
    return {"allocation": fund.allocation, "organising_share": str(fund.organising_share), "note": fund.note}


def _checked(allocation, share) -> tuple[int, Decimal]:
    errors = {}
    if isinstance(allocation, bool) or not isinstance(allocation, int) or allocation < 0:
        errors["allocation"] = ValidationError(
            _("The allocation is a whole number of đồng, zero or more."), code="allocation"
        )
    try:
        share = Decimal(str(share))
    except InvalidOperation:
        share = None
    if share is None or not share.is_finite() or not Decimal(0) <= share <= Decimal(1):
        errors["organising_share"] = ValidationError(
            _("The share for organising work is between 0 and 100 percent of the allocation."), code="share"
        )
    if errors:
        raise ValidationError(errors)
    return allocation, share.quantize(Decimal("0.01"))


@transaction.atomic
def set_fund(*, actor, agency, year: int, allocation: int, organising_share=None, note: str = "") -> Fund:
    """Record (or change) the agency's fund for `year`. `organising_share` is a fraction (0.20 for 20 %); left
    out, a recorded fund keeps its share and a new one takes the default 20 %."""
    require(actor is None or can_manage_decisions(actor, agency.pk))
    fund = Fund.objects.select_for_update().filter(agency=agency, year=year).first()
    if organising_share is None:
        organising_share = fund.organising_share if fund is not None else DEFAULT_SHARE
    allocation, share = _checked(allocation, organising_share)
    before = _snapshot(fund)
    fund = fund or Fund(agency=agency, year=year)
    fund.allocation, fund.organising_share, fund.note = allocation, share, nfc_lines(note)
    fund.changed_by = actor if getattr(actor, "pk", None) else None
    fund.full_clean()
    fund.save()
    after = _snapshot(fund)
    log_action(
        actor=actor,
        action="decisions.fund.set",
        target=fund,
        agency=agency,
        before={k: v for k, v in before.items() if after.get(k) != v} if before else None,
        after={k: v for k, v in after.items() if not before or before.get(k) != v} | {"year": year},
    )
    return fund
