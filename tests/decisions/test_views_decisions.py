"""decisions.views.decisions: the list (newest first, amounts in đồng, status in words, the year filter,
constant queries), the drafter (the passed proposals within the agency's authority ticked and priced, those
beyond it sent to the forward package, a proposal not passed refused with a message, permission before the
form), a decision's page (document, meeting, bases, annex, totals in words) and its actions: issuing through
the page (ledger rows written, proposals decided; the domain's refusals on the form), discarding."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awards.models import AwardRecord
from council.models import Meeting
from decisions.domain.drafting import discard_decision
from decisions.domain.funds import set_fund
from decisions.domain.revoking import draft_revocation
from decisions.models import Decision, Status
from documents import domain as documents
from lib.vnmoney import format_vnd, in_words
from nominations.models import Proposal

pytestmark = pytest.mark.django_db
LIST = reverse("decisions:list")


def draft_url(dw):
    return reverse("decisions:draft", args=[dw.meeting.pk])


def url(decision, name="detail"):
    return reverse(f"decisions:{name}", args=[decision.pk])


def today_text():
    return f"{timezone.localdate():%d/%m/%Y}"


# --- the list ----------------------------------------------------------------------------------------------


def test_the_list_shows_number_date_amount_and_status_in_words(dw, login, english):
    issued = dw.issued()
    response = login(dw.world.secretariat).get(LIST)

    html = response.content.decode()
    assert response.status_code == 200 and list(response.context["page"]) == [issued]
    assert issued.document.reference in html and f"{issued.decided_on:%d/%m/%Y}" in html
    assert format_vnd(issued.total_amount) in html and "." in format_vnd(issued.total_amount)
    assert "Issued" in html and issued.document.subject in html


def test_a_draft_is_listed_for_the_secretariat_not_for_a_council_member(dw, login, english):
    draft = dw.draft()

    shown = login(dw.world.secretariat).get(LIST)
    assert list(shown.context["page"]) == [draft] and "Being drafted" in shown.content.decode()
    assert list(login(dw.world.council).get(LIST).context["page"]) == []


def test_the_year_filter(dw, login):
    issued = dw.issued()
    Decision.objects.filter(pk=issued.pk).update(decided_on=dt.date(2022, 2, 1))
    client = login(dw.world.secretariat)

    assert list(client.get(LIST, {"year": 2022}).context["page"]) == [issued]
    assert client.get(LIST, {"year": 1999}).context["form"].value() is None  # not a year offered: all


def _list_queries(client) -> int:
    client.get(LIST)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST)
    assert response.status_code == 200
    return len(captured)


def test_the_list_queries_do_not_grow_with_the_decisions(dw, login):
    client = login(dw.world.secretariat)
    dw.draft()
    one = _list_queries(client)
    for _n in range(5):  # five more: each drafted, then discarded so that the next may take the proposals
        decision = Decision.objects.filter(status=Status.DRAFT).get()
        discard_decision(actor=dw.world.secretariat, decision=decision)
        dw.draft()

    assert Decision.objects.count() == 6
    assert _list_queries(client) == one


# --- the drafter -------------------------------------------------------------------------------------------


def test_the_drafter_lists_the_passed_proposals_priced_and_those_to_forward(dw, login):
    response = login(dw.world.secretariat).get(draft_url(dw))

    assert response.status_code == 200
    context = response.context
    assert {p.pk for p in context["page"]} == {p.pk for p in dw.within} == context["chosen"]
    assert [p.pk for p in context["beyond"]] == [dw.provincial.pk]
    assert [p.status for p in context["not_passed"]] == ["not_passed"]
    preview = context["preview"]
    assert len(preview.lines) == 3 and preview.total > 0 and not preview.error
    html = response.content.decode()
    assert reverse("decisions:package_new", args=[dw.meeting.pk]) in html
    assert format_vnd(preview.total) in html and in_words(preview.total) in html


def test_the_drafter_makes_the_decision(dw, login):
    director = dw.signers.director
    data = {"proposals": [p.pk for p in dw.within], "grouping": "one", "signer": f"{director.pk}:",
            "decided_on": today_text(), "save": "1"}  # fmt: skip
    response = login(dw.world.secretariat).post(draft_url(dw), data)

    decision = Decision.objects.get()
    assert response.status_code == 302 and response["Location"] == url(decision)
    assert decision.status == Status.DRAFT and decision.meeting == dw.meeting and decision.awards_count == 3
    assert decision.document.signer == director
    assert set(decision.lines.values_list("proposal_id", flat=True)) == {p.pk for p in dw.within}
    assert decision.total_amount == sum(line.amount for line in decision.lines.all() if line.paid) > 0


def test_the_drafter_groups_one_decision_per_award(dw, login):
    data = {"proposals": [p.pk for p in dw.within], "grouping": "per_award", "save": "1"}
    login(dw.world.secretariat).post(draft_url(dw), data)

    assert Decision.objects.count() == 2  # Lao động tiên tiến; Chiến sĩ thi đua cơ sở


def test_a_proposal_not_passed_cannot_be_drafted(dw, login, english):
    refused = Proposal.objects.get(round=dw.round, status="not_passed")
    data = {"proposals": [refused.pk, dw.within[0].pk], "grouping": "one", "save": "1"}
    response = login(dw.world.secretariat).post(draft_url(dw), data)

    assert response.status_code == 200 and not Decision.objects.exists()
    errors = response.context["form"].errors["proposals"]
    assert any("was not passed by the council" in error for error in errors)
    assert "was not passed by the council" in response.content.decode()


def test_the_preview_follows_the_ticks_with_htmx(dw, login):
    data = {"proposals": [dw.within[0].pk], "decided_on": today_text()}
    response = login(dw.world.secretariat).post(draft_url(dw) + "?preview=1", data, HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html and 'id="draft-preview"' in html
    assert len(response.context["preview"].lines) == 1 and not Decision.objects.exists()


@pytest.mark.parametrize("persona", ["council", "staff", "officer"])
def test_the_drafter_refuses_before_reading_the_form(dw, login, persona):
    client = login(getattr(dw.world, persona))
    for response in (client.get(draft_url(dw)), client.post(draft_url(dw), {"save": "1"})):
        assert response.status_code in (403, 404)
        assert b"errorlist" not in response.content
    assert not Decision.objects.exists()


def test_the_drafter_of_a_meeting_not_closed_says_so(dw, login, english):
    Meeting.objects.filter(pk=dw.meeting.pk).update(status="voting")
    response = login(dw.world.secretariat).get(draft_url(dw), follow=True)

    assert "drafted from a closed meeting" in response.content.decode()


# --- a decision's page -------------------------------------------------------------------------------------


def test_the_page_of_an_issued_decision(dw, login, english):
    decision = dw.issued()
    response = login(dw.world.secretariat).get(url(decision))

    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("documents:detail", args=[decision.document_id]) in html
    assert reverse("council:meeting", args=[dw.meeting.pk]) in html
    assert reverse("decisions:payment_list", args=[decision.pk]) in html
    assert reverse("decisions:certificates", args=[decision.pk]) in html
    assert in_words(decision.total_amount) in html and format_vnd(decision.total_amount) in html
    lines = list(response.context["lines"])
    assert len(lines) == 3 and all(line.record_id for line in lines)
    for line in lines:
        target = "ledger_person" if line.person_id else "ledger_unit"
        assert reverse(f"decisions:{target}", args=[line.person_id or line.unit_id]) in html
    assert response.context["bases"] and "Issued" in html
    assert url(decision, "issue") not in html and url(decision, "discard") not in html


def test_a_draft_offers_discarding_to_the_secretariat_and_issuing_once_signed(dw, login):
    draft = dw.draft()
    html = login(dw.world.secretariat).get(url(draft)).content.decode()
    assert url(draft, "discard") in html and url(draft, "issue") not in html  # not signed off yet

    documents.submit_for_signature(actor=dw.world.secretariat, document=draft.document)
    documents.approve_document(actor=dw.world.leader, document=draft.document)
    assert url(draft, "issue") in login(dw.world.secretariat).get(url(draft)).content.decode()


def test_the_clerk_issues_a_signed_off_draft_from_its_page(dw, login):
    decision = dw.signed()
    client = login(dw.world.clerk)
    assert url(decision, "issue") in client.get(url(decision)).content.decode()
    client.post(url(decision, "issue"), {"issued_on": today_text()})

    decision.refresh_from_db()
    assert decision.status == Status.ISSUED


def test_issuing_through_the_page_writes_the_ledger_and_decides_the_proposals(dw, login):
    decision = dw.signed()
    response = login(dw.world.secretariat).post(url(decision, "issue"), {"issued_on": today_text()})

    assert response.status_code == 302 and response["Location"] == url(decision)
    decision.refresh_from_db()
    assert decision.status == Status.ISSUED and decision.document.reference
    assert decision.decided_on == timezone.localdate()
    records = AwardRecord.objects.filter(decision=decision.document)
    assert records.count() == 3 and all(r.certificate_number for r in records)
    statuses = set(Proposal.objects.filter(pk__in=[p.pk for p in dw.within]).values_list("status", flat=True))
    assert statuses == {"decided"}


def test_a_refusal_of_the_domain_is_shown_on_the_form(dw, login, english):
    decision = dw.signed()
    set_fund(actor=None, agency=dw.world.agency, year=timezone.localdate().year, allocation=1000)
    response = login(dw.world.secretariat).post(url(decision, "issue"), {"issued_on": today_text()})

    assert response.status_code == 200
    assert "would overspend" in response.content.decode()
    assert response.context["issue_form"].non_field_errors()
    decision.refresh_from_db()
    assert decision.status == Status.DRAFT and not AwardRecord.objects.exists()


@pytest.mark.parametrize("persona", ["council", "staff", "leader"])
def test_issuing_is_refused_before_the_form(dw, login, persona):
    decision = dw.signed()
    response = login(getattr(dw.world, persona)).post(url(decision, "issue"), {})

    assert response.status_code in (403, 404) and b"errorlist" not in response.content
    decision.refresh_from_db()
    assert decision.status == Status.DRAFT


def test_an_unsigned_draft_is_not_issued(dw, login, english):
    decision = dw.draft()
    response = login(dw.world.secretariat).post(
        url(decision, "issue"), {"issued_on": today_text()}, follow=True
    )

    assert "must be a draft signed off by its signer" in response.content.decode()
    decision.refresh_from_db()
    assert decision.status == Status.DRAFT


def test_discarding_through_the_page(dw, login):
    decision = dw.draft()
    response = login(dw.world.secretariat).post(url(decision, "discard"))

    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == Status.DISCARDED


def test_discarding_is_refused_to_the_clerk(dw, login):
    decision = dw.draft()
    response = login(dw.world.clerk).post(url(decision, "discard"))

    assert response.status_code in (403, 404)
    decision.refresh_from_db()
    assert decision.status == Status.DRAFT


# --- decisions of the other kinds go through their own domain functions -------------------------------------


def _revocation(dw):
    issued = dw.issued()
    record = AwardRecord.objects.get(decision=issued.document, person=dw.world.office_person)
    words = {"ground": "a", "conclusion": "Kết luận thanh tra số 01/KL-TTr", "signer": dw.signers.director}
    return draft_revocation(actor=dw.world.secretariat, records=[record], **words)


def test_a_revocation_is_issued_from_its_page(dw, login):
    revocation = _revocation(dw)
    documents.submit_for_signature(actor=dw.world.secretariat, document=revocation.document)
    documents.approve_document(actor=dw.world.leader, document=revocation.document)
    client = login(dw.world.secretariat)
    page = client.get(url(revocation))
    assert page.context["revocations"] and url(revocation, "issue") in page.content.decode()

    response = client.post(url(revocation, "issue"), {"issued_on": today_text()})

    assert response.status_code == 302
    revocation.refresh_from_db()
    assert revocation.status == Status.ISSUED
    assert AwardRecord.objects.get(person=dw.world.office_person).revoked_on == timezone.localdate()


def test_a_revocation_draft_is_discarded_from_its_page(dw, login):
    revocation = _revocation(dw)
    login(dw.world.secretariat).post(url(revocation, "discard"))

    revocation.refresh_from_db()
    assert revocation.status == Status.DISCARDED and not revocation.revocations.exists()
