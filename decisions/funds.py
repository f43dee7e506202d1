"""The agency's emulation and reward fund for a year (quỹ thi đua, khen thưởng) and what its decisions spend.

The fund's allocation less the share kept for organising the work — councils, reviews, publicity: 20 % by
default (NĐ 98/2023 Điều 50 khoản 3 điểm a, Điều 52 khoản 1 điểm a; law-nominations.md §6.2) — is what the
rewards may spend. The agency's own reward decisions issued in the year (by their date) spend it; its drafts
are pending, counted in the year they would be issued (their intended date, or today's year). Decisions
registered from another body are paid from that body's fund (law.md §5.1 point 7) and do not count.

A decision that would spend more than what remains is refused at issuance (`overspend_message`); where no
fund is recorded for the year, nothing is checked.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from lib.vnmoney import format_vnd

from .models import Decision, Fund, Kind, Origin, Status

DEFAULT_SHARE = Decimal("0.20")


def fund_of(agency, year: int) -> Fund | None:
    return Fund.objects.filter(agency=agency, year=year).first()


def organising_amount(allocation: int, share: Decimal) -> int:
    """The share of the allocation kept for organising the work, in whole đồng (half rounded up)."""
    return int((Decimal(allocation) * share).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def spending_decisions(agency):
    """The decisions paid from the agency's fund: its own reward decisions."""
    return Decision.objects.filter(agency=agency, kind=Kind.REWARD, origin=Origin.OWN)


def _draft_in(year: int) -> Q:
    """Drafts counted in `year`: dated in it, or undated when it is this year (they would be issued today)."""
    drafts = Q(status=Status.DRAFT)
    if year == timezone.localdate().year:
        return drafts & (Q(decided_on__year=year) | Q(decided_on__isnull=True))
    return drafts & Q(decided_on__year=year)


def _issued_in(year: int) -> Q:
    return Q(status=Status.ISSUED, decided_on__year=year)


@dataclass(frozen=True)
class FundReport:
    """The fund of an agency's year and its use. Without a recorded fund (`fund` None) the allocation, the
    organising share, what is available and what remains are None; what was spent and is pending are known."""

    agency: object
    year: int
    fund: Fund | None
    allocation: int | None
    share: Decimal | None  # a fraction: 0.20
    organising: int | None  # the amount kept for organising work
    available: int | None  # for the rewards: allocation − organising
    spent: int  # issued decisions of the year
    issued_count: int
    pending: int  # drafts
    drafts_count: int
    remaining: int | None  # available − spent
    remaining_after_drafts: int | None  # remaining − pending

    @property
    def share_percent(self) -> Decimal | None:
        """The share in percent as written: 20, 15.5 (never 2E+1)."""
        if self.share is None:
            return None
        percent = self.share * 100
        return percent.quantize(Decimal(1)) if percent == percent.to_integral() else percent.normalize()

    @property
    def overspent(self) -> bool:
        return self.remaining is not None and self.remaining < 0

    @property
    def drafts_overspend(self) -> bool:
        return self.remaining_after_drafts is not None and self.remaining_after_drafts < 0

    def issued(self):
        """The issued decisions of the year, oldest first, for the page's table (paginated by the view)."""
        decisions = spending_decisions(self.agency).filter(_issued_in(self.year))
        return decisions.select_related("document").order_by("decided_on", "document__number", "pk")

    def drafts(self):
        decisions = spending_decisions(self.agency).filter(_draft_in(self.year))
        return decisions.select_related("document").order_by("pk")


def fund_report(agency, year: int) -> FundReport:
    """The figures of the agency's fund for `year`: two queries (the fund, one aggregate of its decisions)."""
    fund = fund_of(agency, year)
    issued, drafts = _issued_in(year), _draft_in(year)
    totals = spending_decisions(agency).aggregate(
        spent=Sum("total_amount", filter=issued, default=0),
        issued_count=Count("pk", filter=issued),
        pending=Sum("total_amount", filter=drafts, default=0),
        drafts_count=Count("pk", filter=drafts),
    )
    figures = {"allocation": None, "share": None, "organising": None, "available": None, "remaining": None,
               "remaining_after_drafts": None}  # fmt: skip
    if fund is not None:
        organising = organising_amount(fund.allocation, fund.organising_share)
        available = fund.allocation - organising
        remaining = available - totals["spent"]
        figures = {"allocation": fund.allocation, "share": fund.organising_share, "organising": organising,
                   "available": available, "remaining": remaining,
                   "remaining_after_drafts": remaining - totals["pending"]}  # fmt: skip
    return FundReport(agency=agency, year=year, fund=fund, **totals, **figures)


def overspend_message(decision, *, on: dt.date | None = None) -> str:
    """Why issuing `decision` would overspend the fund of its year ("" when it fits, or when no fund is
    recorded for that year). The year is that of `on`, else of the decision's date, else today's."""
    if decision.kind != Kind.REWARD or decision.origin != Origin.OWN:
        return ""
    day = on or decision.decided_on or timezone.localdate()
    fund = fund_of(decision.agency, day.year)
    if fund is None:
        return ""
    others = spending_decisions(decision.agency).filter(_issued_in(day.year)).exclude(pk=decision.pk)
    spent = others.aggregate(spent=Sum("total_amount", default=0))["spent"]
    organising = organising_amount(fund.allocation, fund.organising_share)
    remaining = fund.allocation - organising - spent
    if decision.total_amount <= remaining:
        return ""
    message = _(
        "This decision pays %(amount)s but the reward fund of %(year)s has only %(remaining)s left: an "
        "allocation of %(allocation)s, less %(organising)s kept for organising work and %(spent)s spent by "
        "the decisions already issued. It would overspend by %(over)s. Record a larger allocation on the "
        "fund page, or reduce the decision."
    )
    return message % {
        "amount": format_vnd(decision.total_amount),
        "year": day.year,
        "remaining": format_vnd(max(remaining, 0)),
        "allocation": format_vnd(fund.allocation),
        "organising": format_vnd(organising),
        "spent": format_vnd(spent),
        "over": format_vnd(decision.total_amount - max(remaining, 0)),
    }
