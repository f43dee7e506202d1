import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from awards.catalogue import ensure_catalogue
from awards.models import Award
from documents.models import Direction, Status
from movements.models import MovementDocument, Registration, RegistrationEntry
from tests.documents.test_search import make_document
from tests.factories import MovementFactory, RoundFactory, UnitFactory, staff_in

NOT_FOUND = {"detail": "Không tìm thấy, hoặc bạn không có quyền xem."}
REFUSED = "Không chấp nhận tham số của yêu cầu: kiểm tra lại các trường được nêu."


def ids(response):
    return [item["id"] for item in response.json()["items"]]


@pytest.fixture
def seed(world):
    """The province's 2021 movement with Plan 25 (launching), the dispatch (implementing) and a draft guiding
    note staff may not see; a national open-ended one; an agency one of this year; another agency's."""
    agency = world.agency
    province = MovementFactory(
        agency=agency, name="Phong trào thi đua năm 2021 của tỉnh Sóc Trăng", level="province",
        launched_by="Chủ tịch UBND tỉnh Sóc Trăng", launched_on=dt.date(2021, 2, 8),
        theme="Đoàn kết, sáng tạo, thi đua thực hiện thắng lợi các chỉ tiêu", status="closed",
        period_start=dt.date(2021, 1, 1), period_end=dt.date(2021, 12, 31),
    )  # fmt: skip
    rural = MovementFactory(
        agency=agency, name="Cả nước chung sức xây dựng nông thôn mới", level="national",
        launched_by="Thủ tướng Chính phủ", period_start=dt.date(2011, 1, 1), period_end=None,
    )  # fmt: skip
    own = MovementFactory(agency=agency, name="Thi đua chuyển đổi số", kind="thematic")
    other = MovementFactory(agency=world.other_agency, name="Phong trào của Sở Khác")
    plan_25 = make_document(
        agency, "ke_hoach", subject="Phát động phong trào thi đua năm 2021", number=25, notation="KH-UBND",
        direction=Direction.INCOMING, status=Status.REGISTERED, sender_name="UBND tỉnh Sóc Trăng",
    )  # fmt: skip
    dispatch = make_document(
        agency, subject="V/v triển khai Kế hoạch 25/KH-UBND", number=12, notation="STNMT-VP"
    )
    draft = make_document(agency, subject="Dự thảo hướng dẫn", drafting_unit=world.division)
    for document, role in ((plan_25, "launching"), (dispatch, "implementing"), (draft, "guiding")):
        MovementDocument.objects.create(movement=province, document=document, role=role)
    own.units.set([world.office, world.division])
    return {
        "province": province, "rural": rural, "own": own, "other": other,
        "plan_25": plan_25, "dispatch": dispatch, "draft": draft,
    }  # fmt: skip


def test_list_item_shape(world, seed, api_as):
    data = api_as(world.staff, "movements", year=2021, level="province").json()
    province, plan_25, dispatch = seed["province"], seed["plan_25"], seed["dispatch"]
    assert data == {"count": 1, "items": [{
        "id": province.pk, "name": "Phong trào thi đua năm 2021 của tỉnh Sóc Trăng",
        "theme": "Đoàn kết, sáng tạo, thi đua thực hiện thắng lợi các chỉ tiêu", "kind": "regular",
        "level": "province", "launched_by": "Chủ tịch UBND tỉnh Sóc Trăng", "launched_on": "2021-02-08",
        "period_start": "2021-01-01", "period_end": "2021-12-31", "status": "closed",
        "takes_registrations": True, "objectives": "", "criteria": "", "agency": world.agency.pk, "units": [],
        "documents": [plan_25.pk, dispatch.pk],
        "document_links": [
            {"document": plan_25.pk, "role": "launching"}, {"document": dispatch.pk, "role": "implementing"},
        ],
    }]}  # fmt: skip


def test_draft_documents_are_listed_only_to_who_may_see_them(world, seed, api_as):
    province = seed["province"]
    docs = [seed["plan_25"].pk, seed["dispatch"].pk, seed["draft"].pk]
    assert api_as(world.secretariat, f"movements/{province.pk}").json()["documents"] == docs
    assert api_as(world.head, f"movements/{province.pk}").json()["documents"] == docs  # drafting unit's head
    assert api_as(world.staff, f"movements/{province.pk}").json()["documents"] == docs[:2]


def test_list_order_latest_period_first(world, seed, api_as):
    expected = [seed["own"].pk, seed["province"].pk, seed["rural"].pk]
    assert ids(api_as(world.officer, "movements")) == expected
    assert api_as(world.officer, "movements").json()["count"] == 3


def test_detail_and_units(world, seed, api_as):
    item = api_as(world.leader, f"movements/{seed['own'].pk}").json()
    assert (item["name"], item["kind"], item["level"]) == ("Thi đua chuyển đổi số", "thematic", "agency")
    assert sorted(item["units"]) == sorted([world.office.pk, world.division.pk])
    assert item["period_end"] == f"{timezone.localdate().year}-12-31"


def test_other_agency_movement_is_invisible_and_404(world, seed, api_as):
    other = seed["other"]
    assert other.pk not in ids(api_as(world.leader, "movements"))
    response = api_as(world.secretariat, f"movements/{other.pk}")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert api_as(world.admin, f"movements/{other.pk}").json()["name"] == "Phong trào của Sở Khác"


def test_filters(world, seed, api_as):
    user = world.secretariat
    assert ids(api_as(user, "movements", level="national")) == [seed["rural"].pk]
    assert ids(api_as(user, "movements", kind="thematic")) == [seed["own"].pk]
    assert ids(api_as(user, "movements", status="closed")) == [seed["province"].pk]
    assert ids(api_as(user, "movements", year=2015)) == [seed["rural"].pk]  # open end runs on
    assert set(ids(api_as(user, "movements", year=2021))) == {seed["province"].pk, seed["rural"].pk}
    assert api_as(user, "movements", year=2030, level="agency").json() == {"items": [], "count": 0}


@pytest.mark.parametrize("q", ["nong thon moi", "NÔNG THÔN", "thu tuong"])
def test_search_ignores_accents(world, seed, api_as, q):
    assert ids(api_as(world.staff, "movements", q=q)) == [seed["rural"].pk]


@pytest.mark.parametrize(
    "params", [{"level": "xa"}, {"kind": "sometimes"}, {"status": "done"}, {"year": "năm nay"}, {"year": 20}]
)
def test_bad_filter_is_422_in_vietnamese(world, seed, api_as, params):
    response = api_as(world.staff, "movements", **params)
    assert response.status_code == 422
    assert response.json()["detail"] == REFUSED
    assert response.json()["errors"][0]["loc"] == ["query", next(iter(params))]


def test_anonymous_is_401_and_token_works(world, seed, client, bearer):
    assert client.get("/api/v1/movements").status_code == 401
    response = client.get("/api/v1/movements", {"level": "national"}, **bearer(world.staff))
    assert ids(response) == [seed["rural"].pk]


def _queries(client, path, params) -> tuple[int, dict]:
    """(number of queries, answer) of a GET, after one warming request (session, the account's scope)."""
    client.get(path, params)
    with CaptureQueriesContext(connection) as captured:
        data = client.get(path, params).json()
    return len(captured), data


def test_movements_list_query_count_does_not_grow_with_rows(world, client):
    def add(rows):
        for n in range(rows):
            movement = MovementFactory(agency=world.agency, level="central")
            movement.units.set([world.office])
            document = make_document(world.agency, subject=f"Kế hoạch {n}", number=None)
            MovementDocument.objects.create(movement=movement, document=document, role="launching")

    client.force_login(world.secretariat)
    add(1)
    few, data = _queries(client, "/api/v1/movements", {"level": "central"})
    assert data["count"] == 1
    add(59)
    many, data = _queries(client, "/api/v1/movements", {"level": "central"})
    assert many == few and (data["count"], len(data["items"])) == (60, 50)
    assert all(len(item["documents"]) == 1 and item["units"] == [world.office.pk] for item in data["items"])


# --- Registrations --------------------------------------------------------------------------------------


def award(code):
    ensure_catalogue()
    return Award.objects.get(code=code)


def registration(round_, unit, status="draft", **fields):
    return Registration.objects.create(round=round_, unit=unit, status=status, **fields)


@pytest.fixture
def regs(world, seed):
    round_ = RoundFactory(movement=seed["own"])
    division = registration(
        round_, world.division, "returned", pledges="Hoàn thành 100% kế hoạch",
        return_reason="Thiếu chỉ tiêu về chuyển đổi số", submitted_at=timezone.now(),
    )  # fmt: skip
    RegistrationEntry.objects.create(registration=division, award=award("tap-the-lao-dong-tien-tien"))
    RegistrationEntry.objects.create(
        registration=division,
        award=award("lao-dong-tien-tien"),
        person=world.division_person,
        pledges="Đúng hạn",
    )
    office = registration(round_, world.office, "approved", reviewed_at=timezone.now())
    team = registration(round_, world.team)
    other_round = RoundFactory(movement=seed["other"])
    other = registration(other_round, world.other_unit, "submitted")
    return {"round": round_, "division": division, "office": office, "team": team, "other": other}


def test_registration_item_shape(world, seed, regs, api_as):
    reg = regs["division"]
    item = api_as(world.officer, f"registrations/{reg.pk}").json()
    entries = list(reg.entries.order_by("pk"))
    year = timezone.localdate().year
    assert item == {
        "id": reg.pk, "movement": seed["own"].pk, "movement_name": "Thi đua chuyển đổi số", "year": year,
        "unit": world.division.pk, "unit_name": "Phòng Kế hoạch", "status": "returned",
        "pledges": "Hoàn thành 100% kế hoạch", "submitted_at": item["submitted_at"], "reviewed_at": None,
        "return_reason": "Thiếu chỉ tiêu về chuyển đổi số",
        "entries": [
            {"id": entries[1].pk, "award": "lao-dong-tien-tien", "award_name": "Lao động tiên tiến",
             "subject": "individual", "person": world.division_person.pk, "person_name": "Lê Văn Minh",
             "pledges": "Đúng hạn"},
            {"id": entries[0].pk, "award": "tap-the-lao-dong-tien-tien",
             "award_name": "Tập thể lao động tiên tiến", "subject": "collective", "person": None,
             "person_name": "", "pledges": ""},
        ],
    }  # fmt: skip
    assert item["submitted_at"].startswith(str(year))


def test_registrations_scoped_like_the_screens(world, regs, api_as):
    everyone = [regs["office"].pk, regs["division"].pk, regs["team"].pk]
    assert sorted(ids(api_as(world.secretariat, "registrations"))) == sorted(everyone)
    assert sorted(ids(api_as(world.officer, "registrations"))) == sorted(
        [regs["division"].pk, regs["team"].pk]
    )
    assert ids(api_as(world.staff, "registrations")) == [regs["office"].pk]
    for user, reg in ((world.staff, regs["division"]), (world.leader, regs["other"])):
        response = api_as(user, f"registrations/{reg.pk}")
        assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert regs["other"].pk in ids(api_as(world.admin, "registrations"))


def test_registration_filters(world, seed, regs, api_as):
    user = world.secretariat
    year = timezone.localdate().year
    assert ids(api_as(user, "registrations", status="approved")) == [regs["office"].pk]
    assert ids(api_as(user, "registrations", unit=world.team.pk)) == [regs["team"].pk]
    assert api_as(user, "registrations", movement=seed["own"].pk, year=year).json()["count"] == 3
    assert api_as(user, "registrations", year=year - 1).json() == {"items": [], "count": 0}
    assert api_as(user, "registrations", movement=seed["other"].pk).json()["count"] == 0  # other agency's
    for params in ({"status": "approved-ish"}, {"movement": "abc"}, {"year": 3000}):
        response = api_as(user, "registrations", **params)
        assert (response.status_code, response.json()["detail"]) == (422, REFUSED)


def test_registrations_list_query_count_does_not_grow_with_rows(world, client):
    round_ = RoundFactory(movement=MovementFactory(agency=world.agency))

    def add(rows):
        for _ in range(rows):
            unit = UnitFactory(agency=world.agency)
            reg = registration(round_, unit, "submitted")
            RegistrationEntry.objects.create(registration=reg, award=award("tap-the-lao-dong-tien-tien"))
            person = staff_in(unit)
            RegistrationEntry.objects.create(
                registration=reg, award=award("lao-dong-tien-tien"), person=person
            )

    client.force_login(world.secretariat)
    add(1)
    few, data = _queries(client, "/api/v1/registrations", {"movement": round_.movement_id})
    assert data["count"] == 1
    add(54)
    many, data = _queries(client, "/api/v1/registrations", {"movement": round_.movement_id})
    assert many == few and (data["count"], len(data["items"])) == (55, 50)
    assert all(len(item["entries"]) == 2 and item["entries"][0]["person_name"] for item in data["items"])


def test_registrations_latest_round_first_then_by_unit(world, seed, regs, api_as):
    later = RoundFactory(movement=seed["rural"], year=regs["round"].year - 1)  # opened after
    newest = registration(later, world.office)
    expected = [newest.pk] + [r.pk for r in sorted(
        (regs["office"], regs["division"], regs["team"]), key=lambda r: r.unit_id, reverse=True
    )]  # fmt: skip
    assert ids(api_as(world.secretariat, "registrations")) == expected
