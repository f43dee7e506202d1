"""movements.domain.movements: recording and editing movements, their status, linked documents, the relay."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from activity.models import ActivityLog
from documents import domain as documents
from documents.models import Document, DocumentKind
from documents.models import Status as DocumentStatus
from movements.domain import movements as domain
from movements.models import DocumentRole, Movement, MovementDocument, Status
from organisations.models import UnitKind
from tests.documents.test_domain import make_issued
from tests.factories import MovementFactory

THEME = (
    "Đoàn kết, sáng tạo, thi đua thực hiện thắng lợi các chỉ tiêu, nhiệm vụ phát triển kinh tế - xã hội năm "
    "2021"
)
ON = dt.date(2021, 2, 15)
FIELDS = {
    "name": "Phong trào thi đua năm 2021 của Sở",
    "theme": "Đoàn kết, sáng tạo",
    "kind": "regular",
    "level": "agency",
    "launched_by": "Giám đốc Sở",
    "period_start": dt.date(2021, 1, 1),
    "period_end": dt.date(2021, 12, 31),
}


def actions(target) -> list[str]:
    return list(
        ActivityLog.objects.filter(target_id=str(target.pk), action__startswith="movements.")
        .order_by("id")
        .values_list("action", flat=True)
    )


def plan_25(agency) -> Document:
    """The Province's Plan 25/KH-UBND, registered as incoming (as in the demo)."""
    return documents.register_incoming(
        actor=None,
        agency=agency,
        kind=DocumentKind.objects.get(code="ke_hoach"),
        fields={
            "number": 25,
            "notation": "KH-UBND",
            "issued_on": dt.date(2021, 2, 8),
            "subject": "Phát động phong trào thi đua năm 2021",
            "sender_name": "UBND tỉnh Sóc Trăng",
            "arrival_date": dt.date(2021, 2, 9),
        },
    )


def provincial_movement(world, **fields) -> Movement:
    values = {
        "agency": world.agency,
        "name": "Phong trào thi đua năm 2021 của tỉnh Sóc Trăng",
        "theme": THEME,
        "level": "province",
        "launched_by": "Chủ tịch UBND tỉnh Sóc Trăng",
        "period_start": dt.date(2021, 1, 1),
        "period_end": dt.date(2021, 12, 31),
        "status": "preparing",
        **fields,
    }
    return MovementFactory(**values)


# --- recording and editing ------------------------------------------------------------------------------


def test_secretariat_records_a_movement_with_its_units(world):
    movement = domain.create_movement(
        actor=world.secretariat, agency=world.agency, fields=FIELDS, units=[world.office, world.division]
    )
    movement.refresh_from_db()
    assert (movement.name, movement.status, movement.created_by) == (
        FIELDS["name"],
        "preparing",
        world.secretariat,
    )
    assert set(movement.units.all()) == {world.office, world.division}
    log = ActivityLog.objects.get(action="movements.movement.created")
    assert log.data["after"]["units"] == sorted([world.office.pk, world.division.pk])
    assert log.data["after"]["period_start"] == "2021-01-01"


@pytest.mark.parametrize("persona", ["officer", "staff", "leader"])
def test_only_the_agency_managers_record_movements(world, persona):
    with pytest.raises(PermissionDenied):
        domain.create_movement(actor=getattr(world, persona), agency=world.agency, fields=FIELDS)
    with pytest.raises(PermissionDenied):
        domain.create_movement(actor=world.secretariat, agency=world.other_agency, fields=FIELDS)
    assert not Movement.objects.exists() and not ActivityLog.objects.exists()


def test_units_of_another_agency_are_refused(world):
    with pytest.raises(ValidationError) as caught:
        domain.create_movement(
            actor=world.secretariat, agency=world.agency, fields=FIELDS, units=[world.other_unit]
        )
    assert caught.value.error_dict["units"][0].code == "unit_agency"
    assert not Movement.objects.exists()


def test_a_period_ending_before_it_starts_is_refused(world, english):
    fields = {**FIELDS, "period_end": dt.date(2020, 12, 31)}
    with pytest.raises(ValidationError) as caught:
        domain.create_movement(actor=world.secretariat, agency=world.agency, fields=fields)
    assert caught.value.message_dict["period_end"] == ["The period cannot end before it starts."]
    assert not Movement.objects.exists() and not ActivityLog.objects.exists()


def test_update_logs_the_changed_fields_and_units(world):
    movement = domain.create_movement(actor=None, agency=world.agency, fields=FIELDS, units=[world.office])
    domain.update_movement(
        actor=world.secretariat, movement=movement, fields={"theme": "Chủ đề mới"}, units=[world.division]
    )
    movement.refresh_from_db()
    assert movement.theme == "Chủ đề mới" and list(movement.units.all()) == [world.division]
    log = ActivityLog.objects.get(action="movements.movement.updated")
    assert log.data["before"] == {"theme": "Đoàn kết, sáng tạo", "units": [world.office.pk]}
    assert log.data["after"] == {"theme": "Chủ đề mới", "units": [world.division.pk]}


def test_update_refused_changes_nothing(world):
    movement = MovementFactory(agency=world.agency, theme="Cũ")
    with pytest.raises(PermissionDenied):
        domain.update_movement(actor=world.officer, movement=movement, fields={"theme": "Mới"})
    with pytest.raises(ValidationError):
        domain.update_movement(
            actor=world.secretariat, movement=movement, fields={"period_end": dt.date(1999, 1, 1)}
        )
    movement.refresh_from_db()
    assert movement.theme == "Cũ" and movement.period_end.year == dt.date.today().year
    assert actions(movement) == []


# --- status ---------------------------------------------------------------------------------------------

ALLOWED_MOVES = [
    ("preparing", "launched"),
    ("launched", "in_progress"),
    ("in_progress", "interim_review"),
    ("in_progress", "final_review"),
    ("interim_review", "in_progress"),
    ("interim_review", "final_review"),
    ("final_review", "closed"),
]
ALL_MOVES = [(a, b) for a in Status.values for b in Status.values if a != b]


@pytest.mark.parametrize(("before", "after"), ALLOWED_MOVES)
def test_allowed_moves(world, before, after):
    movement = MovementFactory(agency=world.agency, status=before)
    domain.move_movement(actor=world.secretariat, movement=movement, to=after)
    movement.refresh_from_db()
    assert movement.status == after
    log = ActivityLog.objects.get(action="movements.movement.moved")
    assert (log.data["before"], log.data["after"], log.actor) == (
        {"status": before},
        {"status": after},
        world.secretariat,
    )


@pytest.mark.parametrize(("before", "after"), [m for m in ALL_MOVES if m not in ALLOWED_MOVES])
def test_refused_moves_change_nothing(world, before, after):
    movement = MovementFactory(agency=world.agency, status=before)
    with pytest.raises(ValidationError) as caught:
        domain.move_movement(actor=world.secretariat, movement=movement, to=after)
    assert caught.value.code == "transition"
    movement.refresh_from_db()
    assert movement.status == before and actions(movement) == []


def test_an_unknown_status_is_refused(world, english):
    movement = MovementFactory(agency=world.agency, status="preparing")
    with pytest.raises(ValidationError) as caught:
        domain.move_movement(actor=world.secretariat, movement=movement, to="finished")
    assert caught.value.code == "transition"
    assert caught.value.messages == ["A movement that is “Preparing” cannot become “finished”."]


def test_unit_officers_do_not_move_movements(world):
    movement = MovementFactory(agency=world.agency, status="preparing")
    with pytest.raises(PermissionDenied):
        domain.move_movement(actor=world.officer, movement=movement, to="launched")
    movement.refresh_from_db()
    assert movement.status == "preparing"


# --- documents ------------------------------------------------------------------------------------------


def test_link_a_document_both_ways(world):
    movement = MovementFactory(agency=world.agency)
    plan = make_issued(world.agency, on=dt.date(2021, 1, 20))
    link = domain.link_document(actor=world.secretariat, movement=movement, document=plan, role="launching")
    assert list(movement.documents.all()) == [plan]
    assert [(x.movement, x.role) for x in plan.movement_links.all()] == [(movement, DocumentRole.LAUNCHING)]
    assert link.pk and actions(movement) == ["movements.document.linked"]
    assert ActivityLog.objects.get(action="movements.document.linked").data["after"]["document"] == plan.pk


def test_link_refusals_change_nothing(world):
    movement = MovementFactory(agency=world.agency)
    plan = make_issued(world.agency, on=dt.date(2021, 1, 20))
    foreign = make_issued(world.other_agency, on=dt.date(2021, 1, 20))
    domain.link_document(actor=None, movement=movement, document=plan, role="launching")

    def code(document, role="guiding", actor=world.secretariat):
        with pytest.raises(ValidationError) as caught:
            domain.link_document(actor=actor, movement=movement, document=document, role=role)
        return next(iter(caught.value.error_dict.values()))[0].code

    assert code(plan) == "duplicate"
    assert code(foreign) == "document_agency"
    assert code(make_issued(world.agency, on=dt.date(2021, 1, 21)), role="boss") == "role"
    with pytest.raises(PermissionDenied):
        domain.link_document(actor=world.officer, movement=movement, document=plan, role="guiding")
    assert MovementDocument.objects.count() == 1
    assert actions(movement) == ["movements.document.linked"]  # the first link only


def test_unlink_a_document(world):
    movement = MovementFactory(agency=world.agency)
    plan = make_issued(world.agency, on=dt.date(2021, 1, 20))
    link = domain.link_document(actor=None, movement=movement, document=plan, role="guiding")
    with pytest.raises(PermissionDenied):
        domain.unlink_document(actor=world.officer, link=link)
    domain.unlink_document(actor=world.secretariat, link=link)
    assert not plan.movement_links.exists()
    assert actions(movement) == ["movements.document.linked", "movements.document.unlinked"]


# --- the relay ------------------------------------------------------------------------------------------


@pytest.fixture
def relay_world(world):
    """A provincial movement launched by Plan 25 (incoming), the agency's other movements, an office."""
    world.office.kind = UnitKind.OFFICE
    world.office.save()
    world.plan = plan_25(world.agency)
    world.movement = provincial_movement(world)
    domain.link_document(actor=None, movement=world.movement, document=world.plan, role="launching")
    MovementFactory(
        agency=world.agency,
        name="Phong trào cả nước chung sức xây dựng nông thôn mới",
        level="national",
        launched_by="Thủ tướng Chính phủ",
        period_start=dt.date(2016, 1, 1),
        period_end=None,
    )
    MovementFactory(
        agency=world.agency,
        name="Phong trào thi đua yêu nước ngành tài nguyên và môi trường giai đoạn 2020 - 2025",
        level="central",
        launched_by="Bộ Tài nguyên và Môi trường",
        period_start=dt.date(2020, 1, 1),
        period_end=dt.date(2025, 12, 31),
    )
    MovementFactory(agency=world.agency, name="Phong trào đã kết thúc", status="closed", period_end=None)
    MovementFactory(agency=world.other_agency, name="Phong trào của Sở khác", period_end=None)
    return world


def test_relay_drafts_the_implementing_dispatch(relay_world):
    w = relay_world
    document = domain.relay_movement(actor=w.secretariat, movement=w.movement, on=ON)
    assert (document.status, document.kind.code, document.agency, document.drafting_unit) == (
        DocumentStatus.DRAFT,
        "cong_van",
        w.agency,
        w.office,
    )
    assert document.subject == (
        "V/v triển khai Kế hoạch phát động phong trào thi đua năm 2021 của UBND tỉnh Sóc Trăng"
    )
    assert document.addressees == ["Thủ trưởng phòng, đơn vị trực thuộc Sở"]
    assert [(b.cited, b.text) for b in document.bases.all()] == [
        (
            w.plan,
            "Căn cứ Kế hoạch số 25/KH-UBND ngày 08/02/2021 của UBND tỉnh Sóc Trăng về việc Phát động phong "
            "trào thi đua năm 2021",
        )
    ]
    assert document.created_by == w.secretariat and document.archive_note == "VP"


def test_relay_body_reads_like_the_seed(relay_world):
    w = relay_world
    body = domain.relay_movement(actor=w.secretariat, movement=w.movement, on=ON).body
    assert [b.get("label") for b in body] == [None, "1.", "2.", "3.", "4.", None]
    text = ["".join(r["text"] for r in b["runs"]) for b in body]
    assert text[0].startswith(
        "Nhằm thực hiện tốt các nhiệm vụ về công tác thi đua khen thưởng năm 2021, Giám đốc Sở"
    )
    assert text[1].startswith(
        "Triển khai nội dung “Kế hoạch số 25/KH-UBND ngày 08/02/2021 của UBND tỉnh Sóc Trăng về việc Phát "
        "động phong trào thi đua năm 2021” đến toàn thể công chức, viên chức và người lao động"
    )
    assert text[1].endswith(
        f"với chủ đề “{THEME}” (kèm theo Kế hoạch số 25/KH-UBND ngày 08/02/2021 của UBND tỉnh Sóc Trăng)."
    )
    theme_run = body[1]["runs"][2]
    assert theme_run == {"text": f"“{THEME}”", "bold": True, "italic": False}
    assert text[2] == (
        "Tiếp tục triển khai và vận động công chức, viên chức, người lao động tích cực hưởng ứng và đẩy mạnh "
        "các phong trào thi đua yêu nước do Thủ tướng Chính phủ và Bộ Tài nguyên và Môi trường đã phát động "
        "như: “Phong trào cả nước chung sức xây dựng nông thôn mới”, “Phong trào thi đua yêu nước ngành tài "
        "nguyên và môi trường giai đoạn 2020 - 2025”,..."
    )
    assert "Hội đồng thi đua khen thưởng Sở" in text[3]
    assert text[4].startswith("Giao Văn phòng Sở đăng tải nội dung công văn này trên Cổng thông tin điện tử")
    assert text[5].endswith("đề nghị các đơn vị nghiêm túc triển khai thực hiện./.")


def test_relay_links_both_ways_launches_and_logs(relay_world):
    w = relay_world
    document = domain.relay_movement(actor=w.secretariat, movement=w.movement, on=ON)
    w.movement.refresh_from_db()
    assert w.movement.status == Status.LAUNCHED
    assert [(x.movement, x.role) for x in document.movement_links.all()] == [(w.movement, "implementing")]
    assert set(w.movement.documents.all()) == {w.plan, document}
    log = ActivityLog.objects.get(action="movements.movement.relayed")
    assert log.data["before"] == {"status": "preparing"}
    assert log.data["after"]["document"] == document.pk and log.data["after"]["status"] == "launched"
    assert ActivityLog.objects.filter(
        action="documents.document.created", target_id=str(document.pk)
    ).exists()


def test_relay_names_the_it_centre_when_the_agency_has_one(relay_world):
    from tests.factories import UnitFactory

    UnitFactory(agency=relay_world.agency, name="Trung tâm Công nghệ thông tin", symbol="CNTT")
    body = domain.relay_movement(actor=None, movement=relay_world.movement, on=ON).body
    assert body[4]["runs"][0]["text"].startswith("Giao Trung tâm Công nghệ thông tin đăng tải")


def test_relay_without_launching_document_or_other_movements(world):
    movement = provincial_movement(world, theme="")
    document = domain.relay_movement(actor=None, movement=movement, drafting_unit=world.division, on=ON)
    text = [("".join(r["text"] for r in b["runs"])) for b in document.body]
    assert document.subject == "V/v triển khai phong trào thi đua năm 2021 của tỉnh Sóc Trăng"
    assert document.drafting_unit == world.division and not document.bases.exists()
    assert text[1].startswith(
        "Triển khai nội dung “Phong trào thi đua năm 2021 của tỉnh Sóc Trăng” do Chủ tịch"
    )
    assert text[1].endswith("để biết và ra sức thi đua.")
    assert text[2].endswith("đẩy mạnh các phong trào thi đua yêu nước đã được phát động.")


def test_relay_refusals_change_nothing(relay_world):
    w = relay_world
    own = MovementFactory(agency=w.agency, level="agency", status="preparing")
    with pytest.raises(ValidationError) as caught:
        domain.relay_movement(actor=w.secretariat, movement=own, on=ON)
    assert caught.value.code == "not_higher_level"
    with pytest.raises(PermissionDenied):
        domain.relay_movement(actor=w.officer, movement=w.movement, on=ON)
    assert not Document.objects.filter(kind__code="cong_van").exists()
    domain.relay_movement(actor=w.secretariat, movement=w.movement, on=ON)
    with pytest.raises(ValidationError) as caught:
        domain.relay_movement(actor=w.secretariat, movement=w.movement, on=ON)
    assert caught.value.code == "already_relayed"
    assert Document.objects.filter(kind__code="cong_van").count() == 1
    assert ActivityLog.objects.filter(action="movements.movement.relayed").count() == 1
    own.refresh_from_db()
    assert own.status == "preparing"


def test_a_launched_movement_keeps_its_status_when_relayed(relay_world):
    w = relay_world
    Movement.objects.filter(pk=w.movement.pk).update(status="in_progress")
    w.movement.refresh_from_db()
    domain.relay_movement(actor=w.secretariat, movement=w.movement, on=ON)
    w.movement.refresh_from_db()
    assert w.movement.status == "in_progress"


# --- generated subjects are never cut --------------------------------------------------------------------


def test_relay_subject_leaves_out_a_plan_too_long_to_cite(relay_world):
    w = relay_world
    long_subject = "Phát động phong trào thi đua " + "đẩy mạnh chuyển đổi số " * 20
    Document.objects.filter(pk=w.plan.pk).update(subject=long_subject)
    w.plan.refresh_from_db()

    subject = domain.relay_subject(w.movement, [w.plan])

    assert subject == "V/v triển khai phong trào thi đua năm 2021 của tỉnh Sóc Trăng"


def test_relay_refuses_a_subject_that_cannot_fit_and_says_the_limit(world):
    movement = provincial_movement(world, name="Phong trào " + "x" * 489)  # 500 characters: the longest name
    with pytest.raises(ValidationError) as caught:
        domain.relay_movement(actor=world.secretariat, movement=movement, on=ON)
    assert caught.value.code == "subject_too_long"
    assert caught.value.messages == [
        "Trích yếu soạn từ tên phong trào sẽ dài 515 ký tự, vượt quá 500 ký tự cho phép của trích yếu "
        "văn bản. Hãy rút gọn tên phong trào còn tối đa 485 ký tự rồi thực hiện lại."
    ]
    assert not Document.objects.filter(kind__code="cong_van").exists()
    assert not movement.document_links.exists()
