"""The seed dispatch (../shared/seed/cong-van-trien-khai-thi-dua-2021.txt) as a Document record, for the
rendering tests. The text is copied verbatim from the seed; **…** there marks the bold theme."""

import datetime as dt

from documents.models import Direction, Document, DocumentKind, LegalBasis, Status
from organisations.models import AgencyKind
from tests.factories import AgencyFactory, UnitFactory

SUBJECT = "V/v triển khai Kế hoạch phát động phong trào thi đua năm 2021 của UBND tỉnh"
ADDRESSEE = "Thủ trưởng phòng, đơn vị trực thuộc Sở"
BASIS = (
    "Căn cứ Kế hoạch số 25/KH-UBND ngày 08/02/2021 của Chủ tịch UBND tỉnh Sóc Trăng về việc Phát động "
    "phong trào thi đua năm 2021;"
)
INTRO = (
    "Nhằm thực hiện tốt các nhiệm vụ về công tác thi đua khen thưởng năm 2021, Giám đốc Sở Tài nguyên và "
    "Môi trường tỉnh Sóc Trăng đề nghị thủ trưởng các phòng và các đơn vị trực thuộc Sở thực hiện một số nội "
    "dung như sau:"
)
ITEM_1 = (
    "Triển khai nội dung “Kế hoạch số 25/KH-UBND ngày 08/02/2021 của UBND tỉnh Sóc Trăng về việc Phát động "
    "phong trào thi đua năm 2021” đến toàn thể công chức, viên chức và người lao động thuộc đơn vị mình để "
    "biết và ra sức thi đua với chủ đề ",
    "“Đoàn kết, sáng tạo, thi đua thực hiện thắng lợi các chỉ tiêu, nhiệm vụ phát triển kinh tế - xã hội "
    "năm 2021”",
    " (kèm theo Kế hoạch số 25/KH-UBND ngày 08/02/2021 của UBND tỉnh).",
)
ITEM_2 = (
    "Tiếp tục triển khai và vận động công chức, viên chức, người lao động tích cực hưởng ứng và đẩy mạnh các "
    "phong trào thi đua yêu nước do Bộ, ngành Trung ương, Chủ tịch UBND tỉnh Sóc Trăng và Giám đốc Sở Tài "
    "nguyên và Môi trường tỉnh Sóc Trăng đã phát động như: “Kế hoạch số 07/KH-STNMT ngày 20/01/2021 về phát "
    "động phong trào thi đua năm 2021” và các Phong trào thi đua như: “Phong trào cả nước chung sức xây dựng "
    "nông thôn mới”, Phong trào Cán bộ, công chức, viên chức tỉnh Sóc Trăng thi đua thực hiện văn hóa công "
    "sở, giai đoạn 2019-2025”, “Phong trào Sóc Trăng cùng cả nước chung sức phòng, chống dịch bệnh "
    "Covid-19”, “Phong trào Toàn dân tham gia bảo đảm trật tự, an toàn giao thông trên địa bàn tỉnh Sóc "
    "Trăng, giai đoạn 2020-2021”, “Hành động để giảm thiểu ô nhiễm nhựa và ni lông”, “Phong trào Hiến kế, "
    "đề xuất giải pháp, ý tưởng sáng tạo”, “Phong trào Doanh nghiệp Việt Nam hội nhập và phát triển”, "
    "“Phong trào Cả nước chung tay vì người nghèo, không để ai bị bỏ lại phía sau”, “Phong trào toàn dân "
    "đoàn kết xây dựng đời sống văn hóa”, “Phong trào thi đua yêu nước ngành tài nguyên và môi trường giai "
    "đoạn 2020 - 2025”,..."
)
ITEM_3 = (
    "Biểu dương, khen thưởng kịp thời, chính xác những tập thể, cá nhân, những điển hình tiên tiến, những mô "
    "hình mới, nhân tố mới đạt thành tích xuất sắc trong các phong trào thi đua, qua đó báo cáo và đề xuất "
    "Hội đồng thi đua khen thưởng Sở để khen thưởng hoặc đề nghị cấp có thẩm quyền xem xét khen thưởng theo "
    "quy định."
)
ITEM_4 = (
    "Giao Trung tâm Công nghệ thông tin đăng tải nội dung công văn này trên Cổng thông tin điện tử Sở Tài "
    "nguyên và Môi trường để công chức, viên chức và người lao động thuộc Sở biết và thực hiện."
)
CLOSING = (
    "Trên đây là ý kiến của Giám đốc Sở Tài nguyên và Môi trường đề nghị các đơn vị nghiêm túc triển khai "
    "thực hiện./."
)

# The paragraphs of the seed between the header and the signature, in order, as printed.
PARAGRAPHS = [
    f"Kính gửi: {ADDRESSEE}",
    BASIS,
    INTRO,
    "1. " + "".join(ITEM_1),
    "2. " + ITEM_2,
    "3. " + ITEM_3,
    "4. " + ITEM_4,
    CLOSING,
]
THEME = ITEM_1[1]


def _plain(text):
    return [{"text": text, "bold": False, "italic": False}]


def seed_body() -> list[dict]:
    item_1 = [
        {"text": ITEM_1[0], "bold": False, "italic": False},
        {"text": ITEM_1[1], "bold": True, "italic": False},
        {"text": ITEM_1[2], "bold": False, "italic": False},
    ]
    return [
        {"kind": "paragraph", "runs": _plain(INTRO)},
        {"kind": "item", "label": "1.", "runs": item_1},
        {"kind": "item", "label": "2.", "runs": _plain(ITEM_2)},
        {"kind": "item", "label": "3.", "runs": _plain(ITEM_3)},
        {"kind": "item", "label": "4.", "runs": _plain(ITEM_4)},
        {"kind": "paragraph", "runs": _plain(CLOSING)},
    ]


def seed_agency():
    province = AgencyFactory(
        name="Ủy ban nhân dân tỉnh Sóc Trăng",
        short_name="UBND tỉnh Sóc Trăng",
        kind=AgencyKind.PEOPLES_COMMITTEE,
        symbol="UBND",
    )
    department = AgencyFactory(
        name="Sở Tài nguyên và Môi trường tỉnh Sóc Trăng",
        short_name="Sở Tài nguyên và Môi trường",
        symbol="STNMT",
        parent=province,
    )
    office = UnitFactory(agency=department, name="Văn phòng", symbol="VP")
    return department, office


def seed_dispatch(*, issued: bool = False) -> Document:
    """The seed as a draft (number and day blank, as in the seed) or issued as 12/STNMT-VP on 10/02/2021."""
    agency, office = seed_agency()
    fields = {}
    if issued:
        fields = {
            "status": Status.ISSUED,
            "number": 12,
            "notation": "STNMT-VP",
            "issued_on": dt.date(2021, 2, 10),
            "superior_name": "UBND TỈNH SÓC TRĂNG",
            "issuer_name": "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
            "place_name": "Sóc Trăng",
        }
    document = Document.objects.create(
        agency=agency,
        direction=Direction.OUTGOING,
        kind=DocumentKind.objects.get(code="cong_van"),
        drafting_unit=office,
        year=2021,
        subject=SUBJECT,
        addressees=[ADDRESSEE],
        body=seed_body(),
        signer_position="Giám đốc",
        recipients=["Như trên"],
        archive_note="VP",
        **fields,
    )
    LegalBasis.objects.create(document=document, position=1, text=BASIS)
    return document
