import datetime as dt
import itertools
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from accounts.models import RoleGrant, User
from activity.models import ActivityLog
from demo import data
from demo.build import Record, build, days_in_post, is_loaded, months_later
from organisations.models import Agency, Unit
from people.access import people_for_user
from people.models import Assignment, Discipline, Person, QualityRating
from tests.demo.helpers import agency
from workdays.calendar import is_working_day


def snapshot() -> dict:
    models = (Agency, Unit, Person, Assignment, QualityRating, Discipline, User, RoleGrant)
    return {
        "counts": {model.__name__: model.objects.count() for model in models},
        "people": list(
            Person.objects.order_by("staff_code").values_list(
                "staff_code", "family_name", "middle_name", "given_name", "date_of_birth", "email"
            )
        ),
        "ratings": list(
            QualityRating.objects.order_by("person__staff_code", "year").values_list(
                "person__staff_code", "year", "rating"
            )
        ),
    }


def test_load_is_deterministic_and_idempotent(db):
    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert "Chưa nạp" in out.getvalue()
    with transaction.atomic():
        build()
        first = snapshot()
        transaction.set_rollback(True)
    assert not is_loaded()

    out = StringIO()
    call_command("load_demo", stdout=out)
    assert snapshot() == first
    ratings = f"{QualityRating.objects.count():,}".replace(",", ".")  # 1.234: Vietnamese grouping
    assert re.search(rf"trong \d+,\d giây: .* {re.escape(ratings)} kết quả xếp loại", out.getvalue())
    logged = ActivityLog.objects.count()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "đã được nạp" in out.getvalue()
    assert snapshot() == first
    assert ActivityLog.objects.count() == logged

    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert all(spec.username in out.getvalue() for spec in data.ACCOUNTS)
    assert data.PASSWORD in out.getvalue()


def test_about_150_people_with_realistic_mix(demo, db):
    people = Person.objects.all()
    assert 140 <= people.count() <= 160
    women = people.filter(gender="female").count() / people.count()
    assert 0.38 <= women <= 0.52
    assert {"Kinh", "Khmer", "Hoa"} <= set(people.values_list("ethnicity", flat=True))
    assert set(people.values_list("staff_category", flat=True)) == {
        "civil_servant",
        "public_employee",
        "worker",
        "contract",
    }
    assert people.exclude(given_name__regex=r"^\S+$").exists()  # some compound given names
    assert Discipline.objects.count() == len(data.DISCIPLINES)


def test_current_people_have_continuous_history_from_soc_trang(demo, db):
    can_tho, soc_trang = agency("NNMT_CT"), {agency("TNMT").pk, agency("NNPTNT").pk}
    current = Person.objects.filter(assignments__in=Assignment.objects.current()).distinct()
    assert current.count() >= 130
    for person in current:
        history = list(
            person.assignments.filter(is_primary=True).select_related("unit").order_by("start_date")
        )
        assert person.agency_id == can_tho.pk
        assert history[-1].unit.agency_id == can_tho.pk and history[-1].end_date is None
        assert history[0].unit.agency_id in soc_trang and 2017 <= history[0].start_date.year <= 2024
        for before, after in itertools.pairwise(history):
            assert after.start_date == before.end_date + dt.timedelta(days=1), person


def test_everyone_in_post_six_months_is_rated_each_year(demo, db):
    for person in Person.objects.prefetch_related("assignments", "ratings"):
        spans = [(a.start_date, a.end_date) for a in person.assignments.all()]
        hired, left = min(s for s, _ in spans), max((e for _, e in spans), key=lambda e: e or dt.date.max)
        record = Record(person=person, hired=hired, left=left)
        years = range(data.FIRST_RATED_YEAR, data.LAST_RATED_YEAR + 1)
        expected = {y for y in years if days_in_post(record, y) >= data.MIN_DAYS_RATED}
        rated = {r.year for r in person.ratings.all() if r.year <= data.LAST_RATED_YEAR}
        assert rated == expected, person  # this year's: the nominations round's units (test_nominations)
    excellent = QualityRating.objects.filter(rating="excellent").count() / QualityRating.objects.count()
    assert 0.12 <= excellent <= 0.22


def test_every_rating_cites_its_agencys_one_decision_of_the_year(demo, db):
    """Rated on 15/01 by the agency of the day: the Sở TN&MT or the Sở NN&PTNT (by the staff code) to 2024,
    the city's Sở NN&MT from 2025, each by one decision dated mid-December or early January."""
    before_merger = {"TNMT": "STNMT", "NNPTNT": "SNNPTNT"}
    decisions = {}
    rows = QualityRating.objects.values_list("person__staff_code", "year", "decision", "decided_on")
    for code, year, decision, day in rows:
        symbol = "SNNMT" if year >= 2025 else before_merger[code.split("-")[0]]
        decisions.setdefault((symbol, year), set()).add((decision, day))
    assert len(decisions) == 2 * (2025 - data.FIRST_RATED_YEAR) + (data.LAST_RATED_YEAR - 2024) + 1
    for (symbol, year), found in decisions.items():
        ((decision, day),) = found
        assert re.fullmatch(rf"Quyết định số [1-9]\d*/QĐ-{symbol}", decision), (symbol, year)
        if year <= data.LAST_RATED_YEAR:
            assert dt.date(year, 12, 10) <= day <= dt.date(year + 1, 1, 14), (symbol, year)
            assert is_working_day(day), (symbol, year)  # 05/01/2019: a swapped working Saturday


def test_each_demo_account_holds_its_role(demo, db):
    can_tho = agency("NNMT_CT")
    office = Unit.objects.get(agency=can_tho, symbol="VP")
    accounts = User.objects.in_bulk([spec.username for spec in data.ACCOUNTS], field_name="username")
    for spec in data.ACCOUNTS:
        account = accounts[spec.username]
        assert account.check_password(data.PASSWORD)
        grants = list(account.role_grants.active().values_list("role", "agency_id", "unit_id"))
        if spec.role == "staff":
            assert grants == []
        else:
            unit = office.pk if spec.scope == "NNMT_CT/VP" else None
            assert grants == [(spec.role, can_tho.pk if spec.scope else None, unit)]
        if account.person_id:
            assert account.email == account.person.email != ""
    assert accounts["giamdoc"].person == Unit.objects.get(agency=can_tho, symbol="BGD").headship.person
    assert accounts["giamdoc"].person.current_assignment.position == "Giám đốc"
    assert accounts["truongphong"].person == office.headship.person
    assert accounts["nhanvien"].person.current_assignment.unit == office
    assert accounts["bientap"].person.current_assignment.unit.symbol == "TTCNTT"
    assert accounts["vanthu"].person.current_assignment.position == "Văn thư"
    assert accounts["vanthu"].person.current_assignment.unit == office


def test_the_signing_step_waits_for_the_demo_accounts(demo, db):
    from activity.models import ActivityLog
    from documents.access import RETURNED, TO_ISSUE, TO_SIGN, waiting_documents
    from documents.models import Document
    from notifications.models import Notification

    users = User.objects.in_bulk(["giamdoc", "vanthu", "canbothidua", "thuongtruc"], field_name="username")
    to_sign = waiting_documents(users["giamdoc"], TO_SIGN).get()
    to_issue = waiting_documents(users["vanthu"], TO_ISSUE).get()
    returned = waiting_documents(users["canbothidua"], RETURNED).get()
    assert to_sign.subject.startswith("V/v hướng dẫn xét, đề nghị khen thưởng tổng kết năm")
    assert list(waiting_documents(users["thuongtruc"], TO_ISSUE)) == [to_issue]
    assert (to_issue.signer, to_issue.signer_position) == (users["giamdoc"].person, "GIÁM ĐỐC")
    assert returned.return_reason.startswith("Đề nghị bổ sung thời gian, địa điểm tập huấn")
    unread = Notification.objects.filter(user=users["giamdoc"], read_at__isnull=True)
    assert [(n.kind, n.target_id) for n in unread.filter(kind__startswith="documents.")] == [
        ("documents.to_sign", str(to_sign.pk))
    ]
    for document in Document.objects.outgoing().issued():
        moves = ActivityLog.objects.filter(target_id=str(document.pk), action__startswith="documents.doc")
        moves = moves.exclude(action="documents.document.updated")  # the 2021 decisions' signature block
        published = ["documents.document.published"] if document.status == "published" else []  # the portal
        assert list(moves.order_by("id").values_list("action", flat=True)) == [
            "documents.document.created",
            "documents.document.submitted",
            "documents.document.approved",
            "documents.document.issued",
            *published,
        ], document
    tl = Document.objects.outgoing().issued().get(signing_authority="TL.")
    assert (tl.authority_title, tl.signer_position, tl.created_by) == (
        "GIÁM ĐỐC",
        "CHÁNH VĂN PHÒNG",
        users["canbothidua"],
    )


def test_officer_sees_exactly_the_people_of_her_unit(demo, db):
    officer = User.objects.get(username="canbothidua")
    office = Unit.objects.get(agency=agency("NNMT_CT"), symbol="VP")
    seen = set(people_for_user(officer))
    assert officer.person.gender == "female"
    assert seen == set(Person.objects.in_units([office.pk]))
    assert officer.person in seen and len(seen) >= 8


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2019, 9, 16), 6, dt.date(2020, 3, 16)),
        (dt.date(2022, 11, 10), 12, dt.date(2023, 11, 10)),
        (dt.date(2024, 8, 31), 6, dt.date(2025, 2, 28)),
        (dt.date(2023, 12, 31), 2, dt.date(2024, 2, 29)),
    ],
)
def test_months_later_keeps_the_day_or_takes_the_last_of_a_shorter_month(day, months, expected):
    assert months_later(day, months) == expected


def test_the_seed_documents_tell_the_seed_story(demo):
    from documents.models import Document

    plan_25 = Document.objects.get(direction="incoming", number=25, notation="KH-UBND")
    plan_07 = Document.objects.get(direction="outgoing", notation="KH-STNMT", number=7)
    dispatch = Document.objects.get(direction="outgoing", notation="STNMT-VP", status="published")
    assert (plan_25.sender_name, plan_25.issued_on.isoformat(), plan_25.attachments.count()) == (
        "UBND tỉnh Sóc Trăng",
        "2021-02-08",
        1,
    )
    assert plan_07.reference == "07/KH-STNMT" and plan_07.issued_on.isoformat() == "2021-01-20"
    assert dispatch.status == "published" and dispatch.reference.endswith("/STNMT-VP")
    assert (dispatch.superior_name, dispatch.issuer_name, dispatch.place_name) == (
        "UBND TỈNH SÓC TRĂNG",
        "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
        "Sóc Trăng",
    )
    assert [basis.cited for basis in dispatch.bases.all()] == [plan_25]
    assert dispatch.subject.startswith("V/v triển khai Kế hoạch phát động phong trào thi đua năm 2021")
    assert "Đoàn kết, sáng tạo, thi đua thực hiện thắng lợi" in dispatch.body_text()
    assert dispatch.signer_position == "GIÁM ĐỐC" and dispatch.signer is not None


def test_the_demo_dispatch_prints_every_paragraph_of_the_seed_in_order(demo):
    """The demo's record of the seed, rendered to PDF and DOCX and read back, against the seed's own text."""
    import io

    import docx
    import pdfplumber

    from documents.models import Document
    from documents.rendering import render_docx, render_pdf
    from tests.documents.seed_dispatch import PARAGRAPHS, SUBJECT
    from tests.documents.test_rendering_pdf import assert_in_order

    dispatch = Document.objects.get(direction="outgoing", notation="STNMT-VP", status="published")
    with pdfplumber.open(io.BytesIO(render_pdf(dispatch))) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    word = docx.Document(io.BytesIO(render_docx(dispatch)))
    word_text = "\n".join(p.text for p in word.paragraphs) + "\n".join(
        cell.text for table in word.tables for row in table.rows for cell in row.cells
    )
    for printed in (text, word_text):
        assert_in_order(printed, ["UBND TỈNH SÓC TRĂNG", "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG"])
        assert_in_order(printed, [SUBJECT.split(" phong trào")[0]])
        assert_in_order(printed, PARAGRAPHS)
        assert "Độc lập - Tự do - Hạnh phúc" in printed
        assert dispatch.reference in printed
