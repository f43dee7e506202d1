import datetime as dt
import io
from decimal import Decimal

from django.utils import timezone
from PIL import Image

from accounts.models import User
from achievements.models import ExemplaryModel, Initiative
from activity.models import ActivityLog
from documents.models import Direction, Document
from documents.models import Status as DocumentStatus
from movements.models import Movement, Registration, RegistrationRound, Review
from organisations.models import Unit
from tests.demo.helpers import agency

D = dt.date


def movement(name: str) -> Movement:
    return Movement.objects.get(agency=agency("TNMT"), name=name)


# name: (level, kind, launched by, period start, period end, status)
SEED_MOVEMENTS = {
    "Phong trào thi đua năm 2021 của tỉnh Sóc Trăng": (
        "province", "regular", "Chủ tịch UBND tỉnh Sóc Trăng", D(2021, 1, 1), D(2021, 12, 31), "closed"),
    "Phong trào thi đua năm 2021 của Sở Tài nguyên và Môi trường": (
        "agency", "regular", "Giám đốc Sở Tài nguyên và Môi trường tỉnh Sóc Trăng", D(2021, 1, 1),
        D(2021, 12, 31), "closed"),
    "Cả nước chung sức xây dựng nông thôn mới": (
        "national", "regular", "Thủ tướng Chính phủ", D(2011, 9, 20), None, "closed"),
    "Cán bộ, công chức, viên chức tỉnh Sóc Trăng thi đua thực hiện văn hóa công sở": (
        "province", "thematic", "Chủ tịch UBND tỉnh Sóc Trăng", D(2019, 1, 1), D(2025, 12, 31), "closed"),
    "Sóc Trăng cùng cả nước chung sức phòng, chống dịch bệnh Covid-19": (
        "province", "thematic", "Chủ tịch UBND tỉnh Sóc Trăng", D(2020, 1, 1), None, "closed"),
    "Toàn dân tham gia bảo đảm trật tự, an toàn giao thông trên địa bàn tỉnh Sóc Trăng": (
        "province", "thematic", "Chủ tịch UBND tỉnh Sóc Trăng", D(2020, 1, 1), D(2021, 12, 31), "closed"),
    "Hành động để giảm thiểu ô nhiễm nhựa và ni lông": (
        "central", "thematic", "Bộ Tài nguyên và Môi trường", D(2019, 1, 1), None, "closed"),
    "Hiến kế, đề xuất giải pháp, ý tưởng sáng tạo": (
        "province", "thematic", "Chủ tịch UBND tỉnh Sóc Trăng", D(2021, 1, 1), None, "closed"),
    "Doanh nghiệp Việt Nam hội nhập và phát triển": (
        "national", "thematic", "Thủ tướng Chính phủ", D(2021, 1, 1), None, "closed"),
    "Cả nước chung tay vì người nghèo, không để ai bị bỏ lại phía sau": (
        "national", "thematic", "Thủ tướng Chính phủ", D(2016, 9, 5), None, "closed"),
    "Toàn dân đoàn kết xây dựng đời sống văn hóa": (
        "central", "regular", "Ban Chỉ đạo Trung ương phong trào (Ủy ban Trung ương MTTQ Việt Nam)",
        D(2000, 1, 1), None, "closed"),
    "Thi đua yêu nước ngành tài nguyên và môi trường giai đoạn 2020 - 2025": (
        "central", "regular", "Bộ trưởng Bộ Tài nguyên và Môi trường", D(2020, 1, 1), D(2025, 12, 31),
        "closed"),
}  # fmt: skip
PROVINCE_2021 = "Phong trào thi đua năm 2021 của tỉnh Sóc Trăng"
PLAN_07 = "Phong trào thi đua năm 2021 của Sở Tài nguyên và Môi trường"


def test_the_seed_movements_with_levels_kinds_and_periods(demo, db):
    held = Movement.objects.filter(agency=agency("TNMT"))
    assert {
        m.name: (m.level, m.kind, m.launched_by, m.period_start, m.period_end, m.status) for m in held
    } == SEED_MOVEMENTS
    assert movement(PROVINCE_2021).theme == (
        "Đoàn kết, sáng tạo, thi đua thực hiện thắng lợi các chỉ tiêu, nhiệm vụ phát triển kinh tế - xã hội "
        "năm 2021"
    )
    assert movement(PROVINCE_2021).launched_on == D(2021, 2, 8)
    assert movement(PLAN_07).launched_on == D(2021, 1, 20)
    assert [m.name for m in held if m.takes_registrations] == [PLAN_07]


def test_plan_25_the_dispatch_and_the_movements_link_both_ways(demo, db):
    tnmt = agency("TNMT")
    plan_25 = Document.objects.get(agency=tnmt, number=25, notation="KH-UBND", direction=Direction.INCOMING)
    plan_07 = Document.objects.get(agency=tnmt, number=7, notation="KH-STNMT")
    dispatch = Document.objects.get(agency=tnmt, subject__startswith="V/v triển khai Kế hoạch")
    province = movement(PROVINCE_2021)
    assert list(province.document_links.values_list("document", "role")) == [
        (plan_25.pk, "launching"),
        (dispatch.pk, "implementing"),
    ]
    assert list(plan_25.movements.all()) == [province]
    assert set(dispatch.movements.values_list("name", flat=True)) == set(SEED_MOVEMENTS)
    guided = dispatch.movement_links.filter(role="guiding").values_list("movement__name", flat=True)
    assert set(guided) == set(SEED_MOVEMENTS) - {PROVINCE_2021}
    assert list(plan_07.movement_links.values_list("movement__name", "role")) == [(PLAN_07, "launching")]
    assert dispatch.status == DocumentStatus.PUBLISHED  # never relayed; on the portal
    assert not ActivityLog.objects.filter(action="movements.movement.relayed", agency=tnmt).exists()


def test_every_2021_unit_of_the_department_registered_and_was_approved(demo, db):
    tnmt = agency("TNMT")
    round_ = RegistrationRound.objects.get(movement__agency=tnmt, year=2021)
    assert (round_.movement.name, round_.opens_on, round_.deadline) == (
        PLAN_07,
        D(2021, 1, 20),
        D(2021, 3, 15),
    )
    registrations = Registration.objects.filter(round=round_)
    assert set(registrations.values_list("unit", flat=True)) == set(tnmt.units.values_list("pk", flat=True))
    assert set(registrations.values_list("status", flat=True)) == {"approved"}
    for registration in registrations.prefetch_related("entries__award"):
        people = [e for e in registration.entries.all() if e.person_id]
        collective = [e.award.code for e in registration.entries.all() if not e.person_id]
        assert 1 <= len(people) <= 3
        assert {e.award.code for e in people} <= {"lao-dong-tien-tien", "chien-si-thi-dua-co-so"}
        assert registration.pledges
        if registration.unit.kind != "leadership":
            assert len(collective) == 1 and collective[0].startswith("tap-the-")


def test_the_city_movement_relayed_in_todays_agency(demo, db):
    today, current = timezone.localdate(), agency("NNMT_CT")
    city = Movement.objects.get(agency=current, name=f"Phong trào thi đua năm {today.year}")
    assert (city.level, city.launched_by, city.status) == (
        "province",
        "Chủ tịch UBND thành phố Cần Thơ",
        "launched",
    )
    links = {link.role: link.document for link in city.document_links.select_related("document")}
    plan, dispatch = links["launching"], links["implementing"]
    assert (plan.direction, plan.notation, plan.sender_name) == (
        "incoming",
        "KH-UBND",
        "UBND thành phố Cần Thơ",
    )
    assert (dispatch.status, dispatch.agency, dispatch.kind.code) == ("draft", current, "cong_van")
    assert list(dispatch.bases.values_list("cited", flat=True)) == [plan.pk]
    text = " ".join(run["text"] for block in dispatch.body for run in block["runs"])
    assert "Cả nước chung sức xây dựng nông thôn mới" in text  # ongoing movements of the lineage, item 2
    assert f"Phong trào thi đua năm {today.year} của {current.name}" in text
    assert (
        ActivityLog.objects.filter(action="movements.movement.relayed", target_id=str(city.pk)).count() == 1
    )


def test_this_years_registrations_from_every_unit_in_various_states(demo, db):
    today, current = timezone.localdate(), agency("NNMT_CT")
    round_ = RegistrationRound.objects.get(movement__agency=current, year=today.year)
    assert round_.deadline == today + dt.timedelta(days=14) and round_.opens_on <= today
    registrations = Registration.objects.filter(round=round_)
    active = Unit.objects.active().filter(agency=current)
    assert set(registrations.values_list("unit", flat=True)) == set(active.values_list("pk", flat=True))
    states = set(registrations.values_list("status", flat=True))
    assert states == {"draft", "submitted", "returned", "approved"}
    assert all(r.return_reason for r in registrations.filter(status="returned"))
    office = registrations.get(unit__agency=current, unit__symbol="VP")
    assert office.status == "draft" and office.entries.count() >= 2
    staff_member = User.objects.get(username="nhanvien").person
    assert staff_member.pk not in set(office.entries.values_list("person", flat=True))


def test_an_interim_review_with_two_unit_reports(demo, db):
    review = Review.objects.get(movement__agency=agency("NNMT_CT"))
    assert review.kind == "interim" and review.title.startswith("Sơ kết 6 tháng đầu năm")
    assert review.movement.status == "in_progress"
    assert sorted(review.unit_reports.values_list("unit__symbol", flat=True)) == ["QLDD", "VP"]


def test_initiatives_with_authors_and_recognition(demo, db):
    # the movements' initiatives (demo/awards.py adds each year's grassroots initiatives, without a movement)
    initiatives = Initiative.objects.filter(movement__isnull=False).prefetch_related(
        "authors__person", "evidence"
    )
    assert initiatives.count() == 5
    assert sorted(i.year for i in initiatives)[:3] == [2021, 2021, 2021]
    for initiative in initiatives:
        shares = [a.share for a in initiative.authors.all()]
        assert 1 <= len(shares) <= 3 and sum(shares) == Decimal("100")
        # 2021's were recorded by the Department that recognised them, this year's by today's agency
        assert initiative.agency == agency("TNMT" if initiative.year == 2021 else "NNMT_CT")
        assert initiative.movement.agency == initiative.agency
    recognised = [i for i in initiatives if i.is_recognised]
    assert len(recognised) == 3
    assert all(i.recognition_level == "co-so" and i.recognised_on <= timezone.localdate() for i in recognised)
    for initiative in recognised:
        evidence = initiative.evidence.get()
        with evidence.file.open("rb") as handle:
            assert handle.read(5) == b"%PDF-"


def test_exemplary_models_linked_and_with_a_photo(demo, db):
    models = ExemplaryModel.objects.prefetch_related("people", "units", "photos")
    assert sorted(m.kind for m in models) == ["dien-hinh", "mo-hinh-moi", "nhan-to-moi"]
    for model in models:
        assert model.movement.agency == model.agency == agency("TNMT" if model.year == 2021 else "NNMT_CT")
        assert all(unit.agency == model.agency for unit in model.units.all())
        with model.photos.first().file.open("rb") as handle:
            assert Image.open(io.BytesIO(handle.read())).format == "PNG"
    assert sum(m.people.count() for m in models) == 2


def test_activity_rows_written(demo, db):
    def count(action):
        return ActivityLog.objects.filter(action=action).count()

    registrations = Registration.objects.count()
    assert count("movements.movement.created") == Movement.objects.count() == 17
    assert count("movements.document.linked") == 15  # Plan 25, Plan 07, dispatch ×12; the City's plan
    assert count("movements.registration.started") == registrations
    assert count("movements.registration.approved") == Registration.objects.filter(status="approved").count()
    assert count("movements.registration.returned") == Registration.objects.filter(status="returned").count()
    assert count("achievements.initiative.recorded") == Initiative.objects.count()
    assert count("achievements.model.recorded") == 3
    assert count("movements.report.submitted") == 2


def test_the_api_lists_the_movements_to_the_secretariat(demo, db, client):
    client.force_login(User.objects.get(username="thuongtruc"))
    data_ = client.get("/api/v1/movements", {"year": 2021, "level": "national", "limit": 100}).json()
    names = {item["name"] for item in data_["items"]}
    assert names == {n for n, spec in SEED_MOVEMENTS.items() if spec[0] == "national"}
    province = client.get(f"/api/v1/movements/{movement(PROVINCE_2021).pk}").json()
    assert (province["level"], province["period_end"], len(province["documents"])) == (
        "province",
        "2021-12-31",
        2,
    )
