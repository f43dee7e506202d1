"""decisions.views.revocations: the list of revocations with what is due, what came back and the overdue ones
(filtered, paginated, constant queries); the secretariat's form drafting a revocation from a ledger row
(permission before the form, the domain's refusals on the form); a revocation's page with the return form.

This module is also the URL configuration of the revocations' views until decisions/urls.py includes them."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awards.models import AwardRecord
from decisions.models import Decision, Kind, Revocation, Status
from tests.decisions.test_revoking import CONCLUSION, CSTDCS, LDTT, draft, revoked, rows

pytestmark = pytest.mark.django_db


def list_url(**query) -> str:
    words = "&".join(f"{key}={value}" for key, value in query.items())
    return reverse("decisions:revocations") + (f"?{words}" if words else "")


def new_url(record) -> str:
    return reverse("decisions:revocation_new", args=[record.pk])


def page_url(revocation) -> str:
    return reverse("decisions:revocation", args=[revocation.pk])


def money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đồng"


# --- the list ---------------------------------------------------------------------------------------------


def test_the_list_shows_what_is_due_and_what_came_back(dw, login, english):
    hương = rows(dw.issued())[CSTDCS][0]
    decision = revoked(dw, [hương])
    revocation = Revocation.objects.get(record=hương)

    response = login(dw.world.leader).get(list_url())

    html = response.content.decode()
    assert response.status_code == 200 and list(response.context["page"]) == [revocation]
    assert hương.decision_line.name in html and page_url(revocation) in html
    assert decision.document.reference in html and revocation.return_due.strftime("%d/%m/%Y") in html
    assert money(hương.amount) in html and "and the object" in html and "object not returned" in html
    assert 'data-testid="overdue"' not in html


def test_an_overdue_return_is_marked_and_filtered(dw, login, english):
    found = rows(dw.issued())
    hương, lđtt = found[CSTDCS][0], found[LDTT][0]
    revoked(dw, [hương, lđtt])
    late, settled = Revocation.objects.get(record=hương), Revocation.objects.get(record=lđtt)
    Revocation.objects.update(return_due=timezone.localdate() - dt.timedelta(days=1))  # the days went by
    Revocation.objects.filter(pk=settled.pk).update(amount_returned=lđtt.amount)
    client = login(dw.world.secretariat)

    every = client.get(list_url())
    overdue = client.get(list_url(show="overdue"))

    assert set(every.context["page"]) == {late, settled}
    html = every.content.decode()
    assert f'data-testid="revocation-{late.pk}"' in html and html.count('data-testid="overdue"') == 1
    assert 'data-testid="settled"' in html
    assert list(overdue.context["page"]) == [late]
    assert list(client.get(list_url(show="outstanding")).context["page"]) == [late]


def test_a_draft_is_listed_to_its_drafters_only(dw, login):  # and its signer (the director, leader)
    hương = rows(dw.issued())[CSTDCS][0]
    draft(dw, [hương])

    assert len(login(dw.world.secretariat).get(list_url()).context["page"]) == 1
    assert len(login(dw.world.deputy).get(list_url()).context["page"]) == 0


def test_the_list_reads_a_constant_number_of_queries(dw, login):
    records = [r for found in rows(dw.issued()).values() for r in found]
    revoked(dw, records[:1])
    client = login(dw.world.secretariat)
    client.get(list_url())  # warm the session and the caches
    with CaptureQueriesContext(connection) as one:
        assert client.get(list_url()).status_code == 200
    revoked(dw, records[1:])
    client.get(list_url())  # the inbox's count, cached, changed with the new notices

    with CaptureQueriesContext(connection) as three:
        response = client.get(list_url())

    assert len(response.context["page"]) == 3
    assert len(three) == len(one), [q["sql"] for q in three.captured_queries]


# --- drafting from a ledger row ---------------------------------------------------------------------------


def test_the_secretariat_drafts_a_revocation_from_a_ledger_row(dw, login):
    hương = rows(dw.issued())[CSTDCS][0]
    client = login(dw.world.secretariat)
    assert client.get(new_url(hương)).status_code == 200

    response = client.post(new_url(hương), {"ground": "d", "conclusion": CONCLUSION,
                                            "signer": f"{dw.signers.director.pk}:"})  # fmt: skip

    decision = Decision.objects.get(kind=Kind.REVOCATION)
    assert response.status_code == 302 and response["Location"] == reverse(
        "decisions:detail", args=[decision.pk]
    )
    assert decision.status == Status.DRAFT and decision.document.signer == dw.signers.director
    revocation = Revocation.objects.get(record=hương)
    assert (
        revocation.decision == decision and revocation.ground == "d" and revocation.conclusion == CONCLUSION
    )


def test_an_empty_form_and_a_revoked_award_are_refused_on_the_form(dw, login):
    hương = rows(dw.issued())[CSTDCS][0]
    client = login(dw.world.secretariat)

    empty = client.post(new_url(hương), {"ground": "", "conclusion": ""})
    assert empty.status_code == 200 and {"ground", "conclusion"} <= set(empty.context["form"].errors)
    revoked(dw, [hương])
    again = client.post(new_url(hương), {"ground": "a", "conclusion": CONCLUSION})

    assert "đã bị hủy bỏ ngày" in " ".join(again.context["form"].non_field_errors())
    assert 'data-testid="refusal"' in client.get(new_url(hương)).content.decode()  # said before the form
    assert Revocation.objects.count() == 1


def test_those_who_may_not_draft_are_refused_before_the_form(dw, login):
    hương = rows(dw.issued())[CSTDCS][0]
    lan = next(
        r
        for r in rows(Decision.objects.get(kind=Kind.REWARD))[LDTT]
        if r.person_id == dw.world.office_person.pk
    )

    assert login(dw.world.leader).post(new_url(hương), {}).status_code == 403  # reads, does not draft
    assert login(dw.world.staff).post(new_url(lan), {}).status_code == 403  # her own award
    assert login(dw.world.staff).get(new_url(hương)).status_code == 404  # not hers to see
    assert not Revocation.objects.exists()
    assert AwardRecord.objects.standing().count() == 3


# --- a revocation's page ----------------------------------------------------------------------------------


def test_the_return_is_recorded_on_the_page(dw, login, english):
    hương = rows(dw.issued())[CSTDCS][0]
    revoked(dw, [hương])
    revocation = Revocation.objects.get(record=hương)
    client = login(dw.world.secretariat)
    today = f"{timezone.localdate():%d/%m/%Y}"

    shown = client.get(page_url(revocation))
    data = {"amount_returned": money(hương.amount), "object_returned": "on", "settled_on": today}
    response = client.post(page_url(revocation), data)

    assert 'data-testid="return-form"' in shown.content.decode()
    assert response.status_code == 302 and response["Location"] == page_url(revocation)
    revocation.refresh_from_db()
    assert revocation.amount_returned == hương.amount and revocation.object_returned
    assert 'data-testid="settled"' in client.get(page_url(revocation)).content.decode()


def test_more_than_is_due_is_a_form_error(dw, login):
    hương = rows(dw.issued())[CSTDCS][0]
    revoked(dw, [hương])
    revocation = Revocation.objects.get(record=hương)

    response = login(dw.world.secretariat).post(
        page_url(revocation),
        {"amount_returned": hương.amount + 1, "settled_on": f"{timezone.localdate():%d/%m/%Y}"},
    )

    assert response.status_code == 200 and response.context["form"].errors["amount_returned"]
    revocation.refresh_from_db()
    assert revocation.amount_returned == 0


def test_a_reader_sees_the_page_without_the_form_and_cannot_post(dw, login):
    hương = rows(dw.issued())[CSTDCS][0]
    revoked(dw, [hương])
    revocation = Revocation.objects.get(record=hương)
    client = login(dw.world.leader)

    shown = client.get(page_url(revocation))
    refused = client.post(page_url(revocation), {"amount_returned": "1"})

    assert shown.status_code == 200 and shown.context["form"] is None
    assert refused.status_code == 403
    revocation.refresh_from_db()
    assert revocation.amount_returned == 0
    assert login(dw.world.staff).get(page_url(revocation)).status_code == 404


def test_a_draft_has_nothing_to_return(dw, login):
    hương = rows(dw.issued())[CSTDCS][0]
    draft(dw, [hương])
    revocation = Revocation.objects.get(record=hương)
    client = login(dw.world.secretariat)

    shown = client.get(page_url(revocation))
    posted = client.post(page_url(revocation), {"amount_returned": "1", "settled_on": "01/01/2026"})

    assert shown.context["form"] is None and 'data-testid="draft"' in shown.content.decode()
    assert posted.status_code == 302
    revocation.refresh_from_db()
    assert revocation.amount_returned == 0
