"""POST /api/v1/eligibility: issue 5's contract (keys, verdicts, money), Vietnamese 422 per field."""

import copy
import json
from decimal import Decimal

import pytest
from django.urls import reverse

from activity.models import ActivityLog
from api.eligibility import coefficient_text
from api.errors import INVALID_TOKEN, MESSAGES
from awards.models import AwardRecord

# The issue's example request, word for word.
EXAMPLE = {
    "award": "chien-si-thi-dua-co-so",
    "year": 2021,
    "decision_date": "2022-01-20",
    "subject": {
        "kind": "individual",
        "hired_on": "2018-03-01",
        "gender": "nu",
        "ratings": {"2020": "HTTNV", "2021": "HTXSNV"},
        "titles": [{"award": "lao-dong-tien-tien", "year": 2020, "track": "cong-trang"}],
        "initiatives": [{"year": 2021, "level": "co-so", "used_for": None}],
        "discipline": [{"level": "khien-trach", "from": "2019-05-01", "to": "2019-11-01"}],
        "pending_review": False,
        "maternity_leave": [],
    },
}
TEAM = {
    "award": "tap-the-lao-dong-tien-tien",
    "year": 2021,
    "decision_date": "2022-01-20",
    "subject": {
        "kind": "collective",
        "ratings": {"2021": "HTTNV"},
        "members": {
            "total": 10,
            "completed_tasks": 10,
            "lao_dong_tien_tien": 7,
            "chien_si_thi_dua_co_so": 1,
            "disciplined_canh_cao_or_above": 0,
            "women": 6,
        },
        "titles": [],
    },
}
TOP_KEYS = {
    "award", "year", "rule_set", "verdict", "checks", "authority", "within_agency_authority", "amount",
}  # fmt: skip
CHECK_KEYS = {"code", "passed", "message", "citation", "status", "criterion"}  # criterion: issue 9
AMOUNT_KEYS = {"coefficient", "base_salary", "amount", "in_words"}


def request(base=EXAMPLE, **changes) -> dict:
    """A copy of `base`; keys of `changes` are top-level or, prefixed "subject__", keys of the subject."""
    body = copy.deepcopy(base)
    for key, value in changes.items():
        if key.startswith("subject__"):
            body["subject"][key.removeprefix("subject__")] = value
        else:
            body[key] = value
    return body


@pytest.fixture
def evaluate(world, client, bearer):
    """evaluate(body) -> the response of POST /api/v1/eligibility with a staff member's token."""
    headers = bearer(world.staff)

    def post(body):
        return client.post(
            "/api/v1/eligibility", json.dumps(body), content_type="application/json", **headers
        )

    return post


def test_the_issue_example_is_eligible_with_its_money(evaluate):
    before = ActivityLog.objects.count()

    response = evaluate(EXAMPLE)

    assert response.status_code == 200
    data = response.json()
    assert set(data) == TOP_KEYS
    assert (data["award"], data["year"], data["rule_set"], data["verdict"]) == (
        "chien-si-thi-dua-co-so",
        2021,
        "2017",
        "eligible",
    )
    assert [check["code"] for check in data["checks"]] == [
        "not-pending",
        "not-already-awarded",
        "meets",
        "initiative",
    ]
    for check in data["checks"]:
        assert set(check) == CHECK_KEYS
        assert check["passed"] is True
        assert check["citation"] and check["status"] in {"V1", "V2", "R", "U"}
    assert "Nghị định 91/2017/NĐ-CP" in data["checks"][3]["citation"]
    assert data["authority"] == {"code": "giam-doc-so", "name": "Giám đốc Sở"}
    assert data["within_agency_authority"] is True
    assert data["amount"] == {
        "coefficient": "1.0",
        "base_salary": 1490000,
        "amount": 1490000,
        "in_words": "Một triệu bốn trăm chín mươi nghìn đồng",
    }
    assert (AwardRecord.objects.count(), ActivityLog.objects.count()) == (0, before)  # stores nothing


PROVINCIAL_2024 = {
    "award": "bang-khen-tinh",
    "year": 2024,
    "decision_date": "2024-12-20",
    "subject": {
        "kind": "individual",
        "hired_on": "2015-03-01",
        "ratings": {"2023": "HTXSNV", "2024": "HTXSNV"},
        "titles": [
            {"award": "chien-si-thi-dua-co-so", "year": 2023, "track": "cong-trang"},
            {"award": "chien-si-thi-dua-co-so", "year": 2024, "track": "cong-trang"},
        ],
    },
}


@pytest.mark.parametrize(
    ("award", "coefficient", "amount"),
    [("bang-khen-tinh", "1.5", 3_510_000), ("bang-khen-tinh-tap-the", "3.0", 7_020_000)],
)
def test_the_provincial_certificate_of_2024_is_priced_under_nd_98(evaluate, award, coefficient, amount):
    """law-nominations.md §6.2 (V1): NĐ 98/2023 Điều 58 khoản 1 điểm b, khoản 2 điểm a — 1,5 and 3,0 from
    01/01/2024, not only from 07/2025; decided 20/12/2024 on the base salary of NĐ 73/2024 (2.340.000)."""
    body = request(PROVINCIAL_2024, award=award)
    if award.endswith("tap-the"):
        body["subject"] = {
            "kind": "collective",
            "ratings": {"2023": "HTXSNV", "2024": "HTXSNV"},
            "members": {"total": 10, "completed_tasks": 10, "lao_dong_tien_tien": 8,
                        "chien_si_thi_dua_co_so": 2, "disciplined_canh_cao_or_above": 0, "women": 5},
        }  # fmt: skip

    data = evaluate(body).json()

    assert (data["rule_set"], data["verdict"]) == ("2024", "eligible")
    assert data["amount"]["coefficient"] == coefficient
    assert (data["amount"]["base_salary"], data["amount"]["amount"]) == (2_340_000, amount)


def test_a_pending_review_defers(evaluate):
    data = evaluate(request(subject__pending_review=True)).json()

    assert (data["verdict"], data["amount"]) == ("deferred", None)
    first = data["checks"][0]
    assert (first["code"], first["passed"]) == ("not-pending", False)
    assert "hoãn xét" in first["message"]
    passed = {check["code"]: check["passed"] for check in data["checks"]}
    assert (passed["not-already-awarded"], passed["initiative"]) == (True, True)


def test_without_an_initiative_the_2017_rules_refuse(evaluate):
    data = evaluate(request(subject__initiatives=[])).json()

    assert (data["rule_set"], data["verdict"], data["amount"]) == ("2017", "not_eligible", None)
    failed = [check for check in data["checks"] if not check["passed"]]
    assert [check["code"] for check in failed] == ["initiative"]
    assert "Không có sáng kiến" in failed[0]["message"]


def test_without_an_initiative_an_excellent_rating_suffices_from_2024(evaluate):
    """Luật TĐKT 2022 Điều 23: HTXSNV, or an initiative, on top of Lao động tiên tiến."""
    body = request(
        year=2024,
        decision_date="2025-01-20",
        subject__ratings={"2023": "HTTNV", "2024": "HTXSNV"},
        subject__initiatives=[],
    )

    data = evaluate(body).json()

    assert (data["rule_set"], data["verdict"]) == ("2024", "eligible")
    check = next(check for check in data["checks"] if check["code"] == "excellent-or-initiative")
    assert "Luật TĐKT 2022, Điều 23" in check["citation"]
    assert data["amount"] == {
        "coefficient": "1.0",
        "base_salary": 2340000,
        "amount": 2340000,
        "in_words": "Hai triệu ba trăm bốn mươi nghìn đồng",
    }


def test_without_a_decision_date_there_is_no_amount(evaluate):
    body = request()
    del body["decision_date"]

    data = evaluate(body).json()

    assert (data["verdict"], data["amount"]) == ("eligible", None)


def test_a_provincial_title_is_awarded_outside_the_agency(evaluate):
    body = request(
        award="chien-si-thi-dua-tinh",
        subject__titles=[
            {"award": "chien-si-thi-dua-co-so", "year": 2019, "track": "cong-trang"},
            {"award": "chien-si-thi-dua-co-so", "year": 2020},
        ],
        subject__initiatives=[{"year": 2021, "level": "tinh"}],
    )

    data = evaluate(body).json()

    assert data["verdict"] == "eligible"
    assert data["authority"] == {"code": "chu-tich-ubnd-tinh", "name": "Chủ tịch UBND tỉnh, thành phố"}
    assert data["within_agency_authority"] is False
    assert (data["amount"]["coefficient"], data["amount"]["amount"]) == ("3.0", 4470000)


def test_an_ad_hoc_title_does_not_feed_a_merit_chain(evaluate):
    body = request(
        award="chien-si-thi-dua-tinh",
        subject__titles=[
            {"award": "chien-si-thi-dua-co-so", "year": 2019, "track": "dot-xuat"},
            {"award": "chien-si-thi-dua-co-so", "year": 2020},
        ],
        subject__initiatives=[{"year": 2021, "level": "tinh"}],
    )

    data = evaluate(body).json()

    assert data["verdict"] == "not_eligible"
    chain = next(check for check in data["checks"] if check["code"] == "consecutive")
    assert (chain["passed"], "thiếu năm 2019" in chain["message"]) == (False, True)


def test_a_collective_with_enough_advanced_workers_is_eligible(evaluate):
    data = evaluate(TEAM).json()

    assert set(data) == TOP_KEYS
    assert (data["award"], data["rule_set"], data["verdict"]) == (
        "tap-the-lao-dong-tien-tien",
        "2017",
        "eligible",
    )
    share = next(check for check in data["checks"] if check["code"] == "members-share")
    assert "7/10" in share["message"]
    assert set(data["amount"]) == AMOUNT_KEYS
    assert data["amount"] == {  # 0,8 × 1.490.000 = 1.192.000, rounded up to the next 10.000 đồng
        "coefficient": "0.8",
        "base_salary": 1490000,
        "amount": 1200000,
        "in_words": "Một triệu hai trăm nghìn đồng",
    }


def test_a_collective_with_half_advanced_workers_is_not(evaluate):
    """Luật TĐKT 2003 Điều 28: MORE than half of the members Lao động tiên tiến."""
    members = {**TEAM["subject"]["members"], "lao_dong_tien_tien": 5}

    data = evaluate(request(TEAM, subject__members=members)).json()

    assert (data["verdict"], data["amount"]) == ("not_eligible", None)
    failed = [check["code"] for check in data["checks"] if not check["passed"]]
    assert failed == ["members-share"]


def test_optional_fields_default(evaluate):
    body = {"award": "lao-dong-tien-tien", "year": 2021, "subject": {"kind": "individual"}}

    data = evaluate(body).json()

    assert (data["verdict"], data["amount"]) == ("not_eligible", None)
    failed = {check["code"] for check in data["checks"] if not check["passed"]}
    assert failed == {"rating-at-least", "service-months"}


def bad(path: str, value, base=EXAMPLE) -> dict:
    """`base` with the value at a dotted path ("subject.discipline.0.to") replaced."""
    body = copy.deepcopy(base)
    *parents, last = path.split(".")
    target = body
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    target[int(last) if isinstance(target, list) else last] = value
    return body


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        (bad("award", "khong-co"), "award", "Không có danh hiệu hay hình thức khen thưởng mã “khong-co”"),
        (bad("year", 2010), "year", "Năm 2010 không thuộc bộ quy định nào"),
        (bad("year", "hai nghìn"), "year", "số nguyên"),
        (bad("year", 99999), "year", "lớn hơn mức tối đa"),
        (bad("decision_date", "20/01/2022"), "decision_date", "YYYY-MM-DD"),
        (bad("decision_date", "2020-12-31"), "decision_date", "không thể trước năm thành tích 2021"),
        (bad("subject.hired_on", "2018-02-30"), "hired_on", "YYYY-MM-DD"),
        (bad("subject.discipline.0.from", "01/05/2019"), "from", "YYYY-MM-DD"),
        (bad("subject.kind", "collective"), "subject", "chỉ xét tặng cho cá nhân"),
        (bad("subject.members", TEAM["subject"]["members"]), "subject.members",
         "Chỉ tập thể (kind “collective”) mới có số liệu thành viên"),
        (bad("subject.members", None, bad("subject.kind", "individual", TEAM)), "subject",
         "chỉ xét tặng cho tập thể"),
        (bad("subject.kind", "individual", TEAM), "subject.members", "bỏ trường members hoặc sửa kind"),
        (bad("subject.kind", "person"), "subject.kind", "“individual” (cá nhân) hoặc “collective”"),
        (bad("subject.gender", "female"), "subject.gender", "Giới tính phải là"),
        (bad("subject.ratings", {"2021": "XS"}), "subject.ratings.2021",
         "Mã xếp loại “XS” không hợp lệ: dùng một trong các mã HTXSNV, HTTNV, HTNV, KHTNV"),
        (bad("subject.ratings", {"năm 2021": "HTXSNV"}), "subject.ratings.năm 2021", "năm từ 1900 đến 2099"),
        (bad("subject.discipline.0.level", "phat-tien"), "subject.discipline.0.level",
         "Hình thức kỷ luật “phat-tien” không hợp lệ"),
        (bad("subject.initiatives.0.level", "bo"), "subject.initiatives.0.level",
         "Cấp sáng kiến “bo” không hợp lệ: dùng một trong các mã co-so, tinh, toan-quoc"),
        (bad("subject.initiatives.0.used_for", "bang-khen"), "subject.initiatives.0.used_for",
         "Không có danh hiệu hay hình thức khen thưởng mã “bang-khen”"),
        (bad("subject.titles.0.track", "thuong-xuyen"), "subject.titles.0.track",
         "Loại khen thưởng (track) “thuong-xuyen” không hợp lệ"),
        (bad("subject.titles.0.award", "ldtt"), "subject.titles.0.award", "mã “ldtt”"),
        (bad("subject.discipline.0.to", "2019-04-30"), "subject.discipline.0.to",
         "Ngày kết thúc (30/04/2019) trước ngày bắt đầu (01/05/2019)"),
        (bad("subject.maternity_leave", [{"from": "2021-06-01", "to": "2021-01-01"}]),
         "subject.maternity_leave.0.to", "trước ngày bắt đầu"),
        (bad("subject.members.women", 11, TEAM), "subject.members.women",
         "Không thể lớn hơn tổng số thành viên (10)"),
        (bad("subject.members.total", 0, TEAM), "total", "nhỏ hơn mức tối thiểu"),
        (bad("subject.pending_review", "có"), "pending_review", "true hoặc false"),
        ({"year": 2021, "subject": {"kind": "individual"}}, "award", "Thiếu trường bắt buộc"),
    ],
)  # fmt: skip
def test_bad_input_is_refused_in_vietnamese_per_field(evaluate, body, field, words):
    response = evaluate(body)

    assert response.status_code == 422
    data = response.json()
    assert data["detail"] == MESSAGES[422]
    messages = {error["loc"][-1]: error["msg"] for error in data["errors"]}
    assert words in messages[field], messages


def test_every_bad_field_is_named_at_once(evaluate):
    body = bad("award", "khong-co", bad("year", 2010, bad("subject.ratings", {"2010": "XS"})))

    data = evaluate(body).json()

    assert {error["loc"][-1] for error in data["errors"]} == {"award", "year", "subject.ratings.2010"}


def test_authentication_is_required(client, db):
    response = client.post("/api/v1/eligibility", json.dumps(EXAMPLE), content_type="application/json")

    assert (response.status_code, response.json()) == (401, {"detail": MESSAGES[401]})


def test_an_unknown_token_is_refused(client, db):
    response = client.post(
        "/api/v1/eligibility",
        json.dumps(EXAMPLE),
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer thd_nothing",
    )

    assert (response.status_code, response.json()) == (401, {"detail": INVALID_TOKEN})


def test_the_browser_session_works_too(world, client):
    client.force_login(world.staff)

    response = client.post("/api/v1/eligibility", json.dumps(EXAMPLE), content_type="application/json")

    assert (response.status_code, response.json()["verdict"]) == (200, "eligible")


@pytest.mark.parametrize("body", [EXAMPLE, TEAM, request(award="chien-si-thi-dua-toan-quoc")])
def test_one_evaluation_costs_a_constant_number_of_queries(
    world, client, bearer, django_assert_num_queries, body
):
    headers = bearer(world.staff)
    # token with its user, its last use; the law: settings, awards, rule sets, rules, criteria, base salaries
    with django_assert_num_queries(8):
        response = client.post(
            "/api/v1/eligibility", json.dumps(body), content_type="application/json", **headers
        )
    assert response.json()["rule_set"] == "2017"


def award_page_words(client, user, award: str, rule_set: str) -> list[str]:
    """The criteria of `award` under `rule_set` as its page (/app/awards/<code>/) says them to `user`."""
    client.force_login(user)
    response = client.get(reverse("awards:detail", args=[award]))
    client.logout()
    (rule,) = [rule for rule in response.context["rules"] if rule.rule_set.code == rule_set]
    return [row.text for row in rule.rows]


@pytest.mark.parametrize(
    "body",
    [
        EXAMPLE,
        TEAM,
        request(award="lao-dong-tien-tien", year=2026, decision_date=None),  # a setting in a criterion
        request(award="bang-khen-tinh", year=2024, decision_date=None),  # "any-of" of two checks
    ],
)
def test_each_check_says_its_criterion_as_the_award_page_does(world, client, evaluate, body):
    data = evaluate(body).json()

    page = award_page_words(client, world.staff, body["award"], data["rule_set"])
    assert [check["criterion"] for check in data["checks"]] == page
    assert all(page)


def test_the_criterion_is_documented(openapi):
    schema = openapi
    check = schema["components"]["schemas"]["CheckOut"]

    assert "award's page" in check["properties"]["criterion"]["description"]
    assert "criterion" in check["required"]


@pytest.mark.parametrize(
    ("value", "text"),
    [("1.00", "1.0"), ("0.30", "0.3"), ("12.00", "12.0"), ("4.50", "4.5"), ("0.05", "0.05"), ("3", "3.0")],
)
def test_coefficients_keep_one_decimal(value, text):
    assert coefficient_text(Decimal(value)) == text


def test_the_schema_documents_the_contract(openapi):
    schema = openapi
    operation = schema["paths"]["/api/v1/eligibility"]["post"]
    components = schema["components"]["schemas"]

    assert "null" in operation["description"].lower()
    assert set(components["EligibilityOut"]["properties"]) == TOP_KEYS
    assert set(components["DisciplineIn"]["properties"]) == {"level", "from", "to"}
    assert components["SubjectIn"]["properties"]["kind"]["enum"] == ["individual", "collective"]
