"""The quorum of a meeting: a fraction of the WHOLE membership on the meeting's date (default 2/3, Thông tư
12/2019/TT-BNV Điều 11; the sector model of Thông tư 07/2026/TT-BGDĐT Điều 25), and, for award sessions, the
higher attendance the agency may set (council-presence, e.g. 80 %: Bắc Ninh QĐ 86/2025). Members who vote in
writing are absent: they do not make the quorum, their votes count in the tally."""

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db.models import Count, Q

from .models import Attendance, Format, Membership, Presence


def fraction(value: str) -> Fraction:
    """ "2/3" → Fraction(2, 3); "0.8" → Fraction(4, 5)."""
    return Fraction(str(value).replace(",", "."))


@dataclass(frozen=True)
class Quorum:
    total: int
    attending: int
    needed: int

    @property
    def met(self) -> bool:
        return self.total > 0 and self.attending >= self.needed

    @property
    def more_needed(self) -> int:
        return max(self.needed - self.attending, 0)


def needed(total: int, quorum: str, presence: Decimal | None) -> int:
    share = fraction(quorum)
    if presence is not None:
        share = max(share, fraction(presence))
    return math.ceil(share * total)


def seats(meeting):
    """The seats on the council on the meeting's date."""
    return Membership.objects.on(meeting.date).filter(term=meeting.term)


def quorum_of(meeting) -> Quorum:
    """Two queries: the seats, and the attendance recorded."""
    total = seats(meeting).count()
    attends = Q(presence__in=(Presence.PRESENT, Presence.SUBSTITUTE))
    if meeting.format == Format.WRITTEN:  # a written consultation: every member not marked absent takes part
        attends |= Q(presence=Presence.WRITTEN)
    counted = Attendance.objects.filter(meeting=meeting).aggregate(n=Count("pk", filter=attends))["n"]
    return Quorum(total, counted, needed(total, meeting.quorum, meeting.presence))
