"""End-to-end, in a real Chromium (issue 15, "Done when"): the seed's story to its end.

Two units propose five people and one collective — the division Lao động tiên tiến for Minh and Ánh, Chiến sĩ
thi đua cơ sở for Mai, Tập thể lao động tiên tiến for itself; the team Lao động tiên tiến for Tâm and Chiến
sĩ thi đua cấp tỉnh for Hương —; Mai's proposal is returned for its report and corrected; all are appraised
and posted for the five working days the current rules ask (the posting then moved into the past), made
ready; the council of nine meets, eight voting electronically and one in writing; the tally passes all but
Tâm's (four votes of the five needed). These steps, each played in a browser by the nominations' and the
council's own stories, run here through the same domain functions.

In the browser: the secretariat drafts the director's decision from the meeting's page, with its amounts
(the base salary of today: 0,3 × 2.530.000 → 760.000 đồng); the director signs it off; the clerk issues it
from the decision's page; the certificates print (the PDF read back: A4 landscape, every required line, the
QR code decoding to the public verification address); an anonymous visitor verifies the certificate and is
told that a forged code does not exist; the ledger and the person's page show the award; and the CSTĐ cấp
tỉnh leaves as a forward package — the tờ trình signed and issued, the package sent — whose ZIP's manifest
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
from django.utils import timezone
from playwright.sync_api import expect

from awards.models import Award
from council.domain import ballot, meetings
from council.models import Presence
from decisions.models import Certificate, Decision
from nominations.domain.appraisal import appraise_many, return_proposal
from nominations.domain.dossiers import add_evidence
from nominations.domain.posting import make_ready_many, open_posting
from nominations.domain.proposals import propose, submit_proposal, update_proposal
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


def _propose(w, unit, code, people=()):
    made = propose(actor=w.secretariat, round=w.round, unit=unit, award=w.awards[code], people=list(people))
    for proposal in made:
        if code in ("chien-si-thi-dua-co-so", "chien-si-thi-dua-tinh"):  # the initiative's certificate
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
    return made


def _proposals(w):
    """Five people and one collective of two units, submitted; Mai's returned for its report and corrected."""
    complete_dossier(w.round, w.division)
    complete_dossier(w.round, w.team)
    made = [
        *_propose(w, w.division, "lao-dong-tien-tien", [w.minh, w.anh]),
        *_propose(w, w.division, "chien-si-thi-dua-co-so", [w.mai]),
        *_propose(w, w.division, "tap-the-lao-dong-tien-tien"),
        *_propose(w, w.team, "lao-dong-tien-tien", [w.tam]),
        *_propose(w, w.team, "chien-si-thi-dua-tinh", [w.huong]),
    ]
    made = [submit_proposal(actor=w.secretariat, proposal=p) for p in made]
    mai = next(p for p in made if p.person_id == w.mai.pk)
    return_proposal(
        actor=w.secretariat, proposal=mai, reason="Bổ sung kết quả chuyển đổi số.", fields=["report"]
    )
    update_proposal(
        actor=w.secretariat, proposal=Proposal.objects.get(pk=mai.pk), report="Báo cáo đã bổ sung."
    )
    submit_proposal(actor=w.secretariat, proposal=Proposal.objects.get(pk=mai.pk))
    return list(Proposal.objects.filter(round=w.round).order_by("pk"))


def _posted_and_ready(w, proposals):
    appraised, refused = appraise_many(actor=w.secretariat, proposals=proposals, opinion="Hồ sơ đầy đủ.")
    assert not refused, refused
    posting = open_posting(
        actor=w.secretariat, round=w.round, proposals=appraised, channel="portal", opens_on=w.today
    )
    assert posting.working_days == 5
    opens = w.today - dt.timedelta(days=40)  # the posting's days moved into the past
    Posting.objects.filter(pk=posting.pk).update(opens_on=opens, closes_on=opens + dt.timedelta(days=9))
    _ready, refused = make_ready_many(actor=w.secretariat, proposals=Proposal.objects.filter(round=w.round))
    assert not refused, refused


def _council(w, proposals):
    """Nine members, eight voting electronically and the last in writing; all agree but on Tâm's."""
    council, _term, members = seat_council(w, w.today)
    meeting = meetings.prepare_meeting(
        actor=None, council=council, title="Phiên họp xét khen thưởng", date=w.today, place="Phòng họp số 1"
    )
    meetings.set_agenda(actor=None, meeting=meeting, proposals=proposals)
    meetings.convene(actor=None, meeting=meeting)
    for n, (membership, _user) in enumerate(members):
        presence = Presence.WRITTEN if n == len(members) - 1 else Presence.PRESENT
        meetings.record_attendance(actor=None, meeting=meeting, membership=membership, presence=presence)
    meetings.open_ballot(actor=w.secretariat, meeting=meeting)
    items = list(meeting.items.select_related("proposal"))
    for n, (membership, user) in enumerate(members):
        choices = {
            i.pk: "against" if i.proposal.person_id == w.tam.pk and n in AGAINST_TAM else "for" for i in items
        }
        if n == len(members) - 1:
            ballot.record_written(
                actor=w.secretariat, meeting=meeting, membership=membership, choices=choices
            )
        else:
            ballot.cast(actor=user, meeting=meeting, choices=choices)
    meetings.close_ballot(actor=w.secretariat, meeting=meeting)
    return meeting


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
    proposals = _proposals(w)
    _posted_and_ready(w, proposals)
    w.meeting = _council(w, proposals)
    statuses = {
        (p.person.given_name if p.person_id else "unit"): p.status
        for p in Proposal.objects.filter(round=w.round)
    }
    assert statuses == {
        "Minh": Status.PASSED,
        "Ánh": Status.PASSED,
        "Mai": Status.PASSED,
        "unit": Status.PASSED,
        "Tâm": Status.NOT_PASSED,
        "Hương": Status.PASSED,
    }
    w.context_args = browser_context_args
    return SimpleNamespace(base=live_server.url, w=w)


def other(browser, s, username):
    page = browser.new_context(**s.w.context_args).new_page()
    log_in(page, s.base, username)
    return page


def sign_off(browser, s, document_pk):
    """The drafter submits the document to its signer, the director signs it off (on the document's page)."""
    director = other(browser, s, s.w.leader.username)
    director.goto(f"{s.base}/documents/{document_pk}/")
    director.once("dialog", lambda dialog: dialog.accept())
    director.get_by_test_id("approve").click()
    expect(director.get_by_test_id("status")).to_have_text("Đã ký duyệt")
    director.context.close()


def draft_the_decision(page, s) -> Decision:
    page.goto(f"{s.base}/council/meetings/{s.w.meeting.pk}/")
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
    clerk.goto(f"{s.base}/decisions/{decision.pk}/")
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
    page.goto(f"{s.base}/decisions/{decision.pk}/")
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
    page.goto(f"{s.base}/decisions/ledger/")
    rows = page.get_by_test_id("ledger-rows")
    for name in ("Lê Văn Minh", "Vũ Thị Ánh", "Ngô Thị Mai", "Phòng Kế hoạch"):
        expect(rows).to_contain_text(name)
    expect(rows).to_contain_text(decision.document.reference)
    page.goto(f"{s.base}/people/{s.w.mai.pk}/")
    awards = page.get_by_test_id("awards")
    expect(awards).to_contain_text("Chiến sĩ thi đua cơ sở")
    expect(awards).to_contain_text(decision.document.reference)
    snap(page, "decisions-person-awards")


def forward_the_provincial_title(page, browser, s):
    page.goto(f"{s.base}/council/meetings/{s.w.meeting.pk}/")
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
    document_pk = int(re.search(r"/documents/(\d+)/", page.url).group(1))
    sign_off(browser, s, document_pk)
    clerk = other(browser, s, s.w.clerk.username)
    clerk.goto(f"{s.base}/documents/{document_pk}/")
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
    decision = draft_the_decision(page, s)
    sign_off(browser, s, decision.document_id)
    decision = issue_the_decision(browser, s, decision)
    url = print_and_read(page, s, decision)
    verify_as_anyone(browser, s, url)
    ledger_and_person(page, s, decision)
    forward_the_provincial_title(page, browser, s)
