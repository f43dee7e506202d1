"""End-to-end, in a real Chromium (issue 15, "Done when"): the seed's story to its end, on a world shaped
like the seed's Sở — two units, a council of nine — (the demo's own 2021 round is played to its end by the
demo loader: tests/demo/test_decisions_demo.py; its 2021 signers have no accounts today).

The division's emulation officer proposes, from blank forms with the people found by typing their names
without accents: Lao động tiên tiến for Minh and Ánh, Chiến sĩ thi đua cơ sở for Mai, Tập thể lao động tiên
tiến for the division; for the team below it, Lao động tiên tiến for Tâm and Chiến sĩ thi đua cấp tỉnh for
Hương (the dossiers' papers, drafted on the screens the nominations' own story plays, are written through the
domain). The officer submits the six; the secretariat returns Mai's for its report, the officer corrects only
that and submits again; the secretariat appraises the six, posts them for the five working days the current
rules ask (the posting then moved into the past: a test cannot wait) and sends them to the council; she sets
the council's agenda, convenes it, records the attendance (eight present, one absent voting in writing),
opens the ballot, enters the written vote and closes it — the eight present members cast electronically
through the domain (each member's ballot page is played by the council's own story); the tally passes all
but Tâm's (four votes of the five needed).

Then: the secretariat drafts the director's decision from the meeting's page, with its amounts (the base
salary of today: 0,3 × 2.530.000 → 760.000 đồng); the director signs it off; the clerk issues it from the
decision's page; the certificates print (the PDF read back: A4 landscape, every required line, the QR code
decoding to the public verification address); an anonymous visitor verifies the certificate and is told
that a forged code does not exist; the ledger and the person's page show the award; and the CSTĐ cấp tỉnh
leaves as a forward package — the tờ trình signed and issued, the package sent — whose ZIP's manifest
validates against its JSON Schema."""

import datetime as dt
import io
import json
import re
import unicodedata
import zipfile
from pathlib import Path
from types import SimpleNamespace

import jsonschema
import pdfplumber
import pypdfium2
import pytest
import zxingcpp
from django.utils import timezone, translation
from playwright.sync_api import expect

from awards.models import Award
from council.domain import ballot, meetings
from council.models import Presence
from decisions.models import Certificate, Decision
from lib.vntext import fold
from nominations.domain.dossiers import add_evidence
from nominations.domain.proposals import update_proposal
from nominations.domain.rounds import open_round
from nominations.models import Evidence, Posting, Proposal, Status
from people.models import Rating
from tests.achievements.helpers import PDF_BYTES, upload
from tests.awards.records import rate
from tests.council.conftest import ensure_law_data, seat_council
from tests.documents.signers import add_signers
from tests.e2e.browsing import log_in, snap
from tests.factories import staff_in
from tests.nominations.conftest import complete_dossier

pytestmark = pytest.mark.browser

SCHEMA = Path(__file__).resolve().parents[2] / "decisions" / "schemas" / "forward-package.schema.json"
AGAINST_TAM = {4, 5, 6, 7, 8}  # the members who do not agree on Tâm's Lao động tiên tiến (4 for, 5 needed)
RECIPIENT = "Chủ tịch Ủy ban nhân dân tỉnh Thử nghiệm"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def propose(page, s, unit, code, people=()):
    """The unit's officer proposes on the round's page, from a blank form: the award, the people found by
    typing their names without accents in the picker (none: the unit itself), the achievement."""
    w = s.w
    page.goto(f"{s.base}/app/nominations/rounds/{w.round.pk}/")
    page.get_by_test_id("blank").click()
    unit_form = page.get_by_test_id("unit-form")
    unit_form.get_by_label(unit.name, exact=True).check()
    unit_form.locator("button[type='submit']").click()
    form = page.get_by_test_id("propose-form")
    form.locator("select[name='award']").select_option(label=w.awards[code].name)
    for person in people:
        search = form.locator("input[name='people-search']")
        search.fill("")
        with page.expect_response(lambda response: "/app/people/picker/" in response.url):
            search.press_sequentially(fold(person.full_name), delay=10)
        found = form.get_by_test_id("picker-results").get_by_label(re.compile(re.escape(person.full_name)))
        found.check()
    form.locator("textarea[name='achievement']").fill("Hoàn thành xuất sắc nhiệm vụ được giao trong năm.")
    before = Proposal.objects.filter(round=w.round).count()
    form.get_by_test_id("propose").click()
    expect(page.locator("ul.messages")).to_contain_text("đề nghị")  # the proposal's page, or the round's
    assert Proposal.objects.filter(round=w.round).count() == before + max(len(people), 1)


def proposing(browser, s):
    """Two units' proposals: the division's officer proposes for the division and for the team below it."""
    w = s.w
    officer = other(browser, s, w.officer.username)
    propose(officer, s, w.division, "lao-dong-tien-tien", [w.minh, w.anh])
    propose(officer, s, w.division, "chien-si-thi-dua-co-so", [w.mai])
    propose(officer, s, w.division, "tap-the-lao-dong-tien-tien")
    propose(officer, s, w.team, "lao-dong-tien-tien", [w.tam])
    propose(officer, s, w.team, "chien-si-thi-dua-tinh", [w.huong])
    snap(officer, "decisions-story-proposed")
    officer.context.close()
    made = list(Proposal.objects.filter(round=w.round).select_related("award", "unit", "person"))
    found = sorted((p.unit.symbol, p.award.code, p.person.given_name if p.person_id else "") for p in made)
    assert found == [
        ("PKH", "chien-si-thi-dua-co-so", "Mai"),
        ("PKH", "lao-dong-tien-tien", "Minh"),
        ("PKH", "lao-dong-tien-tien", "Ánh"),
        ("PKH", "tap-the-lao-dong-tien-tien", ""),
        ("TKH", "chien-si-thi-dua-tinh", "Hương"),
        ("TKH", "lao-dong-tien-tien", "Tâm"),
    ]
    complete_the_dossiers(w, made)


def complete_the_dossiers(w, proposals):
    """The dossiers' papers (the unit's minutes and tờ trình, each report, the initiative's certificate), as
    the unit drafts them on the screens the nominations' own story plays."""
    complete_dossier(w.round, w.division)
    complete_dossier(w.round, w.team)
    for proposal in proposals:
        if proposal.award.code in ("chien-si-thi-dua-co-so", "chien-si-thi-dua-tinh"):
            add_evidence(
                actor=w.secretariat,
                proposal=proposal,
                upload=upload("sang-kien.pdf", PDF_BYTES),
                kind=Evidence.Kind.CERTIFICATE,
            )
        justification = "Giải trình của đơn vị." if proposal.verdict == "not_eligible" else ""
        update_proposal(
            actor=w.secretariat,
            proposal=proposal,
            report="Báo cáo thành tích.",
            unit_votes=9,
            justification=justification,
        )


def status_is(page, status):
    expect(page.get_by_test_id("status")).to_have_text(vi_status(status))


def vi_status(status) -> str:
    with translation.override("vi"):
        return str(Status(status).label)


def rows(page, count):
    expect(page.get_by_test_id("queue").locator("tbody tr[data-testid^='row-']")).to_have_count(count)


def propose_and_appraise(page, browser, s):
    """The officer submits the six; the secretariat returns Mai's for its report; the officer corrects only
    that and submits again; the secretariat appraises the six, posts them for the five working days the
    current rules ask (the posting then moved into the past: a test cannot wait) and sends them to the
    council."""
    w = s.w
    officer = other(browser, s, w.officer.username)
    proposals = list(Proposal.objects.filter(round=w.round).order_by("pk"))
    for proposal in proposals:
        officer.goto(f"{s.base}/app/nominations/proposals/{proposal.pk}/")
        officer.get_by_test_id("submit").click()
        status_is(officer, Status.SUBMITTED)
    mai = next(p for p in proposals if p.person_id == w.mai.pk)
    page.goto(f"{s.base}/app/nominations/queue/")
    rows(page, 6)
    page.get_by_test_id(f"return-{mai.pk}").click()
    form = page.get_by_test_id("return-form")
    form.locator("input[name='parts'][value='report']").check()
    form.locator("textarea[name='reason']").fill("Báo cáo chưa nêu kết quả chuyển đổi số; đề nghị bổ sung.")
    page.get_by_test_id("return-submit").click()
    status_is(page, Status.RETURNED)
    officer.goto(f"{s.base}/app/nominations/proposals/{mai.pk}/")
    officer.get_by_test_id("edit").click()
    edit = officer.get_by_test_id("proposal-form")
    expect(edit.locator("textarea[name='achievement']")).not_to_be_editable()
    edit.locator("textarea[name='report']").fill("Báo cáo thành tích (đã bổ sung kết quả chuyển đổi số).")
    edit.locator("button[type='submit']").click()
    officer.get_by_test_id("submit").click()
    status_is(officer, Status.SUBMITTED)
    officer.context.close()
    page.goto(f"{s.base}/app/nominations/queue/")
    rows(page, 6)
    page.locator("[data-check-all='proposals']").check()
    page.get_by_test_id("bulk-form").locator("textarea[name='opinion']").fill("Hồ sơ đầy đủ, đúng quy định.")
    page.get_by_test_id("appraise-many").click()
    rows(page, 0)
    page.goto(f"{s.base}/app/nominations/rounds/{w.round.pk}/")
    page.get_by_test_id("posting-new").click()
    page.locator("[data-check-all='proposals']").check()
    expect(page.get_by_test_id("chosen-count")).to_have_text("6")
    expect(page.get_by_test_id("posting-form").locator("input[name='working_days']")).to_have_value("5")
    page.get_by_test_id("posting-save").click()
    posting = Posting.objects.get(round=w.round)
    opens = w.today - dt.timedelta(days=40)
    Posting.objects.filter(pk=posting.pk).update(opens_on=opens, closes_on=opens + dt.timedelta(days=9))
    page.goto(f"{s.base}/app/nominations/queue/?status=posted")
    rows(page, 6)
    page.locator("[data-check-all='proposals']").check()
    page.get_by_test_id("ready-many").click()
    rows(page, 0)
    mai.refresh_from_db()
    assert (mai.version, mai.report) == (2, "Báo cáo thành tích (đã bổ sung kết quả chuyển đổi số).")
    assert set(Proposal.objects.filter(round=w.round).values_list("status", flat=True)) == {Status.READY}


def _seat_and_prepare(w):
    """Nine members (the last absent, voting in writing) and a meeting of today, prepared only: the
    secretariat sets its agenda, convenes it, records the attendance, opens and closes the ballot on its
    page; the eight present members cast electronically (through the domain, as the council's own story
    does for most of them: each member's ballot page is played there)."""
    council, _term, members = seat_council(w, w.today)
    meeting = meetings.prepare_meeting(
        actor=None, council=council, title="Phiên họp xét khen thưởng", date=w.today, place="Phòng họp số 1"
    )
    return council, members, meeting


def choices_of(w, items, n) -> dict:
    """All agree but on Tâm's Lao động tiên tiến, where members 4–8 do not (4 for: 5 needed)."""
    return {
        i.pk: "against" if i.proposal.person_id == w.tam.pk and n in AGAINST_TAM else "for" for i in items
    }


def meet(page, s):
    w = s.w
    page.goto(f"{s.base}/app/council/meetings/{w.meeting.pk}/")
    page.get_by_test_id("agenda").click()
    for proposal in Proposal.objects.filter(round=w.round):
        page.get_by_test_id(f"tick-{proposal.pk}").check()
    expect(page.get_by_test_id("chosen-count")).to_have_text("6")
    page.get_by_test_id("agenda-save").click()
    expect(page.get_by_test_id("agenda-items").locator("tbody tr[data-testid^='item-']")).to_have_count(6)
    page.get_by_test_id("convene").click()
    page.get_by_test_id("attendance").click()
    form = page.get_by_test_id("attendance-form")
    for n, (membership, _user) in enumerate(w.members):
        presence = Presence.WRITTEN if n == len(w.members) - 1 else Presence.PRESENT
        form.locator(f"select[name='presence_{membership.pk}']").select_option(presence)
    page.get_by_test_id("save").click()
    expect(page.get_by_test_id("quorum")).to_contain_text("8/9")
    page.get_by_test_id("open").click()
    items = list(w.meeting.items.select_related("proposal"))
    for n, (_membership, user) in enumerate(w.members[:-1]):
        ballot.cast(actor=user, meeting=w.meeting, choices=choices_of(w, items, n))
    page.goto(f"{s.base}/app/council/meetings/{w.meeting.pk}/")
    page.get_by_test_id("written").click()
    written = page.get_by_test_id("written-form")
    written.locator("select[name='membership']").select_option(str(w.members[-1][0].pk))
    for item_pk, choice in choices_of(w, items, len(w.members) - 1).items():
        written.locator(f"select[name='item_{item_pk}']").select_option(choice)
    page.get_by_test_id("save").click()
    page.get_by_test_id("close").click()
    page.get_by_test_id("close-confirm").click()
    expect(page.get_by_test_id("minutes")).to_be_visible()
    snap(page, "decisions-council-closed")
    statuses = {
        (p.person.given_name if p.person_id else "unit"): p.status
        for p in Proposal.objects.filter(round=w.round).select_related("person")
    }
    assert statuses == {
        "Minh": Status.PASSED,
        "Ánh": Status.PASSED,
        "Mai": Status.PASSED,
        "unit": Status.PASSED,
        "Tâm": Status.NOT_PASSED,
        "Hương": Status.PASSED,
    }


@pytest.fixture
def story(live_server, transactional_db, world, browser_context_args, settings, tmp_path):
    ensure_law_data()
    settings.MEDIA_ROOT = tmp_path
    settings.THIDUA_SITE_URL = live_server.url  # the address the certificates' QR codes carry
    w = world
    w.signers = add_signers(w)
    w.today = timezone.localdate()
    w.minh, w.huong = w.division_person, w.team_person
    w.anh = staff_in(w.division, family_name="Vũ", middle_name="Thị", given_name="Ánh", gender="female")
    w.mai = staff_in(w.division, family_name="Ngô", middle_name="Thị", given_name="Mai", gender="female")
    w.tam = staff_in(w.team, family_name="Lý", middle_name="Văn", given_name="Tâm")
    for person in (w.minh, w.anh, w.mai, w.huong, w.tam):
        rate(person, w.today.year - 1, Rating.EXCELLENT)
        rate(person, w.today.year, Rating.EXCELLENT)
    codes = (
        "lao-dong-tien-tien",
        "chien-si-thi-dua-co-so",
        "tap-the-lao-dong-tien-tien",
        "chien-si-thi-dua-tinh",
    )
    w.awards = {code: Award.objects.get(code=code) for code in codes}
    w.round = open_round(
        actor=None,
        agency=w.agency,
        name=f"Xét khen thưởng năm {w.today.year}",
        year=w.today.year,
        deadline=w.today + dt.timedelta(days=14),
        awards=list(w.awards.values()),
    )
    w.council, w.members, w.meeting = _seat_and_prepare(w)
    w.context_args = browser_context_args
    return SimpleNamespace(base=live_server.url, w=w)


def other(browser, s, username):
    page = browser.new_context(**s.w.context_args).new_page()
    log_in(page, s.base, username)
    return page


def sign_off(browser, s, document_pk):
    """The drafter submits the document to its signer, the director signs it off (on the document's page)."""
    director = other(browser, s, s.w.leader.username)
    director.goto(f"{s.base}/app/documents/{document_pk}/")
    director.once("dialog", lambda dialog: dialog.accept())
    director.get_by_test_id("approve").click()
    expect(director.get_by_test_id("status")).to_have_text("Đã ký duyệt")
    director.context.close()


def draft_the_decision(page, s) -> Decision:
    page.goto(f"{s.base}/app/council/meetings/{s.w.meeting.pk}/")
    page.get_by_test_id("meeting-decisions").get_by_test_id("draft-decision").click()
    within = Proposal.objects.filter(round=s.w.round, status=Status.PASSED).exclude(person=s.w.huong)
    for proposal in within:
        page.get_by_test_id(f"tick-{proposal.pk}").check()
    expect(page.get_by_test_id("chosen-count")).to_have_text("4")
    expect(page.get_by_test_id("beyond")).to_contain_text(s.w.huong.full_name)  # forwarded instead
    page.locator("select[name='signer']").select_option(label="GIÁM ĐỐC Trần Văn Giám")
    snap(page, "decisions-drafter")
    page.get_by_test_id("draft-save").click()
    expect(page.get_by_test_id("status")).to_have_text(re.compile("soạn|Dự thảo", re.I))
    decision = Decision.objects.get(meeting=s.w.meeting)
    amounts = dict(decision.lines.values_list("award__code", "amount").order_by("position"))
    assert amounts == {
        "lao-dong-tien-tien": 760_000,
        "chien-si-thi-dua-co-so": 2_530_000,
        "tap-the-lao-dong-tien-tien": 2_030_000,
    }
    expect(page.get_by_test_id("total")).to_contain_text("6.080.000")  # 2 × 760.000 + 2.530.000 + 2.030.000
    page.get_by_test_id("document-link").click()
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("status")).to_have_text("Đã trình ký")
    return decision


def issue_the_decision(browser, s, decision) -> Decision:
    clerk = other(browser, s, s.w.clerk.username)
    clerk.goto(f"{s.base}/app/decisions/{decision.pk}/")
    clerk.once("dialog", lambda dialog: dialog.accept())  # "Issue the decision? …"
    clerk.get_by_test_id("issue").click()
    expect(clerk.get_by_test_id("status")).to_have_text("Đã ban hành")
    snap(clerk, "decisions-issued")
    clerk.context.close()
    decision.refresh_from_db()
    assert decision.status == "issued" and decision.document.reference.endswith("/QĐ-STN")
    rows = {line.award.code: line.record for line in decision.lines.select_related("award", "record")}
    assert all(row.decision_id == decision.document_id for row in rows.values())
    assert set(Proposal.objects.filter(round=s.w.round).values_list("status", flat=True)) == {
        Status.DECIDED,
        Status.NOT_PASSED,
        Status.PASSED,
    }
    return decision


def print_and_read(page, s, decision) -> str:
    page.goto(f"{s.base}/app/decisions/{decision.pk}/")
    page.get_by_test_id("certificates").click()
    with page.expect_download() as download:
        page.get_by_test_id("print").click()
    content = Path(download.value.path()).read_bytes()
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        assert len(pdf.pages) == 1  # Mai's bằng chứng nhận: Lao động tiên tiến carries money only
        page_one = pdf.pages[0]
        assert (round(page_one.width), round(page_one.height)) == (842, 595)  # A4 landscape, in points
        text = squash(page_one.extract_text())
    certificate = Certificate.objects.get(line__decision=decision)
    for line in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "GIÁM ĐỐC SỞ THỬ NGHIỆM",
        "TẶNG DANH HIỆU",
        "CHIẾN SĨ THI ĐUA CƠ SỞ",
        "Ngô Thị Mai",
        "Phòng Kế hoạch",
        f"Quyết định số {decision.document.reference}",
        "Số sổ vàng",
        certificate.code,
    ):
        assert squash(line) in text, line
    image = pypdfium2.PdfDocument(content)[0].render(scale=3).to_pil()
    (found,) = zxingcpp.read_barcodes(image)
    assert found.text == f"{s.base}/xac-minh/{certificate.code}/"
    return found.text


def verify_as_anyone(browser, s, url):
    visitor = browser.new_context(**s.w.context_args).new_page()
    visitor.goto(url)
    expect(visitor.get_by_test_id("verify-valid")).to_be_visible()
    valid = visitor.get_by_test_id("verify-facts")
    expect(valid).to_contain_text("Ngô Thị Mai")
    expect(valid).to_contain_text("Chiến sĩ thi đua cơ sở")
    snap(visitor, "decisions-verified")
    visitor.goto(f"{s.base}/xac-minh/ABCDEF-GHJKMN-PQRSTU-VWXYZ2/")
    expect(visitor.get_by_test_id("verify-unknown")).to_be_visible()
    expect(visitor.get_by_test_id("verify-valid")).to_have_count(0)
    visitor.context.close()


def ledger_and_person(page, s, decision):
    page.goto(f"{s.base}/app/decisions/ledger/")
    rows = page.get_by_test_id("ledger-rows")
    for name in ("Lê Văn Minh", "Vũ Thị Ánh", "Ngô Thị Mai", "Phòng Kế hoạch"):
        expect(rows).to_contain_text(name)
    expect(rows).to_contain_text(decision.document.reference)
    page.goto(f"{s.base}/app/people/{s.w.mai.pk}/")
    awards = page.get_by_test_id("awards")
    expect(awards).to_contain_text("Chiến sĩ thi đua cơ sở")
    expect(awards).to_contain_text(decision.document.reference)
    snap(page, "decisions-person-awards")


def forward_the_provincial_title(page, browser, s):
    page.goto(f"{s.base}/app/council/meetings/{s.w.meeting.pk}/")
    page.get_by_test_id("meeting-decisions").get_by_test_id("new-package").click()
    huong = Proposal.objects.get(round=s.w.round, person=s.w.huong)
    page.get_by_test_id(f"tick-{huong.pk}").check()
    form = page.get_by_test_id("package-form")
    form.locator("input[name='recipient']").fill(RECIPIENT)
    form.locator("select[name='signer']").select_option(label="GIÁM ĐỐC Trần Văn Giám")
    page.get_by_test_id("save").click()
    expect(page.get_by_test_id("status")).to_be_visible()
    package_url = page.url
    page.get_by_test_id("to-trinh").click()
    page.get_by_test_id("submit").click()
    document_pk = int(re.search(r"/app/documents/(\d+)/", page.url).group(1))
    sign_off(browser, s, document_pk)
    clerk = other(browser, s, s.w.clerk.username)
    clerk.goto(f"{s.base}/app/documents/{document_pk}/")
    clerk.once("dialog", lambda dialog: dialog.accept())
    clerk.get_by_test_id("issue").click()
    expect(clerk.get_by_test_id("status")).to_have_text("Đã ban hành")
    clerk.context.close()
    page.goto(package_url)
    page.get_by_test_id("send-form").locator("button[type='submit']").click()
    expect(page.get_by_test_id("zip")).to_be_visible()
    snap(page, "decisions-package-sent")
    huong.refresh_from_db()
    assert huong.status == Status.FORWARDED
    response = page.request.get(s.base + page.get_by_test_id("zip").get_attribute("href"))
    assert response.ok
    with zipfile.ZipFile(io.BytesIO(response.body())) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        jsonschema.validate(manifest, json.loads(SCHEMA.read_text()))
        names = set(archive.namelist())
    assert all(entry["path"] in names for entry in manifest["files"])
    assert [p["name"] for p in manifest["proposals"]] == ["Đặng Thị Hương"]


def test_the_seed_story_from_the_council_to_the_certificate_and_the_province(story, page, browser):
    s = story
    log_in(page, s.base, s.w.secretariat.username)
    proposing(browser, s)
    propose_and_appraise(page, browser, s)
    meet(page, s)
    decision = draft_the_decision(page, s)
    sign_off(browser, s, decision.document_id)
    decision = issue_the_decision(browser, s, decision)
    url = print_and_read(page, s, decision)
    verify_as_anyone(browser, s, url)
    ledger_and_person(page, s, decision)
    forward_the_provincial_title(page, browser, s)
