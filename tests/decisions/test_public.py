"""decisions/public.py: the public verification page /xac-minh/<code>/ — open without an account, it shows
only who, what, the decision and the agency; revoked awards say so; unknown, forged and truncated codes get
one and the same answer; codes typed from paper are read; counted per client address; not indexed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from activity.models import ActivityLog
from decisions.domain.certificates import reissue_certificate
from decisions.models import CODE_ALPHABET, Certificate, Issue, new_code
from decisions.printing import VERIFY_PATH
from decisions.public import normalise_code

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def huong(dw):
    dw.decision = dw.issued()
    return Certificate.objects.select_related("line__award", "line__decision__document").get()


def url(code: str) -> str:
    return reverse("verification:certificate", args=[code])


def forged(code: str) -> str:
    """The code with one letter changed."""
    first = CODE_ALPHABET[(CODE_ALPHABET.index(code[0]) + 1) % len(CODE_ALPHABET)]
    return first + code[1:]


def test_the_printed_address_is_the_one_served():
    assert url("ABC") == VERIFY_PATH.format(code="ABC") == "/xac-minh/ABC/"


def test_a_valid_code_shows_who_what_which_decision_and_agency_and_nothing_else(client, dw, huong):
    response = client.get(url(huong.code))
    assert response.status_code == 200
    page = response.content.decode()
    document = dw.decision.document
    day = f"{dw.decision.decided_on:%d/%m/%Y}"
    for fact in ("Đặng Thị Hương", "Chiến sĩ thi đua cơ sở", document.reference, day, "Sở Thử nghiệm",
                 "This certificate was issued"):  # fmt: skip
        assert fact in page, fact
    for private in ("Tổ Kế hoạch", "Trần Văn Giám", "đồng", str(huong.line.amount), huong.code, "revoked"):
        assert private not in page, private
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in page


@pytest.mark.parametrize("who", [None, "secretariat"])
def test_the_page_never_shows_the_staff_menu(client, dw, huong, who):
    if who:
        client.force_login(getattr(dw.world, who))
    page = client.get(url(huong.code)).content.decode()
    assert 'data-testid="mainnav"' not in page and "Log out" not in page and "<script" not in page
    assert "Đặng Thị Hương" in page


@pytest.mark.parametrize(
    "typed", [str.lower, lambda c: c.replace("-", ""), lambda c: f"  {c.replace('-', ' ')} "]
)
def test_a_code_is_read_as_typed_from_paper(client, huong, typed):
    assert normalise_code(typed(huong.code)) == huong.code
    response = client.get(url(typed(huong.code).strip() or "-"))
    assert response.status_code == 200 and "Đặng Thị Hương" in response.content.decode()


def test_unknown_forged_and_truncated_codes_get_one_identical_answer(client, huong):
    answers = [client.get(url(code)) for code in (new_code(), forged(huong.code), huong.code[:20],
                                                   huong.code + "X", "0000", "%3Cscript%3E")]  # fmt: skip
    assert {a.status_code for a in answers} == {404}
    assert len({a.content for a in answers}) == 1  # nothing in the answer depends on the code
    page = answers[0].content.decode()
    assert "No certificate has this code" in page and "Đặng Thị Hương" not in page
    assert answers[0]["X-Robots-Tag"] == "noindex, nofollow"


def test_found_and_unknown_codes_cost_the_same_single_query(client, huong):
    counts = []
    for code in (huong.code, forged(huong.code)):
        with CaptureQueriesContext(connection) as queries:
            client.get(url(code))
        counts.append(len(queries))
    assert counts == [1, 1]


def test_a_revoked_award_says_so_and_since_when(client, huong):
    revoked = timezone.localdate()
    type(huong.record).objects.filter(pk=huong.record_id).update(revoked_on=revoked)
    response = client.get(url(huong.code))
    page = response.content.decode()
    assert response.status_code == 200
    assert f"This award was revoked on {revoked:%d/%m/%Y}" in page and "no longer valid" in page
    assert "This certificate was issued" not in page


def test_a_reissued_certificate_verifies_with_its_own_code(client, dw, huong):
    copy = reissue_certificate(actor=dw.world.secretariat, certificate=huong, issue=Issue.REISSUE,
                               reason="Bị mất", requested_on=timezone.localdate())  # fmt: skip
    page = client.get(url(copy.code)).content.decode()
    assert "Đặng Thị Hương" in page and dw.decision.document.reference in page


def test_checks_are_counted_per_client_address(client, settings, huong):
    settings.THIDUA_RATE_LIMITS = {"verify": {"address": (3, 60)}}
    for _n in range(3):
        assert client.get(url(forged(huong.code)), REMOTE_ADDR="203.0.113.7").status_code == 404
    refused = client.get(url(huong.code), REMOTE_ADDR="203.0.113.7")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    page = refused.content.decode()
    assert "Too many certificates were checked" in page and "Đặng Thị Hương" not in page
    client.get(url(huong.code), REMOTE_ADDR="203.0.113.7")
    assert ActivityLog.objects.filter(action="security.throttled").count() == 1  # once per window
    other = client.get(url(huong.code), REMOTE_ADDR="198.51.100.2")
    assert other.status_code == 200 and "Đặng Thị Hương" in other.content.decode()


def test_the_default_limit_applies_when_limits_are_on_and_none_when_they_are_off(client, settings, huong):
    settings.THIDUA_RATE_LIMITS = {"api": {"user": (100, 60)}}  # on, without a verify entry: 30 a minute
    statuses = [client.get(url(huong.code)).status_code for _n in range(31)]
    assert statuses[:30] == [200] * 30 and statuses[30] == 429
    settings.THIDUA_RATE_LIMITS = {}
    assert client.get(url(huong.code)).status_code == 200


def test_a_code_typed_in_the_form_leads_to_its_page(client, huong):
    typed = huong.code.replace("-", " ").lower()
    response = client.get(reverse("verification:lookup"), {"ma": typed})
    assert response.status_code == 302 and response["Location"] == url(huong.code)
    empty = client.get(reverse("verification:lookup"))
    assert empty.status_code == 200 and 'name="ma"' in empty.content.decode()
    assert empty["X-Robots-Tag"] == "noindex, nofollow"


def test_only_get_is_answered(client, huong):
    assert client.post(url(huong.code)).status_code == 405
