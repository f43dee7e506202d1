import pytest
from django.utils import translation

from activity.domain import log_action
from activity.presentation import action_label, describe_changes, display_value, field_label


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
