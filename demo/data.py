"""The demo data set as plain tables: agencies, units, posts, names and the events of 2017 → today.

Sở Tài nguyên và Môi trường tỉnh Sóc Trăng (the body that issued the seed dispatch of February 2021)
merges with Sở Nông nghiệp và Phát triển nông thôn into Sở Nông nghiệp và Môi trường tỉnh Sóc Trăng on
01/03/2025, which becomes Sở Nông nghiệp và Môi trường thành phố Cần Thơ on 01/07/2025 (NQ 202/2025/QH15).
Electronic organisation codes keep the QĐ 20/2020/QĐ-TTg format but are NOT the real codes.
Every name is invented; e-mail addresses use the reserved `.example` domain.

A person is referred to as "AGENCY/UNIT/n": the n-th post (from 0) of the unit's establishment below.
"""

import datetime as dt
from typing import NamedTuple

D = dt.date

PASSWORD = "thidua2026"
SEED = 2021
HISTORY_START = D(2017, 1, 1)
FIRST_MERGER = D(2025, 3, 1)  # Sở TN&MT + Sở NN&PTNT → Sở NN&MT tỉnh Sóc Trăng
CITY_MERGER = D(2025, 7, 1)  # Sóc Trăng + Hậu Giang + Cần Thơ → thành phố Cần Thơ
FIRST_RATED_YEAR, LAST_RATED_YEAR = 2017, 2025
MARKER_CODE = "000.00.12.H55"  # the code of the demo Sở TN&MT: its presence means the demo is loaded

CIVIL, PUBLIC, WORKER, CONTRACT = "civil_servant", "public_employee", "worker", "contract"


class AgencySpec(NamedTuple):
    key: str
    name: str
    short_name: str
    kind: str
    symbol: str
    code: str
    place_name: str
    parent: str | None = None
    valid_from: dt.date | None = None


AGENCIES = [
    AgencySpec(
        "UBND_ST",
        "UBND tỉnh Sóc Trăng",
        "UBND TỈNH SÓC TRĂNG",  # header form of its departments: "UBND" may be abbreviated (ND 30, Phụ lục I)
        "peoples_committee",
        "UBND",
        "000.00.00.H55",
        "Sóc Trăng",
    ),
    AgencySpec(
        "UBND_CT",
        "UBND thành phố Cần Thơ",
        "UBND THÀNH PHỐ CẦN THƠ",
        "peoples_committee",
        "UBND",
        "000.00.00.H19",
        "Cần Thơ",
        valid_from=CITY_MERGER,
    ),
    AgencySpec(
        "TNMT",
        "Sở Tài nguyên và Môi trường tỉnh Sóc Trăng",
        "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
        "department",
        "STNMT",
        MARKER_CODE,
        "Sóc Trăng",
        parent="UBND_ST",
    ),
    AgencySpec(
        "NNPTNT",
        "Sở Nông nghiệp và Phát triển nông thôn tỉnh Sóc Trăng",
        "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN",
        "department",
        "SNNPTNT",
        "000.00.11.H55",
        "Sóc Trăng",
        parent="UBND_ST",
    ),
    AgencySpec(
        "NNMT_ST",
        "Sở Nông nghiệp và Môi trường tỉnh Sóc Trăng",
        "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
        "department",
        "SNNMT",
        "000.00.13.H55",
        "Sóc Trăng",
        parent="UBND_ST",
        valid_from=FIRST_MERGER,
    ),
    AgencySpec(
        "NNMT_CT",
        "Sở Nông nghiệp và Môi trường thành phố Cần Thơ",
        "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
        "department",
        "SNNMT",
        "000.00.12.H19",
        "Cần Thơ",
        parent="UBND_CT",
        valid_from=CITY_MERGER,
    ),
]

# (merged agency, into, on): carried out in this order through organisations.domain.merge_agency.
MERGERS = [
    ("TNMT", "NNMT_ST", FIRST_MERGER),
    ("NNPTNT", "NNMT_ST", FIRST_MERGER),
    ("NNMT_ST", "NNMT_CT", CITY_MERGER),
    ("UBND_ST", "UBND_CT", CITY_MERGER),
]


class UnitSpec(NamedTuple):
    symbol: str
    name: str
    kind: str
    posts: tuple  # (position, count) pairs; the first post is the head's
    category: str = CIVIL  # staff category of the unit's posts (see POST_CATEGORY for exceptions)
    parent: str | None = None


def _branch(symbol, place, posts):
    return UnitSpec(symbol, f"Chi nhánh Văn phòng Đăng ký đất đai {place}", "branch", posts, PUBLIC, "VPDKDD")


BRANCH_POSTS = (("Giám đốc Chi nhánh", 1), ("Phó Giám đốc Chi nhánh", 1), ("Kỹ sư", 1), ("Chuyên viên", 2))

TNMT_UNITS = [
    UnitSpec("BGD", "Ban Giám đốc", "leadership", (("Giám đốc", 1), ("Phó Giám đốc", 3))),
    UnitSpec(
        "VP",
        "Văn phòng",
        "office",
        (
            ("Chánh Văn phòng", 1),
            ("Phó Chánh Văn phòng", 2),
            ("Chuyên viên chính", 1),
            ("Chuyên viên", 3),
            ("Văn thư", 1),
            ("Nhân viên lái xe", 1),
            ("Nhân viên bảo vệ", 1),
        ),
    ),
    UnitSpec(
        "TTR",
        "Thanh tra",
        "inspectorate",
        (
            ("Chánh Thanh tra", 1),
            ("Phó Chánh Thanh tra", 1),
            ("Thanh tra viên chính", 1),
            ("Thanh tra viên", 3),
        ),
    ),
    UnitSpec(
        "KHTC",
        "Phòng Kế hoạch - Tài chính",
        "division",
        (("Trưởng phòng", 1), ("Phó Trưởng phòng", 1), ("Kế toán viên", 2), ("Chuyên viên", 1)),
    ),
    UnitSpec(
        "QLDD",
        "Phòng Quản lý đất đai",
        "division",
        (("Trưởng phòng", 1), ("Phó Trưởng phòng", 2), ("Chuyên viên chính", 2), ("Chuyên viên", 3)),
    ),
    UnitSpec(
        "TNN",
        "Phòng Tài nguyên nước, Khí tượng thủy văn và Biến đổi khí hậu",
        "division",
        (("Trưởng phòng", 1), ("Phó Trưởng phòng", 1), ("Chuyên viên chính", 1), ("Chuyên viên", 2)),
    ),
    UnitSpec(
        "MT",
        "Phòng Môi trường",
        "division",
        (("Trưởng phòng", 1), ("Phó Trưởng phòng", 1), ("Chuyên viên", 3)),
    ),
    UnitSpec(
        "KS",
        "Phòng Khoáng sản",
        "division",
        (("Trưởng phòng", 1), ("Phó Trưởng phòng", 1), ("Chuyên viên", 2)),
    ),
    UnitSpec(
        "CCBVMT",
        "Chi cục Bảo vệ môi trường",
        "affiliate",
        (
            ("Chi cục trưởng", 1),
            ("Phó Chi cục trưởng", 1),
            ("Chuyên viên chính", 1),
            ("Chuyên viên", 4),
            ("Kế toán viên", 1),
        ),
    ),
    UnitSpec(
        "CCBHD",
        "Chi cục Biển và Hải đảo",
        "affiliate",
        (("Chi cục trưởng", 1), ("Phó Chi cục trưởng", 1), ("Chuyên viên", 3)),
    ),
    UnitSpec(
        "TTCNTT",
        "Trung tâm Công nghệ thông tin",
        "affiliate",
        (
            ("Giám đốc Trung tâm", 1),
            ("Phó Giám đốc Trung tâm", 1),
            ("Kỹ sư", 4),
            ("Kế toán viên", 1),
            ("Nhân viên", 1),
        ),
        PUBLIC,
    ),
    UnitSpec(
        "VPDKDD",
        "Văn phòng Đăng ký đất đai",
        "affiliate",
        (
            ("Giám đốc Văn phòng", 1),
            ("Phó Giám đốc Văn phòng", 2),
            ("Kỹ sư", 3),
            ("Chuyên viên", 3),
            ("Kế toán viên", 1),
            ("Văn thư", 1),
            ("Nhân viên lái xe", 1),
        ),
        PUBLIC,
    ),
    _branch(
        "CNST", "thành phố Sóc Trăng", (*BRANCH_POSTS[:2], ("Kỹ sư", 2), ("Chuyên viên", 2), ("Nhân viên", 1))
    ),
    _branch("CNMX", "huyện Mỹ Xuyên", BRANCH_POSTS),
    _branch("CNTD", "huyện Trần Đề", BRANCH_POSTS),
    _branch("CNVC", "thị xã Vĩnh Châu", BRANCH_POSTS),
    _branch("CNKS", "huyện Kế Sách", BRANCH_POSTS),
    UnitSpec(
        "TTQT",
        "Trung tâm Quan trắc tài nguyên và môi trường",
        "affiliate",
        (("Giám đốc Trung tâm", 1), ("Phó Giám đốc Trung tâm", 1), ("Quan trắc viên", 3), ("Kỹ sư", 2)),
        PUBLIC,
    ),
    UnitSpec(
        "TTPTQD",
        "Trung tâm Phát triển quỹ đất",
        "affiliate",
        (
            ("Giám đốc Trung tâm", 1),
            ("Phó Giám đốc Trung tâm", 1),
            ("Kỹ sư", 2),
            ("Chuyên viên", 3),
            ("Kế toán viên", 1),
        ),
        PUBLIC,
    ),
]

NNPTNT_UNITS = [
    UnitSpec("BGD", "Ban Giám đốc", "leadership", (("Giám đốc", 1), ("Phó Giám đốc", 2))),
    UnitSpec("VP", "Văn phòng", "office", (("Chánh Văn phòng", 1), ("Chuyên viên", 2), ("Văn thư", 1))),
    UnitSpec(
        "CCTL",
        "Chi cục Thủy lợi",
        "affiliate",
        (("Chi cục trưởng", 1), ("Phó Chi cục trưởng", 1), ("Chuyên viên", 2)),
    ),
    UnitSpec(
        "CCTTBVTV",
        "Chi cục Trồng trọt và Bảo vệ thực vật",
        "affiliate",
        (("Chi cục trưởng", 1), ("Phó Chi cục trưởng", 1), ("Chuyên viên", 2)),
    ),
    UnitSpec(
        "CCCNTY", "Chi cục Chăn nuôi và Thú y", "affiliate", (("Chi cục trưởng", 1), ("Chuyên viên", 2))
    ),
]

_MERGED_ORDER = ("BGD", "VP", "TTR", "KHTC", "QLDD", "TNN", "MT", "KS", "CCBVMT", "CCBHD")
_NNPTNT_ONLY = [u._replace(posts=()) for u in NNPTNT_UNITS if u.symbol.startswith("CC")]
_TNMT_BY_SYMBOL = {u.symbol: u._replace(posts=()) for u in TNMT_UNITS}
NNMT_ST_UNITS = [
    *(_TNMT_BY_SYMBOL[s] for s in _MERGED_ORDER),
    *_NNPTNT_ONLY,
    *(u for s, u in _TNMT_BY_SYMBOL.items() if s not in _MERGED_ORDER),
]
# District level ends on 01/07/2025: the Cần Thơ branches are named after areas (khu vực).
_AREA_NAMES = {
    "CNST": "Sóc Trăng",
    "CNMX": "Mỹ Xuyên",
    "CNTD": "Trần Đề",
    "CNVC": "Vĩnh Châu",
    "CNKS": "Kế Sách",
}
NNMT_CT_UNITS = [
    u._replace(name=f"Chi nhánh Văn phòng Đăng ký đất đai khu vực {_AREA_NAMES[u.symbol]}")
    if u.symbol in _AREA_NAMES
    else u
    for u in NNMT_ST_UNITS
]
UNITS = {"TNMT": TNMT_UNITS, "NNPTNT": NNPTNT_UNITS, "NNMT_ST": NNMT_ST_UNITS, "NNMT_CT": NNMT_CT_UNITS}

# Each unit continues in the successor's unit with the same symbol.
STAFFED_AGENCIES = {"TNMT": "TNMT", "NNPTNT": "NNPTNT"}  # agency key → staff code prefix
EMAIL_DOMAINS = {"TNMT": "stnmt.soctrang.example", "NNPTNT": "snnptnt.soctrang.example"}

# Heads first, then deputies: the unit head is the holder of the lowest-ranked leadership post.
LEADERSHIP_RANK = {
    "Giám đốc": 0,
    "Chánh Văn phòng": 0,
    "Chánh Thanh tra": 0,
    "Trưởng phòng": 0,
    "Chi cục trưởng": 0,
    "Giám đốc Trung tâm": 0,
    "Giám đốc Văn phòng": 0,
    "Giám đốc Chi nhánh": 0,
    "Phó Giám đốc": 1,
    "Phó Chánh Văn phòng": 1,
    "Phó Chánh Thanh tra": 1,
    "Phó Trưởng phòng": 1,
    "Phó Chi cục trưởng": 1,
    "Phó Giám đốc Trung tâm": 1,
    "Phó Giám đốc Văn phòng": 1,
    "Phó Giám đốc Chi nhánh": 1,
}
POST_CATEGORY = {"Nhân viên lái xe": WORKER, "Nhân viên bảo vệ": CONTRACT, "Nhân viên": CONTRACT}
# Share of women by post (default 0.46); a few posts are fixed for the demo accounts.
FEMALE_SHARE = {
    "Giám đốc": 0.0,
    "Văn thư": 0.85,
    "Kế toán viên": 0.75,
    "Nhân viên lái xe": 0.0,
    "Nhân viên bảo vệ": 0.0,
}
DEFAULT_FEMALE_SHARE = 0.46
FORCED_GENDER = {"TNMT/VP/4": "female", "TNMT/VP/7": "female", "TNMT/BGD/1": "male"}
# Birth years by rank (0 heads, 1 deputies, 2 others, 3 recruits of later years).
BIRTH_YEARS = {0: (1965, 1975), 1: (1967, 1982), 2: (1972, 1995), 3: (1990, 1998)}
KHMER_SHARE, HOA_SHARE = 0.10, 0.04

# --- Names ---------------------------------------------------------------------------------------
# Family names with rough weights for the Mekong delta (Huỳnh and Võ are the southern Hoàng and Vũ).
KINH_FAMILY = {
    "Nguyễn": 31,
    "Trần": 11,
    "Lê": 9,
    "Huỳnh": 7,
    "Võ": 6,
    "Phạm": 5,
    "Phan": 4,
    "Trương": 2,
    "Đặng": 2,
    "Hồ": 2,
    "Bùi": 1.5,
    "Đỗ": 1.5,
    "Ngô": 1.5,
    "Dương": 1.5,
    "Lý": 1,
    "Hoàng": 1,
    "Vũ": 1,
    "Lưu": 1,
    "Đinh": 1,
    "Châu": 1,
    "Tô": 1,
    "Mai": 1,
    "Cao": 1,
    "Lâm": 1,
}
KHMER_FAMILY = {"Thạch": 5, "Sơn": 4, "Kim": 3, "Lâm": 2, "Lý": 1, "Triệu": 1, "Danh": 1}
HOA_FAMILY = {"Lâm": 3, "Lý": 2, "Quách": 2, "Trương": 1, "Tăng": 1, "Mã": 1, "Diệp": 1}
MIDDLE = {
    "male": {
        "Văn": 40,
        "Minh": 8,
        "Thanh": 8,
        "Quốc": 6,
        "Hoàng": 5,
        "Hữu": 5,
        "Công": 4,
        "Tấn": 4,
        "Đức": 3,
        "Ngọc": 3,
        "Trung": 3,
        "Chí": 3,
        "Thành": 3,
        "Phước": 2,
        "Duy": 2,
        "Hoài": 2,
        "Trọng": 2,
    },
    "female": {
        "Thị": 40,
        "Ngọc": 6,
        "Thanh": 5,
        "Thị Kim": 5,
        "Thị Thu": 4,
        "Thị Ngọc": 4,
        "Thị Mỹ": 4,
        "Thị Thanh": 4,
        "Thị Hồng": 3,
        "Kim": 3,
        "Mỹ": 3,
        "Thúy": 2,
        "Phương": 2,
        "Hồng": 2,
        "Bích": 2,
        "Thị Bích": 2,
    },
}
GIVEN = {
    "male": (
        "Hùng",
        "Dũng",
        "Tuấn",
        "Hải",
        "Phong",
        "Nam",
        "Khoa",
        "Trí",
        "Tâm",
        "Phúc",
        "Lộc",
        "Tài",
        "Thắng",
        "Hiếu",
        "Toàn",
        "Sơn",
        "Hậu",
        "Nghĩa",
        "Vinh",
        "Bình",
        "Cường",
        "Kiệt",
        "Duy",
        "Long",
        "Hòa",
        "Nhân",
        "Thiện",
        "Tùng",
        "Quang",
        "Hưng",
        "Đạt",
        "Khánh",
        "Trung",
        "Bảo",
        "Thịnh",
        "Tín",
        "Phát",
        "Lợi",
        "Triều",
        "Minh",
        "Thông",
        "Nhựt",
        "Định",
        "Hoàng",
    ),
    "female": (
        "Lan",
        "Hương",
        "Hoa",
        "Mai",
        "Thảo",
        "Trang",
        "Linh",
        "Ngọc",
        "Hạnh",
        "Nhung",
        "Loan",
        "Phương",
        "Thủy",
        "Hằng",
        "Trinh",
        "Tuyền",
        "Diễm",
        "Yến",
        "Vy",
        "Nhi",
        "Thư",
        "Ngân",
        "Hà",
        "Quyên",
        "Uyên",
        "Tiên",
        "Giang",
        "Oanh",
        "Kiều",
        "Thùy",
        "Nga",
        "Xuân",
        "Hồng",
        "Dung",
        "Hiền",
        "Ánh",
        "Liên",
        "Châu",
        "Duyên",
        "Nguyệt",
    ),
}
# Compound given names, stored whole in given_name (the split heuristic cannot find them).
COMPOUND_GIVEN = {
    "male": ("Minh Khoa", "Quốc Bảo", "Hoàng Long", "Thành Đạt"),
    "female": ("Kim Ngân", "Thanh Tâm", "Bảo Ngọc", "Phương Thảo", "Ngọc Ánh"),
}
COMPOUND_SHARE = 0.05
KHMER_GIVEN = {
    "male": (
        "Sô Phol",
        "Sóc Khoa",
        "Chanh Đa",
        "Sa Rinh",
        "Sà Phon",
        "Sa Muôl",
        "Sóc Ra",
        "Chanh Ra",
        "Sa Rươn",
        "Phi Rum",
    ),
    "female": (
        "Sa Rênh",
        "Sa Ry",
        "Sà Rươl",
        "Sà Ly",
        "Sô Phia",
        "Chanh Thy",
        "Sà Mây",
        "Sô Pha",
        "Ma Ly",
        "Chanh Na",
    ),
}
KHMER_NATIVE_SHARE = 0.5  # Khmer staff with a Khmer given name (the others have a Vietnamese one)


# --- Events of 2017 → today -------------------------------------------------------------------------


class Hire(NamedTuple):
    date: dt.date
    ref: str  # "AGENCY/+n": the n-th recruit of the agency
    unit: str  # "AGENCY/UNIT"
    position: str


class Transfer(NamedTuple):
    date: dt.date
    ref: str
    unit: str
    position: str
    note: str = "Điều động"


class Leave(NamedTuple):
    date: dt.date  # the last day in post
    ref: str
    why: str  # kept for the reader: end_assignment records no reason


class DisciplineSpec(NamedTuple):
    ref: str
    form: str
    start: dt.date
    months: int
    decision_number: str
    reason: str


HIRES = [
    Hire(D(2018, 9, 1), "TNMT/+1", "TNMT/TTPTQD", "Chuyên viên"),
    Hire(D(2019, 3, 1), "TNMT/+2", "TNMT/QLDD", "Chuyên viên"),
    Hire(D(2019, 5, 1), "NNPTNT/+1", "NNPTNT/CCTL", "Chuyên viên"),
    Hire(D(2019, 7, 1), "TNMT/+3", "TNMT/KS", "Chuyên viên"),
    Hire(D(2020, 10, 1), "TNMT/+4", "TNMT/TTCNTT", "Kỹ sư"),
    Hire(D(2021, 3, 1), "TNMT/+5", "TNMT/VP", "Chuyên viên"),
    Hire(D(2021, 9, 1), "TNMT/+6", "TNMT/TTQT", "Quan trắc viên"),
    Hire(D(2022, 3, 1), "NNPTNT/+2", "NNPTNT/CCTTBVTV", "Chuyên viên"),
    Hire(D(2022, 6, 1), "TNMT/+7", "TNMT/CNTD", "Chuyên viên"),
    Hire(D(2022, 9, 1), "TNMT/+8", "TNMT/MT", "Chuyên viên"),
    Hire(D(2023, 2, 1), "TNMT/+9", "TNMT/CCBVMT", "Chuyên viên"),
    Hire(D(2023, 11, 1), "TNMT/+10", "TNMT/TTQT", "Kỹ sư"),
    Hire(D(2024, 3, 1), "TNMT/+11", "TNMT/TTPTQD", "Chuyên viên"),
    Hire(D(2024, 8, 1), "TNMT/+12", "TNMT/TNN", "Chuyên viên"),
]

PROMOTED = "Bổ nhiệm"
TRANSFERS = [
    Transfer(D(2018, 3, 1), "TNMT/MT/4", "TNMT/CCBVMT", "Chuyên viên"),
    Transfer(D(2019, 7, 1), "TNMT/QLDD/1", "TNMT/KS", "Trưởng phòng", PROMOTED),
    Transfer(D(2019, 7, 1), "TNMT/QLDD/3", "TNMT/QLDD", "Phó Trưởng phòng", PROMOTED),
    Transfer(D(2020, 1, 1), "TNMT/BGD/1", "TNMT/BGD", "Giám đốc", PROMOTED),
    Transfer(D(2020, 3, 1), "TNMT/VP/0", "TNMT/BGD", "Phó Giám đốc", PROMOTED),
    Transfer(D(2020, 3, 1), "TNMT/VP/1", "TNMT/VP", "Chánh Văn phòng", PROMOTED),
    Transfer(D(2020, 3, 1), "TNMT/VP/3", "TNMT/VP", "Phó Chánh Văn phòng", PROMOTED),
    Transfer(D(2021, 1, 1), "TNMT/CNMX/4", "TNMT/CNTD", "Chuyên viên", "Luân chuyển"),
    Transfer(D(2021, 9, 1), "TNMT/TTCNTT/1", "TNMT/TTQT", "Giám đốc Trung tâm", PROMOTED),
    Transfer(D(2021, 9, 1), "TNMT/TTCNTT/2", "TNMT/TTCNTT", "Phó Giám đốc Trung tâm", PROMOTED),
    Transfer(D(2022, 4, 1), "TNMT/VP/5", "TNMT/KHTC", "Chuyên viên"),
    Transfer(D(2023, 1, 1), "TNMT/MT/0", "TNMT/TTR", "Chánh Thanh tra", PROMOTED),
    Transfer(D(2023, 1, 1), "TNMT/CCBVMT/0", "TNMT/MT", "Trưởng phòng"),
    Transfer(D(2023, 1, 1), "TNMT/CCBVMT/1", "TNMT/CCBVMT", "Chi cục trưởng", PROMOTED),
    Transfer(D(2024, 1, 1), "TNMT/VPDKDD/2", "TNMT/TTPTQD", "Phó Giám đốc Trung tâm"),
    Transfer(D(2024, 1, 1), "TNMT/CNVC/0", "TNMT/VPDKDD", "Phó Giám đốc Văn phòng", PROMOTED),
    Transfer(D(2024, 1, 1), "TNMT/CNVC/1", "TNMT/CNVC", "Giám đốc Chi nhánh", PROMOTED),
    Transfer(D(2024, 7, 1), "TNMT/QLDD/7", "TNMT/VP", "Chuyên viên"),
    Transfer(D(2025, 10, 1), "TNMT/CNKS/1", "NNMT_CT/CNKS", "Giám đốc Chi nhánh", PROMOTED),
]

_EARLY = "Nghỉ hưu trước tuổi (Nghị định 178/2024/NĐ-CP)"
LEAVES = [
    Leave(D(2018, 7, 31), "TNMT/TTPTQD/5", "Nghỉ việc theo nguyện vọng"),
    Leave(D(2019, 6, 30), "TNMT/KS/0", "Chuyển công tác"),
    Leave(D(2019, 12, 31), "TNMT/BGD/0", "Chuyển công tác"),
    Leave(D(2020, 9, 30), "TNMT/TTCNTT/5", "Nghỉ việc theo nguyện vọng"),
    Leave(D(2021, 8, 31), "TNMT/TTQT/0", "Chuyển công tác"),
    Leave(D(2022, 5, 31), "TNMT/CNTD/4", "Nghỉ việc theo nguyện vọng"),
    Leave(D(2022, 12, 31), "TNMT/TTR/0", "Chuyển công tác"),
    Leave(D(2023, 10, 31), "TNMT/TTQT/4", "Nghỉ việc theo nguyện vọng"),
    Leave(D(2023, 12, 31), "TNMT/TTPTQD/1", "Nghỉ việc theo nguyện vọng"),
    Leave(D(2024, 12, 31), "NNPTNT/BGD/0", "Chuyển công tác"),
    Leave(D(2025, 1, 31), "NNPTNT/VP/0", _EARLY),
    Leave(D(2025, 3, 31), "TNMT/BGD/2", _EARLY),
    Leave(D(2025, 5, 31), "TNMT/CCBHD/0", _EARLY),
    Leave(D(2025, 9, 30), "TNMT/CNKS/0", _EARLY),
]

DISCIPLINES = [
    DisciplineSpec(
        "TNMT/CNST/3",
        "reprimand",
        D(2019, 9, 16),
        6,
        "86/QĐ-VPĐKĐĐ",
        "Chậm giải quyết hồ sơ đăng ký biến động đất đai quá thời hạn quy định",
    ),
    DisciplineSpec(
        "NNPTNT/CCTL/3", "reprimand", D(2020, 6, 1), 6, "58/QĐ-SNN", "Vi phạm quy định về thời gian làm việc"
    ),
    DisciplineSpec(
        "TNMT/TTR/4", "reprimand", D(2021, 11, 15), 6, "215/QĐ-STNMT", "Vi phạm quy chế làm việc của cơ quan"
    ),
    DisciplineSpec(
        "TNMT/CNVC/3",
        "warning",
        D(2022, 11, 10),
        12,
        "37/QĐ-VPĐKĐĐ",
        "Vi phạm quy định trong chỉnh lý hồ sơ địa chính",
    ),
    DisciplineSpec(
        "TNMT/TTPTQD/3",
        "reprimand",
        D(2024, 10, 1),
        6,
        "142/QĐ-STNMT",
        "Thiếu trách nhiệm trong kiểm kê, bồi thường, giải phóng mặt bằng",
    ),
]


# Matters under review and maternity leave, for today's Sở NN&MT: the first is still open (the person's awards
# are deferred in "who is due", NĐ 152/2025/NĐ-CP Art. 4 cl.4); the leave falls in the current year and counts
# as working time (cl.5). Dates are relative to today, so the demo shows them whatever the year.
class ReviewSpec(NamedTuple):
    ref: str
    kind: str  # people.models.ProceedingKind
    days_ago: int  # opened this many days before today; still open
    note: str


class MaternitySpec(NamedTuple):
    ref: str
    start_month: int  # starts on the 1st of this month of the current year
    months: int


REVIEWS = [
    ReviewSpec(
        "TNMT/QLDD/5",
        "inspection",
        20,
        "Thông báo số 12/TB-TTr về việc kiểm tra hồ sơ giao đất, cho thuê đất do công chức thụ lý",
    ),
]
MATERNITY_LEAVES = [MaternitySpec("TNMT/CCBVMT/4", 2, 6)]

# Annual rating shares (the rest "good"); a person disciplined in the year is rated per DISCIPLINED_RATING.
EXCELLENT_SHARE = {"leader": 0.30, "staff": 0.14}
COMPLETED_SHARE, NOT_COMPLETED_SHARE = 0.04, 0.004
# No one disciplined in the year is rated above "completed" (NĐ 90/2020/NĐ-CP; from 01/07/2026 a viên chức
# disciplined for a task-related violation is "not completed": NĐ 233/2026/NĐ-CP Art. 12 cl.4).
DISCIPLINED_RATING = {"reprimand": "completed", "warning": "not_completed"}
MIN_DAYS_RATED = 183  # under 6 months of work in the year: not rated (NĐ 233/2026/NĐ-CP Art. 14 cl.1)
# The collectives' own annual ratings (xếp loại chất lượng tập thể), given with the staff's for the same years
# to every unit in force at the end of the year with staff in it: shares of the levels (the rest "good"). The
# collective titles rest on them (TTLĐTT: Luật TĐKT 2022 Điều 28; TTLĐXS: Điều 27), so "who is due" lists
# collectives for the rated years and, one step away, for the current year.
UNIT_EXCELLENT_SHARE, UNIT_COMPLETED_SHARE = 0.35, 0.08

# --- Demo accounts -----------------------------------------------------------------------------------


class AccountSpec(NamedTuple):
    username: str
    role: str
    label: str  # the role in Vietnamese, for the printed table
    scope: str | None  # None (whole installation), "AGENCY" or "AGENCY/UNIT" (current units)
    person: str | None  # "AGENCY/UNIT/n" of the person the account belongs to


ACCOUNTS = [
    AccountSpec("admin", "system_admin", "Quản trị hệ thống", None, None),
    AccountSpec(
        "thuongtruc", "secretariat", "Thường trực Hội đồng Thi đua - Khen thưởng", "NNMT_CT", "TNMT/VP/3"
    ),
    AccountSpec(
        "hoidong", "council_member", "Thành viên Hội đồng Thi đua - Khen thưởng", "NNMT_CT", "TNMT/BGD/3"
    ),
    AccountSpec("giamdoc", "agency_leader", "Lãnh đạo cơ quan", "NNMT_CT", "TNMT/BGD/1"),
    AccountSpec("truongphong", "unit_head", "Trưởng đơn vị", "NNMT_CT/VP", "TNMT/VP/1"),
    AccountSpec("canbothidua", "unit_officer", "Cán bộ thi đua của đơn vị", "NNMT_CT/VP", "TNMT/VP/4"),
    AccountSpec("nhanvien", "staff", "Cán bộ, công chức, viên chức", None, "TNMT/VP/7"),
    AccountSpec("bientap", "portal_editor", "Biên tập viên cổng thông tin", "NNMT_CT", "TNMT/TTCNTT/3"),
    AccountSpec("vanthu", "clerk", "Văn thư", "NNMT_CT", "NNPTNT/VP/3"),
]
