"""portal.consultations: the open postings of the portal's agency, a posting's public list, the comment form
(honeypot, signed time stamp, rate limit per address, sizes) and the thank-you page with the reference; the
comment arrives on the proposal's staff page, its text escaped everywhere and its contact never public."""

import datetime as dt
import time

import pytest
from django.urls import include, path, reverse
from django.utils.html import escape
from django.utils.translation import gettext, ngettext

from nominations.models import Comment, CommentSource
from portal.consultation_forms import MAX_SECONDS, form_token
from publishing.models import Portal
from tests.nominations.conftest import nom  # noqa: F401 — the round of the nominations' tests
from tests.nominations.test_domain_posting import appraised
from tests.nominations.test_public import SCRIPT, post
from thidua import urls as project

# The project's addresses with the portal at the root (until thidua/urls.py includes it itself).
urlpatterns = list(project.urlpatterns)
if not any(getattr(p, "namespace", None) == "portal" for p in urlpatterns):
    urlpatterns.insert(len(urlpatterns) - 1, path("", include("portal.urls")))

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]
CONTACT = "0987654321"


@pytest.fixture
def site(world, nom, settings):  # noqa: F811
    """The agency's default portal and an open portal posting of Lê Văn Minh and the division; the comments'
    rate limit at 5 per 10 minutes per address."""
    settings.THIDUA_RATE_LIMITS = {"comment": {"address": (5, 600)}}
    Portal.objects.create(
        agency=world.agency, slug="stn", title="Cổng thông tin Sở Thử nghiệm", is_default=True
    )
    person = appraised(world, nom)
    unit = appraised(world, nom, unit=world.division, award_=nom.ttldtt)
    posting = post(world, nom, [person, unit])
    return posting, person, unit


def form_url(posting, proposal):
    return reverse("portal:comment", args=[posting.pk, proposal.pk])


def values(proposal, *, age=10, **kwargs):
    data = {"name": "Nguyễn Văn Dân", "contact": CONTACT, "text": "Tôi đồng ý.", "website": ""}
    return data | {"token": form_token(proposal.pk, at=time.time() - age)} | kwargs


def send(client, posting, proposal, **kwargs):
    return client.post(form_url(posting, proposal), values(proposal, **kwargs), REMOTE_ADDR="203.0.113.7")


def test_the_list_shows_the_open_postings_of_the_portals_agency(client, world, nom, site):  # noqa: F811
    posting, _person, _unit = site
    response = client.get(reverse("portal:consultations"))
    page = response.content.decode()
    assert response.status_code == 200 and nom.round.name in page
    assert reverse("portal:consultation", args=[posting.pk]) in page
    assert posting.closes_on.strftime("%d/%m/%Y") in page
    posting.closes_on = nom.today - dt.timedelta(days=1)
    posting.save()
    page = client.get(reverse("portal:consultations")).content.decode()
    assert reverse("portal:consultation", args=[posting.pk]) not in page


def test_the_list_costs_the_same_queries_for_one_or_several_postings(
    client,
    world,
    nom,  # noqa: F811
    site,
    django_assert_max_num_queries,
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(reverse("portal:consultations"))  # the portal map cached
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("portal:consultations"))
    post(world, nom, [appraised(world, nom, person=world.team_person, unit=world.team)])
    post(world, nom, [appraised(world, nom, person=world.office_person, unit=world.office)])
    with CaptureQueriesContext(connection) as three:
        page = client.get(reverse("portal:consultations")).content.decode()
    assert page.count('data-testid="posting-') == 3
    assert len(three) == len(one)


def test_the_posting_lists_name_position_unit_and_award_only(client, world, nom, site):  # noqa: F811
    posting, person, unit = site
    page = client.get(reverse("portal:consultation", args=[posting.pk])).content.decode()
    assert "Lê Văn Minh" in page and nom.ldtt.name in page and nom.ttldtt.name in page
    assert form_url(posting, person) in page and form_url(posting, unit) in page
    assert (
        client.get(reverse("portal:consultation", args=[posting.pk]), {"page": "9" * 40}).status_code == 200
    )
    birth = world.division_person.date_of_birth
    assert birth is None or birth.strftime("%d/%m/%Y") not in page
    assert person.report not in page


def test_another_agencys_posting_is_not_found(client, world, site):
    posting, person, _unit = site
    Portal.objects.filter(agency=world.agency).update(agency=world.other_agency)
    from django.core.cache import cache

    cache.clear()  # the portal map
    assert client.get(reverse("portal:consultation", args=[posting.pk])).status_code == 404
    assert send(client, posting, person).status_code == 404
    assert not Comment.objects.exists()


def test_a_comment_is_stored_as_plain_text_and_its_reference_shown(client, world, site, login):
    posting, person, _unit = site
    assert client.get(form_url(posting, person)).status_code == 200
    response = send(client, posting, person, text=SCRIPT)
    stored = Comment.objects.get()
    assert (stored.text, stored.source, stored.contact) == (SCRIPT, CommentSource.PORTAL, CONTACT)
    thanks = client.get(response["Location"])
    page = thanks.content.decode()
    assert thanks.status_code == 200 and stored.reference in page
    assert SCRIPT not in page and CONTACT not in page
    assert client.get(response["Location"].replace("so=", "so=x")).status_code == 404  # not guessable
    staff = login(world.secretariat).get(reverse("nominations:proposal", args=[person.pk])).content.decode()
    assert escape(SCRIPT) in staff and SCRIPT not in staff
    assert stored.reference in staff and CONTACT in staff and "Nguyễn Văn Dân" in staff


def test_the_form_shown_again_escapes_what_was_typed(client, site):
    posting, person, _unit = site
    page = send(client, posting, person, text=SCRIPT, age=0).content.decode()
    assert escape(SCRIPT) in page and SCRIPT not in page
    assert not Comment.objects.exists()


def test_a_filled_honeypot_stores_nothing(client, site):
    posting, person, _unit = site
    response = send(client, posting, person, website="http://spam.example")
    assert response.status_code == 400
    assert not Comment.objects.exists()


@pytest.mark.usefixtures("english")
def test_too_fast_and_expired_forms_are_refused(client, site):
    posting, person, _unit = site
    fast = send(client, posting, person, age=1)
    assert fast.status_code == 400 and "sent too quickly" in fast.content.decode()
    old = send(client, posting, person, age=MAX_SECONDS + 60)
    assert old.status_code == 400 and "open too long" in old.content.decode()
    forged = send(client, posting, person, token="1:2:forged")
    assert forged.status_code == 400
    foreign = client.post(form_url(posting, person), values(site[2]), REMOTE_ADDR="203.0.113.7")
    assert foreign.status_code == 400  # a token drawn for another proposal
    assert not Comment.objects.exists()


def test_an_oversized_comment_is_a_form_error(client, site):
    posting, person, _unit = site
    response = send(client, posting, person, text="x" * 5001, name="n" * 201)
    form = response.context["form"]
    assert response.status_code == 400 and {"text", "name"} <= set(form.errors)
    assert not Comment.objects.exists()


def test_a_closed_posting_refuses_in_vietnamese(client, nom, site):  # noqa: F811
    posting, person, _unit = site
    posting.closes_on = nom.today - dt.timedelta(days=1)
    posting.save()
    response = send(client, posting, person)
    assert response.status_code == 410
    assert gettext("Comments are no longer received on this list.") in response.content.decode()
    assert not Comment.objects.exists()


def test_a_thousand_comments_from_one_address_store_at_most_the_limit(client, site):
    posting, person, _unit = site
    statuses = [send(client, posting, person).status_code for _ in range(1000)]
    assert Comment.objects.count() == 5
    assert statuses[:5] == [302] * 5 and set(statuses[5:]) == {429}
    refused = send(client, posting, person)
    retry = int(refused["Retry-After"])
    message = ngettext(
        "Too many comments were sent from this address. Try again in %(seconds)d second.",
        "Too many comments were sent from this address. Try again in %(seconds)d seconds.",
        retry,
    ) % {"seconds": retry}
    assert message in refused.content.decode()
    other = client.post(form_url(posting, person), values(person), REMOTE_ADDR="198.51.100.1")
    assert other.status_code == 302 and Comment.objects.count() == 6  # another address is not held up
