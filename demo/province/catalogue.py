"""What the generated province is made of: its departments (Sở) in generator order, each with the units of its
kind of work, and the posts of each kind of unit with their usual staffing.

The first department is the largest (Sở Giáo dục và Đào tạo: the provincial schools' teachers, ~40 % of the
people); the second is the 2025 merger (Sở Tài nguyên và Môi trường + Sở Nông nghiệp và Phát triển nông thôn →
Sở Nông nghiệp và Môi trường on 01/03/2025, as the demo's Sóc Trăng Departments did).
"""

from typing import NamedTuple

CIVIL, PUBLIC, WORKER, CONTRACT = "civil_servant", "public_employee", "worker", "contract"


class Staffing(NamedTuple):
    head: str
    deputy: str
    staff: tuple  # ((position, weight), ...): the posts of the other staff
    category: str  # staff category of the unit's posts (POST_CATEGORY overrides)
    weight: float  # relative head count of the unit's other staff
    deputies: tuple = (1, 2)  # (fewest, most) deputies


_EXPERTS = (("Chuyên viên", 5), ("Chuyên viên chính", 2))
STAFFING = {
    "leadership": Staffing("Giám đốc", "Phó Giám đốc", (), CIVIL, 0, (2, 3)),
    "office": Staffing(
        "Chánh Văn phòng",
        "Phó Chánh Văn phòng",
        (*_EXPERTS, ("Văn thư", 1), ("Kế toán viên", 1), ("Nhân viên lái xe", 1), ("Nhân viên bảo vệ", 1)),
        CIVIL,
        14,
    ),
    "inspectorate": Staffing(
        "Chánh Thanh tra",
        "Phó Chánh Thanh tra",
        (("Thanh tra viên", 4), ("Thanh tra viên chính", 1)),
        CIVIL,
        7,
    ),
    "division": Staffing("Trưởng phòng", "Phó Trưởng phòng", _EXPERTS, CIVIL, 8),
    "subdept": Staffing(
        "Chi cục trưởng",
        "Phó Chi cục trưởng",
        (*_EXPERTS, ("Kiểm soát viên", 1), ("Kế toán viên", 1)),
        CIVIL,
        8,
    ),
    "centre": Staffing(
        "Giám đốc Trung tâm",
        "Phó Giám đốc Trung tâm",
        (("Viên chức", 4), ("Kỹ sư", 2), ("Kế toán viên", 1), ("Nhân viên", 1)),
        PUBLIC,
        10,
    ),
    "section": Staffing(
        "Trưởng phòng", "Phó Trưởng phòng", (("Viên chức", 4), ("Chuyên viên", 1)), PUBLIC, 8
    ),
    "school": Staffing(
        "Hiệu trưởng", "Phó Hiệu trưởng", (("Kế toán viên", 1), ("Văn thư", 1), ("Nhân viên", 1)), PUBLIC, 3
    ),
    "team": Staffing("Tổ trưởng", "Tổ phó", (("Giáo viên", 1),), PUBLIC, 13, (0, 1)),
    "hospital": Staffing(
        "Giám đốc Bệnh viện", "Phó Giám đốc Bệnh viện", (("Bác sĩ", 1), ("Kế toán viên", 1)), PUBLIC, 3
    ),
    "ward": Staffing(
        "Trưởng khoa",
        "Phó Trưởng khoa",
        (("Bác sĩ", 3), ("Điều dưỡng", 5), ("Kỹ thuật viên", 1), ("Hộ sinh", 1), ("Dược sĩ", 1)),
        PUBLIC,
        16,
    ),
    "station": Staffing(
        "Trạm trưởng", "Phó Trạm trưởng", (("Viên chức", 2), ("Kỹ thuật viên", 1)), PUBLIC, 6, (0, 1)
    ),
    "branch": Staffing(
        "Giám đốc Chi nhánh", "Phó Giám đốc Chi nhánh", (("Viên chức", 3), ("Kỹ sư", 1)), PUBLIC, 8, (1, 1)
    ),
}
POST_CATEGORY = {"Nhân viên lái xe": WORKER, "Nhân viên bảo vệ": CONTRACT, "Nhân viên": CONTRACT}
# Share of women by post (default 0.46).
FEMALE_SHARE = {
    "Giám đốc": 0.1,
    "Giáo viên": 0.72,
    "Điều dưỡng": 0.82,
    "Hộ sinh": 1.0,
    "Văn thư": 0.85,
    "Kế toán viên": 0.75,
    "Nhân viên lái xe": 0.0,
    "Nhân viên bảo vệ": 0.0,
}
DEFAULT_FEMALE_SHARE = 0.46
# Birth years by rank (0 heads, 1 deputies, 2 others); recruits of the period are born later.
BIRTH_YEARS = {0: (1966, 1978), 1: (1968, 1984), 2: (1966, 1996)}


class UnitSpec(NamedTuple):
    symbol: str
    name: str
    kind: str  # organisations.models.UnitKind
    staffing: str
    children: str = ""  # key of CHILDREN: the sub-units it has


class Pattern(NamedTuple):
    """Affiliated units named after a place or a person: one per value of `fills`, then numbered."""

    name: str  # with {} for the fill
    kind: str
    staffing: str
    children: str = ""
    fills: tuple = ()


class AgencySpec(NamedTuple):
    key: str
    name: str
    short_name: str
    symbol: str
    profile: str
    weight: float  # share of the people (the first is fixed at 40 %)
    domain: str  # e-mail domain (the reserved .example)


def _sở(key, words, symbol, profile, weight) -> AgencySpec:
    return AgencySpec(
        key,
        f"Sở {words} tỉnh Vĩnh Long",
        f"SỞ {words.upper()}",
        symbol,
        profile,
        weight,
        f"{key.lower()}.vinhlong.example",
    )


AGENCIES = [
    _sở("GDDT", "Giáo dục và Đào tạo", "SGDĐT", "education", 0.40),
    _sở("NNMT", "Nông nghiệp và Môi trường", "SNNMT", "environment", 0.14),
    _sở("YT", "Y tế", "SYT", "health", 0.16),
    _sở("XD", "Xây dựng", "SXD", "construction", 0.05),
    _sở("TC", "Tài chính", "STC", "finance", 0.04),
    _sở("NV", "Nội vụ", "SNV", "home", 0.04),
    _sở("CT", "Công Thương", "SCT", "trade", 0.045),
    _sở("VHTTDL", "Văn hóa, Thể thao và Du lịch", "SVHTTDL", "culture", 0.045),
    _sở("KHCN", "Khoa học và Công nghệ", "SKHCN", "science", 0.04),
    _sở("TP", "Tư pháp", "STP", "justice", 0.04),
    _sở("DTTG", "Dân tộc và Tôn giáo", "SDTTG", "generic", 0.02),
    _sở("NGV", "Ngoại vụ", "SNGV", "generic", 0.02),
]
MERGED_INTO = "NNMT"  # the successor of the merger (second in generator order)
PREDECESSORS = [
    _sở("TNMT", "Tài nguyên và Môi trường", "STNMT", "environment", 0.55),
    _sở("NNPTNT", "Nông nghiệp và Phát triển nông thôn", "SNNPTNT", "rural", 0.45),
]
PROVINCE_COMMITTEE = AgencySpec(
    "UBND", "UBND tỉnh Vĩnh Long", "UBND TỈNH VĨNH LONG", "UBND", "", 0, "vinhlong.example"
)
CODE_AREA = "H62"  # the last group of the electronic codes (QĐ 20/2020/QĐ-TTg format, invented)
MARKER_CODE = f"000.00.00.{CODE_AREA}"  # the province committee's code: its presence means generated
