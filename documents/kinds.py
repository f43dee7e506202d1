"""The 29 administrative document kinds and their abbreviations (Điều 7 and Phụ lục III, Mục I,
Nghị định 30/2020/NĐ-CP). Công văn and thư công have no abbreviation; công văn has no title line and, with
tờ trình and báo cáo, a “Kính gửi” line (Phụ lục I §9a). Loaded by migration 0002; `ensure_kinds()` puts them
back where a test or a fresh tool emptied the table."""

KINDS = [
    # code, name, abbreviation, has_title, uses_addressees
    ("nghi_quyet", "Nghị quyết", "NQ", True, False),
    ("quyet_dinh", "Quyết định", "QĐ", True, False),
    ("chi_thi", "Chỉ thị", "CT", True, False),
    ("quy_che", "Quy chế", "QC", True, False),
    ("quy_dinh", "Quy định", "QyĐ", True, False),
    ("thong_cao", "Thông cáo", "TC", True, False),
    ("thong_bao", "Thông báo", "TB", True, False),
    ("huong_dan", "Hướng dẫn", "HD", True, False),
    ("chuong_trinh", "Chương trình", "CTr", True, False),
    ("ke_hoach", "Kế hoạch", "KH", True, False),
    ("phuong_an", "Phương án", "PA", True, False),
    ("de_an", "Đề án", "ĐA", True, False),
    ("du_an", "Dự án", "DA", True, False),
    ("bao_cao", "Báo cáo", "BC", True, True),
    ("bien_ban", "Biên bản", "BB", True, False),
    ("to_trinh", "Tờ trình", "TTr", True, True),
    ("hop_dong", "Hợp đồng", "HĐ", True, False),
    ("cong_van", "Công văn", "", False, True),
    ("cong_dien", "Công điện", "CĐ", True, False),
    ("ban_ghi_nho", "Bản ghi nhớ", "BGN", True, False),
    ("ban_thoa_thuan", "Bản thỏa thuận", "BTT", True, False),
    ("giay_uy_quyen", "Giấy ủy quyền", "GUQ", True, False),
    ("giay_moi", "Giấy mời", "GM", True, False),
    ("giay_gioi_thieu", "Giấy giới thiệu", "GGT", True, False),
    ("giay_nghi_phep", "Giấy nghỉ phép", "GNP", True, False),
    ("phieu_gui", "Phiếu gửi", "PG", True, False),
    ("phieu_chuyen", "Phiếu chuyển", "PC", True, False),
    ("phieu_bao", "Phiếu báo", "PB", True, False),
    ("thu_cong", "Thư công", "", True, False),
]


def ensure_kinds(model=None) -> None:
    """Create or update the kinds (idempotent); `model` is the historical model inside a migration."""
    if model is None:
        from .models import DocumentKind as model
    for position, (code, name, abbreviation, has_title, uses_addressees) in enumerate(KINDS, start=1):
        model.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "abbreviation": abbreviation,
                "has_title": has_title,
                "uses_addressees": uses_addressees,
                "position": position,
            },
        )
