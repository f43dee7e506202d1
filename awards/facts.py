"""What the engine knows of a subject: its dated history as plain values, independent of where it comes from —
the API's inline subject or the database (people, ratings, disciplines, initiatives, the award ledger).

Codes are the API's: ratings HTXSNV > HTTNV > HTNV > KHTNV; discipline levels from khiển trách up to buộc thôi
việc; initiative levels co-so < tinh < toan-quoc; tracks cong-trang, dot-xuat, chuyen-de, cong-hien.
"""

import datetime as dt
from dataclasses import dataclass, field

RATINGS = ("KHTNV", "HTNV", "HTTNV", "HTXSNV")  # worst → best
DISCIPLINE_LEVELS = ("khien-trach", "canh-cao", "ha-bac-luong", "giang-chuc", "cach-chuc", "buoc-thoi-viec")
INITIATIVE_LEVELS = ("co-so", "tinh", "toan-quoc")
TRACKS = ("cong-trang", "dot-xuat", "chuyen-de", "cong-hien")
MERIT = "cong-trang"

RATING_NAMES = {
    "HTXSNV": "hoàn thành xuất sắc nhiệm vụ",
    "HTTNV": "hoàn thành tốt nhiệm vụ",
    "HTNV": "hoàn thành nhiệm vụ",
    "KHTNV": "không hoàn thành nhiệm vụ",
}
DISCIPLINE_NAMES = {
    "khien-trach": "khiển trách",
    "canh-cao": "cảnh cáo",
    "ha-bac-luong": "hạ bậc lương",
    "giang-chuc": "giáng chức",
    "cach-chuc": "cách chức",
    "buoc-thoi-viec": "buộc thôi việc",
}
INITIATIVE_NAMES = {"co-so": "cấp cơ sở", "tinh": "cấp tỉnh", "toan-quoc": "toàn quốc"}


_RATING_RANKS = {code: rank for rank, code in enumerate(RATINGS)}
_DISCIPLINE_RANKS = {level: rank for rank, level in enumerate(DISCIPLINE_LEVELS)}
_INITIATIVE_RANKS = {level: rank for rank, level in enumerate(INITIATIVE_LEVELS)}


def rating_rank(code: str | None) -> int:
    """The place of a rating on the scale (KHTNV 0 … HTXSNV 3); -1 for none or an unknown code."""
    return _RATING_RANKS.get(code, -1)


def discipline_rank(level: str) -> int:
    """The place of a discipline level (khiển trách 0 … buộc thôi việc 5); ValueError for an unknown one."""
    try:
        return _DISCIPLINE_RANKS[level]
    except KeyError:
        raise ValueError(f"{level!r} is not a discipline level") from None


def initiative_rank(level: str) -> int:
    """The place of an initiative level (cơ sở 0, tỉnh 1, toàn quốc 2); ValueError for an unknown one."""
    try:
        return _INITIATIVE_RANKS[level]
    except KeyError:
        raise ValueError(f"{level!r} is not an initiative level") from None


@dataclass(frozen=True)
class Title:
    award: str
    year: int
    track: str = MERIT


@dataclass(frozen=True)
class Initiative:
    year: int
    level: str
    used_for: str | None = None  # the award code it was already the basis of; None: still free


@dataclass(frozen=True)
class Discipline:
    level: str
    start: dt.date
    end: dt.date | None = None

    def overlaps_year(self, year: int) -> bool:
        return self.start <= dt.date(year, 12, 31) and (self.end is None or self.end >= dt.date(year, 1, 1))


@dataclass(frozen=True)
class Members:
    total: int
    completed_tasks: int = 0
    lao_dong_tien_tien: int = 0
    chien_si_thi_dua_co_so: int = 0
    disciplined_canh_cao_or_above: int = 0
    women: int = 0
    rated: int | None = None  # members whose rating of the year is recorded; None: not known (API input)

    @property
    def unrated(self) -> int:
        """Members whose rating of the year may still come (0 when it is not known)."""
        return self.total - self.rated if self.rated is not None else 0


@dataclass
class Facts:
    kind: str  # "individual" or "collective"
    ratings: dict = field(default_factory=dict)  # year → rating code
    titles: list = field(default_factory=list)  # [Title]
    initiatives: list = field(default_factory=list)  # [Initiative]
    discipline: list = field(default_factory=list)  # [Discipline]
    hired_on: dt.date | None = None
    gender: str = ""
    pending_review: bool = False
    maternity_leave: list = field(default_factory=list)  # [(start, end)]
    members: Members | None = None

    def holds(self, award: str, year: int, track: str = MERIT) -> bool:
        return any(t.award == award and t.year == year and t.track == track for t in self.titles)

    def held(self) -> set[tuple[str, int, str]]:
        """The titles held as (award, year, track), for many `holds` questions at once: a snapshot taken
        now (the engine takes one per evaluation, so a title appended later counts from the next one)."""
        return {(t.award, t.year, t.track) for t in self.titles}

    def free_initiatives(self, year: int, level: str) -> list:
        """Initiatives of `year` recognised at `level` or above and not yet used for another award."""
        wanted = initiative_rank(level)
        if not self.initiatives:
            return []
        return [
            i
            for i in self.initiatives
            if i.year == year and initiative_rank(i.level) >= wanted and i.used_for is None
        ]
