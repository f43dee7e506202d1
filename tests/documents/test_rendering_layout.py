"""documents/rendering/layout.py: the words, case and punctuation of every element (Nghị định 30/2020)."""

import datetime as dt

import pytest

from documents.models import Direction, Document, DocumentKind, LegalBasis, Status
from documents.rendering.layout import build_layout, format_date, header_size
from tests.documents.seed_dispatch import ADDRESSEE, BASIS, SUBJECT, seed_dispatch
from tests.factories import AgencyFactory, UnitFactory


def make_document(kind="ke_hoach", *, bases=(), agency=None, **fields):
    agency = agency or AgencyFactory(name="Sở Tài nguyên và Môi trường", symbol="STNMT")
    values = {"subject": "Phát động phong trào thi đua năm 2021", "direction": Direction.OUTGOING, **fields}
    document = Document.objects.create(agency=agency, kind=DocumentKind.objects.get(code=kind), **values)
    for position, text in enumerate(bases):
        LegalBasis.objects.create(document=document, position=position, text=text)
    return document


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2021, 2, 5), "Sóc Trăng, ngày 05 tháng 02 năm 2021"),
        (dt.date(2021, 1, 20), "Sóc Trăng, ngày 20 tháng 01 năm 2021"),
        (dt.date(2021, 3, 9), "Sóc Trăng, ngày 09 tháng 3 năm 2021"),
        (dt.date(2021, 12, 31), "Sóc Trăng, ngày 31 tháng 12 năm 2021"),
        (None, "Sóc Trăng, ngày    tháng    năm 2021"),
    ],
)
def test_date_line_pads_days_below_10_and_months_1_and_2(day, expected):
    assert format_date("Sóc Trăng", day, 2021) == expected


@pytest.mark.django_db
def test_seed_draft_has_the_seed_header_with_blank_number_and_day():
    layout = build_layout(seed_dispatch())
    assert (layout.superior, layout.issuer) == ("UBND TỈNH SÓC TRĂNG", "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG")
    assert layout.number_line == "Số:    /STNMT-VP"
    assert layout.place_date == "Sóc Trăng, ngày    tháng    năm 2021"
    assert layout.is_dispatch and layout.title == "" and layout.subject == SUBJECT
    assert layout.addressees == (ADDRESSEE,)
    assert layout.bases == (BASIS,)  # a công văn's căn cứ keeps its ";": the sentence goes on
    assert layout.signature == ("GIÁM ĐỐC",) and layout.signer_name == ""
    assert layout.recipients == ("- Như trên;", "- Lưu: VT, VP.")
    assert [b.label for b in layout.body] == ["", "1.", "2.", "3.", "4.", ""]
    assert [r.bold for r in layout.body[1].runs] == [False, True, False]


@pytest.mark.django_db
def test_issued_document_prints_its_number_date_and_frozen_header():
    layout = build_layout(seed_dispatch(issued=True))
    assert layout.number_line == "Số: 12/STNMT-VP"
    assert layout.place_date == "Sóc Trăng, ngày 10 tháng 02 năm 2021"
    assert layout.issuer == "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG"


@pytest.mark.django_db
def test_plan_has_title_subject_and_bases_ending_with_a_full_stop():
    document = make_document(
        number=7,
        year=2021,
        notation="KH-STNMT",
        status=Status.ISSUED,
        issued_on=dt.date(2021, 1, 20),
        subject="V/v phát động phong trào thi đua",  # a V/v is not added to a kind with a title
        bases=[
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
            "Căn cứ Quyết định số 1/QĐ-UBND.",
        ],
    )
    layout = build_layout(document)
    assert layout.number_line == "Số: 07/KH-STNMT"
    assert (layout.title, layout.is_dispatch) == ("KẾ HOẠCH", False)
    assert layout.bases == (
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Quyết định số 1/QĐ-UBND.",
    )
    assert layout.addressees == ()  # no Kính gửi on a kế hoạch


@pytest.mark.django_db
def test_draft_symbols_follow_the_kind():
    agency = AgencyFactory(symbol="STNMT")
    unit = UnitFactory(agency=agency, symbol="VP")
    plan = make_document(agency=agency, drafting_unit=unit)
    decision = make_document("quyet_dinh", agency=agency)
    dispatch = make_document("cong_van", agency=agency, drafting_unit=unit)
    assert build_layout(plan).number_line == "Số:    /KH-STNMT"
    assert build_layout(decision).number_line == "Số:    /QĐ-STNMT"
    assert build_layout(dispatch).number_line == "Số:    /STNMT-VP"
    assert build_layout(dispatch).subject == "V/v Phát động phong trào thi đua năm 2021"


@pytest.mark.django_db
def test_cited_document_becomes_a_citation():
    agency = AgencyFactory(symbol="STNMT")
    province = AgencyFactory(name="UBND tỉnh Sóc Trăng", symbol="UBND")
    cited = Document.objects.create(
        agency=agency,
        kind=DocumentKind.objects.get(code="ke_hoach"),
        direction=Direction.INCOMING,
        status=Status.REGISTERED,
        number=25,
        year=2021,
        notation="KH-UBND",
        issued_on=dt.date(2021, 2, 8),
        sender_name="Chủ tịch UBND tỉnh Sóc Trăng",
        subject="Phát động phong trào thi đua năm 2021",
    )
    document = make_document("quyet_dinh", agency=agency)
    LegalBasis.objects.create(document=document, cited=cited)
    assert province.pk and build_layout(document).bases == (
        "Căn cứ Kế hoạch số 25/KH-UBND ngày 08/02/2021 của Chủ tịch UBND tỉnh Sóc Trăng về Phát động "
        "phong trào thi đua năm 2021.",
    )


@pytest.mark.django_db
def test_several_addressees_one_per_line_without_doubled_punctuation():
    addressees = ["Văn phòng Sở;", "- Phòng Quản lý đất đai", "Thanh tra Sở."]
    document = make_document("cong_van", addressees=addressees)
    assert build_layout(document).addressees == (
        "- Văn phòng Sở;",
        "- Phòng Quản lý đất đai;",
        "- Thanh tra Sở.",
    )


@pytest.mark.django_db
def test_signature_with_authority_and_distribution_list():
    document = make_document(
        "quyet_dinh",
        signing_authority="KT.",
        authority_title="Giám đốc",
        signer_position="Phó Giám đốc",
        signer_name="Nguyễn Văn An",
        recipients=["- Như Điều 3;", "UBND tỉnh (b/c)", "Lưu: VT, VP."],
        archive_note="TĐKT",
    )
    layout = build_layout(document)
    assert layout.signature == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
    assert layout.signer_name == "Nguyễn Văn An"
    assert layout.recipients == ("- Như Điều 3;", "- UBND tỉnh (b/c);", "- Lưu: VT, TĐKT.")


@pytest.mark.django_db
def test_body_runs_keep_the_spaces_between_them():
    body = [
        {
            "kind": "paragraph",
            "runs": [{"text": " Chủ đề ", "bold": False}, {"text": "“Đoàn kết”", "bold": True}],
        },
        {"kind": "heading", "runs": [{"text": "Điều 1.  Phạm vi", "bold": True}]},
    ]
    layout = build_layout(make_document(body=body))
    assert [b.text for b in layout.body] == ["Chủ đề “Đoàn kết”", "Điều 1. Phạm vi"]
    assert layout.body[1].kind == "heading"


@pytest.mark.parametrize(
    ("name", "bold", "size"),
    [
        ("UBND TỈNH SÓC TRĂNG", False, 13),
        ("SỞ NỘI VỤ", True, 13),
        ("SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", True, 12),  # 217 pt at 13 pt bold: no room left beside the Quốc hiệu
    ],
)
def test_header_names_are_13_pt_unless_too_wide_for_their_column(name, bold, size):
    assert header_size(name, bold=bold) == size
