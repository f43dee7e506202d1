"""GET /api/v1/nominations and /api/v1/nominations/{id} (issue 13, point 12): the exact fields, the filters,
the scope of the screens, the Vietnamese 422s, the history and posting of a proposal, constant queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Role
from api.errors import MESSAGES
from api.schemas import MAX_BIGINT
from nominations.domain.appraisal import appraise_proposal, return_proposal
from nominations.domain.posting import handle_comment, open_posting, record_comment
from nominations.domain.proposals import propose, submit_proposal, update_proposal
from nominations.domain.rounds import open_round
from nominations.models import Proposal
from tests.factories import account_with_role
from tests.nominations import conftest as nominations
from tests.nominations.conftest import award, complete_dossier

ITEM_KEYS = {
    "id", "url", "round", "year", "track", "award", "subject", "unit", "status", "verdict", "submitted_on",
    "appraisal_due_on",
}  # fmt: skip
DETAIL_KEYS = ITEM_KEYS | {"dossier", "history", "posting"}
REFUSED = MESSAGES[422]
nom = nominations.nom  # the fixture: a round of this year for the world's agency


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def proposal_for(nom, unit, award_, person=None, *, round_=None) -> Proposal:
    people = [person] if person is not None else []
    return propose(actor=None, round=round_ or nom.round, unit=unit, award=award_, people=people)[0]


def submit(world, proposal, *, report="Báo cáo thành tích năm nay.") -> Proposal:
    update_proposal(actor=world.officer, proposal=proposal, report=report)
    return submit_proposal(actor=world.officer, proposal=proposal)


@pytest.fixture
def six(world, nom):
    """Minh (division), Hương (team) and Lan (office) for Lao động tiên tiến, and the three units for Tập thể
    lao động tiên tiến."""
    return {
        "minh": proposal_for(nom, world.division, nom.ldtt, world.division_person),
        "huong": proposal_for(nom, world.team, nom.ldtt, world.team_person),
        "lan": proposal_for(nom, world.office, nom.ldtt, world.office_person),
        "division": proposal_for(nom, world.division, nom.ttldtt),
        "team": proposal_for(nom, world.team, nom.ttldtt),
        "office": proposal_for(nom, world.office, nom.ttldtt),
    }


@pytest.fixture
def stranger(world):
    """The other agency's secretariat, with a round and a proposal of its own."""
    user = account_with_role(Role.SECRETARIAT, agency=world.other_agency, username="thuongtruc_khac")
    round_ = open_round(
        actor=None,
        agency=world.other_agency,
        name="Xét khen thưởng của Sở Khác",
        year=dt.date.today().year,
        deadline=dt.date.today() + dt.timedelta(days=11),
        awards=[award("lao-dong-tien-tien")],
    )
    proposal = propose(
        actor=None, round=round_, unit=world.other_unit, award=award("lao-dong-tien-tien"),
        people=[world.other_person],
    )[0]  # fmt: skip
    return user, proposal


# --- the fields ------------------------------------------------------------------------------------------


def test_a_list_item_has_exactly_the_documented_fields(world, nom, api_as, six):
    minh = six["minh"]
    data = api_as(world.secretariat, "nominations", round=nom.round.pk).json()
    assert set(data) == {"items", "count", "count_exact"}
    assert (data["count"], data["count_exact"]) == (6, True)
    item = next(item for item in data["items"] if item["id"] == minh.pk)
    assert set(item) == ITEM_KEYS
    assert item == {
        "id": minh.pk,
        "url": f"/api/v1/nominations/{minh.pk}",
        "round": {"id": nom.round.pk, "name": nom.round.name},
        "year": nom.today.year,
        "track": "cong-trang",
        "award": {"code": "lao-dong-tien-tien", "name": nom.ldtt.name},
        "subject": {
            "kind": "individual", "id": world.division_person.pk, "name": "Lê Văn Minh",
            "url": f"/api/v1/people/{world.division_person.pk}",
        },
        "unit": {
            "id": world.division.pk, "name": "Phòng Kế hoạch", "url": f"/api/v1/units/{world.division.pk}",
        },
        "status": "draft",
        "verdict": minh.verdict,
        "submitted_on": None,
        "appraisal_due_on": None,
    }  # fmt: skip
    assert minh.verdict == "eligible"


def test_a_collective_names_its_unit_as_subject(world, nom, api_as, six):
    team = six["team"]
    item = api_as(world.secretariat, f"nominations/{team.pk}").json()
    assert item["subject"] == {
        "kind": "collective", "id": world.team.pk, "name": "Tổ Kế hoạch",
        "url": f"/api/v1/units/{world.team.pk}",
    }  # fmt: skip
    assert item["award"] == {"code": "tap-the-lao-dong-tien-tien", "name": nom.ttldtt.name}


def test_a_submitted_proposal_gives_its_day_and_its_appraisal_due_date(world, nom, api_as, six):
    complete_dossier(nom.round, world.division)
    minh = submit(world, six["minh"])
    item = api_as(world.secretariat, f"nominations/{minh.pk}").json()
    assert (item["status"], item["submitted_on"]) == ("submitted", nom.today.isoformat())
    assert item["appraisal_due_on"] == minh.appraisal_due_on.isoformat()
    assert minh.appraisal_due_on > nom.today


def test_the_detail_has_exactly_the_documented_fields(world, nom, api_as, six):
    minh = six["minh"]
    data = api_as(world.officer, f"nominations/{minh.pk}").json()
    assert set(data) == DETAIL_KEYS
    assert (data["history"], data["posting"]) == ([], None)
    listed = next(i for i in api_as(world.officer, "nominations").json()["items"] if i["id"] == minh.pk)
    assert {key: data[key] for key in ITEM_KEYS} == listed


def test_the_dossier_says_what_is_present(world, nom, api_as, six):
    minh = six["minh"]
    before = api_as(world.officer, f"nominations/{minh.pk}").json()["dossier"]
    assert all(set(part) == {"code", "name", "required", "present"} for part in before)
    assert {part["code"]: part["present"] for part in before} == {
        "to-trinh": False,
        "bao-cao": False,
        "bien-ban": False,
    }
    complete_dossier(nom.round, world.division)
    update_proposal(actor=world.officer, proposal=minh, report="Báo cáo thành tích.")
    after = api_as(world.officer, f"nominations/{minh.pk}").json()["dossier"]
    assert [(part["code"], part["required"], part["present"]) for part in after] == [
        ("to-trinh", True, True), ("bao-cao", True, True), ("bien-ban", True, True)
    ]  # fmt: skip
    assert "Mẫu số" in after[1]["name"]


def test_history_and_posting_after_submit_return_submit_appraise_post(world, nom, api_as, six):
    complete_dossier(nom.round, world.division)
    minh = submit(world, six["minh"])
    return_proposal(
        actor=world.secretariat, proposal=minh, reason="Bổ sung số quyết định.", fields=["report"]
    )
    submit(world, Proposal.objects.get(pk=minh.pk), report="Báo cáo thành tích, có số quyết định.")
    appraise_proposal(
        actor=world.secretariat, proposal=Proposal.objects.get(pk=minh.pk), opinion="Đủ điều kiện."
    )
    posting = open_posting(
        actor=world.secretariat, round=nom.round, proposals=[Proposal.objects.get(pk=minh.pk)],
        channel="portal", opens_on=nom.today,
    )  # fmt: skip
    minh = Proposal.objects.get(pk=minh.pk)
    first = record_comment(
        actor=world.secretariat, posting=posting, proposal=minh, text="Đồng chí Minh xứng đáng.",
        received_on=nom.today, author="Nguyễn Văn A",
    )  # fmt: skip
    record_comment(
        actor=world.secretariat, posting=posting, proposal=minh, text="Cần xem lại.", received_on=nom.today
    )
    handle_comment(actor=world.secretariat, comment=first, accepted=True, reason="Ghi nhận ý kiến.")

    data = api_as(world.officer, f"nominations/{minh.pk}").json()
    today = nom.today.isoformat()
    assert data["status"] == "posted"
    assert data["history"] == [
        {"from": "draft", "to": "submitted", "on": today, "action": "submit"},
        {"from": "submitted", "to": "returned", "on": today, "action": "return"},
        {"from": "returned", "to": "submitted", "on": today, "action": "submit"},
        {"from": "submitted", "to": "appraised", "on": today, "action": "appraise"},
        {"from": "appraised", "to": "posted", "on": today, "action": "post"},
    ]
    assert data["posting"] == {
        "opens_on": today,
        "closes_on": posting.closes_on.isoformat(),
        "comments": [
            {"received_on": today, "text": "Đồng chí Minh xứng đáng.", "handling": "accepted",
             "handling_reason": "Ghi nhận ý kiến."},
            {"received_on": today, "text": "Cần xem lại.", "handling": "pending", "handling_reason": ""},
        ],
    }  # fmt: skip
    assert posting.closes_on > nom.today


# --- the filters -----------------------------------------------------------------------------------------


def test_each_filter_narrows_the_list(world, nom, api_as, six):
    complete_dossier(nom.round, world.division)
    submit(world, six["minh"])
    last_year = open_round(
        actor=None, agency=world.agency, name="Xét khen thưởng năm trước", year=nom.today.year - 1,
        deadline=nom.today + dt.timedelta(days=5), awards=[nom.ldtt],
    )  # fmt: skip
    old = proposal_for(nom, world.division, nom.ldtt, world.division_person, round_=last_year)
    user = world.secretariat
    everything = {p.pk for p in six.values()} | {old.pk}
    assert set(ids(api_as(user, "nominations"))) == everything
    assert ids(api_as(user, "nominations", year=nom.today.year - 1)) == [old.pk]
    assert set(ids(api_as(user, "nominations", year=nom.today.year))) == everything - {old.pk}
    assert ids(api_as(user, "nominations", round=last_year.pk)) == [old.pk]
    assert ids(api_as(user, "nominations", status="submitted")) == [six["minh"].pk]
    assert ids(api_as(user, "nominations", status="ready")) == []
    collectives = {six[name].pk for name in ("division", "team", "office")}
    assert set(ids(api_as(user, "nominations", award="tap-the-lao-dong-tien-tien"))) == collectives
    division = {six[name].pk for name in ("minh", "huong", "division", "team")} | {old.pk}
    assert set(ids(api_as(user, "nominations", unit=world.division.pk))) == division  # with its team
    assert set(ids(api_as(user, "nominations", unit=world.team.pk))) == {six["huong"].pk, six["team"].pk}
    assert ids(api_as(user, "nominations", unit=world.team.pk, award="lao-dong-tien-tien")) == [
        six["huong"].pk
    ]
    assert ids(api_as(user, "nominations", unit=MAX_BIGINT)) == []


def test_the_order_is_latest_round_then_unit_award_and_id(world, nom, api_as, six):
    later = open_round(
        actor=None, agency=world.agency, name="Đợt chuyên đề", year=nom.today.year,
        deadline=nom.today + dt.timedelta(days=5), awards=[nom.ldtt],
    )  # fmt: skip
    newest = proposal_for(nom, world.office, nom.ldtt, world.office_person, round_=later)
    listed = ids(api_as(world.secretariat, "nominations"))
    rows = Proposal.objects.filter(pk__in=listed).values_list("round_id", "unit_id", "award_id", "id")
    assert listed[0] == newest.pk
    assert listed == [row[3] for row in sorted(rows, key=lambda r: (-r[0], r[1], r[2], r[3]))]
    page = api_as(world.secretariat, "nominations", limit=2, offset=2).json()
    assert [item["id"] for item in page["items"]] == listed[2:4] and page["count"] == 7


# --- the scope -------------------------------------------------------------------------------------------


def test_each_role_sees_what_its_screens_show(world, nom, api_as, six, stranger):
    other_user, other_proposal = stranger
    agency = {p.pk for p in six.values()}
    division = {six[name].pk for name in ("minh", "huong", "division", "team")}
    assert set(ids(api_as(world.secretariat, "nominations"))) == agency
    assert set(ids(api_as(world.officer, "nominations"))) == division
    assert ids(api_as(world.staff, "nominations")) == [six["lan"].pk]  # her own, not her unit's
    assert ids(api_as(other_user, "nominations")) == [other_proposal.pk]
    assert api_as(world.officer, "nominations", unit=world.office.pk).json()["count"] == 0


def test_a_detail_outside_the_scope_is_404(world, nom, api_as, six, stranger):
    other_user, other_proposal = stranger
    not_found = {"detail": MESSAGES[404]}
    for user, proposal in (
        (world.staff, six["minh"]), (world.officer, six["office"]), (other_user, six["minh"]),
        (world.secretariat, other_proposal),
    ):  # fmt: skip
        response = api_as(user, f"nominations/{proposal.pk}")
        assert (response.status_code, response.json()) == (404, not_found)
    assert api_as(world.staff, f"nominations/{six['lan'].pk}").status_code == 200
    assert api_as(world.officer, f"nominations/{six['team'].pk}").status_code == 200


def test_without_a_token_the_answer_is_401(world, nom, client, six):
    for path in ("/api/v1/nominations", f"/api/v1/nominations/{six['minh'].pk}"):
        response = client.get(path)
        assert (response.status_code, response.json()) == (401, {"detail": MESSAGES[401]})


@pytest.mark.parametrize("user", ["secretariat", "officer", "staff"])
def test_every_url_of_an_answer_can_be_fetched_with_the_token(world, nom, client, bearer, six, user):
    headers = bearer(getattr(world, user))
    listed = client.get("/api/v1/nominations", **headers).json()["items"]
    assert listed
    for item in listed:
        detail = client.get(item["url"], **headers)
        assert detail.status_code == 200
        urls = [item["subject"]["url"], item["unit"]["url"]]
        assert all(urls), item
        for url in urls:
            assert client.get(url, **headers).status_code == 200, url


# --- bad input -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("status", "bogus", "Giá trị không thuộc danh sách cho phép."),
        ("year", "abc", "Phải là một số nguyên."),
        ("round", "99999999999999999999",
         "Giá trị lớn hơn mức tối đa cho phép: phải từ 9223372036854775807 trở xuống."),
        ("unit", "0", "Giá trị nhỏ hơn mức tối thiểu cho phép: phải từ 1 trở lên."),
        ("year", "1800", "Giá trị nhỏ hơn mức tối thiểu cho phép: phải từ 1945 trở lên."),
    ],
)  # fmt: skip
def test_a_bad_filter_is_422_in_vietnamese(world, api_as, name, value, message):
    response = api_as(world.secretariat, "nominations", **{name: value})
    data = response.json()
    assert (response.status_code, data["detail"]) == (422, REFUSED)
    assert [(error["loc"], error["msg"]) for error in data["errors"]] == [(["query", name], message)]


def test_an_unknown_award_code_is_422_naming_it(world, api_as):
    response = api_as(world.secretariat, "nominations", award="khong-co")
    assert response.status_code == 422
    assert (
        response.json()["errors"][0]["msg"] == "Không có danh hiệu hay hình thức khen thưởng mã “khong-co”."
    )


def test_a_bad_id_in_the_path_is_422_and_the_largest_is_404(world, api_as):
    response = api_as(world.secretariat, f"nominations/{MAX_BIGINT + 1}")
    assert (response.status_code, response.json()["errors"][0]["loc"]) == (422, ["path", "proposal_id"])
    assert api_as(world.secretariat, f"nominations/{MAX_BIGINT}").status_code == 404


def test_the_largest_offset_is_an_empty_page(world, nom, api_as, six):
    data = api_as(world.secretariat, "nominations", offset=MAX_BIGINT).json()
    assert data == {"items": [], "count": 6, "count_exact": True}


def test_the_status_filter_takes_exactly_the_documented_codes(world, api_as, openapi):
    values = openapi["components"]["schemas"]["ProposalStatus"]["enum"]
    assert values == [
        "draft", "submitted", "returned", "appraised", "posted", "ready", "withdrawn", "passed", "not_passed",
        "decided", "forwarded", "awarded", "refused",
    ]  # fmt: skip
    assert {
        value: api_as(world.admin, "nominations", status=value).status_code for value in values
    } == dict.fromkeys(values, 200)


# --- queries ---------------------------------------------------------------------------------------------


def queries(client, path, headers) -> int:
    """The queries of a request once the caller's scope is cached and her token's use recorded."""
    client.get(path, **headers)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path, **headers).status_code == 200
    return len(captured)


def test_the_list_costs_the_same_queries_for_one_or_six_proposals(world, nom, client, bearer):
    headers = bearer(world.secretariat)
    proposal_for(nom, world.division, nom.ldtt, world.division_person)
    one = queries(client, "/api/v1/nominations", headers)
    proposal_for(nom, world.team, nom.ldtt, world.team_person)
    proposal_for(nom, world.office, nom.ldtt, world.office_person)
    for unit in (world.division, world.team, world.office):
        proposal_for(nom, unit, nom.ttldtt)
    assert client.get("/api/v1/nominations", **headers).json()["count"] == 6
    assert queries(client, "/api/v1/nominations", headers) == one


def test_the_detail_costs_the_same_queries_whatever_its_comments(world, nom, client, bearer, six):
    complete_dossier(nom.round, world.division)
    minh = submit(world, six["minh"])
    appraise_proposal(actor=world.secretariat, proposal=minh, opinion="Đủ điều kiện.")
    posting = open_posting(
        actor=world.secretariat, round=nom.round, proposals=[Proposal.objects.get(pk=minh.pk)],
        channel="portal", opens_on=nom.today,
    )  # fmt: skip
    minh = Proposal.objects.get(pk=minh.pk)
    headers, path = bearer(world.secretariat), f"/api/v1/nominations/{minh.pk}"

    def comment(text):
        record_comment(
            actor=world.secretariat, posting=posting, proposal=minh, text=text, received_on=nom.today
        )

    comment("Ý kiến thứ nhất.")
    one = queries(client, path, headers)
    for n in range(2, 6):
        comment(f"Ý kiến thứ {n}.")
    assert len(client.get(path, **headers).json()["posting"]["comments"]) == 5
    assert queries(client, path, headers) == one
