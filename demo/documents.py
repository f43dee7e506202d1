"""The seed's documents in the demo: Plan 25/KH-UBND of the Province (incoming), the Department's own Plan
07/KH-STNMT, and the Department's dispatch relaying Plan 25 to its units — the dispatch of
shared/seed/cong-van-trien-khai-thi-dua-2021.txt, whose number and date were still blank, here issued.
Each went through the signing step: submitted to the director, signed off, numbered and issued.

And the signing step of today's Department (load_current_documents): a dispatch waiting for giamdoc's
signature, a plan he signed off waiting for the clerk (vanthu), a draft he returned with his reason, and a
report signed by order of the director (TL.) that the clerk issued — which the secretariat then sends to the
Office: its head forwards it to his staff, the emulation officer has read it, the others still have it to read
("Việc cần làm"), within the week."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import User
from dissemination import domain as dissemination
from documents import domain
from documents.kinds import ensure_kinds
from documents.models import Document, DocumentKind, NumberSequence, SigningAuthority
from notifications.domain import settle
from organisations.models import Agency, Unit
from people.models import Assignment

PLAN_25_RECEIVED = dt.date(2021, 2, 9)
PLAN_07_ISSUED = dt.date(2021, 1, 20)
DISPATCH_ISSUED = dt.date(2021, 2, 18)
# Numbers the Department had used in 2021 before each document (issued outside thidua in the demo's story).
NUMBERS_BEFORE = {PLAN_07_ISSUED: 6, DISPATCH_ISSUED: 45}

THEME = "“Đoàn kết, sáng tạo, thi đua thực hiện thắng lợi các chỉ tiêu, nhiệm vụ phát triển kinh tế - xã hội năm 2021”"
MOVEMENTS = (
    "Tiếp tục triển khai và vận động công chức, viên chức, người lao động tích cực hưởng ứng và đẩy mạnh các phong "
    "trào thi đua yêu nước do Bộ, ngành Trung ương, Chủ tịch UBND tỉnh Sóc Trăng và Giám đốc Sở Tài nguyên và Môi "
    "trường tỉnh Sóc Trăng đã phát động như: “Kế hoạch số 07/KH-STNMT ngày 20/01/2021 về phát động phong trào thi đua "
    "năm 2021” và các Phong trào thi đua như: “Phong trào cả nước chung sức xây dựng nông thôn mới”, Phong trào Cán "
    "bộ, công chức, viên chức tỉnh Sóc Trăng thi đua thực hiện văn hóa công sở, giai đoạn 2019-2025”, “Phong trào Sóc "
    "Trăng cùng cả nước chung sức phòng, chống dịch bệnh Covid-19”, “Phong trào Toàn dân tham gia bảo đảm trật tự, an "
    "toàn giao thông trên địa bàn tỉnh Sóc Trăng, giai đoạn 2020-2021”, “Hành động để giảm thiểu ô nhiễm nhựa và ni "
    "lông”, “Phong trào Hiến kế, đề xuất giải pháp, ý tưởng sáng tạo”, “Phong trào Doanh nghiệp Việt Nam hội nhập và "
    "phát triển”, “Phong trào Cả nước chung tay vì người nghèo, không để ai bị bỏ lại phía sau”, “Phong trào toàn dân "
    "đoàn kết xây dựng đời sống văn hóa”, “Phong trào thi đua yêu nước ngành tài nguyên và môi trường giai đoạn 2020 "
    "- 2025”,..."
)


def _text(text: str, **style) -> dict:
    return {"text": text, "bold": style.get("bold", False), "italic": style.get("italic", False)}


def _paragraph(*runs) -> dict:
    return {"kind": "paragraph", "runs": list(runs)}


def _item(label: str, *runs) -> dict:
    return {"kind": "item", "label": label, "runs": list(runs)}


DISPATCH_BODY = [
    _paragraph(
        _text(
            "Nhằm thực hiện tốt các nhiệm vụ về công tác thi đua khen thưởng năm 2021, Giám đốc Sở Tài nguyên và Môi "
            "trường tỉnh Sóc Trăng đề nghị thủ trưởng các phòng và các đơn vị trực thuộc Sở thực hiện một số nội dung "
            "như sau:"
        )
    ),
    _item(
        "1.",
        _text(
            "Triển khai nội dung “Kế hoạch số 25/KH-UBND ngày 08/02/2021 của UBND tỉnh Sóc Trăng về việc Phát động "
            "phong trào thi đua năm 2021” đến toàn thể công chức, viên chức và người lao động thuộc đơn vị mình để biết "
            "và ra sức thi đua với chủ đề "
        ),
        _text(THEME, bold=True),
        _text(" (kèm theo Kế hoạch số 25/KH-UBND ngày 08/02/2021 của UBND tỉnh)."),
    ),
    _item("2.", _text(MOVEMENTS)),
    _item(
        "3.",
        _text(
            "Biểu dương, khen thưởng kịp thời, chính xác những tập thể, cá nhân, những điển hình tiên tiến, những mô "
            "hình mới, nhân tố mới đạt thành tích xuất sắc trong các phong trào thi đua, qua đó báo cáo và đề xuất Hội "
            "đồng thi đua khen thưởng Sở để khen thưởng hoặc đề nghị cấp có thẩm quyền xem xét khen thưởng theo quy "
            "định."
        ),
    ),
    _item(
        "4.",
        _text(
            "Giao Trung tâm Công nghệ thông tin đăng tải nội dung công văn này trên Cổng thông tin điện tử Sở Tài "
            "nguyên và Môi trường để công chức, viên chức và người lao động thuộc Sở biết và thực hiện."
        ),
    ),
    _paragraph(
        _text(
            "Trên đây là ý kiến của Giám đốc Sở Tài nguyên và Môi trường đề nghị các đơn vị nghiêm túc triển khai thực "
            "hiện./."
        )
    ),
]

PLAN_07_BODY = [
    _item("I.", _text("MỤC ĐÍCH, YÊU CẦU", bold=True)),
    _paragraph(
        _text(
            "Phát động phong trào thi đua năm 2021 sâu rộng trong toàn thể công chức, viên chức và người lao động của "
            "Sở, gắn với việc thực hiện thắng lợi các nhiệm vụ chuyên môn của ngành tài nguyên và môi trường."
        )
    ),
    _item("II.", _text("NỘI DUNG THI ĐUA", bold=True)),
    _paragraph(
        _text(
            "Các phòng, đơn vị trực thuộc Sở tổ chức đăng ký thi đua, xây dựng kế hoạch thực hiện và kịp thời phát "
            "hiện, bồi dưỡng, nhân rộng các điển hình tiên tiến./."
        )
    ),
]


def _director(agency: Agency, on: dt.date):
    """The person holding the post of Giám đốc in the agency on that day."""
    post = (
        Assignment.objects.current(on)
        .filter(unit__agency=agency, position="Giám đốc", is_leadership=True)
        .select_related("person")
        .first()
    )
    return post.person if post else None


def _issue(agency: Agency, kind_code: str, fields: dict, issued_on: dt.date, bases=None):
    director = _director(agency, issued_on)
    fields = {
        "signer_position": "GIÁM ĐỐC",
        "signer_name": director.full_name if director else "",
        "signer": director,
        **fields,
    }
    kind = DocumentKind.objects.get(code=kind_code)
    document = domain.create_draft(actor=None, agency=agency, kind=kind, fields=fields, bases=bases)
    domain.submit_for_signature(actor=None, document=document)
    domain.approve_document(actor=None, document=document)
    NumberSequence.objects.update_or_create(
        agency=agency,
        year=issued_on.year,
        series="outgoing",
        defaults={"last_number": NUMBERS_BEFORE[issued_on]},
    )
    document = domain.issue_document(actor=None, document=document, issued_on=issued_on)
    for account in User.objects.filter(person=director):  # 2021 news: today's director has read it long ago
        settle(user=account, target=document)
    return document


def _stand_in_pdf(title: str) -> bytes:
    from weasyprint import HTML

    html = (
        "<html><body style='font-family: serif'><p>Bản sao minh họa trong dữ liệu mẫu — không phải văn bản gốc.</p>"
        f"<h1 style='font-size:16pt'>{title}</h1></body></html>"
    )
    return HTML(string=html).write_pdf()


def load_seed_documents(*, agency: Agency, office: Unit) -> dict:
    """Create the three documents of the seed's story in `agency` (the 2021 Sở TN&MT); returns them by name."""
    ensure_kinds()
    plan_25 = domain.register_incoming(
        actor=None,
        agency=agency,
        kind=DocumentKind.objects.get(code="ke_hoach"),
        fields={
            "number": 25,
            "notation": "KH-UBND",
            "issued_on": dt.date(2021, 2, 8),
            "subject": "Phát động phong trào thi đua năm 2021",
            "sender_name": "UBND tỉnh Sóc Trăng",
            "arrival_date": PLAN_25_RECEIVED,
        },
    )
    upload = SimpleUploadedFile("25-KH-UBND.pdf", _stand_in_pdf("Kế hoạch số 25/KH-UBND ngày 08/02/2021"))
    domain.add_attachment(actor=None, document=plan_25, upload=upload)
    plan_07 = _issue(
        agency,
        "ke_hoach",
        {
            "drafting_unit": office,
            "subject": "Phát động phong trào thi đua năm 2021",
            "body": PLAN_07_BODY,
            "recipients": ["Các phòng, đơn vị trực thuộc Sở"],
            "archive_note": "VP",
        },
        PLAN_07_ISSUED,
    )
    dispatch = _issue(
        agency,
        "cong_van",
        {
            "drafting_unit": office,
            "subject": "V/v triển khai Kế hoạch phát động phong trào thi đua năm 2021 của UBND tỉnh",
            "addressees": ["Thủ trưởng phòng, đơn vị trực thuộc Sở"],
            "body": DISPATCH_BODY,
            "recipients": ["Như trên"],
            "archive_note": "VP",
        },
        DISPATCH_ISSUED,
        bases=[
            {
                "cited": plan_25,
                "text": "Căn cứ Kế hoạch số 25/KH-UBND ngày 08/02/2021 của Chủ tịch UBND tỉnh Sóc Trăng về việc "
                "Phát động phong trào thi đua năm 2021",
            }
        ],
    )
    return {"plan_25": plan_25, "plan_07": plan_07, "dispatch": dispatch}


# --- the signing step today ---------------------------------------------------------------------------


def _paragraphs(*texts: str) -> list[dict]:
    return [_paragraph(_text(text)) for text in texts]


CURRENT = {
    "to_sign": {
        "kind": "cong_van",
        "subject": "V/v hướng dẫn xét, đề nghị khen thưởng tổng kết năm {year}",
        "addressees": ["Thủ trưởng các phòng, đơn vị trực thuộc Sở"],
        "body": _paragraphs(
            "Để kịp thời biểu dương, khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong năm {year}, "
            "Giám đốc Sở đề nghị thủ trưởng các phòng, đơn vị tổ chức bình xét và gửi hồ sơ đề nghị khen "
            "thưởng về Văn phòng Sở (bộ phận thi đua, khen thưởng) trước ngày 15 tháng 12 năm {year}./."
        ),
        "recipients": ["Như trên", "Ban Giám đốc Sở"],
    },
    "to_issue": {
        "kind": "ke_hoach",
        "subject": "Tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm {year}",
        "body": _paragraphs(
            "Tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm {year} nhằm đánh giá kết quả các "
            "phong trào thi đua, biểu dương các tập thể, cá nhân tiêu biểu và phát động phong trào thi đua "
            "năm tiếp theo./."
        ),
        "recipients": ["Các phòng, đơn vị trực thuộc Sở"],
    },
    "returned": {
        "kind": "cong_van",
        "subject": "V/v cử cán bộ tham dự tập huấn nghiệp vụ thi đua, khen thưởng năm {year}",
        "addressees": ["Thủ trưởng các phòng, đơn vị trực thuộc Sở"],
        "body": _paragraphs("Văn phòng Sở tổ chức tập huấn nghiệp vụ công tác thi đua, khen thưởng./."),
        "recipients": ["Như trên"],
    },
    "issued": {
        "kind": "cong_van",
        "subject": "V/v báo cáo kết quả phong trào thi đua 6 tháng đầu năm {year}",
        "addressees": ["Thủ trưởng các phòng, đơn vị trực thuộc Sở"],
        "body": _paragraphs(
            "Thừa lệnh Giám đốc Sở, Văn phòng Sở đề nghị các phòng, đơn vị báo cáo kết quả thực hiện phong "
            "trào thi đua 6 tháng đầu năm {year} về Văn phòng Sở trước ngày 10 tháng 7 năm {year}./."
        ),
        "recipients": ["Như trên"],
    },
}
RETURN_REASON = (
    "Đề nghị bổ sung thời gian, địa điểm tập huấn và số lượng cán bộ mỗi đơn vị được cử tham dự; ghi rõ đầu "
    "mối liên hệ của Văn phòng Sở."
)


def _current_draft(name: str, *, agency: Agency, office: Unit, actor, signer, authority="") -> Document:
    spec = CURRENT[name]
    year = timezone.localdate().year
    fields = {
        "drafting_unit": office,
        "subject": spec["subject"].format(year=year),
        "addressees": spec.get("addressees", []),
        "body": [
            {**block, "runs": [{**run, "text": run["text"].format(year=year)} for run in block["runs"]]}
            for block in spec["body"]
        ],
        "recipients": spec["recipients"],
        "archive_note": office.symbol,
        "signer": signer,
        "signing_authority": authority,
    }
    kind = DocumentKind.objects.get(code=spec["kind"])
    document = domain.create_draft(actor=actor, agency=agency, kind=kind, fields=fields)
    domain.submit_for_signature(actor=actor, document=document)
    return document


def load_current_documents(*, agency: Agency, office: Unit) -> dict:
    """The signing step as the demo's accounts find it today (see the module): every move by its account."""
    users = User.objects.select_related("person").in_bulk(
        ["giamdoc", "truongphong", "canbothidua", "thuongtruc", "vanthu"], field_name="username"
    )
    director, head = users["giamdoc"], users["truongphong"]
    draft = {"agency": agency, "office": office}
    to_sign = _current_draft("to_sign", **draft, actor=users["canbothidua"], signer=director.person)
    to_issue = _current_draft("to_issue", **draft, actor=users["thuongtruc"], signer=director.person)
    domain.approve_document(actor=director, document=to_issue)
    returned = _current_draft("returned", **draft, actor=users["canbothidua"], signer=director.person)
    domain.return_document(actor=director, document=returned, reason=RETURN_REASON)
    issued = _current_draft(
        "issued", **draft, actor=users["canbothidua"], signer=head.person, authority=SigningAuthority.TL
    )
    domain.approve_document(actor=head, document=issued)
    domain.issue_document(actor=users["vanthu"], document=issued)
    _send_to_the_office(issued, office=office, users=users)
    return {"to_sign": to_sign, "to_issue": to_issue, "returned": returned, "issued": issued}


def _send_to_the_office(document: Document, *, office: Unit, users: dict) -> None:
    """The secretariat sends the issued report to the Office, due in five days; the head forwards it to his
    staff and the emulation officer confirms she has read it."""
    sent = dissemination.disseminate(
        actor=users["thuongtruc"],
        document=document,
        units=[office],
        due_date=timezone.localdate() + dt.timedelta(days=5),
    )
    head_receipt = sent.receipts.get(person=users["truongphong"].person)
    dissemination.confirm_read(actor=users["truongphong"], receipt=head_receipt)
    forwarded = dissemination.forward_to_unit_staff(actor=users["truongphong"], receipt=head_receipt)
    officer = next(r for r in forwarded if r.person_id == users["canbothidua"].person_id)
    dissemination.confirm_read(actor=users["canbothidua"], receipt=officer)
