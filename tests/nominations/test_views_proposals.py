"""nominations.views.proposals: proposing from the registration, from "who is due" and blank (many at once,
all or none, permission before the form), the proposal's page (verdict, dossier, history, the verdict judged
again when the record changed), editing under a return's lock, one submission for a double click,
withdrawing, evidence, the versions and what changed, the unit's papers."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext as translate
from django.utils.translation import ngettext as translate_plural

from accounts.models import Role
from awards import snapshots, staleness
from movements.domain.registrations import (
    add_entry,
    approve_registration,
    start_registration,
    submit_registration,
)
from movements.models import RegistrationRound
from nominations.domain.appraisal import return_proposal
from nominations.domain.proposals import propose, submit_proposal, update_proposal
from nominations.models import Evidence, Proposal, ProposalVersion, Round, Source, Status, UnitDossier
from nominations.views import proposals as views
from people.models import Rating
from tests.awards.records import rate
from tests.factories import MovementFactory, account_with_role, staff_in
from tests.nominations.conftest import complete_dossier

pytestmark = pytest.mark.django_db


def url(name, *args, **query):
    found = reverse(f"nominations:{name}", args=args)
    return f"{found}?{'&'.join(f'{k}={v}' for k, v in query.items())}" if query else found


def staff_of(unit, count):
    return [staff_in(unit, family_name="Võ", middle_name="Thị", given_name=f"Tên {n}") for n in range(count)]


def queries_of(client, address) -> int:
    client.get(address)  # warm: the session, the account's scope
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]


def draft(world, nom, person=None, award=None):
    (proposal,) = propose(actor=world.officer, round=nom.round, unit=world.division, award=award or nom.ldtt,
                          people=[person or world.division_person])  # fmt: skip
    return proposal


def ready(world, nom):
    proposal = draft(world, nom)
    complete_dossier(nom.round, world.division)
    return update_proposal(actor=world.officer, proposal=proposal, report="Báo cáo thành tích năm nay.")


@pytest.fixture
def outsider(world):
    return account_with_role(Role.UNIT_OFFICER, unit=world.other_unit, username="canbokhac")


# --- from the registration ----------------------------------------------------------------------------------


@pytest.fixture
def registered(world, nom):
    """The division's approved registration of this year: Minh and two more for Lao động tiên tiến, the unit
    itself for Tập thể lao động tiên tiến."""
    movement = MovementFactory(agency=world.agency)
    registration_round = RegistrationRound.objects.create(
        movement=movement,
        year=nom.today.year,
        opens_on=nom.today - dt.timedelta(days=300),
        deadline=nom.today,
    )
    registration = start_registration(actor=None, round=registration_round, unit=world.division)
    people = [world.division_person, *staff_of(world.division, 2)]
    entries = [add_entry(actor=None, registration=registration, award=nom.ldtt, person=p) for p in people]
    entries.append(add_entry(actor=None, registration=registration, award=nom.ttldtt))
    submit_registration(actor=None, registration=registration, on=nom.today)
    approve_registration(actor=None, registration=registration)
    return entries


def test_the_officer_chooses_among_her_units_first(world, nom, login):
    client = login(world.officer)

    response = client.get(url("propose_registration", nom.round.pk))

    assert response.templates[0].name == "nominations/propose_unit.html"
    assert list(response.context["chooser"].fields["unit"].queryset) == [world.division, world.team]
    response = client.get(url("propose_registration", nom.round.pk, unit=world.office.pk))
    assert response.context["chooser"].errors["unit"] == [
        translate("Choose one of the units you compile proposals for.")
    ]


def test_the_secretariat_picks_any_unit_of_the_agency_with_the_unit_picker(world, nom, login):
    from organisations.widgets import UnitPickerField

    client = login(world.secretariat)

    chooser = client.get(url("propose_blank", nom.round.pk)).context["chooser"]
    assert isinstance(chooser.fields["unit"], UnitPickerField)
    response = client.get(url("propose_blank", nom.round.pk, unit=world.office.pk))
    assert response.context["unit"] == world.office
    response = client.get(url("propose_blank", nom.round.pk, unit=world.other_unit.pk))
    assert response.context["chooser"].errors["unit"] and response.context.get("unit") is None


def test_the_registration_list_shows_the_approved_titles_not_yet_proposed(world, nom, registered, login):
    draft(world, nom)  # Minh is proposed already

    response = login(world.officer).get(url("propose_registration", nom.round.pk, unit=world.division.pk))

    assert [entry.pk for entry in response.context["page"]] == [e.pk for e in registered[1:]]
    assert 'data-check-all="entries"' in response.content.decode()


def test_proposing_the_ticked_titles_makes_exactly_those_proposals(world, nom, registered, login):
    data = {"unit": world.division.pk, "save": "1", "entries": [e.pk for e in registered]}

    response = login(world.officer).post(url("propose_registration", nom.round.pk), data)

    assert response.status_code == 302 and response.url == url("round", nom.round.pk)
    made = Proposal.objects.order_by("pk")
    assert [(p.person, p.award, p.registration_entry_id) for p in made] == [
        (e.person, e.award, e.pk) for e in registered
    ]
    assert {p.source for p in made} == {Source.REGISTRATION} and made.last().person is None
    made_message = translate_plural("%(count)s proposal was made.", "%(count)s proposals were made.", 4)
    assert messages_of(response) == [made_message % {"count": 4}]


def test_select_all_of_a_page_proposes_that_page(world, nom, registered, login, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    client = login(world.officer)
    address = url("propose_registration", nom.round.pk, unit=world.division.pk)
    page = [entry.pk for entry in client.get(address).context["page"]]

    client.post(address, {"unit": world.division.pk, "save": "1", "entries": page})

    assert sorted(Proposal.objects.values_list("registration_entry_id", flat=True)) == sorted(page)
    assert [entry.pk for entry in client.get(address).context["page"]] == [e.pk for e in registered[2:]]


def test_a_registration_proposal_refused_makes_none(world, nom, registered, login):
    Round.objects.filter(pk=nom.round.pk).update(deadline=nom.today - dt.timedelta(days=1))
    data = {"unit": world.division.pk, "save": "1", "entries": [e.pk for e in registered]}

    response = login(world.secretariat).post(url("propose_registration", nom.round.pk), data)

    assert response.status_code == 200 and not Proposal.objects.exists()
    assert response.context["form"].non_field_errors()


def test_nothing_ticked_is_said(world, nom, registered, login):
    data = {"unit": world.division.pk, "save": "1"}

    response = login(world.officer).post(url("propose_registration", nom.round.pk), data)

    assert response.context["form"].errors["entries"] == [
        translate("Tick at least one registered title to propose.")
    ]
    assert not Proposal.objects.exists()


def approved_registration(world, nom, people, award):
    movement = MovementFactory(agency=world.agency)
    registration_round = RegistrationRound.objects.create(
        movement=movement,
        year=nom.today.year,
        opens_on=nom.today - dt.timedelta(days=300),
        deadline=nom.today,
    )
    registration = start_registration(actor=None, round=registration_round, unit=world.division)
    for person in people:
        add_entry(actor=None, registration=registration, award=award, person=person)
    submit_registration(actor=None, registration=registration, on=nom.today)
    approve_registration(actor=None, registration=registration)


def test_the_registration_list_query_count_does_not_grow(world, nom, login):
    client = login(world.officer)
    address = url("propose_registration", nom.round.pk, unit=world.division.pk)
    approved_registration(world, nom, [world.division_person], nom.ldtt)
    one = queries_of(client, address)
    approved_registration(world, nom, staff_of(world.division, 7), nom.ldtt)

    eight = queries_of(client, address)

    assert len(client.get(address).context["page"]) == 8
    assert one == eight


# --- from who is due --------------------------------------------------------------------------------------


def test_the_due_list_offers_the_awards_then_the_people_eligible(world, nom, login):
    client = login(world.officer)

    response = client.get(url("propose_due", nom.round.pk, unit=world.division.pk))

    assert nom.ldtt in [due.award for due in response.context["dues"]]
    response = client.get(url("propose_due", nom.round.pk, unit=world.division.pk, award=nom.ldtt.pk))
    assert [row.person_id for row in response.context["page"]] == [world.division_person.pk]
    assert 'data-check-all="people"' in response.content.decode()


def test_proposing_from_the_due_list(world, nom, login):
    data = {
        "unit": world.division.pk,
        "award": nom.ldtt.pk,
        "save": "1",
        "people": [world.division_person.pk],
    }

    response = login(world.officer).post(url("propose_due", nom.round.pk), data)

    assert response.status_code == 302
    (made,) = Proposal.objects.all()
    expected = (world.division_person, world.division, nom.ldtt, Source.DUE)
    assert (made.person, made.unit, made.award, made.source) == expected
    response = login(world.officer).get(
        url("propose_due", nom.round.pk, unit=world.division.pk, award=nom.ldtt.pk)
    )
    assert list(response.context["page"]) == []


def test_a_person_not_in_the_due_list_is_refused(world, nom, login):
    data = {"unit": world.division.pk, "award": nom.ldtt.pk, "save": "1", "people": [world.office_person.pk]}

    response = login(world.officer).post(url("propose_due", nom.round.pk), data)

    assert response.status_code == 200 and not Proposal.objects.exists()
    assert response.context["form"].errors["people"]


def test_the_due_list_query_count_does_not_grow(world, nom, login):
    client = login(world.officer)
    address = url("propose_due", nom.round.pk, unit=world.division.pk, award=nom.ldtt.pk)
    one = queries_of(client, address)
    for person in staff_of(world.division, 7):
        rate(person, nom.today.year - 1, Rating.GOOD)
        rate(person, nom.today.year, Rating.GOOD)
    snapshots.recompute(agency=world.agency, year=nom.today.year)  # the task worker's part, run at once

    eight = queries_of(client, address)

    assert len(client.get(address).context["page"]) == 8
    assert one == eight


# --- blank ------------------------------------------------------------------------------------------------


def blank(world, nom, **more):
    data = {
        "unit": world.division.pk,
        "save": "1",
        "award": nom.ldtt.pk,
        "achievement": "Cứu người trong lũ.",
    }
    return data | more


def test_a_blank_proposal_for_many_people_at_once(world, nom, login):
    other = staff_of(world.division, 1)[0]
    data = blank(world, nom, people=[world.division_person.pk, other.pk])

    response = login(world.officer).post(url("propose_blank", nom.round.pk), data)

    assert response.status_code == 302 and response.url == url("round", nom.round.pk)
    made = Proposal.objects.order_by("pk")
    assert [p.person for p in made] == [world.division_person, other]
    assert {(p.source, p.achievement) for p in made} == {(Source.BLANK, "Cứu người trong lũ.")}


def test_a_blank_proposal_of_the_unit_itself(world, nom, login):
    data = blank(world, nom, award=nom.ttldtt.pk)

    response = login(world.officer).post(url("propose_blank", nom.round.pk), data)

    made = Proposal.objects.get()
    assert response.url == url("proposal", made.pk)
    assert (made.person, made.unit, made.award) == (None, world.division, nom.ttldtt)


def test_a_blank_proposal_needs_the_achievement(world, nom, login):
    data = blank(world, nom, people=[world.division_person.pk], achievement="")

    response = login(world.officer).post(url("propose_blank", nom.round.pk), data)

    assert response.context["form"].errors["achievement"] == [
        translate("Describe the achievement: a proposal without a list needs it.")
    ]
    assert not Proposal.objects.exists()


def test_a_person_outside_the_unit_is_refused_and_nobody_is_proposed(world, nom, login):
    # Hương works in the team below the division: the officer sees her, the division cannot propose her
    data = blank(world, nom, people=[world.division_person.pk, world.team_person.pk])

    response = login(world.officer).post(url("propose_blank", nom.round.pk), data)

    assert response.status_code == 200 and not Proposal.objects.exists()
    message = (
        f"Đặng Thị Hương không công tác tại Phòng Kế hoạch trong năm {nom.round.year}: "
        "đơn vị không thể đề nghị cho người này."
    )
    assert response.context["form"].errors["people"] == [message]
    assert message in response.content.decode()


def test_a_person_out_of_reach_is_refused_by_the_picker(world, nom, login):
    data = blank(world, nom, people=[world.division_person.pk, world.office_person.pk])

    response = login(world.officer).post(url("propose_blank", nom.round.pk), data)

    assert response.context["form"].errors["people"] == [
        translate("Someone chosen is not among the people you may propose; search for her again.")
    ]
    assert not Proposal.objects.exists()


def test_a_second_proposal_for_the_same_subject_and_award_is_refused(world, nom, login):
    first = draft(world, nom)
    data = blank(world, nom, people=[world.division_person.pk])

    response = login(world.officer).post(url("propose_blank", nom.round.pk), data)

    message = translate("%(name)s is already proposed for “%(award)s” in this round.") % {
        "name": "Lê Văn Minh", "award": nom.ldtt.name
    }  # fmt: skip
    assert response.context["form"].errors["award"] == [message]
    assert list(Proposal.objects.all()) == [first]


def test_after_the_deadline_the_secretariat_proposes_with_a_reason(world, nom, login):
    Round.objects.filter(pk=nom.round.pk).update(deadline=nom.today - dt.timedelta(days=1))
    client = login(world.secretariat)

    response = client.post(
        url("propose_blank", nom.round.pk), blank(world, nom, people=[world.division_person.pk])
    )

    assert "late_reason" in response.context["form"].errors and not Proposal.objects.exists()
    data = blank(world, nom, people=[world.division_person.pk], late_reason="Đơn vị gửi chậm do thiên tai.")
    client.post(url("propose_blank", nom.round.pk), data)
    assert Proposal.objects.get().late_reason == "Đơn vị gửi chậm do thiên tai."


@pytest.mark.parametrize("name", ["propose_registration", "propose_due", "propose_blank"])
def test_proposing_is_refused_before_the_form(world, nom, login, outsider, name):
    data = blank(world, nom, people=[world.division_person.pk])
    for user, status in ((world.staff, 403), (world.head, 403), (world.council, 403), (outsider, 404)):
        client = login(user)
        assert client.get(url(name, nom.round.pk)).status_code == status
        assert client.post(url(name, nom.round.pk), data).status_code == status
    Round.objects.filter(pk=nom.round.pk).update(deadline=nom.today - dt.timedelta(days=1))
    assert login(world.officer).post(url(name, nom.round.pk), data).status_code == 403
    assert not Proposal.objects.exists()


# --- the proposal's page ----------------------------------------------------------------------------------


def test_the_page_shows_the_verdict_the_rule_set_the_dossier_and_the_history(world, nom, login):
    proposal = draft(world, nom)

    response = login(world.officer).get(url("proposal", proposal.pk))

    body = response.content.decode()
    assert response.context["verdict"].label == translate("Eligible")
    assert proposal.rule_set.name in body and proposal.rule_set_reason in body
    assert all(check["citation"] in body for check in proposal.checks)
    parts = {part.code: part.present for part in response.context["parts"]}
    assert parts["to-trinh"] is False
    assert [entry.action for entry in response.context["history"]] == ["nominations.proposal.created"]
    assert reverse("nominations:proposal_submit", args=[proposal.pk]) in body
    assert reverse("nominations:proposal_appraise", args=[proposal.pk]) not in body


def test_the_verdict_is_judged_again_when_the_record_changed(
    world, nom, login, django_capture_on_commit_callbacks
):
    proposal = draft(world, nom)
    Proposal.objects.filter(pk=proposal.pk).update(verdict="unjudged", checks=[])
    with django_capture_on_commit_callbacks(execute=True):
        staleness.mark_records_changed()  # a rating changed somewhere: the record version moves on
    current = staleness.versions()[1]
    assert current > proposal.judged_version

    login(world.officer).get(url("proposal", proposal.pk))

    stored = Proposal.objects.get(pk=proposal.pk)
    assert (stored.judged_version, stored.verdict) == (current, "eligible") and stored.checks


def test_the_secretariat_sees_the_appraisal_actions_and_the_flags(world, nom, login):
    proposal = submit_proposal(actor=world.officer, proposal=ready(world, nom))
    Proposal.objects.filter(pk=proposal.pk).update(flags=[{"code": "twice", "message": "Đề nghị hai lần."}])

    body = login(world.secretariat).get(url("proposal", proposal.pk)).content.decode()

    assert reverse("nominations:proposal_appraise", args=[proposal.pk]) in body
    assert reverse("nominations:proposal_return", args=[proposal.pk]) in body
    assert "Đề nghị hai lần." in body
    assert "Đề nghị hai lần." not in login(world.officer).get(url("proposal", proposal.pk)).content.decode()


def test_an_overdue_appraisal_is_highlighted(world, nom, login):
    proposal = submit_proposal(actor=world.officer, proposal=ready(world, nom))
    Proposal.objects.filter(pk=proposal.pk).update(appraisal_due_on=nom.today - dt.timedelta(days=1))

    response = login(world.secretariat).get(url("proposal", proposal.pk))

    assert response.context["clock"].css == "closed"


def test_the_proposal_is_hidden_from_another_agency(world, nom, login, outsider):
    proposal = draft(world, nom)
    for name in ("proposal", "proposal_versions", "proposal_edit", "proposal_evidence", "proposal_withdraw"):
        assert login(outsider).get(url(name, proposal.pk)).status_code == 404


def test_the_page_query_count_does_not_grow_with_the_round(world, nom, login):
    proposal = draft(world, nom)
    client = login(world.officer)
    one = queries_of(client, url("proposal", proposal.pk))
    propose(
        actor=None, round=nom.round, unit=world.division, award=nom.ldtt, people=staff_of(world.division, 7)
    )

    eight = queries_of(client, url("proposal", proposal.pk))

    assert Proposal.objects.count() == 8 and one == eight


# --- editing, submitting, withdrawing ---------------------------------------------------------------------


def edit_data(proposal, **changes):
    fields = (
        "achievement",
        "justification",
        "report",
        "unit_votes",
        "line_name",
        "line_position",
        "line_unit",
    )
    data = {name: getattr(proposal, name) or "" for name in fields}
    data["line_birth"] = proposal.line_birth.strftime("%d/%m/%Y") if proposal.line_birth else ""
    return data | changes


def test_the_officer_edits_a_draft(world, nom, login):
    proposal = draft(world, nom)

    response = login(world.officer).post(
        url("proposal_edit", proposal.pk), edit_data(proposal, report="Báo cáo.")
    )

    assert response.status_code == 302
    assert Proposal.objects.get().report == "Báo cáo."


def test_a_returned_proposal_refuses_a_locked_field_and_takes_the_named_one(world, nom, login):
    proposal = submit_proposal(actor=world.officer, proposal=ready(world, nom))
    return_proposal(
        actor=world.secretariat, proposal=proposal, reason="Bổ sung lý do.", fields=["justification"]
    )
    proposal.refresh_from_db()
    client = login(world.officer)
    page = client.get(url("proposal", proposal.pk)).content.decode()
    assert f"Hạn sửa và gửi lại: {proposal.correct_by:%d/%m/%Y}." in page  # 5 working days after the return
    form = client.get(url("proposal_edit", proposal.pk)).context["form"]
    assert "achievement" in form.locked and "justification" not in form.locked

    response = client.post(
        url("proposal_edit", proposal.pk), edit_data(proposal, achievement="Sửa trái phép")
    )

    message = translate("This part is locked: the secretariat did not ask for it to be corrected.")
    assert response.status_code == 200 and response.context["form"].errors["achievement"] == [message]
    assert Proposal.objects.get().achievement == ""
    client.post(url("proposal_edit", proposal.pk), edit_data(proposal, justification="Đã bổ sung."))
    stored = Proposal.objects.get()
    assert (stored.justification, stored.achievement) == ("Đã bổ sung.", "")


def test_a_double_submit_makes_one_submission(world, nom, login):
    proposal = ready(world, nom)
    client = login(world.officer)

    first = client.post(url("proposal_submit", proposal.pk))
    second = client.post(url("proposal_submit", proposal.pk))

    assert (first.status_code, second.status_code) == (302, 302)
    assert ProposalVersion.objects.count() == 1 and Proposal.objects.get().status == Status.SUBMITTED
    message = translate(
        "The proposal has already been submitted (submission %(number)s): nothing more to do."
    )
    assert messages_of(second)[-1] == message % {"number": 1}


def test_an_incomplete_dossier_is_refused_with_the_list(world, nom, login):
    proposal = draft(world, nom)

    response = login(world.officer).post(url("proposal_submit", proposal.pk))

    assert Proposal.objects.get().status == Status.DRAFT and not ProposalVersion.objects.exists()
    (message,) = messages_of(response)
    assert "Tờ trình đề nghị khen thưởng" in message


def test_versions_show_what_changed_between_submissions(world, nom, login):
    proposal = submit_proposal(actor=world.officer, proposal=ready(world, nom))
    return_proposal(actor=world.secretariat, proposal=proposal, reason="Sửa báo cáo.", fields=["report"])
    proposal.refresh_from_db()
    client = login(world.officer)
    client.post(url("proposal_edit", proposal.pk), edit_data(proposal, report="Báo cáo đã sửa."))
    client.post(url("proposal_submit", proposal.pk))

    response = client.get(url("proposal_versions", proposal.pk))

    first, second = response.context["rows"]
    assert first.first and first.changes == []
    (change,) = second.changes
    assert (change.label, change.before, change.after) == (
        translate("achievement report"), "Báo cáo thành tích năm nay.", "Báo cáo đã sửa."
    )  # fmt: skip
    assert "Báo cáo đã sửa." in response.content.decode()


def test_withdrawing_asks_first_then_withdraws(world, nom, login):
    proposal = draft(world, nom)
    client = login(world.officer)

    assert client.get(url("proposal_withdraw", proposal.pk)).status_code == 200
    assert Proposal.objects.get().status == Status.DRAFT
    response = client.post(url("proposal_withdraw", proposal.pk), {"reason": "Chuyển công tác."})

    assert response.url == url("round", nom.round.pk)
    assert Proposal.objects.get().status == Status.WITHDRAWN


def test_an_evidence_file_is_added(world, nom, login):
    proposal = draft(world, nom, award=nom.cstdcs)
    upload = SimpleUploadedFile("bang-sang-kien.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n")

    data = {"upload": upload, "kind": "certificate"}
    response = login(world.officer).post(url("proposal_evidence", proposal.pk), data)

    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert (evidence.proposal, evidence.kind, evidence.name) == (
        proposal,
        "certificate",
        "bang-sang-kien.pdf",
    )


@pytest.mark.parametrize(
    "name", ["proposal_edit", "proposal_submit", "proposal_withdraw", "proposal_evidence"]
)
def test_those_who_do_not_compile_are_refused_before_the_form(world, nom, login, name):
    proposal = draft(world, nom)
    data = edit_data(proposal, report="Sửa trái phép", reason="x")
    for user in (world.head, world.leader, world.council):
        client = login(user)
        assert client.get(url(name, proposal.pk)).status_code in (403, 405)
        assert client.post(url(name, proposal.pk), data).status_code == 403
    stored = Proposal.objects.get()
    assert (stored.status, stored.report, stored.version) == (Status.DRAFT, "", 0)
    assert not Evidence.objects.exists()


# --- the unit's papers --------------------------------------------------------------------------------------


def test_the_officer_records_the_meeting_and_the_head_reads_it(world, nom, login):
    address = url("unit_dossier", nom.round.pk, world.division.pk)
    data = {"minutes": "Họp bình xét ngày 05/12.", "met_on": nom.today.strftime("%d/%m/%Y"),
            "members_total": "9", "members_present": "8"}  # fmt: skip

    response = login(world.officer).post(address, data)

    assert response.status_code == 302
    dossier = UnitDossier.objects.get()
    assert (dossier.minutes, dossier.members_present) == ("Họp bình xét ngày 05/12.", 8)
    reading = login(world.head).get(address)
    assert reading.context["form"] is None and "Họp bình xét ngày 05/12." in reading.content.decode()
    assert login(world.head).post(address, data | {"minutes": "Sửa"}).status_code == 403
    assert UnitDossier.objects.get().minutes == "Họp bình xét ngày 05/12."


def test_the_papers_of_another_unit_are_refused(world, nom, login, outsider):
    address = url("unit_dossier", nom.round.pk, world.office.pk)
    data = {"minutes": "Giả mạo"}

    assert login(world.officer).get(address).status_code == 403
    assert login(world.officer).post(address, data).status_code == 403
    assert login(outsider).post(address, data).status_code == 404
    assert login(world.officer).get(url("unit_dossier", nom.round.pk, world.other_unit.pk)).status_code == 404
    assert not UnitDossier.objects.exists()


def test_the_report_is_drafted_from_the_record(world, nom, login):
    proposal = draft(world, nom)
    client = login(world.officer)
    assert 'data-testid="draft-report"' in client.get(url("proposal_edit", proposal.pk)).content.decode()

    response = client.post(url("proposal_edit", proposal.pk), {"draft": "1"})

    assert response.url == url("proposal_edit", proposal.pk)
    report = Proposal.objects.get().report
    assert "Lê Văn Minh" in report or world.division_person.full_name in report


def test_a_returned_proposal_offers_no_drafting_when_the_report_is_locked(world, nom, login):
    proposal = submit_proposal(actor=world.officer, proposal=ready(world, nom))
    return_proposal(
        actor=world.secretariat, proposal=proposal, reason="Bổ sung lý do.", fields=["justification"]
    )
    client = login(world.officer)

    assert 'data-testid="draft-report"' not in client.get(url("proposal_edit", proposal.pk)).content.decode()
    client.post(url("proposal_edit", proposal.pk), {"draft": "1"})

    assert Proposal.objects.get().report == "Báo cáo thành tích năm nay."


def test_the_cover_letter_and_the_minutes_are_drafted(world, nom, login):
    draft(world, nom)
    client = login(world.officer)
    address = url("unit_dossier", nom.round.pk, world.division.pk)

    client.post(address, {"draft_cover": "1"})
    client.post(address, {"draft_minutes": "1"})

    dossier = UnitDossier.objects.get()
    assert dossier.cover is not None and dossier.cover.kind.code == "to_trinh"
    assert "Lao động tiên tiến" in dossier.minutes
    assert login(world.head).post(address, {"draft_cover": "1"}).status_code == 403
