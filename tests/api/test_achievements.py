import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from achievements.models import Evidence, InitiativeAuthor, Photo
from tests.factories import ExemplaryModelFactory, InitiativeFactory, MovementFactory, UnitFactory, staff_in

NOT_FOUND = {"detail": "Không tìm thấy, hoặc bạn không có quyền xem."}
REFUSED = "Không chấp nhận tham số của yêu cầu: kiểm tra lại các trường được nêu."


def ids(response):
    return [item["id"] for item in response.json()["items"]]


def authors(initiative, *pairs):
    for person, share in pairs:
        InitiativeAuthor.objects.create(initiative=initiative, person=person, share=Decimal(share))


@pytest.fixture
def work(world):
    movement = MovementFactory(agency=world.agency, name="Hiến kế, đề xuất giải pháp, ý tưởng sáng tạo")
    recognised = InitiativeFactory(
        unit=world.division, title="Số hóa hồ sơ địa chính bằng mã QR", year=2021, movement=movement,
        effect="Rút ngắn thời gian tra cứu hồ sơ từ 2 ngày xuống 15 phút", scope="Toàn Sở",
        recognition_level="co-so", recognised_on=dt.date(2021, 12, 20),
        recognised_by="Quyết định số 12/QĐ-STNMT", summary="Gắn mã QR cho từng hồ sơ",
    )  # fmt: skip
    authors(recognised, (world.division_person, "60"), (world.team_person, "40"))
    evidence = Evidence.objects.create(
        initiative=recognised, file="achievements/evidence/2021/qd12.pdf", name="QĐ 12.pdf",
        content_type="application/pdf", size=2048, sha256="0" * 64,
    )  # fmt: skip
    pending = InitiativeFactory(
        unit=world.office, title="Giải pháp lưu trữ điện tử", kind="giai-phap", year=2025
    )
    authors(pending, (world.office_person, "100"))
    other = InitiativeFactory(unit=world.other_unit, title="Sáng kiến của Sở Khác", year=2021)
    authors(other, (world.other_person, "100"))
    model = ExemplaryModelFactory(
        agency=world.agency,
        title="Công sở không rác thải nhựa",
        year=2021,
        kind="mo-hinh-moi",
        movement=movement,
    )
    model.people.set([world.office_person])
    model.units.set([world.office])
    photo = Photo.objects.create(
        model=model,
        file="achievements/photos/2021/a.png",
        caption="Buổi ra quân",
        content_type="image/png",
        size=90,
    )
    factor = ExemplaryModelFactory(
        agency=world.agency, title="Nhân tố mới trong cải cách hành chính", year=2025, kind="nhan-to-moi"
    )
    other_model = ExemplaryModelFactory(agency=world.other_agency, title="Mô hình của Sở Khác")
    return {
        "evidence": evidence, "movement": movement, "recognised": recognised, "pending": pending,
        "other": other, "model": model, "photo": photo, "factor": factor, "other_model": other_model,
    }  # fmt: skip


def test_initiative_item_shape(world, work, api_as):
    data = api_as(world.staff, "initiatives", level="co-so").json()
    initiative = work["recognised"]
    assert data == {"count": 1, "items": [{
        "id": initiative.pk, "title": "Số hóa hồ sơ địa chính bằng mã QR", "kind": "sang-kien", "year": 2021,
        "agency": {"id": world.agency.pk, "name": "Sở Thử nghiệm"},
        "unit": {"id": world.division.pk, "name": "Phòng Kế hoạch"},
        "movement": {"id": work["movement"].pk, "name": "Hiến kế, đề xuất giải pháp, ý tưởng sáng tạo"},
        "summary": "Gắn mã QR cho từng hồ sơ",
        "effect": "Rút ngắn thời gian tra cứu hồ sơ từ 2 ngày xuống 15 phút", "scope": "Toàn Sở",
        "recognition_level": "co-so", "recognised_on": "2021-12-20",
        "recognised_by": "Quyết định số 12/QĐ-STNMT",
        "authors": [
            {"person": world.division_person.pk, "name": "Lê Văn Minh", "share": "60.00"},
            {"person": world.team_person.pk, "name": "Đặng Thị Hương", "share": "40.00"},
        ],
        "evidence": [{
            "id": work["evidence"].pk, "name": "QĐ 12.pdf", "content_type": "application/pdf", "size": 2048,
            "url": reverse("achievements:evidence", args=[initiative.pk, work["evidence"].pk]),
        }],
    }]}  # fmt: skip


def test_unrecognised_initiative_detail(world, work, api_as):
    item = api_as(world.officer, f"initiatives/{work['pending'].pk}").json()
    assert (item["recognition_level"], item["recognised_on"], item["movement"]) == (None, None, None)
    assert (item["kind"], item["evidence"]) == ("giai-phap", [])
    assert item["authors"] == [{"person": world.office_person.pk, "name": "Trần Thị Lan", "share": "100.00"}]


def test_initiatives_scoped_to_the_agency(world, work, api_as):
    assert ids(api_as(world.leader, "initiatives")) == [work["pending"].pk, work["recognised"].pk]
    response = api_as(world.secretariat, f"initiatives/{work['other'].pk}")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert work["other"].pk in ids(api_as(world.admin, "initiatives"))


def test_initiative_filters(world, work, api_as):
    user = world.secretariat
    assert ids(api_as(user, "initiatives", year=2025)) == [work["pending"].pk]
    assert ids(api_as(user, "initiatives", movement=work["movement"].pk)) == [work["recognised"].pk]
    assert ids(api_as(user, "initiatives", unit=world.office.pk)) == [work["pending"].pk]
    assert ids(api_as(user, "initiatives", q="ho so dia chinh")) == [work["recognised"].pk]
    assert ids(api_as(user, "initiatives", q="LƯU TRỮ")) == [work["pending"].pk]
    assert api_as(user, "initiatives", level="toan-quoc").json() == {"items": [], "count": 0}
    for params in ({"level": "huyen"}, {"year": "2021a"}, {"movement": "x"}):
        response = api_as(user, "initiatives", **params)
        assert (response.status_code, response.json()["detail"]) == (422, REFUSED)


def test_token_auth(world, work, client, bearer):
    assert client.get("/api/v1/initiatives").status_code == 401
    assert client.get("/api/v1/exemplary-models").status_code == 401
    response = client.get("/api/v1/initiatives", {"year": 2021}, **bearer(world.staff))
    assert ids(response) == [work["recognised"].pk]


@pytest.mark.parametrize("rows", [1, 3])
def test_initiatives_list_query_count(rows, world, client, django_assert_num_queries):
    unit = UnitFactory(agency=world.agency)
    for _ in range(rows):
        initiative = InitiativeFactory(unit=unit, year=2024)
        authors(initiative, (staff_in(unit), "50"), (staff_in(unit), "50"))
    client.force_login(world.secretariat)
    with django_assert_num_queries(7):  # session, user, grants, lineage; count, page, authors, evidence
        data = client.get("/api/v1/initiatives", {"unit": unit.pk}).json()
    assert data["count"] == rows
    assert all(sum(Decimal(a["share"]) for a in item["authors"]) == 100 for item in data["items"])


# --- Exemplary models -----------------------------------------------------------------------------------


def test_model_item_shape(world, work, api_as):
    model, photo = work["model"], work["photo"]
    item = api_as(world.staff, f"exemplary-models/{model.pk}").json()
    url = reverse("achievements:photo", args=[model.pk, photo.pk])
    assert item == {
        "id": model.pk, "kind": "mo-hinh-moi", "title": "Công sở không rác thải nhựa", "year": 2021,
        "story": model.story, "agency": {"id": world.agency.pk, "name": "Sở Thử nghiệm"},
        "movement": {"id": work["movement"].pk, "name": "Hiến kế, đề xuất giải pháp, ý tưởng sáng tạo"},
        "people": [world.office_person.pk], "units": [world.office.pk],
        "photos": [
            {"id": photo.pk, "caption": "Buổi ra quân", "content_type": "image/png", "size": 90, "url": url},
        ],
    }  # fmt: skip


def test_models_scoped_and_filtered(world, work, api_as):
    user = world.staff
    assert ids(api_as(user, "exemplary-models")) == [work["factor"].pk, work["model"].pk]
    assert ids(api_as(user, "exemplary-models", kind="nhan-to-moi")) == [work["factor"].pk]
    assert ids(api_as(user, "exemplary-models", year=2021)) == [work["model"].pk]
    assert ids(api_as(user, "exemplary-models", movement=work["movement"].pk)) == [work["model"].pk]
    assert ids(api_as(user, "exemplary-models", q="rac thai nhua")) == [work["model"].pk]
    response = api_as(user, f"exemplary-models/{work['other_model'].pk}")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)
    response = api_as(user, "exemplary-models", kind="dien-hinh-xuat-sac")
    assert (response.status_code, response.json()["detail"]) == (422, REFUSED)


@pytest.mark.parametrize("rows", [1, 3])
def test_models_list_query_count(rows, world, client, django_assert_num_queries):
    agency = world.other_agency
    for _ in range(rows):
        model = ExemplaryModelFactory(agency=agency)
        model.people.set([world.other_person])
        model.units.set([world.other_unit])
        Photo.objects.create(model=model, file="achievements/photos/x.png", content_type="image/png", size=1)
    client.force_login(world.admin)
    with django_assert_num_queries(7):  # session, user, grants; count, page, people, units, photos
        data = client.get("/api/v1/exemplary-models").json()
    assert data["count"] == rows
    assert all(item["units"] == [world.other_unit.pk] and len(item["photos"]) == 1 for item in data["items"])
