"""decisions/printing.py and print_certificates: the certificates' PDF read back — A4 landscape, every line
NĐ 98/2023 Điều 104 requires, in its place, colour and style (pdfplumber); the QR code rendered to an image
(pypdfium2) and decoded (zxing-cpp) to the verification address; pre-printed stock shifted by the printer's
offset; re-issues; the print log and the refusals."""

import datetime as dt
import io

import pdfplumber
import pypdfium2
import pytest
import zxingcpp
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from activity.models import ActivityLog
from decisions.domain.certificates import print_certificates, reissue_certificate
from decisions.models import Certificate, Issue, Printer
from decisions.printing import render_certificates, verification_url
from tests.decisions.test_certificates import add_line

SITE = "https://thidua.soctrang.example.vn"
ACHIEVEMENT = "Đã có thành tích xuất sắc trong công tác cải cách hành chính"
MM = 72 / 25.4
SCALE = 4
EMBLEM_MM, LEFT_FLAGS_MM, RIGHT_FLAGS_MM = (136, 12, 161, 38), (99, 13, 133, 39), (164, 13, 198, 39)
RED, BLACK = (0.8, 0.0, 0.0), (0.0, 0.0, 0.0)


@pytest.fixture
def printed(dw, settings):
    """The issued decision, with a Giấy khen added for Minh: Hương's CSTĐCS and Minh's Giấy khen."""
    settings.THIDUA_SITE_URL = SITE
    dw.decision = dw.issued()
    add_line(dw.decision, "giay-khen", dw.world.division_person, unit=dw.world.division,
             position_title="Chuyên viên", achievement=ACHIEVEMENT)  # fmt: skip
    dw.huong, dw.minh = Certificate.objects.order_by("line__position")
    return dw


def pdf(certificates, **options):
    return pdfplumber.open(io.BytesIO(render_certificates(certificates, **options)))


def find(page, text):
    found = page.search(text, regex=False)
    assert found, f"{text!r} not on the page"
    return found[0]


def colour(match):
    colours = {tuple(round(v, 2) for v in (c["non_stroking_color"] or (0,))) for c in match["chars"]}
    assert len(colours) == 1, colours
    return colours.pop()


def style(match):
    fonts = {c["fontname"].split("+")[-1] for c in match["chars"]}
    assert len(fonts) == 1, fonts
    font = fonts.pop()
    return "Bold" in font, "Italic" in font


def picture(data: bytes, page: int = 0):
    """The page as an RGB image at 4 pixels a point (288 dpi)."""
    return pypdfium2.PdfDocument(data)[page].render(scale=SCALE).to_pil().convert("RGB")


def qr_codes(data: bytes, page: int = 0) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(picture(data, page))]


def qr_box(data: bytes, page: int = 0) -> tuple[float, float, float, float]:
    """(x0, top, x1, bottom) in pt of the QR code found on the page."""
    (result,) = zxingcpp.read_barcodes(picture(data, page))
    corners = [result.position.top_left, result.position.top_right, result.position.bottom_left,
               result.position.bottom_right]  # fmt: skip
    xs, ys = [p.x / SCALE for p in corners], [p.y / SCALE for p in corners]
    return min(xs), min(ys), max(xs), max(ys)


def red_share(image, box_mm) -> float:
    """The share of strongly red pixels in a box (x0, top, x1, bottom in mm) of the page's picture."""
    x0, top, x1, bottom = (round(v * MM * SCALE) for v in box_mm)
    raw = image.crop((x0, top, x1, bottom)).tobytes()
    pixels = list(zip(raw[0::3], raw[1::3], raw[2::3], strict=True))
    return sum(1 for r, g, b in pixels if r > 150 and g < 80 and b < 80) / len(pixels)


@pytest.mark.django_db
def test_one_a4_landscape_page_per_certificate_with_only_the_vendored_font(printed):
    with pdf([printed.huong, printed.minh]) as document:
        assert len(document.pages) == 2
        for page in document.pages:
            assert (page.width, page.height) == pytest.approx((842, 595), abs=1)  # 297 × 210 mm
            assert all("LiberationSerif" in c["fontname"] for c in page.chars)
        assert "Đặng Thị Hương" in document.pages[0].extract_text()
        assert "Lê Văn Minh" in document.pages[1].extract_text()  # in the order given


@pytest.mark.django_db
def test_cstdcs_carries_every_line_of_article_104_in_order_colour_and_style(printed):
    decided = printed.decision.decided_on
    with pdf([printed.huong]) as document:
        page = document.pages[0]
        nation, motto = (
            find(page, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            find(page, "Độc lập - Tự do - Hạnh phúc"),
        )
        decider, verb = find(page, "GIÁM ĐỐC SỞ THỬ NGHIỆM"), find(page, "TẶNG DANH HIỆU")
        award, name = find(page, "CHIẾN SĨ THI ĐUA CƠ SỞ"), find(page, "Đặng Thị Hương")
        unit = find(page, "Tổ Kế hoạch")
        achievement = find(
            page, f"Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {printed.decision.year}"
        )
        tops = [m["top"] for m in (nation, motto, decider, verb, award, name, unit, achievement)]
        assert tops == sorted(tops)  # lines 1–6 from the top down
        assert style(nation) == (True, False) and style(motto) == (True, False)
        assert colour(nation) == colour(verb) == colour(name) == BLACK
        assert colour(decider) == colour(award) == RED and style(decider) == style(award) == (True, False)
        for match in (nation, motto, decider, verb, award, name):
            assert (match["x0"] + match["x1"]) / 2 == pytest.approx(page.width / 2, abs=2)  # centred
        rule = [e for e in page.edges if abs(e["top"] - motto["bottom"]) < 4 and e["orientation"] == "h"]
        assert rule and rule[0]["x1"] - rule[0]["x0"] == pytest.approx(motto["x1"] - motto["x0"], abs=2)

        reference = printed.decision.document.reference
        decision = find(page, f"Quyết định số {reference} ngày {decided:%d/%m/%Y}")
        book = find(page, "Số sổ vàng: 3")
        assert style(decision) == style(book) == (True, True)
        assert decision["x0"] < page.width / 3 and decision["top"] > page.height * 0.65  # bottom left
        assert book["top"] > decision["top"]
        month = f"{decided.month:02d}" if decided.month <= 2 else str(decided.month)
        place = find(page, f"Sóc Trăng, ngày {decided.day:02d} tháng {month} năm {decided.year}")
        title = next(m for m in page.search("GIÁM ĐỐC") if m["top"] > place["top"])
        signer = find(page, "Trần Văn Giám")
        assert (
            style(place) == (True, True) and style(title) == (True, False) and style(signer) == (True, False)
        )
        assert place["x0"] > page.width / 2 and place["top"] > page.height * 0.65  # bottom right
        assert signer["top"] - title["bottom"] > 20 * MM  # room for the signature and the seal


@pytest.mark.django_db
def test_giay_khen_says_tang_with_position_unit_and_its_own_achievement_and_no_flags(printed):
    with pdf([printed.huong, printed.minh]) as document:
        cstdcs, giay_khen = document.pages
        text = giay_khen.extract_text()
        assert "TẶNG\n" in text and "TẶNG DANH HIỆU" not in text
        assert colour(find(giay_khen, "GIẤY KHEN")) == RED
        assert "Chuyên viên, Phòng Kế hoạch" in text
        assert ACHIEVEMENT in text
        assert "Số sổ vàng: 4" in text
    # The emblem at the top centre — and for CSTĐCS a row of red flags either side of it.
    data = render_certificates([printed.huong, printed.minh])
    cstdcs, giay_khen = picture(data, 0), picture(data, 1)
    assert red_share(cstdcs, EMBLEM_MM) > 0.2 and red_share(giay_khen, EMBLEM_MM) > 0.2
    assert red_share(cstdcs, LEFT_FLAGS_MM) > 0.05 and red_share(cstdcs, RIGHT_FLAGS_MM) > 0.05
    assert red_share(giay_khen, LEFT_FLAGS_MM) == red_share(giay_khen, RIGHT_FLAGS_MM) == 0


@pytest.mark.django_db
def test_the_qr_code_decodes_to_the_verification_address_and_the_code_is_printed_beneath(printed):
    data = render_certificates([printed.huong, printed.minh])
    assert qr_codes(data, 0) == [f"{SITE}/xac-minh/{printed.huong.code}/"]
    assert qr_codes(data, 1) == [verification_url(printed.minh.code)]
    x0, _top, _x1, bottom = qr_box(data)
    assert x0 < 60 * MM and bottom > 160 * MM  # bottom left, under the decision and the số sổ vàng
    with pdfplumber.open(io.BytesIO(data)) as document:
        code = find(document.pages[0], printed.huong.code)
        assert 0 <= code["top"] - bottom < 5 * MM and abs(code["x0"] - x0) < 5 * MM  # beneath it
        assert max(c["size"] for c in code["chars"]) < 8  # small


@pytest.mark.django_db
def test_a_site_address_given_replaces_the_setting(printed, settings):
    settings.THIDUA_SITE_URL = ""
    data = render_certificates([printed.huong], site_url="http://testserver/")
    assert qr_codes(data) == [f"http://testserver/xac-minh/{printed.huong.code}/"]


@pytest.mark.django_db
def test_preprinted_stock_prints_only_the_variable_text_shifted_by_the_printers_offset(printed):
    printer = Printer.objects.create(
        agency=printed.world.agency, name="Canon phòng 2", offset_x=3.5, offset_y=-2
    )
    with pdf([printed.huong]) as plain, pdf([printed.huong], stock="preprinted", printer=printer) as stock:
        full, blank = plain.pages[0], stock.pages[0]
        text = blank.extract_text()
        for fixed in (
            "CỘNG HÒA",
            "Độc lập",
            "GIÁM ĐỐC SỞ THỬ NGHIỆM",
            "TẶNG DANH HIỆU",
            "CHIẾN SĨ THI ĐUA CƠ SỞ",
        ):
            assert fixed not in text
        for variable in (
            "Đặng Thị Hương",
            "Tổ Kế hoạch",
            "Số sổ vàng: 3",
            "Trần Văn Giám",
            printed.huong.code,
        ):
            before, after = find(full, variable), find(blank, variable)
            assert after["x0"] - before["x0"] == pytest.approx(3.5 * MM, abs=0.2)
            assert after["top"] - before["top"] == pytest.approx(-2 * MM, abs=0.2)
    data = render_certificates([printed.huong], stock="preprinted", printer=printer)
    assert qr_codes(data) == [verification_url(printed.huong.code)]
    assert red_share(picture(data), (0, 0, 297, 210)) == 0  # no emblem, flags, red title or border
    plain_x0, plain_top, *_ = qr_box(render_certificates([printed.huong]))
    x0, top, *_ = qr_box(data)
    assert (x0 - plain_x0, top - plain_top) == pytest.approx((3.5 * MM, -2 * MM), abs=1)


@pytest.mark.django_db
def test_preprinted_without_a_printer_keeps_the_plain_positions(printed):
    with pdf([printed.huong]) as plain, pdf([printed.huong], stock="preprinted") as stock:
        before, after = find(plain.pages[0], "Đặng Thị Hương"), find(stock.pages[0], "Đặng Thị Hương")
        assert (after["x0"], after["top"]) == pytest.approx((before["x0"], before["top"]), abs=0.1)


@pytest.mark.django_db
def test_a_reissue_prints_the_original_decision_and_its_own_reissue_line_and_code(printed):
    copy = reissue_certificate(
        actor=printed.world.secretariat, certificate=printed.huong, issue=Issue.EXCHANGE, reason="In sai",
        requested_on=timezone.localdate(),
    )  # fmt: skip
    data = render_certificates([copy])
    with pdfplumber.open(io.BytesIO(data)) as document:
        page = document.pages[0]
        decision = find(page, f"Quyết định số {printed.decision.document.reference}")
        line = find(page, f"Cấp đổi số 1 ngày {timezone.localdate():%d/%m/%Y}")
        assert (
            style(line) == (True, True) and line["top"] > find(page, "Số sổ vàng: 3")["top"] > decision["top"]
        )
    assert qr_codes(data) == [verification_url(copy.code)]


@pytest.mark.django_db
def test_a_collective_prints_its_name_and_parent_body(printed):
    line = add_line(printed.decision, "giay-khen-tap-the", None, unit=printed.world.team)
    line.unit_name = "Phòng Kế hoạch"
    line.save()
    with pdf([Certificate.objects.get(line=line)]) as document:
        text = document.pages[0].extract_text()
        assert "Tổ Kế hoạch\nPhòng Kế hoạch" in text and "GIẤY KHEN" in text


# --- print_certificates: permission, refusals, the log ------------------------------------------------------


@pytest.mark.django_db
def test_print_certificates_logs_every_certificate_printed(printed):
    printer = Printer.objects.create(
        agency=printed.world.agency, name="Máy in văn thư", offset_x=1, offset_y=1
    )
    data = print_certificates(actor=printed.world.secretariat, certificates=[printed.huong, printed.minh],
                              stock="preprinted", printer=printer)  # fmt: skip
    assert data.startswith(b"%PDF")
    logs = ActivityLog.objects.filter(action="decisions.certificate.printed").order_by("id")
    assert [log.target_id for log in logs] == [str(printed.huong.pk), str(printed.minh.pk)]
    assert all(log.actor == printed.world.secretariat and log.agency == printed.world.agency for log in logs)
    assert logs[0].data["after"] == {"stock": "preprinted", "printer": "Máy in văn thư", "issue": "original"}


@pytest.mark.django_db
def test_only_the_agencys_secretariat_prints(printed):
    for outsider in (printed.world.staff, printed.world.officer, printed.world.council):
        with pytest.raises(PermissionDenied):
            print_certificates(actor=outsider, certificates=[printed.huong], stock="plain")
    assert not ActivityLog.objects.filter(action="decisions.certificate.printed").exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("english")
def test_printing_refuses_a_revoked_award_a_money_only_title_another_agencys_printer_and_nothing(printed):
    secretariat = printed.world.secretariat
    revoked_on = dt.date(2027, 1, 5)
    type(printed.minh.record).objects.filter(pk=printed.minh.record_id).update(revoked_on=revoked_on)
    with pytest.raises(ValidationError) as refused:
        print_certificates(actor=secretariat, certificates=[printed.huong, printed.minh], stock="plain")
    assert refused.value.code == "revoked" and "revoked on 05/01/2027" in refused.value.messages[0]
    lan = printed.decision.lines.get(name="Trần Thị Lan")
    money = Certificate.objects.create(
        record=lan.record, line=lan, issued_on=lan.decision.decided_on, name=lan.name
    )
    with pytest.raises(ValidationError) as refused:
        print_certificates(actor=secretariat, certificates=[money], stock="plain")
    assert refused.value.code == "no_certificate"
    elsewhere = Printer.objects.create(agency=printed.world.other_agency, name="Máy in")
    with pytest.raises(ValidationError) as refused:
        print_certificates(
            actor=secretariat, certificates=[printed.huong], stock="preprinted", printer=elsewhere
        )
    assert refused.value.code == "printer"
    with pytest.raises(ValidationError) as refused:
        print_certificates(actor=secretariat, certificates=[], stock="plain")
    assert refused.value.code == "empty"
    assert not ActivityLog.objects.filter(action="decisions.certificate.printed").exists()


@pytest.mark.django_db
def test_a_batch_is_read_in_a_constant_number_of_queries(printed, django_assert_max_num_queries):
    many = [printed.huong, printed.minh] * 5
    # Two queries: the certificates with what they print, and the template of their decision.
    with django_assert_max_num_queries(2), pdf(many) as document:
        assert len(document.pages) == 10
