"""GET /api/v1/awards and POST /api/v1/council-vote: the contract of issue 5, Vietnamese errors per field."""

import json

import pytest

from api.errors import MESSAGES
from awards.models import AwardRule

CONTRACT_CODES = {
    "lao-dong-tien-tien": "individual",
    "chien-si-thi-dua-co-so": "individual",
    "chien-si-thi-dua-tinh": "individual",
    "chien-si-thi-dua-toan-quoc": "individual",
    "tap-the-lao-dong-tien-tien": "collective",
    "tap-the-lao-dong-xuat-sac": "collective",
    "co-thi-dua-tinh": "collective",
}


def vote(award, decision_date, members_total, votes_for) -> dict:
    return {
        "award": award,
        "decision_date": decision_date,
        "members_total": members_total,
        "votes_for": votes_for,
    }


def post_vote(client, headers, **body):
    return client.post("/api/v1/council-vote", json.dumps(body), content_type="application/json", **headers)


def test_the_catalogue_lists_titles_with_their_rule_sets(world, api_as):
    data = api_as(world.staff, "awards").json()

    by_code = {item["code"]: item for item in data["items"]}
    assert data["count"] == len(data["items"]) >= len(CONTRACT_CODES)
    for code, subject in CONTRACT_CODES.items():
        assert by_code[code]["subject"] == subject
    ldtt = by_code["lao-dong-tien-tien"]
    assert [rs["code"] for rs in ldtt["rule_sets"]] == ["2017", "2024", "2025-07", "2026-10"]
    first = ldtt["rule_sets"][0]
    assert (first["effective_from"], first["effective_to"], first["coefficient"]) == (
        "2017-10-01",
        "2023-12-31",
        "0.3",
    )
    assert ldtt["rule_sets"][-1]["effective_to"] is None


@pytest.mark.parametrize("rows", [1, 3])
def test_the_catalogue_costs_the_same_whatever_its_size(
    world, client, bearer, django_assert_num_queries, rows
):
    AwardRule.objects.exclude(award__code__in=list(CONTRACT_CODES)[:rows]).delete()
    headers = bearer(world.staff)
    with django_assert_num_queries(4):  # token with its user; awards; rules with their rule sets
        data = client.get("/api/v1/awards", **headers).json()
    assert sum(len(item["rule_sets"]) for item in data["items"]) == rows * 4


def test_the_catalogue_needs_authentication(client, db):
    response = client.get("/api/v1/awards")
    assert (response.status_code, response.json()["detail"]) == (401, MESSAGES[401])


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (vote("chien-si-thi-dua-co-so", "2025-01-15", 15, 12),
         {"passes": True, "required": 12, "threshold": "0.8", "rule_set": "2024"}),
        (vote("chien-si-thi-dua-co-so", "2025-01-15", 15, 11),
         {"passes": False, "required": 12, "threshold": "0.8", "rule_set": "2024"}),
        (vote("chien-si-thi-dua-tinh", "2022-01-20", 11, 10),
         {"passes": True, "required": 10, "threshold": "0.9", "rule_set": "2017"}),
        (vote("lao-dong-tien-tien", "2022-01-20", 10, 5),
         {"passes": False, "required": 6, "threshold": "0.5", "rule_set": "2017"}),
    ],
)  # fmt: skip
def test_council_vote(world, client, bearer, body, expected):
    response = post_vote(client, bearer(world.secretariat), **body)

    assert response.status_code == 200
    data = response.json()
    assert {key: data[key] for key in expected} == expected
    assert data["citation"]


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        (vote("khong-co", "2025-01-15", 9, 8), "award",
         "Không có danh hiệu"),
        (vote("lao-dong-tien-tien", "2010-01-01", 9, 8),
         "decision_date", "không thuộc bộ quy định"),
        (vote("lao-dong-tien-tien", "2025-01-15", 0, 0),
         "members_total", "ít nhất một thành viên"),
        (vote("lao-dong-tien-tien", "2025-01-15", 9, 10),
         "votes_for", "từ 0 đến tổng số"),
        (vote("lao-dong-tien-tien", "15/01/2025", 9, 8),
         "decision_date", "YYYY-MM-DD"),
        (vote("lao-dong-tien-tien", "2025-01-15", "chín", 8),
         "members_total", "số nguyên"),
    ],
)  # fmt: skip
def test_council_vote_refuses_bad_input_in_vietnamese(world, client, bearer, body, field, words):
    response = post_vote(client, bearer(world.secretariat), **body)

    assert response.status_code == 422
    data = response.json()
    assert data["detail"] == MESSAGES[422]
    messages = {error["loc"][-1]: error["msg"] for error in data["errors"]}
    assert words in messages[field]
