"""GET /api/v1/council-meetings and /api/v1/council-meetings/{id} (issue 14, point 9): the exact fields, the
year filter, the scope of the screens, null totals until the ballot closes and the close's figures after,
no member and no choice in any answer, the Vietnamese 422s, constant queries."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Role
from api.errors import MESSAGES
from api.schemas import MAX_BIGINT
from awards.council import required_votes
from council.domain import ballot, meetings
from council.domain.terms import add_member, create_council, start_term
from council.models import CouncilRole, Format, Item, Meeting, MeetingStatus, Membership, Presence
from council.quorum import quorum_of
from nominations.models import Status
from tests.council import conftest as council
from tests.council.conftest import ready
from tests.factories import account_with_role

MEETING_KEYS = {"id", "url", "date", "members_total", "present", "quorum_met", "status", "items"}
ITEM_KEYS = {
    "nomination", "award", "subject", "secret", "votes_for", "votes_against", "not_voting", "required",
    "passes",
}  # fmt: skip
TOTALS = ("votes_for", "votes_against", "not_voting", "passes")
REFUSED = MESSAGES[422]
cw = council.cw  # the fixture: a council of nine, a convened meeting of today on four ready proposals


def answer(response) -> dict:
    assert response.status_code == 200, response.content
    return response.json()


def ids(response) -> list[int]:
    return [meeting["id"] for meeting in answer(response)["items"]]


def items_of(meeting) -> list[Item]:
    return list(
        Item.objects.filter(meeting=meeting)
        .select_related("proposal__award", "proposal__person", "proposal__unit")
        .order_by("position")
    )


def run_ballot(cw, *, against_huong=2) -> list[str]:
    """The whole ballot of cw's meeting, every item secret: eight members vote electronically (the member
    proposed recused on his own proposal), the ninth in writing; `against_huong` members vote against
    Hương's Chiến sĩ thi đua cơ sở (8 of 9 needed), so that it fails. Returns the receipt codes."""
    Item.objects.filter(meeting=cw.meeting).update(secret=True)
    meetings.open_ballot(actor=cw.secretary, meeting=cw.meeting)
    items = items_of(cw.meeting)
    huong = cw.item("Đặng Thị Hương").pk
    codes = []
    for n, (membership, user) in enumerate(cw.members[:-1]):
        choices = {item.pk: "for" for item in items if item.proposal.person_id != membership.person_id}
        if n < against_huong:
            choices[huong] = "against"
        codes.append(ballot.cast(actor=user, meeting=cw.meeting, choices=choices))
    ballot.record_written(
        actor=cw.secretary, meeting=cw.meeting, membership=cw.members[-1][0],
        choices={item.pk: "for" for item in items},
    )  # fmt: skip
    meetings.close_ballot(actor=cw.secretary, meeting=cw.meeting)
    return codes


def other_meeting(world) -> Meeting:
    """A meeting of the other agency's council (one member), being prepared."""
    today = dt.date.today()
    other = create_council(
        actor=None, agency=world.other_agency, name="Hội đồng Thi đua - Khen thưởng Sở Khác"
    )
    term = start_term(actor=None, council=other, starts_on=today - dt.timedelta(days=30))
    add_member(
        actor=None, term=term, person=world.other_person, role=CouncilRole.objects.get(code="chu-tich")
    )
    return meetings.prepare_meeting(actor=None, council=other, title="Phiên họp Sở Khác", date=today)


def more_ready(cw, count: int) -> list:
    """`count` more ready proposals of cw's round (Lao động tiên tiến for members not yet proposed)."""
    proposed = {p.person_id for p in cw.proposals}
    people = [m.person for m, _user in cw.members if m.person_id not in proposed][:count]
    assert len(people) == count
    award = cw.awards["lao-dong-tien-tien"]
    return [ready(cw.round, award, unit=cw.world.office, person=person) for person in people]


# --- the fields ------------------------------------------------------------------------------------------


def test_a_meeting_has_exactly_the_documented_fields_and_no_totals_before_the_ballot(cw, api_as):
    data = answer(api_as(cw.secretary, "council-meetings"))
    assert set(data) == {"items", "count"} and data["count"] == 1
    meeting = data["items"][0]
    assert set(meeting) == MEETING_KEYS
    assert {key: meeting[key] for key in MEETING_KEYS - {"items"}} == {
        "id": cw.meeting.pk, "url": f"/api/v1/council-meetings/{cw.meeting.pk}",
        "date": cw.today.isoformat(), "members_total": 9, "present": 8, "quorum_met": True,
        "status": "convened",
    }  # fmt: skip
    items = items_of(cw.meeting)
    assert [row["nomination"] for row in meeting["items"]] == [item.proposal_id for item in items]
    for row, item in zip(meeting["items"], items, strict=True):
        assert set(row) == ITEM_KEYS
        assert {key: row[key] for key in TOTALS} == dict.fromkeys(TOTALS)
        assert row["required"] == required_votes(9, item.threshold)
        assert row["award"] == {"code": item.proposal.award.code, "name": item.proposal.award.name}
        assert row["secret"] is item.secret
    assert [row["required"] for row in meeting["items"]] == [5, 5, 8, 5]  # ⌈0.8 × 9⌉ for the CSTĐ cơ sở
    subjects = {row["subject"]["name"]: row["subject"] for row in meeting["items"]}
    assert subjects["Trần Thị Lan"] == {
        "kind": "individual",
        "id": cw.world.office_person.pk,
        "name": "Trần Thị Lan",
    }
    assert subjects["Phòng Kế hoạch"] == {
        "kind": "collective",
        "id": cw.world.division.pk,
        "name": "Phòng Kế hoạch",
    }


def test_the_detail_is_the_list_s_object(cw, api_as):
    listed = answer(api_as(cw.secretary, "council-meetings"))["items"][0]
    assert answer(api_as(cw.secretary, f"council-meetings/{cw.meeting.pk}")) == listed


def test_the_quorum_figures_are_those_of_the_quorum(cw, api_as):
    """members_total, present and quorum_met read in bulk are council.quorum.quorum_of's, whatever the
    attendance: an absent member does not attend, a substitute does, a written vote does not; a seat ended
    before the meeting's date does not count."""
    path = f"council-meetings/{cw.meeting.pk}"

    def figures():
        quorum = quorum_of(Meeting.objects.get(pk=cw.meeting.pk))
        data = answer(api_as(cw.secretary, path))
        assert (data["members_total"], data["present"], data["quorum_met"]) == (
            quorum.total,
            quorum.attending,
            quorum.met,
        )
        return quorum.total, quorum.attending, quorum.met

    assert figures() == (9, 8, True)
    for membership, _user in cw.members[:3]:
        meetings.record_attendance(
            actor=None, meeting=cw.meeting, membership=membership, presence=Presence.ABSENT
        )
    assert figures() == (9, 5, False)  # 2/3 of 9 is 6
    Meeting.objects.filter(pk=cw.meeting.pk).update(substitutes=True)  # as the agency's setting may allow
    cw.meeting.refresh_from_db()
    for n, person in enumerate((cw.world.office_person, cw.world.division_person, cw.world.team_person)):
        meetings.record_attendance(
            actor=None, meeting=cw.meeting, membership=cw.members[n][0], presence=Presence.SUBSTITUTE,
            substitute=person, mandate=f"Giấy ủy quyền số 0{n + 1}",
        )  # fmt: skip
    assert figures() == (9, 8, True)
    later = meetings.prepare_meeting(
        actor=None, council=cw.council, title="Phiên họp sau", date=cw.today + dt.timedelta(days=10)
    )
    Membership.objects.filter(pk=cw.members[1][0].pk).update(ends_on=cw.today)
    later_data = answer(api_as(cw.secretary, f"council-meetings/{later.pk}"))
    assert (later_data["members_total"], later_data["present"], later_data["quorum_met"]) == (8, 0, False)
    assert quorum_of(later).total == 8
    written = meetings.prepare_meeting(
        actor=None, council=cw.council, title="Lấy ý kiến bằng văn bản", date=cw.today, format=Format.WRITTEN
    )
    meetings.set_agenda(actor=None, meeting=written, proposals=more_ready(cw, 1))
    meetings.convene(actor=None, meeting=written)
    for membership, _user in cw.members[:7]:
        meetings.record_attendance(
            actor=None, meeting=written, membership=membership, presence=Presence.WRITTEN
        )
    written_data = answer(api_as(cw.secretary, f"council-meetings/{written.pk}"))
    quorum = quorum_of(written)
    assert (
        (written_data["members_total"], written_data["present"]) == (9, 7) == (quorum.total, quorum.attending)
    )


# --- the ballot ------------------------------------------------------------------------------------------


def test_no_totals_while_the_ballot_is_open(cw, api_as):
    meetings.open_ballot(actor=cw.secretary, meeting=cw.meeting)
    _membership, user = cw.members[0]
    ballot.cast(actor=user, meeting=cw.meeting, choices={item.pk: "against" for item in items_of(cw.meeting)})
    data = answer(api_as(cw.secretary, f"council-meetings/{cw.meeting.pk}"))
    assert data["status"] == "voting"
    assert all({key: row[key] for key in TOTALS} == dict.fromkeys(TOTALS) for row in data["items"])
    assert [row["required"] for row in data["items"]] == [5, 5, 8, 5]


def test_the_figures_of_the_close(cw, api_as):
    run_ballot(cw)
    data = answer(api_as(cw.secretary, f"council-meetings/{cw.meeting.pk}"))
    assert data["status"] == "closed"
    rows = {row["subject"]["name"]: row for row in data["items"]}
    figures = {name: tuple(row[key] for key in (*TOTALS, "required")) for name, row in rows.items()}
    assert figures == {
        "Nguyễn Văn Dũng": (8, 0, 1, True, 5),  # recused on his own proposal
        "Trần Thị Lan": (9, 0, 0, True, 5),
        "Đặng Thị Hương": (7, 2, 0, False, 8),  # 7 of the 8 needed
        "Phòng Kế hoạch": (9, 0, 0, True, 5),
    }
    for item in items_of(cw.meeting):
        row = rows[item.proposal.subject_name]
        assert (
            row["votes_for"],
            row["votes_against"],
            row["not_voting"],
            row["required"],
            row["passes"],
        ) == (item.votes_for, item.votes_against, item.not_voting, item.required, item.passes)
        assert row["secret"] is True
        assert item.proposal.status == (Status.PASSED if item.passes else Status.NOT_PASSED)


def test_a_closed_secret_meeting_holds_no_member_and_no_choice(cw, api_as):
    """Totals only: no member's name, person, account or seat, no receipt, anywhere in the answers — the
    one member named is the subject of a proposal (Dũng, proposed for Lao động tiên tiến), as its subject."""
    codes = run_ballot(cw)
    detail = answer(api_as(cw.secretary, f"council-meetings/{cw.meeting.pk}"))
    listed = answer(api_as(cw.secretary, "council-meetings"))
    assert listed["items"] == [detail]
    text = json.dumps(listed, ensure_ascii=False)
    subject = cw.members[3][0]
    for membership, user in cw.members:
        name = membership.person.full_name
        assert text.count(name) == (1 if membership == subject else 0), name
        assert user.username not in text
    assert all(code not in text for code in codes)
    assert keys_of(detail) == {
        *MEETING_KEYS, *(f"items.{key}" for key in ITEM_KEYS), "items.award.code", "items.award.name",
        "items.subject.kind", "items.subject.id", "items.subject.name",
    }  # fmt: skip
    # every id given is the meeting's, a proposal's or a proposal's subject — never a person voting
    proposals = {item.proposal_id: item.proposal for item in items_of(cw.meeting)}
    assert detail["id"] == cw.meeting.pk
    for row in detail["items"]:
        proposal = proposals[row["nomination"]]
        assert row["subject"]["id"] == (proposal.person_id or proposal.unit_id)


def keys_of(value, prefix="") -> set[str]:
    """The dotted paths of every key of a JSON object (lists looked into)."""
    if isinstance(value, list):
        return set().union(*(keys_of(v, prefix) for v in value)) if value else set()
    if not isinstance(value, dict):
        return set()
    found = set()
    for key, inner in value.items():
        found |= {f"{prefix}{key}"} | keys_of(inner, f"{prefix}{key}.")
    return found


# --- the year and the order ------------------------------------------------------------------------------


def test_the_year_filter_and_the_order(cw, api_as):
    last_year = dt.date(cw.today.year - 1, 12, 31)
    old = meetings.prepare_meeting(
        actor=None, council=cw.council, title="Phiên họp năm trước", date=last_year
    )
    same_day = meetings.prepare_meeting(
        actor=None, council=cw.council, title="Phiên họp bổ sung", date=cw.today
    )
    user = cw.secretary
    assert ids(api_as(user, "council-meetings")) == [same_day.pk, cw.meeting.pk, old.pk]
    assert ids(api_as(user, "council-meetings", year=cw.today.year)) == [same_day.pk, cw.meeting.pk]
    assert ids(api_as(user, "council-meetings", year=cw.today.year - 1)) == [old.pk]
    assert ids(api_as(user, "council-meetings", year=cw.today.year - 2)) == []
    page = answer(api_as(user, "council-meetings", limit=1, offset=1))
    assert ([m["id"] for m in page["items"]], page["count"]) == ([cw.meeting.pk], 3)
    assert page["items"][0]["status"] == MeetingStatus.CONVENED
    old_data = answer(api_as(user, f"council-meetings/{old.pk}"))
    assert (old_data["status"], old_data["items"], old_data["date"]) == (
        "preparing",
        [],
        last_year.isoformat(),
    )


# --- the scope -------------------------------------------------------------------------------------------


def test_another_agency_s_meeting_is_404_and_never_listed(cw, api_as):
    theirs = other_meeting(cw.world)
    stranger = account_with_role(Role.SECRETARIAT, agency=cw.world.other_agency, username="thuongtruc_khac")
    not_found = {"detail": MESSAGES[404]}
    for user, meeting in ((cw.secretary, theirs), (cw.members[0][1], theirs), (stranger, cw.meeting)):
        response = api_as(user, f"council-meetings/{meeting.pk}")
        assert (response.status_code, response.json()) == (404, not_found)
    assert ids(api_as(cw.secretary, "council-meetings")) == [cw.meeting.pk]
    assert ids(api_as(stranger, "council-meetings")) == [theirs.pk]
    assert ids(api_as(cw.world.admin, "council-meetings")) == [theirs.pk, cw.meeting.pk]


def test_the_members_and_the_agency_see_the_meetings(cw, api_as):
    for user in (cw.members[0][1], cw.members[8][1], cw.world.leader, cw.world.council):
        assert ids(api_as(user, "council-meetings")) == [cw.meeting.pk], user.username
        assert answer(api_as(user, f"council-meetings/{cw.meeting.pk}"))["id"] == cw.meeting.pk


def test_without_a_token_the_answer_is_401(cw, client):
    for path in ("/api/v1/council-meetings", f"/api/v1/council-meetings/{cw.meeting.pk}"):
        response = client.get(path)
        assert (response.status_code, response.json()) == (401, {"detail": MESSAGES[401]})


def test_every_url_of_an_answer_can_be_fetched_with_the_token(cw, client, bearer):
    meetings.prepare_meeting(actor=None, council=cw.council, title="Phiên họp sau", date=cw.today)
    headers = bearer(cw.secretary)
    listed = answer(client.get("/api/v1/council-meetings", **headers))["items"]
    assert len(listed) == 2
    for meeting in listed:
        assert answer(client.get(meeting["url"], **headers)) == meeting


# --- bad input -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("year", "abc", "Phải là một số nguyên."),
        ("year", "99999", "Giá trị lớn hơn mức tối đa cho phép: phải từ 2100 trở xuống."),
        ("year", "1800", "Giá trị nhỏ hơn mức tối thiểu cho phép: phải từ 1945 trở lên."),
        ("offset", str(MAX_BIGINT + 1),
         "Giá trị lớn hơn mức tối đa cho phép: phải từ 9223372036854775807 trở xuống."),
        ("limit", "0", "Giá trị nhỏ hơn mức tối thiểu cho phép: phải từ 1 trở lên."),
    ],
)  # fmt: skip
def test_a_bad_parameter_is_422_in_vietnamese(cw, api_as, name, value, message):
    response = api_as(cw.secretary, "council-meetings", **{name: value})
    data = response.json()
    assert (response.status_code, data["detail"]) == (422, REFUSED)
    assert [(error["loc"], error["msg"]) for error in data["errors"]] == [(["query", name], message)]


def test_the_largest_offset_is_an_empty_page(cw, api_as):
    assert answer(api_as(cw.secretary, "council-meetings", offset=MAX_BIGINT)) == {"items": [], "count": 1}


def test_a_bad_id_in_the_path_is_422_and_the_largest_is_404(cw, api_as):
    response = api_as(cw.secretary, f"council-meetings/{MAX_BIGINT + 1}")
    assert (response.status_code, response.json()["errors"][0]["loc"]) == (422, ["path", "meeting_id"])
    assert api_as(cw.secretary, f"council-meetings/{MAX_BIGINT}").status_code == 404
    response = api_as(cw.secretary, "council-meetings/abc")  # no such path
    assert (response.status_code, response.json()) == (404, {"detail": MESSAGES[404]})


def test_the_status_enum_is_the_meeting_s(openapi):
    schemas = openapi["components"]["schemas"]
    assert schemas["MeetingStatus"]["enum"] == ["preparing", "convened", "voting", "closed"]
    meeting = schemas["CouncilMeetingOut"]
    assert set(meeting["properties"]) == MEETING_KEYS
    assert set(schemas["CouncilItemOut"]["properties"]) == ITEM_KEYS
    assert "/api/v1/council-vote" in openapi["paths"]


# --- queries ---------------------------------------------------------------------------------------------


def queries(client, path, headers) -> int:
    """The queries of a request once the caller's scope is cached and her token's use recorded."""
    client.get(path, **headers)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path, **headers).status_code == 200
    return len(captured)


def test_the_list_costs_the_same_queries_for_one_or_three_meetings_and_their_items(cw, client, bearer):
    headers, path = bearer(cw.secretary), "/api/v1/council-meetings"
    one = queries(client, path, headers)
    second = meetings.prepare_meeting(actor=None, council=cw.council, title="Phiên họp 2", date=cw.today)
    meetings.set_agenda(actor=None, meeting=second, proposals=more_ready(cw, 6))
    meetings.prepare_meeting(actor=None, council=cw.council, title="Phiên họp 3", date=cw.today)
    run_ballot(cw)
    data = answer(client.get(path, **headers))
    assert [len(meeting["items"]) for meeting in data["items"]] == [0, 6, 4]
    assert queries(client, path, headers) == one


def test_the_detail_costs_the_same_queries_whatever_its_items(cw, client, bearer):
    headers = bearer(cw.secretary)
    meeting = meetings.prepare_meeting(actor=None, council=cw.council, title="Phiên họp 2", date=cw.today)
    proposals = more_ready(cw, 5)
    path = f"/api/v1/council-meetings/{meeting.pk}"
    meetings.set_agenda(actor=None, meeting=meeting, proposals=proposals[:1])
    one = queries(client, path, headers)
    meetings.set_agenda(actor=None, meeting=meeting, proposals=proposals)
    assert len(answer(client.get(path, **headers))["items"]) == 5
    assert queries(client, path, headers) == one
    run_ballot(cw)
    assert queries(client, f"/api/v1/council-meetings/{cw.meeting.pk}", headers) == one
