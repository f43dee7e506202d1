"""The unit trees of each kind of department (the "profile" of catalogue.AgencySpec): its core units, then
its affiliated units (named once, or repeated over places and names by a Pattern), each with its sub-units."""

from typing import NamedTuple

from .catalogue import Pattern, UnitSpec
from .places import AREAS, COMMUNES, SCHOOL_NAMES


def _core(divisions: tuple, *, inspectorate: bool = True) -> list[UnitSpec]:
    units = [
        UnitSpec("BGD", "Ban Giám đốc", "leadership", "leadership"),
        UnitSpec("VP", "Văn phòng", "office", "office"),
    ]
    if inspectorate:
        units.append(UnitSpec("TTR", "Thanh tra", "inspectorate", "inspectorate"))
    return units + [UnitSpec(symbol, name, "division", "division") for symbol, name in divisions]


TEAMS = (
    "Tổ Toán - Tin học",
    "Tổ Ngữ văn",
    "Tổ Ngoại ngữ",
    "Tổ Vật lý - Công nghệ",
    "Tổ Hóa học - Sinh học",
    "Tổ Lịch sử - Địa lý - Giáo dục kinh tế và pháp luật",
    "Tổ Thể dục - Giáo dục quốc phòng và an ninh",
    "Tổ Văn phòng",
)
WARDS = (
    "Khoa Khám bệnh",
    "Khoa Nội tổng hợp",
    "Khoa Ngoại tổng hợp",
    "Khoa Hồi sức tích cực - Chống độc",
    "Khoa Cấp cứu",
    "Khoa Sản",
    "Khoa Nhi",
    "Khoa Xét nghiệm",
    "Khoa Chẩn đoán hình ảnh",
    "Khoa Dược",
    "Phòng Kế hoạch tổng hợp",
    "Phòng Điều dưỡng",
    "Phòng Tổ chức - Hành chính",
    "Khoa Truyền nhiễm",
    "Khoa Y học cổ truyền",
    "Khoa Phục hồi chức năng",
    "Khoa Kiểm soát nhiễm khuẩn",
    "Khoa Gây mê hồi sức",
)
SECTIONS = ("Phòng Hành chính - Tổng hợp", "Phòng Nghiệp vụ", "Phòng Kế hoạch - Kỹ thuật", "Phòng Kiểm tra")


class Children(NamedTuple):
    names: tuple  # a name, or a name with {} for the fill
    kind: str
    staffing: str
    fewest: int
    most: int


CHILDREN = {
    "teams": Children(TEAMS, "other", "team", 4, 7),
    "wards": Children(WARDS, "other", "ward", 6, 14),
    "health_posts": Children(tuple(f"Trạm Y tế xã {c}" for c in COMMUNES), "other", "station", 3, 8),
    "sections": Children(SECTIONS, "other", "section", 2, 4),
    "land": Children(
        tuple(f"Chi nhánh Văn phòng Đăng ký đất đai khu vực {a}" for a in AREAS), "branch", "branch", 3, 8
    ),
    "crops": Children(
        tuple(f"Trạm Trồng trọt và Bảo vệ thực vật {a}" for a in AREAS), "other", "station", 3, 6
    ),
    "vets": Children(tuple(f"Trạm Chăn nuôi và Thú y {a}" for a in AREAS), "other", "station", 3, 6),
    "markets": Children(
        tuple(f"Đội Quản lý thị trường số {n}" for n in range(1, 25)), "other", "station", 4, 9
    ),
    "legal": Children(
        tuple(f"Chi nhánh Trợ giúp pháp lý khu vực {a}" for a in AREAS), "branch", "branch", 3, 6
    ),
}

_SCHOOLS = (*SCHOOL_NAMES, *AREAS, *(f"xã {c}" for c in COMMUNES))
_KHTC = ("KHTC", "Phòng Kế hoạch - Tài chính")
_TCCB = ("TCCB", "Phòng Tổ chức cán bộ")


class Profile(NamedTuple):
    core: list
    affiliates: tuple  # UnitSpec (once) and Pattern (repeated)


PROFILES = {
    "education": Profile(
        _core(
            (
                ("GDTRH", "Phòng Giáo dục trung học"),
                ("GDMNTH", "Phòng Giáo dục mầm non và tiểu học"),
                ("GDTX", "Phòng Giáo dục thường xuyên và chuyên nghiệp"),
                ("KTKD", "Phòng Khảo thí và Kiểm định chất lượng giáo dục"),
                _TCCB,
                _KHTC,
            )
        ),
        (Pattern("Trường THPT {}", "affiliate", "school", "teams", _SCHOOLS),),
    ),
    "health": Profile(
        _core((("NVY", "Phòng Nghiệp vụ Y"), ("NVD", "Phòng Nghiệp vụ Dược"), _TCCB, _KHTC)),
        (
            UnitSpec("CCDS", "Chi cục Dân số", "affiliate", "subdept", "sections"),
            UnitSpec("BVDK", "Bệnh viện Đa khoa tỉnh", "affiliate", "hospital", "wards"),
            UnitSpec("CDC", "Trung tâm Kiểm soát bệnh tật", "affiliate", "centre", "sections"),
            UnitSpec("BVSN", "Bệnh viện Sản - Nhi", "affiliate", "hospital", "wards"),
            UnitSpec("BVYDCT", "Bệnh viện Y dược cổ truyền", "affiliate", "hospital", "wards"),
            UnitSpec("BVLBP", "Bệnh viện Lao và Bệnh phổi", "affiliate", "hospital", "wards"),
            Pattern("Trung tâm Y tế khu vực {}", "affiliate", "centre", "health_posts", AREAS),
        ),
    ),
    "environment": Profile(
        _core(
            (
                ("QLDD", "Phòng Quản lý đất đai"),
                ("TNN", "Phòng Tài nguyên nước, Khoáng sản và Biến đổi khí hậu"),
                ("MT", "Phòng Môi trường"),
                _KHTC,
            )
        ),
        (
            UnitSpec("CCBVMT", "Chi cục Bảo vệ môi trường", "affiliate", "subdept", "sections"),
            UnitSpec("VPDKDD", "Văn phòng Đăng ký đất đai", "affiliate", "centre", "land"),
            UnitSpec(
                "TTQT", "Trung tâm Quan trắc tài nguyên và môi trường", "affiliate", "centre", "sections"
            ),
            UnitSpec("TTPTQD", "Trung tâm Phát triển quỹ đất", "affiliate", "centre", "sections"),
            UnitSpec("TTCNTT", "Trung tâm Công nghệ thông tin", "affiliate", "centre"),
        ),
    ),
    "rural": Profile(
        _core((_KHTC, ("QLXD", "Phòng Quản lý xây dựng công trình"))),
        (
            UnitSpec("CCTTBVTV", "Chi cục Trồng trọt và Bảo vệ thực vật", "affiliate", "subdept", "crops"),
            UnitSpec("CCCNTY", "Chi cục Chăn nuôi và Thú y", "affiliate", "subdept", "vets"),
            UnitSpec("CCTL", "Chi cục Thủy lợi", "affiliate", "subdept", "sections"),
            UnitSpec("CCTS", "Chi cục Thủy sản", "affiliate", "subdept", "sections"),
            UnitSpec("TTKN", "Trung tâm Khuyến nông", "affiliate", "centre", "sections"),
            UnitSpec("TTNS", "Trung tâm Nước sạch và Vệ sinh môi trường nông thôn", "affiliate", "centre"),
        ),
    ),
    "construction": Profile(
        _core(
            (
                ("QLXD", "Phòng Quản lý xây dựng"),
                ("QHKT", "Phòng Quy hoạch - Kiến trúc"),
                ("PTDT", "Phòng Phát triển đô thị"),
                ("QLN", "Phòng Quản lý nhà và thị trường bất động sản"),
            )
        ),
        (
            UnitSpec("TTKD", "Trung tâm Kiểm định chất lượng xây dựng", "affiliate", "centre", "sections"),
            UnitSpec("BQLDA", "Ban Quản lý dự án đầu tư xây dựng", "affiliate", "centre", "sections"),
        ),
    ),
    "finance": Profile(
        _core(
            (
                ("QLNS", "Phòng Quản lý ngân sách"),
                ("TCDT", "Phòng Tài chính đầu tư"),
                ("GCS", "Phòng Quản lý giá và công sản"),
                ("HCSN", "Phòng Tài chính hành chính sự nghiệp"),
            )
        ),
        (UnitSpec("TTXTDT", "Trung tâm Xúc tiến đầu tư", "affiliate", "centre", "sections"),),
    ),
    "home": Profile(
        _core(
            (
                ("TCBC", "Phòng Tổ chức, biên chế"),
                ("CCVC", "Phòng Công chức, viên chức"),
                ("XDCQ", "Phòng Xây dựng chính quyền và công tác thanh niên"),
                ("CCHC", "Phòng Cải cách hành chính"),
            )
        ),
        (
            UnitSpec("BTDKT", "Ban Thi đua - Khen thưởng", "affiliate", "subdept", "sections"),
            UnitSpec("CCVTLT", "Chi cục Văn thư - Lưu trữ", "affiliate", "subdept", "sections"),
            UnitSpec("TTDVVL", "Trung tâm Dịch vụ việc làm", "affiliate", "centre", "sections"),
        ),
    ),
    "trade": Profile(
        _core(
            (
                ("QLTM", "Phòng Quản lý thương mại"),
                ("QLCN", "Phòng Quản lý công nghiệp"),
                ("QLNL", "Phòng Quản lý năng lượng"),
            )
        ),
        (
            UnitSpec("CCQLTT", "Chi cục Quản lý thị trường", "affiliate", "subdept", "markets"),
            UnitSpec(
                "TTKC", "Trung tâm Khuyến công và Xúc tiến thương mại", "affiliate", "centre", "sections"
            ),
        ),
    ),
    "culture": Profile(
        _core(
            (
                ("QLVH", "Phòng Quản lý văn hóa và gia đình"),
                ("QLTT", "Phòng Quản lý thể dục thể thao"),
                ("QLDL", "Phòng Quản lý du lịch"),
            )
        ),
        (
            UnitSpec("TV", "Thư viện tỉnh", "affiliate", "centre", "sections"),
            UnitSpec("BT", "Bảo tàng tỉnh", "affiliate", "centre", "sections"),
            UnitSpec("TTVHNT", "Trung tâm Văn hóa - Nghệ thuật", "affiliate", "centre", "sections"),
            UnitSpec(
                "TTHLTD",
                "Trung tâm Huấn luyện và Thi đấu thể dục thể thao",
                "affiliate",
                "centre",
                "sections",
            ),
            UnitSpec("DNTK", "Đoàn Nghệ thuật Khmer", "affiliate", "centre"),
        ),
    ),
    "science": Profile(
        _core(
            (
                ("QLKH", "Phòng Quản lý khoa học"),
                ("QLCN", "Phòng Quản lý công nghệ"),
                ("CDS", "Phòng Chuyển đổi số"),
            )
        ),
        (
            UnitSpec("CCTDC", "Chi cục Tiêu chuẩn Đo lường Chất lượng", "affiliate", "subdept", "sections"),
            UnitSpec(
                "TTUD", "Trung tâm Ứng dụng tiến bộ khoa học và công nghệ", "affiliate", "centre", "sections"
            ),
        ),
    ),
    "justice": Profile(
        _core(
            (
                ("XDVB", "Phòng Xây dựng và kiểm tra văn bản"),
                ("PBGD", "Phòng Phổ biến, giáo dục pháp luật"),
                ("HCTP", "Phòng Hành chính tư pháp"),
                ("BTTP", "Phòng Bổ trợ tư pháp"),
            )
        ),
        (
            UnitSpec("TTTGPL", "Trung tâm Trợ giúp pháp lý nhà nước", "affiliate", "centre", "legal"),
            UnitSpec("PCC1", "Phòng Công chứng số 1", "affiliate", "centre"),
        ),
    ),
    "generic": Profile(
        _core((("NV1", "Phòng Nghiệp vụ 1"), ("NV2", "Phòng Nghiệp vụ 2"), _KHTC), inspectorate=False),
        (UnitSpec("TTDV", "Trung tâm Dịch vụ công", "affiliate", "centre", "sections"),),
    ),
}
