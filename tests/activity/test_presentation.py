import pytest
from django.utils import translation

from activity.domain import log_action
from activity.models import ActivityLog
from activity.presentation import DELETED, action_label, describe_changes, display_value, field_label, present
from awards.money import Rounding
from tests.factories import MovementFactory


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def test_known_actions_read_as_words_and_unknown_ones_as_their_code():
    assert action_label("people.rating.recorded") == "Ghi nhận xếp loại chất lượng hằng năm"
    assert action_label("something.new") == "something.new"


def test_field_names_use_the_models_verbose_names():
    assert field_label("date_of_birth") == "Ngày sinh"
    assert field_label("not_a_field") == "not_a_field"


@pytest.mark.parametrize(
    ("name", "value", "shown"),
    [
        ("rating", "excellent", "Hoàn thành xuất sắc nhiệm vụ"),
        ("gender", "female", "Nữ"),
        ("date_of_birth", "1976-07-06", "06/07/1976"),
        ("read_at", "2026-11-24T09:06:53.249Z", "16:06 24/11/2026"),
        ("is_leadership", True, "có"),
        ("phone", "", "—"),
        ("position", "Chuyên viên", "Chuyên viên"),
    ],
)
def test_values_are_shown_as_people_read_them(name, value, shown):
    assert display_value(name, value) == shown


def test_a_logged_update_is_described_field_by_field(world):
    entry = log_action(
        actor=world.admin,
        action="people.person.updated",
        target=world.office_person,
        before={"gender": "male", "phone": ""},
        after={"gender": "female", "phone": "0299 3821 234"},
    )
    assert describe_changes(entry) == [("Giới tính", "Nam", "Nữ"), ("Điện thoại", "—", "0299 3821 234")]


def test_lists_and_mappings_are_shown_as_text():
    assert display_value("recipients", ["Như trên", "Lưu: VT, VP"]) == "Như trên; Lưu: VT, VP"
    assert display_value("recipients", []) == "—"
    assert display_value("counts", {"read": 2}) == "read: 2"


def test_the_model_an_action_is_about_names_its_fields(world):
    """A movement's `name` reads as the movement's name, not as the first model's (an agency's "official
    name"); a registration's `submitted` as the registration's status, not a document's."""
    movement = log_action(
        actor=None, action="movements.movement.created", target=world.agency, after={"name": "Phong trào A"}
    )
    registration = log_action(
        actor=None,
        action="movements.registration.submitted",
        target=world.agency,
        before={"status": "draft"},
        after={"status": "submitted"},
    )
    assert describe_changes(movement) == [("Tên", None, "Phong trào A")]
    assert describe_changes(registration) == [("Trạng thái", "Đang tổng hợp", "Đã nộp")]
    assert field_label("name") == "Tên chính thức"  # without an action: the first model's label, as before


# --- values that name objects, money, files: words, never ids, codes or hashes ----------------------------


def logged(world, action, target, after, before=None):
    return log_action(
        actor=None, action=action, target=target, agency=world.agency, before=before, after=after
    )


def test_an_id_of_a_model_field_reads_as_the_objects_name(world):
    entry = logged(world, "people.assignment.started", world.office_person, {"unit": world.division.pk})
    assert describe_changes(entry) == [("Đơn vị", None, "Phòng Kế hoạch")]


def test_a_key_the_model_lacks_is_named_by_its_app(world):
    """A new person is logged with her first unit; a unit's head by the person: people declares both."""
    person = logged(world, "people.person.created", world.office_person, {"unit": world.office.pk})
    head = logged(world, "people.unit.head_set", world.division, {"head": world.division_person.pk})
    assert describe_changes(person) == [("Đơn vị", None, "Văn phòng")]
    assert describe_changes(head) == [("Người đứng đầu", None, "Lê Văn Minh")]
    assert action_label("people.unit.head_set") != "people.unit.head_set"


def test_a_list_of_ids_reads_as_names(world):
    units = sorted([world.office.pk, world.division.pk])
    entry = logged(world, "movements.movement.created", world.agency, {"units": units})
    assert describe_changes(entry)[0][2] in ("Văn phòng; Phòng Kế hoạch", "Phòng Kế hoạch; Văn phòng")


def test_a_relation_without_a_label_is_called_by_its_models_name(world):
    movement = MovementFactory(agency=world.agency, name="Phong trào B")
    entry = logged(world, "movements.review.opened", movement, {"movement": movement.pk})
    assert describe_changes(entry) == [("Phong trào", None, "Phong trào B")]


def test_an_object_that_no_longer_exists_is_said_so(world):
    entry = logged(world, "people.assignment.started", world.office_person, {"unit": 987654})
    assert describe_changes(entry) == [("Đơn vị", None, str(DELETED))]


def test_an_award_code_reads_as_its_name_and_an_amount_in_dong(world):
    entry = logged(
        world,
        "awards.record.created",
        world.agency,
        {"award": "lao-dong-tien-tien", "amount": 2340000, "track": "cong-trang", "year": 2024},
    )
    shown = {label: after for label, _before, after in describe_changes(entry)}
    assert shown["Danh hiệu, hình thức"] == "Lao động tiên tiến"
    assert "2.340.000 đồng" in shown.values()
    assert "2024" in shown.values()
    assert "cong-trang" not in shown.values()


def test_a_rule_setting_reads_as_words(world):
    rounding = logged(world, "awards.setting.changed", world.agency, {"value": "down"}, {"value": "up"})
    presence = logged(world, "awards.setting.changed", world.agency, {"value": "0.9"}, {"value": "0.8"})
    assert describe_changes(rounding)[0][1:] == (str(Rounding.UP.label), str(Rounding.DOWN.label))
    assert describe_changes(presence)[0][1:] == ("0,8", "0,9")


def test_a_file_shows_its_name_and_size_never_its_id_or_checksum(world):
    entry = logged(
        world,
        "documents.attachment.added",
        world.agency,
        {"attachment": 7, "name": "ke-hoach.pdf", "sha256": "ab" * 32, "size": 8620},
    )
    changes = describe_changes(entry)
    assert [after for _label, _before, after in changes] == ["ke-hoach.pdf", "8,4\xa0KB"]
    assert changes[0][0] == "Tên tệp"


def test_counts_are_grouped_and_years_are_not(world):
    entry = logged(world, "people.import.applied", world.agency, {"rows": 12345, "create": 3})
    assert sorted(after for _label, _before, after in describe_changes(entry)) == ["12.345", "3"]


def test_a_page_loads_the_objects_it_names_once_per_model(world, django_assert_num_queries):
    """Whatever the number of rows: one query for the units, one for the awards."""
    for unit in (world.office, world.division, world.team, world.other_unit):
        logged(world, "people.assignment.started", world.office_person, {"unit": unit.pk})
        logged(world, "awards.record.created", world.agency, {"award": "lao-dong-tien-tien", "amount": 1})
    entries = list(ActivityLog.objects.all())

    with django_assert_num_queries(2):
        rows = present(entries)

    assert {change.after for row in rows for change in row.changes} >= {"Văn phòng", "Tổ Kế hoạch"}
