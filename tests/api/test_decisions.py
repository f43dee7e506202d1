"""GET /api/v1/decisions, /api/v1/ledger, /api/v1/forward-packages and /api/v1/forward-packages/{id}/zip
(issue 15, point 10): the exact fields, the filters and their Vietnamese 422s, the scope of the screens
(another agency's user sees nothing, a unit officer only her units' rows), every URL of an answer fetched
with the token, constant queries."""

import datetime as dt
import io
import json
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Role
from api.errors import MESSAGES
from api.schemas import MAX_BIGINT
from awards.models import Award, AwardRecord
from decisions.domain.certificates import reissue_certificate
from decisions.domain.forwarding import queue_archive
from decisions.domain.registering import record_decision, register_decision
from decisions.domain.revoking import draft_revocation, issue_revocation
from decisions.models import Certificate, Issue
from documents import domain as documents
from tests.council import conftest as council
from tests.decisions import conftest as decisions
from tests.decisions import packaging
from tests.factories import account_with_role

cw = council.cw  # the council's world, met and voted by dw
dw = decisions.dw  # the decisions' world: dw.issued() issues the director's decision on the passed proposals

DECISION_KEYS = {
    "id", "number", "issued_on", "signer", "document_id", "pdf_url", "awards_count", "total_amount",
}  # fmt: skip
LEDGER_KEYS = {"id", "award", "year", "subject", "decision", "amount", "certificate_code", "revoked"}
PACKAGE_KEYS = {"id", "number", "sent_on", "recipient", "status", "proposals_count", "zip_url"}
REFUSED = MESSAGES[422]
LDTT, CSTDCS, TTLDTT = "lao-dong-tien-tien", "chien-si-thi-dua-co-so", "tap-the-lao-dong-tien-tien"
PROVINCE = "UBND tỉnh Thử nghiệm"


def answer(response) -> dict:
    assert response.status_code == 200, response.content
    return response.json()


def ids(response) -> list[int]:
    return [item["id"] for item in answer(response)["items"]]


def past_decision(dw, *, number: int, year: int, rows: list[tuple], day: dt.date | None = None):
    """A decision of before thidua, registered as an incoming document and recorded through the domain:
    `rows` are (award code, person or None, unit, amount); decided on 15/01 of the year after `year`."""
    day = day or dt.date(year + 1, 1, 15)
    lines = [
        {"award": Award.objects.get(code=code), "person": person, "unit": unit, "amount": amount,
         "name": person.full_name if person else unit.name}
        for code, person, unit, amount in rows
    ]  # fmt: skip
    decision = register_decision(
        actor=dw.world.secretariat, agency=dw.world.agency, issuer="Chủ tịch UBND tỉnh Thử nghiệm", year=year,
        fields={"subject": f"Khen thưởng năm {year}", "number": number, "notation": "QĐ-UBND",
                "issued_on": day, "sender_name": PROVINCE},
        lines=lines,
    )  # fmt: skip
    return record_decision(actor=dw.world.secretariat, decision=decision)


def lan_in(dw, year: int, number: int = 7):
    """A past decision giving Lan (the office) Lao động tiên tiến for `year`."""
    world = dw.world
    return past_decision(
        dw, number=number, year=year, rows=[(LDTT, world.office_person, world.office, 1_000)]
    )


# --- decisions -------------------------------------------------------------------------------------------


def test_a_decision_has_exactly_the_documented_fields(dw, api_as):
    decision = dw.issued()
    data = answer(api_as(dw.world.secretariat, "decisions"))
    assert set(data) == {"items", "count"} and data["count"] == 1
    document = decision.document
    assert data["items"] == [
        {
            "id": decision.pk, "number": document.reference, "issued_on": document.issued_on.isoformat(),
            "signer": document.signer_name, "document_id": document.pk,
            "pdf_url": f"/api/v1/documents/{document.pk}/pdf", "awards_count": 3,
            "total_amount": decision.total_amount,
        }
    ]  # fmt: skip
    assert document.reference and document.signer_name and decision.total_amount > 0


def test_drafts_and_signed_drafts_are_never_listed(dw, api_as):
    dw.signed()
    for user in (dw.world.secretariat, dw.world.leader, dw.world.admin):
        assert answer(api_as(user, "decisions")) == {"items": [], "count": 0}, user.username


def test_registered_decisions_are_listed_with_the_year_of_their_date_latest_first(dw, api_as):
    issued = dw.issued()
    world = dw.world
    old = lan_in(dw, 2019, number=3)  # decided on 15/01/2020
    older = past_decision(
        dw, number=12, year=2019, day=dt.date(2019, 12, 30), rows=[(TTLDTT, None, world.division, 5_000)]
    )
    user, this_year = world.secretariat, issued.decided_on.year
    assert ids(api_as(user, "decisions")) == [issued.pk, old.pk, older.pk]
    assert ids(api_as(user, "decisions", year=2020)) == [old.pk]
    assert ids(api_as(user, "decisions", year=2019)) == [older.pk]
    assert ids(api_as(user, "decisions", year=this_year)) == [issued.pk]
    assert ids(api_as(user, "decisions", year=2018)) == []
    page = answer(api_as(user, "decisions", limit=1, offset=1))
    assert ([d["id"] for d in page["items"]], page["count"]) == ([old.pk], 3)
    assert page["items"][0] | {"id": 0} == {
        "id": 0, "number": "03/QĐ-UBND", "issued_on": "2020-01-15", "signer": "",
        "document_id": old.document_id, "pdf_url": f"/api/v1/documents/{old.document_id}/pdf",
        "awards_count": 1, "total_amount": 1_000,
    }  # fmt: skip


def test_another_agency_sees_no_decision_and_the_agency_sees_them(dw, api_as):
    decision = dw.issued()
    stranger = account_with_role(Role.SECRETARIAT, agency=dw.world.other_agency, username="thuongtruc_khac")
    assert answer(api_as(stranger, "decisions")) == {"items": [], "count": 0}
    for user in (dw.world.secretariat, dw.world.leader, dw.world.council, dw.world.admin):
        assert ids(api_as(user, "decisions")) == [decision.pk], user.username


def test_the_pdf_url_answers_the_decision_with_its_annex(dw, client, bearer):
    decision = dw.issued()
    headers = bearer(dw.world.secretariat)
    item = answer(client.get("/api/v1/decisions", **headers))["items"][0]
    pdf = client.get(item["pdf_url"], **headers)
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    assert pdf.content.startswith(b"%PDF")
    assert decision.document.annexes  # the annexed list is part of the document the PDF renders
    assert client.get(item["pdf_url"]).status_code == 401  # not without the token


# --- the ledger ------------------------------------------------------------------------------------------


def test_a_ledger_row_has_exactly_the_documented_fields(dw, api_as):
    decision = dw.issued()
    document = decision.document
    data = answer(api_as(dw.world.secretariat, "ledger"))
    assert set(data) == {"items", "count"} and data["count"] == 3
    records = {r.pk: r for r in AwardRecord.objects.select_related("award", "person")}
    codes = dict(Certificate.objects.filter(issue=Issue.ORIGINAL).values_list("record_id", "code"))
    assert set(codes) == {r.pk for r in records.values() if r.award.code == CSTDCS}  # LĐTT: money only
    for row in data["items"]:
        record = records[row["id"]]
        assert set(row) == LEDGER_KEYS
        assert row == {
            "id": record.pk, "award": {"code": record.award.code, "name": record.award.name},
            "year": dw.round.year,
            "subject": {"kind": "person", "id": record.person_id, "name": record.person.full_name},
            "decision": {"number": document.reference, "issued_on": document.issued_on.isoformat(),
                         "issuer": document.issuer_name},
            "amount": record.amount, "certificate_code": codes.get(record.pk), "revoked": False,
        }  # fmt: skip
    assert document.issuer_name and {row["subject"]["name"] for row in data["items"]} == {
        "Trần Thị Lan", "Nguyễn Văn Dũng", "Đặng Thị Hương",
    }  # fmt: skip
    assert sum(1 for row in data["items"] if row["certificate_code"]) == 1


def test_a_registered_decision_names_its_sender_and_a_collective_is_a_unit(dw, api_as):
    world = dw.world
    decision = past_decision(dw, number=12, year=2019, rows=[(TTLDTT, None, world.division, 5_000)])
    (row,) = answer(api_as(world.secretariat, "ledger"))["items"]
    assert row == {
        "id": AwardRecord.objects.get().pk,
        "award": {"code": TTLDTT, "name": Award.objects.get(code=TTLDTT).name}, "year": 2019,
        "subject": {"kind": "unit", "id": world.division.pk, "name": "Phòng Kế hoạch"},
        "decision": {"number": "12/QĐ-UBND", "issued_on": "2020-01-15", "issuer": PROVINCE},
        "amount": 5_000, "certificate_code": None, "revoked": False,
    }  # fmt: skip
    assert decision.document.issuer_name == ""


def test_a_revoked_row_stays_in_the_ledger_marked_revoked(dw, api_as):
    dw.issued()
    huong = AwardRecord.objects.get(person=dw.world.team_person)
    revocation = draft_revocation(
        actor=dw.world.secretariat, records=[huong], ground="a", signer=dw.signers.director,
        conclusion="Kết luận thanh tra số 05/KL-TTr: thành tích kê khai không đúng sự thật.",
    )  # fmt: skip
    documents.submit_for_signature(actor=dw.world.secretariat, document=revocation.document)
    documents.approve_document(actor=dw.world.leader, document=revocation.document)
    revocation.refresh_from_db()
    issue_revocation(actor=dw.world.clerk, decision=revocation)
    rows = {row["id"]: row for row in answer(api_as(dw.world.secretariat, "ledger"))["items"]}
    assert len(rows) == 3 and AwardRecord.objects.get(pk=huong.pk).revoked_on is not None
    assert {pk: row["revoked"] for pk, row in rows.items()} == {
        pk: pk == huong.pk for pk in AwardRecord.objects.values_list("pk", flat=True)
    }
    assert rows[huong.pk]["certificate_code"] == Certificate.objects.get(record=huong).code
    # the revocation is an issued decision of its own, listed with the reward decision
    assert len(ids(api_as(dw.world.secretariat, "decisions"))) == 2


def test_the_certificate_code_is_the_original_s(dw, api_as):
    dw.issued()
    original = Certificate.objects.get()
    reissued = reissue_certificate(
        actor=dw.world.secretariat, certificate=original, issue=Issue.REISSUE, reason="Bị mất.",
        requested_on=dt.date.today(),
    )  # fmt: skip
    assert reissued.code != original.code and reissued.record_id == original.record_id
    rows = {row["id"]: row for row in answer(api_as(dw.world.secretariat, "ledger"))["items"]}
    assert rows[original.record_id]["certificate_code"] == original.code


def test_the_ledger_s_order_is_year_then_award_then_id(dw, api_as):
    world = dw.world
    dw.issued()
    lan_in(dw, 2019, number=3)
    past_decision(
        dw, number=4, year=2020,
        rows=[(TTLDTT, None, world.division, 5_000), (LDTT, world.team_person, world.team, 1_000)],
    )  # fmt: skip
    expected = list(
        AwardRecord.objects.order_by("-year", "award__position", "id").values_list("pk", flat=True)
    )
    listed = ids(api_as(world.secretariat, "ledger"))
    assert listed == expected and len(listed) == 6
    years = [row["year"] for row in answer(api_as(world.secretariat, "ledger"))["items"]]
    assert years == sorted(years, reverse=True) and years[-1] == 2019


def test_the_person_unit_and_year_filters(dw, api_as):
    world = dw.world
    dw.issued()
    lan_in(dw, 2019)
    division = past_decision(dw, number=12, year=2019, rows=[(TTLDTT, None, world.division, 5_000)])
    user = world.secretariat
    records = AwardRecord.objects.all()

    def of(**where) -> set[int]:
        return set(records.filter(**where).values_list("pk", flat=True))

    def listed(**params) -> set[int]:
        return set(ids(api_as(user, "ledger", **params)))

    lan, dung, huong = world.office_person, dw.cw.members[3][0].person, world.team_person
    assert listed(person=lan.pk) == of(person=lan) and len(of(person=lan)) == 2
    assert (
        listed(person=lan.pk, year=2019) == of(person=lan, year=2019) and len(of(person=lan, year=2019)) == 1
    )
    # a unit: its own awards and its people's, and those of the units below it
    assert listed(unit=world.division.pk) == of(person=huong) | of(unit=world.division)
    assert listed(unit=world.team.pk) == of(person=huong)
    assert listed(unit=world.office.pk) == of(person__in=[lan, dung]) and len(of(person__in=[lan, dung])) == 3
    assert listed(year=2019) == of(year=2019) == of(person=lan, year=2019) | of(decision=division.document)
    assert listed(unit=world.other_unit.pk) == listed(person=world.other_person.pk) == set()
    assert listed(unit=MAX_BIGINT) == listed(person=MAX_BIGINT) == set()


def test_a_unit_officer_sees_only_her_units_rows_and_staff_their_own(dw, api_as):
    world = dw.world
    dw.issued()
    past_decision(dw, number=12, year=2019, rows=[(TTLDTT, None, world.division, 5_000)])
    records = AwardRecord.objects.all()
    lan, huong = world.office_person, world.team_person
    her_units = set(records.filter(person=huong).values_list("pk", flat=True))  # the team is the division's
    her_units |= set(records.filter(unit=world.division).values_list("pk", flat=True))
    assert set(ids(api_as(world.officer, "ledger"))) == her_units and len(her_units) == 2
    assert ids(api_as(world.officer, "ledger", person=lan.pk)) == []  # the office is not hers
    assert ids(api_as(world.officer, "ledger", unit=world.office.pk)) == []
    assert ids(api_as(world.staff, "ledger")) == [records.get(person=lan).pk]  # Lan's account
    stranger = account_with_role(Role.SECRETARIAT, agency=world.other_agency, username="thuongtruc_khac")
    assert answer(api_as(stranger, "ledger")) == {"items": [], "count": 0}
    assert answer(api_as(stranger, "ledger", person=lan.pk)) == {"items": [], "count": 0}
    assert len(ids(api_as(world.admin, "ledger"))) == len(ids(api_as(world.leader, "ledger"))) == 4


# --- forward packages ------------------------------------------------------------------------------------


def test_a_package_has_exactly_the_documented_fields_and_its_zip_once_built(
    dw, client, bearer, api_as, django_capture_on_commit_callbacks
):
    package = packaging.draft(dw)
    user = dw.world.secretariat
    assert answer(api_as(user, "forward-packages")) == {
        "items": [{"id": package.pk, "number": "", "sent_on": None, "recipient": packaging.RECIPIENT,
                   "status": "draft", "proposals_count": 1, "zip_url": None}],
        "count": 1,
    }  # fmt: skip
    zip_path = f"forward-packages/{package.pk}/zip"
    not_found = {"detail": MESSAGES[404]}
    response = api_as(user, zip_path)
    assert (response.status_code, response.json()) == (404, not_found)  # a draft has no ZIP

    package = packaging.send(dw, package)  # sent; the worker has not built the ZIP yet
    sent = {
        "id": package.pk, "number": package.document.reference, "sent_on": package.sent_on.isoformat(),
        "recipient": packaging.RECIPIENT, "status": "sent", "proposals_count": 1, "zip_url": None,
    }  # fmt: skip
    assert answer(api_as(user, "forward-packages"))["items"] == [sent] and sent["number"]
    response = api_as(user, zip_path)
    assert (response.status_code, response.json()) == (404, not_found)

    with django_capture_on_commit_callbacks(execute=True):
        queue_archive(package.pk)  # the worker's task, run at once
    package.refresh_from_db()
    assert package.archive
    (item,) = answer(api_as(user, "forward-packages"))["items"]
    assert item == sent | {"zip_url": f"/api/v1/{zip_path}"}
    response = client.get(item["zip_url"], **bearer(user))
    assert (response.status_code, response["Content-Type"]) == (200, "application/zip")
    content = b"".join(response.streaming_content)
    with package.archive.open("rb") as stored:
        assert content == stored.read()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest == package.manifest
    assert client.get(item["zip_url"]).status_code == 401  # not without the token


def test_another_agency_sees_no_package_and_its_zip_is_404(dw, api_as, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        package = packaging.send(dw)
    package.refresh_from_db()
    assert package.archive
    stranger = account_with_role(Role.SECRETARIAT, agency=dw.world.other_agency, username="thuongtruc_khac")
    assert answer(api_as(stranger, "forward-packages")) == {"items": [], "count": 0}
    for user, pk in (
        (stranger, package.pk),
        (dw.world.officer, package.pk),
        (dw.world.secretariat, MAX_BIGINT),
    ):
        response = api_as(user, f"forward-packages/{pk}/zip")
        assert (response.status_code, response.json()) == (404, {"detail": MESSAGES[404]}), user.username
    assert answer(api_as(dw.world.officer, "forward-packages"))["count"] == 0  # not a unit's page
    for user in (dw.world.leader, dw.world.council, dw.world.admin):
        assert ids(api_as(user, "forward-packages")) == [package.pk], user.username
        assert api_as(user, f"forward-packages/{package.pk}/zip").status_code == 200, user.username


def test_the_package_year_filter(dw, api_as):
    package = packaging.draft(dw)
    user = dw.world.secretariat
    assert package.year == dw.round.year
    assert ids(api_as(user, "forward-packages", year=package.year)) == [package.pk]
    assert ids(api_as(user, "forward-packages", year=package.year - 1)) == []


# --- bad input -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "name", "value", "message"),
    [
        ("decisions", "year", "abc", "Phải là một số nguyên."),
        ("decisions", "year", "1800", "Giá trị nhỏ hơn mức tối thiểu cho phép: phải từ 1945 trở lên."),
        ("ledger", "year", "99999", "Giá trị lớn hơn mức tối đa cho phép: phải từ 2100 trở xuống."),
        ("ledger", "person", "abc", "Phải là một số nguyên."),
        ("ledger", "person", "0", "Giá trị nhỏ hơn mức tối thiểu cho phép: phải từ 1 trở lên."),
        ("ledger", "unit", str(MAX_BIGINT + 1),
         "Giá trị lớn hơn mức tối đa cho phép: phải từ 9223372036854775807 trở xuống."),
        ("forward-packages", "year", "1800", "Giá trị nhỏ hơn mức tối thiểu cho phép: phải từ 1945 trở lên."),
        ("forward-packages", "offset", "-1", "Giá trị nhỏ hơn mức tối thiểu cho phép: phải từ 0 trở lên."),
    ],
)  # fmt: skip
def test_a_bad_parameter_is_422_in_vietnamese(world, api_as, path, name, value, message):
    response = api_as(world.secretariat, path, **{name: value})
    data = response.json()
    assert (response.status_code, data["detail"]) == (422, REFUSED)
    assert [(error["loc"], error["msg"]) for error in data["errors"]] == [(["query", name], message)]


def test_a_bad_package_id_is_422(world, api_as):
    response = api_as(world.secretariat, f"forward-packages/{MAX_BIGINT + 1}/zip")
    assert (response.status_code, response.json()["errors"][0]["loc"]) == (422, ["path", "package_id"])


def test_without_a_token_the_answer_is_401(world, client):
    for path in ("decisions", "ledger", "forward-packages", "forward-packages/1/zip"):
        response = client.get(f"/api/v1/{path}")
        assert (response.status_code, response.json()) == (401, {"detail": MESSAGES[401]}), path


def test_the_schema_names_exactly_the_fields(openapi):
    schemas = openapi["components"]["schemas"]
    assert set(schemas["DecisionOut"]["properties"]) == DECISION_KEYS
    assert set(schemas["LedgerRowOut"]["properties"]) == LEDGER_KEYS
    assert set(schemas["ForwardPackageOut"]["properties"]) == PACKAGE_KEYS
    assert schemas["ForwardPackageStatus"]["enum"] == ["draft", "sent", "answered"]
    zip_answer = openapi["paths"]["/api/v1/forward-packages/{package_id}/zip"]["get"]["responses"]["200"]
    assert list(zip_answer["content"]) == ["application/zip"]
    ledger = {p["name"] for p in openapi["paths"]["/api/v1/ledger"]["get"]["parameters"]}
    assert ledger == {"person", "unit", "year", "limit", "offset"}


# --- queries ---------------------------------------------------------------------------------------------


def queries(client, path, headers) -> int:
    """The queries of a request once the caller's scope is cached and her token's use recorded."""
    client.get(path, **headers)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path, **headers).status_code == 200
    return len(captured)


def test_the_decisions_cost_the_same_queries_for_one_or_five(dw, client, bearer):
    headers, path = bearer(dw.world.secretariat), "/api/v1/decisions"
    lan_in(dw, 2017, number=1)
    one = queries(client, path, headers)
    dw.issued()
    for n, year in enumerate((2018, 2019, 2020), start=2):
        lan_in(dw, year, number=n)
    assert answer(client.get(path, **headers))["count"] == 5
    assert queries(client, path, headers) == one


def test_the_ledger_costs_the_same_queries_for_one_or_five_rows(dw, client, bearer):
    world = dw.world
    headers, path = bearer(world.secretariat), "/api/v1/ledger"
    lan_in(dw, 2019)
    one = queries(client, path, headers)
    dw.issued()  # three rows, one with its certificate
    past_decision(dw, number=12, year=2019, rows=[(TTLDTT, None, world.division, 5_000)])
    assert answer(client.get(path, **headers))["count"] == 5
    assert queries(client, path, headers) == one
    filtered = f"{path}?unit={world.division.pk}&year={dw.round.year}"
    assert queries(client, filtered, headers) == queries(client, f"{path}?unit={world.team.pk}", headers)


def test_the_packages_cost_the_same_queries_for_one_or_five(
    dw, client, bearer, django_capture_on_commit_callbacks
):
    headers, path = bearer(dw.world.secretariat), "/api/v1/forward-packages"
    first = packaging.draft(dw)
    one = queries(client, path, headers)
    with django_capture_on_commit_callbacks(execute=True):
        packaging.send(dw, first)  # built: its zip_url
    codes = ("tap-the-lao-dong-xuat-sac", "bang-khen-tinh-tap-the", "co-thi-dua-tinh", "co-thi-dua-chinh-phu",
             "bang-khen-thu-tuong-tap-the")  # fmt: skip
    collectives = [packaging.passed_collective(dw, code) for code in codes]
    for proposals in (collectives[:2], collectives[2:3], collectives[3:4], collectives[4:]):
        packaging.draft(dw, proposals)
    data = answer(client.get(path, **headers))
    assert data["count"] == 5 and sorted(item["proposals_count"] for item in data["items"]) == [1, 1, 1, 1, 2]
    assert sum(1 for item in data["items"] if item["zip_url"]) == 1
    assert queries(client, path, headers) == one
