"""`manage.py generate_province` at a small size: what it writes, that the app reads it as its own (search,
sign-in, the rules engine), that it runs once, and that it refuses a database holding other data."""

import dataclasses
import datetime as dt
import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, Max
from django.test import override_settings
from django.urls import reverse

from accounts.models import RoleGrant, User
from achievements.models import InitiativeAuthor
from activity.models import ActivityLog
from awards.due import staff_of_year
from awards.eligibility import Engine
from awards.models import AwardRecord
from awards.subjects import people_facts, unit_facts
from decisions.models import Decision, Line
from demo.province.catalogue import MARKER_CODE
from demo.province.generate import SUMMARY
from demo.province.world import MERGER_DAY
from documents.models import Document, NumberSequence
from documents.search import search_documents
from lib.vntext import fold
from movements.models import Registration, RegistrationEntry
from nominations.models import Proposal, Round
from organisations.models import Agency, Unit
from people.models import Assignment, Person, QualityRating
from tests.factories import AgencyFactory

SIZES = ["--people", "300", "--units", "30", "--documents", "300", "--years", "3"]
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LAST_DAY = MERGER_DAY - dt.timedelta(days=1)


@pytest.fixture(scope="module")
def province(django_db_setup, django_db_blocker):
    """The province generated once per module, rolled back afterwards; its command output."""
    out = io.StringIO()
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS), transaction.atomic():
        call_command("generate_province", *SIZES, stdout=out, stderr=io.StringIO())
        yield out.getvalue()
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def counts() -> dict:
    return {model._meta.label: model.objects.count() for model in SUMMARY}


def test_rows_in_the_expected_ranges(province):
    c = counts()
    assert c["people.Person"] == 300
    assert 25 <= c["organisations.Unit"] <= 45
    assert c["organisations.Agency"] == 13  # the committee, 10 departments, the 2 merged ones
    assert 300 <= c["documents.Document"] <= 330
    assert 2.4 * 300 <= c["people.QualityRating"] <= 3 * 300
    assert c["movements.RegistrationEntry"] > 5 * c["movements.Registration"] > 0
    assert c["activity.ActivityLog"] >= 300 + 300
    assert (
        c["awards.AwardRecord"] > 0 and c["dissemination.Receipt"] > 0 and c["notifications.Notification"] > 0
    )
    assert "people.Person" in province and "Tổng" in province


def test_ratings_follow_the_shares(province):
    shares = Counter(QualityRating.objects.values_list("rating", flat=True))
    total = sum(shares.values())
    assert 0.45 <= shares["good"] / total <= 0.75
    assert 0.2 <= shares["excellent"] / total <= 0.45
    assert shares["not_completed"] / total <= 0.06


def test_the_first_department_holds_about_forty_percent_of_the_people(province):
    first = Agency.objects.get(code="000.00.01.H62")
    assert first.name == "Sở Giáo dục và Đào tạo tỉnh Vĩnh Long"
    assert 0.35 <= Person.objects.filter(agency=first).count() / 300 <= 0.45


def test_the_merger_closes_two_departments_into_their_successor(province):
    successor = Agency.objects.get(symbol="SNNMT")
    merged = Agency.objects.filter(successor=successor)
    assert set(merged.values_list("symbol", flat=True)) == {"STNMT", "SNNPTNT"}
    assert set(merged.values_list("valid_to", flat=True)) == {LAST_DAY}
    assert successor.valid_from == MERGER_DAY and successor.lineage_ids() == {
        successor.pk,
        *merged.values_list("pk", flat=True),
    }
    old_units = Unit.objects.filter(agency__in=merged)
    assert old_units.exists() and not old_units.filter(successor__isnull=True).exists()
    assert not old_units.exclude(successor__agency=successor).exists()
    assert not Person.objects.filter(agency__in=merged).exists()  # the merger moves every person
    for post in Assignment.objects.filter(unit__in=old_units, end_date=LAST_DAY).select_related("unit")[:20]:
        follows = Assignment.objects.get(person=post.person_id, start_date=MERGER_DAY)
        assert follows.unit_id == post.unit.successor_id and follows.position == post.position


@pytest.mark.parametrize(
    "username", ["admin", "secretariat-1", "secretariat-10", "leader-1", "unithead-1", "staff-1"]
)
def test_every_account_signs_in_with_the_shared_password(province, client, username):
    response = client.post(reverse("accounts:login"), {"username": username, "password": "thidua2026"})
    assert response.status_code == 302
    account = User.objects.get(username=username)
    page = client.get(reverse("home")).content.decode()
    assert (account.get_full_name() or username) in page


def test_the_accounts_hold_their_roles(province):
    first = Agency.objects.get(code="000.00.01.H62")
    grants = {(g.user.username, g.role): g for g in RoleGrant.objects.select_related("user", "unit")}
    assert grants[("secretariat-1", "secretariat")].agency == first
    assert grants[("leader-1", "agency_leader")].agency == first
    assert grants[("unithead-1", "unit_head")].unit.agency == first
    assert grants[("admin", "system_admin")].agency is None
    assert sum(1 for username, role in grants if role == "secretariat") == 10
    staff = User.objects.get(username="staff-1")
    assert staff.person is not None and not staff.role_grants.exists()
    head = User.objects.get(username="unithead-1")
    assert staff.person.assignments.current().filter(unit=grants[("unithead-1", "unit_head")].unit).exists()
    assert head.person.headships.filter(unit=grants[("unithead-1", "unit_head")].unit).exists()


def test_the_search_finds_a_common_and_the_rare_word(province):
    documents = Document.objects.all()
    rare = search_documents(documents, "sếu")
    assert rare.count() == 1 == search_documents(documents, "seu").count()
    assert "sếu đầu đỏ" in rare.get().body_text()
    assert search_documents(documents, "thi đua").count() > documents.count() / 2
    assert search_documents(documents, "khen thuong").count() > documents.count() / 3


def test_search_keys_are_folded(province):
    person = Person.objects.order_by("pk")[7]
    assert person.search_text == " " + fold(f"{person.full_name} {person.staff_code} {person.email}")
    assert person in Person.objects.search(fold(person.full_name))
    document = Document.objects.exclude(number=None).first()
    assert document.search_text.startswith(" " + fold(document.reference))


def test_outgoing_numbers_run_from_one_within_agency_series_and_year(province):
    issued = Document.objects.filter(direction="outgoing", number__isnull=False)
    for row in issued.values("agency", "series", "year").annotate(n=Count("id"), last=Max("number")):
        assert row["n"] == row["last"]
        sequence = NumberSequence.objects.get(agency=row["agency"], year=row["year"], series=row["series"])
        assert sequence.last_number == row["last"]
    unissued = Document.objects.filter(status__in=["draft", "submitted", "returned", "approved"])
    assert not unissued.filter(number__isnull=False).exists()


def _without(facts, code: str, year: int):
    """The facts as they stood before the title was recorded (its own initiative free again)."""
    facts.titles = [t for t in facts.titles if not (t.award == code and t.year == year)]
    facts.initiatives = [
        dataclasses.replace(i, used_for=None) if i.used_for == code and i.year == year else i
        for i in facts.initiatives
    ]
    return facts


def test_a_sample_of_the_individual_ledger_agrees_with_the_engine(province):
    engine = Engine()
    records = AwardRecord.objects.filter(person__isnull=False).select_related("award").order_by("pk")
    sample = list(records[::7])
    assert {r.award.code for r in sample} == {"lao-dong-tien-tien", "chien-si-thi-dua-co-so"}
    for record in sample:
        facts = people_facts([record.person_id], record.year, on=record.decided_on)[record.person_id]
        verdict = engine.evaluate(
            _without(facts, record.award.code, record.year), record.award.code, record.year
        )
        assert verdict.is_eligible, (record.award.code, record.year, [c.message for c in verdict.checks])


def test_a_sample_of_the_collective_ledger_agrees_with_the_engine(province):
    engine = Engine()
    records = list(AwardRecord.objects.filter(unit__isnull=False).select_related("award", "agency")[:15])
    assert records
    for record in records:
        members, _units = staff_of_year(record.agency, record.year)
        ids = [pk for pks in members.values() for pk in pks]
        facts = people_facts(ids, record.year, on=record.decided_on)
        unit = unit_facts({record.unit_id: members[record.unit_id]}, facts, {}, record.year)[record.unit_id]
        verdict = engine.evaluate(
            _without(unit, record.award.code, record.year), record.award.code, record.year
        )
        assert verdict.is_eligible, [c.message for c in verdict.checks]


def test_every_grassroots_fighter_used_an_initiative_within_the_cap(province):
    fighters = AwardRecord.objects.filter(award__code="chien-si-thi-dua-co-so")
    assert fighters.exists()
    assert InitiativeAuthor.objects.filter(award_record__in=fighters).count() == fighters.count()
    for row in fighters.values("agency", "year").annotate(n=Count("id")):
        holders = AwardRecord.objects.filter(
            award__code="lao-dong-tien-tien", agency=row["agency"], year=row["year"]
        )
        assert row["n"] <= 0.15 * holders.count()


def test_every_ledger_row_comes_from_a_registered_decision_of_its_agency(province):
    """One registered decision per department and year (its document registered on 20 January), a line per
    row, the row's số sổ vàng the line's position, the decision's figures its lines'."""
    records = AwardRecord.objects.all()
    assert not records.filter(decision__isnull=True).exists()
    lines = Line.objects.filter(record__isnull=False)
    assert lines.count() == records.count() == Line.objects.count()
    for line in lines.select_related("record__decision", "decision__document")[::11]:
        decision, record = line.decision, line.record
        assert (decision.origin, decision.status, decision.document.direction) == (
            "registered",
            "issued",
            "incoming",
        )
        assert record.decision == decision.document and decision.agency_id == record.agency_id
        assert (record.certificate_number, record.year, record.decided_on) == (
            line.position,
            decision.year,
            decision.document.issued_on,
        )
        assert record.amount == (line.amount if line.paid else 0)
    for decision in Decision.objects.all():
        assert decision.awards_count == decision.lines.count()
        assert decision.total_amount == sum(decision.lines.filter(paid=True).values_list("amount", flat=True))


def test_one_paid_title_per_person_and_year(province):
    paid = AwardRecord.objects.filter(person__isnull=False, amount__gt=0, award__kind="title")
    assert not paid.values("person", "year").annotate(n=Count("id")).filter(n__gt=1).exists()
    fighters = AwardRecord.objects.filter(award__code="chien-si-thi-dua-co-so")
    assert not fighters.filter(amount=0).exists()
    fighting = set(fighters.values_list("person", "year"))
    workers = AwardRecord.objects.filter(award__code="lao-dong-tien-tien").select_related("decision_line")
    both = [record for record in workers if (record.person_id, record.year) in fighting]
    assert both and {record.amount for record in both} == {0}  # the higher title's money only
    assert "danh hiệu cao nhất" in both[0].decision_line.unpaid_reason


def test_registrations_hold_their_titles(province):
    assert Registration.objects.filter(status="approved").exists()
    assert RegistrationEntry.objects.filter(person__isnull=True).exists()  # the collective titles
    assert ActivityLog.objects.filter(action="documents.document.issued").exists()


def test_every_department_proposes_this_years_registered_titles(province):
    year = dt.date.today().year
    rounds = Round.objects.filter(year=year, track="cong-trang")
    registered = RegistrationEntry.objects.filter(registration__round__year=year)
    proposals = Proposal.objects.filter(round__year=year)

    assert rounds.count() == 10  # the current departments
    assert {r.name for r in rounds} == {f"Xét khen thưởng công trạng năm {year}"}
    assert proposals.count() == registered.count() > 0
    sample = proposals.filter(person__isnull=False).select_related("person", "registration_entry").first()
    assert (
        sample.line_name == sample.person.full_name
        and sample.registration_entry.person_id == sample.person_id
    )
    assert set(sample.round.awards.values_list("code", flat=True)) >= {"lao-dong-tien-tien"}
    states = Counter(proposals.values_list("status", flat=True))
    assert max(states, key=states.get) == "submitted" and len(states) == 6
    assert Counter(proposals.values_list("verdict", flat=True)).most_common(1)[0][0] == "eligible"
    received = proposals.exclude(status="draft")
    assert not received.filter(received_on__isnull=True).exists()
    assert not received.filter(submitted_at__isnull=True).exists()
    assert received.filter(appraisal_due_on__lt=dt.date.today()).exists()  # some overdue
    assert received.filter(appraisal_due_on__gte=dt.date.today()).exists()
    assert not proposals.filter(status__in=["posted", "ready"], posting__isnull=True).exists()


def test_a_second_run_changes_nothing(province):
    before = counts()
    out = io.StringIO()
    call_command("generate_province", *SIZES, stdout=out)
    assert "đã được sinh từ trước" in out.getvalue()
    assert counts() == before


def test_refuses_a_database_with_other_data_unless_forced(province):
    Agency.objects.filter(code=MARKER_CODE).update(code="")  # as if the province were not there
    AgencyFactory(name="Sở Khác")
    before = counts()
    with pytest.raises(CommandError, match=r"đã có dữ liệu khác.*--force"):
        call_command("generate_province", *SIZES)
    assert counts() == before


def test_refuses_production_without_force(province, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match=r"THIDUA_ENV=production.*--force"):
        call_command("generate_province", *SIZES)
