"""decisions.views.packages: the list (newest first, the year filter, constant queries, scoped to the agency's
readers), preparing a package from a meeting (the passed proposals beyond the agency's authority ticked, a
refusal of the domain on the form), a package's page and sending it (refused before its tờ trình is issued),
the ZIP, and the higher decision answering it — registered, a doubtful match confirmed, recorded with the
reasons; every POST refused to a user who may not make it before her input is read."""

import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awards.models import AwardRecord
from decisions.models import Decision, ForwardPackage, Match, PackageStatus
from tests.decisions.packaging import RECIPIENT, draft, issue, passed_collective, send

pytestmark = pytest.mark.django_db
LIST = reverse("decisions:packages")


def url(package, name="package"):
    return reverse(f"decisions:{name}", args=[package.pk])


def new_url(dw):
    return reverse("decisions:package_new", args=[dw.meeting.pk])


def today_text():
    return f"{timezone.localdate():%d/%m/%Y}"


def answer_data(package, **extra) -> dict:
    data = {"number": "215", "notation": "QĐ-UBND", "issued_on": today_text(), "issuer": RECIPIENT,
            "subject": "Về việc tặng danh hiệu Chiến sĩ thi đua cấp tỉnh"}  # fmt: skip
    for entry in package.items.select_related("proposal"):
        data[f"award-{entry.proposal_id}"] = str(entry.proposal.award_id)
    return data | extra


# --- the list ----------------------------------------------------------------------------------------------


def test_the_list_shows_the_packages_with_their_status(dw, login, english):
    sent_package = send(dw)
    response = login(dw.world.secretariat).get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert sent_package.document.reference in html and RECIPIENT in html and "Sent" in html


def test_the_list_filters_by_year(dw, login, english):
    package = draft(dw)
    client = login(dw.world.secretariat)
    assert f'data-testid="package-{package.pk}"' in client.get(LIST, {"year": dw.round.year}).content.decode()
    assert f'data-testid="package-{package.pk}"' in client.get(LIST, {"year": "nonsense"}).content.decode()


def test_the_list_is_not_shown_to_another_agency(dw, login):
    from accounts.models import Role
    from tests.factories import account_with_role

    package = draft(dw)
    stranger = account_with_role(Role.SECRETARIAT, agency=dw.world.other_agency, username="khac")
    assert f'data-testid="package-{package.pk}"' not in login(stranger).get(LIST).content.decode()
    assert login(stranger).get(url(package)).status_code == 404


def _count_list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST).status_code == 200
    return len(queries)


def test_the_list_takes_the_same_queries_whatever_the_number_of_packages(dw, login):
    client = login(dw.world.secretariat)
    draft(dw)
    _count_list_queries(client)  # warm: the session and the caches of a first request
    one = _count_list_queries(client)
    for code in ("tap-the-lao-dong-xuat-sac", "bang-khen-tinh-tap-the"):
        draft(dw, [passed_collective(dw, code)])
    assert ForwardPackage.objects.count() == 3
    assert _count_list_queries(client) == one


# --- preparing ---------------------------------------------------------------------------------------------


def test_the_form_offers_the_passed_proposals_beyond_the_authority(dw, login, english):
    response = login(dw.world.secretariat).get(new_url(dw))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đặng Thị Hương — Chiến sĩ thi đua cấp tỉnh" in html
    assert f'value="{dw.provincial.pk}" id="proposal-{dw.provincial.pk}" checked' in html
    assert "Trần Thị Lan — Lao động tiên tiến" not in html  # within the agency's authority: not offered


def test_preparing_drafts_the_to_trinh_and_the_package(dw, login, english):
    client = login(dw.world.secretariat)
    signer = f"{dw.signers.director.pk}:"
    response = client.post(
        new_url(dw), {"proposals": [dw.provincial.pk], "recipient": RECIPIENT, "signer": signer}
    )
    package = ForwardPackage.objects.get()
    assert response.status_code == 302 and response["Location"] == url(package)
    assert package.document.signer == dw.signers.director and package.document.addressees == [RECIPIENT]
    assert list(package.items.values_list("proposal_id", flat=True)) == [dw.provincial.pk]
    page = client.get(url(package)).content.decode()
    assert 'data-testid="awaiting-issue"' in page and "Đặng Thị Hương" in page


def test_a_proposal_within_the_authority_is_refused_on_the_form(dw, login, english):
    response = login(dw.world.secretariat).post(
        new_url(dw), {"proposals": [dw.within[0].pk], "recipient": RECIPIENT}
    )
    assert response.status_code == 200
    assert "draft a decision instead" in response.content.decode()
    assert not ForwardPackage.objects.exists()


def test_preparing_is_refused_before_the_form_to_a_reader(dw, login):
    for user in (dw.world.council, dw.world.leader):
        assert login(user).post(new_url(dw), {}).status_code == 403
    assert not ForwardPackage.objects.exists()


# --- a package's page, sending, the ZIP ---------------------------------------------------------------------


def test_sending_is_refused_before_the_to_trinh_is_issued(dw, login, english):
    package = draft(dw)
    response = login(dw.world.secretariat).post(url(package, "package_send"), {"sent_on": today_text()})
    assert response.status_code == 200
    assert "must be signed and issued" in response.content.decode()
    package.refresh_from_db()
    assert package.status == PackageStatus.DRAFT


def test_sending_is_refused_before_the_form_to_a_reader(dw, login):
    package = issue(dw, draft(dw))
    assert login(dw.world.leader).post(url(package, "package_send"), {}).status_code == 403
    package.refresh_from_db()
    assert package.status == PackageStatus.DRAFT


def test_sending_forwards_and_the_zip_is_downloaded(dw, login, english, django_capture_on_commit_callbacks):
    package = issue(dw, draft(dw))
    client = login(dw.world.secretariat)
    assert 'data-testid="send-form"' in client.get(url(package)).content.decode()
    assert client.get(url(package, "package_zip")).status_code == 404  # not built yet
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(package, "package_send"), {"sent_on": today_text()})
    assert response.status_code == 302
    package.refresh_from_db()
    dw.provincial.refresh_from_db()
    assert package.status == PackageStatus.SENT and dw.provincial.status == "forwarded"
    page = client.get(url(package)).content.decode()
    assert package.sha256 in page and 'data-testid="zip"' in page
    download = login(dw.world.leader).get(url(package, "package_zip"))  # a reader of the agency
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    data = b"".join(download.streaming_content)
    assert "manifest.json" in zipfile.ZipFile(io.BytesIO(data)).namelist()


# --- the higher decision -----------------------------------------------------------------------------------


def test_a_package_not_sent_takes_no_answer(dw, login, english):
    package = draft(dw)
    response = login(dw.world.secretariat).get(url(package, "higher_decision"), follow=True)
    assert "waiting for its answer" in response.content.decode()


def test_answering_is_refused_before_the_form_to_a_reader(dw, login):
    package = send(dw)
    assert login(dw.world.leader).post(url(package, "higher_decision"), {}).status_code == 403
    assert login(dw.world.leader).post(url(package, "higher_decision_record"), {}).status_code == 403
    assert not Decision.objects.filter(package=package).exists()


def test_the_higher_decision_is_registered_and_recorded(dw, login, english):
    package = send(dw)
    client = login(dw.world.secretariat)
    form = client.get(url(package, "higher_decision")).content.decode()
    assert "Đặng Thị Hương" in form and 'data-testid="answer-form"' in form
    data = answer_data(package, **{f"awarded-{dw.provincial.pk}": "on"})
    response = client.post(url(package, "higher_decision"), data)
    assert response.status_code == 302 and response["Location"] == url(package, "higher_decision")
    decision = Decision.objects.get(package=package)
    assert decision.lines.get().match == Match.EXACT
    step = client.get(url(package, "higher_decision")).content.decode()
    assert 'data-testid="record-form"' in step and "215/QĐ-UBND" in step
    response = client.post(url(package, "higher_decision_record"), {})
    assert response.status_code == 302 and response["Location"] == url(package)
    package.refresh_from_db()
    dw.provincial.refresh_from_db()
    assert package.status == PackageStatus.ANSWERED and dw.provincial.status == "awarded"
    assert AwardRecord.objects.filter(decision=decision.document, person=dw.world.team_person).exists()


def test_a_typed_name_is_confirmed_then_recorded(dw, login, english):
    package = send(dw)
    client = login(dw.world.secretariat)
    award = str(dw.provincial.award_id)
    typed = {"typed-name-1": "Đặng Thị Hương", "typed-award-1": award}
    client.post(url(package, "higher_decision"), answer_data(package, **typed))
    line = Decision.objects.get(package=package).lines.get()
    assert line.match == Match.DOUBTFUL
    assert 'data-testid="doubtful"' in client.get(url(package, "higher_decision")).content.decode()
    confirm = reverse("decisions:higher_decision_confirm", args=[package.pk, line.pk])
    assert client.post(confirm, {"proposal": dw.provincial.pk}).status_code == 302
    line.refresh_from_db()
    assert line.match == Match.CONFIRMED and line.person == dw.world.team_person
    assert client.post(url(package, "higher_decision_record"), {}).status_code == 302
    package.refresh_from_db()
    assert package.status == PackageStatus.ANSWERED


def test_a_name_not_proposed_is_refused_on_the_form(dw, login, english):
    package = send(dw)
    award = str(dw.provincial.award_id)
    data = answer_data(package, **{f"awarded-{dw.provincial.pk}": "on", "typed-name-1": "Nguyễn Văn Lạ",
                                   "typed-award-1": award})  # fmt: skip
    response = login(dw.world.secretariat).post(url(package, "higher_decision"), data)
    assert response.status_code == 200
    assert "“Nguyễn Văn Lạ” (Chiến sĩ thi đua cấp tỉnh) was not proposed" in response.content.decode()
    assert not Decision.objects.filter(package=package).exists()


def test_a_proposal_not_awarded_needs_its_reason(dw, login, english):
    collective = passed_collective(dw)
    package = send(dw, draft(dw, [dw.provincial, collective]))
    client = login(dw.world.secretariat)
    client.post(
        url(package, "higher_decision"), answer_data(package, **{f"awarded-{dw.provincial.pk}": "on"})
    )
    response = client.post(url(package, "higher_decision_record"), {})
    assert response.status_code == 200
    assert "Give the reason this proposal was not awarded." in response.content.decode()
    response = client.post(
        url(package, "higher_decision_record"), {f"reason-{collective.pk}": "Chưa đủ tiêu chuẩn"}
    )
    assert response.status_code == 302
    collective.refresh_from_db()
    assert collective.status == "refused"


def test_a_registration_is_discarded_to_register_again(dw, login, english):
    package = send(dw)
    client = login(dw.world.secretariat)
    client.post(
        url(package, "higher_decision"), answer_data(package, **{f"awarded-{dw.provincial.pk}": "on"})
    )
    assert client.post(url(package, "higher_decision_discard")).status_code == 302
    assert Decision.objects.get(package=package).status == "discarded"
    assert 'data-testid="answer-form"' in client.get(url(package, "higher_decision")).content.decode()
