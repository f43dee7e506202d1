"""Password rules: 12 characters, the shipped list of common and breached passwords, Vietnamese messages."""

import gzip

import pytest
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts import domain
from accounts.validators import PASSWORD_LIST, CommonPasswordValidator, MinimumLengthValidator
from activity.models import ActivityLog
from tests.factories import PASSWORD

DJANGO_LIST = password_validation.CommonPasswordValidator().DEFAULT_PASSWORD_LIST_PATH
VIETNAMESE_LIST = PASSWORD_LIST.parent / "vietnamese.txt"


def lines(path) -> set[str]:
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return {line.strip() for line in f if line.strip()}


def test_the_list_is_djangos_and_the_vietnamese_one_in_lower_case():
    shipped = lines(PASSWORD_LIST)
    assert shipped == {p.lower() for p in lines(DJANGO_LIST) | lines(VIETNAMESE_LIST)}
    assert {"matkhau123456", "thidua2026", "qwertyuiop123", "1qaz2wsx3edc", "anhyeuem123456"} <= shipped
    assert len(lines(VIETNAMESE_LIST)) >= 300


@pytest.mark.parametrize(
    "password", ["thidua2026", "Thidua2026", "matkhau123456", "MatKhau@123456", "1qaz2wsx3edc"]
)
def test_common_vietnamese_passwords_are_refused(password):
    with pytest.raises(ValidationError) as refused:
        CommonPasswordValidator().validate(password)
    assert refused.value.error_list[0].code == "password_too_common"


def test_thidua2026_is_refused_as_a_new_password_with_both_reasons(world):
    with pytest.raises(ValidationError) as refused:
        password_validation.validate_password("thidua2026", world.staff)
    assert {e.code for e in refused.value.error_list} == {"password_too_short", "password_too_common"}


def test_the_minimum_length_is_a_setting(settings):
    validator = MinimumLengthValidator()
    validator.validate("mười-hai-ký-tự")
    settings.THIDUA_PASSWORD_MIN_LENGTH = 16
    with pytest.raises(ValidationError):
        validator.validate("mười-hai-ký-tự")
    assert MinimumLengthValidator(8).min_length == 8


def test_the_demo_keeps_its_password_the_domain_does_not_judge_it(world):
    """The demo loader sets thidua2026 through accounts.domain (actor None): only forms apply the rules."""
    account = domain.create_account(actor=None, username="demo-account", password="thidua2026")
    assert account.check_password("thidua2026")


# every message, in Vietnamese, through the change-password form


def change(client, old=PASSWORD, new="", again=None):
    return client.post(
        reverse("accounts:change_password"),
        {"old_password": old, "new_password1": new, "new_password2": new if again is None else again},
    )


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("thidua-2026", "Mật khẩu phải có ít nhất 12 ký tự."),
        (
            "matkhau123456",
            "Mật khẩu này nằm trong danh sách mật khẩu phổ biến hoặc đã bị lộ: hãy chọn mật khẩu khác.",
        ),
        ("987654321098765", "Mật khẩu chỉ gồm chữ số: hãy thêm chữ cái."),
        ("nhanvien-2026", "Mật khẩu quá giống tên đăng nhập của bạn: hãy chọn mật khẩu không liên quan."),
    ],
)
def test_each_rule_explains_itself_in_vietnamese(world, login, new, message):
    response = change(login(world.staff), new=new)

    world.staff.refresh_from_db()
    assert world.staff.check_password(PASSWORD)
    assert response.context["password_form"].errors["new_password2"] == [message]
    assert message in response.content.decode()
    assert not ActivityLog.objects.filter(action="accounts.account.password_changed").exists()


def test_thidua2026_gets_both_messages(world, login):
    response = change(login(world.staff), new="thidua2026")

    assert response.context["password_form"].errors["new_password2"] == [
        "Mật khẩu phải có ít nhất 12 ký tự.",
        "Mật khẩu này nằm trong danh sách mật khẩu phổ biến hoặc đã bị lộ: hãy chọn mật khẩu khác.",
    ]


def test_two_different_new_passwords_are_explained(world, login):
    response = change(login(world.staff), new="Hoa-sen-no-2025", again="Hoa-sen-no-2026")

    assert response.context["password_form"].errors["new_password2"] == [
        "Hai mật khẩu đã nhập không giống nhau: hãy nhập cùng một mật khẩu hai lần."
    ]


def test_a_wrong_current_password_is_explained(world, login):
    response = change(login(world.staff), old="khong-dung-dau", new="Hoa-sen-no-2025")

    assert response.context["password_form"].errors["old_password"] == [
        "Mật khẩu hiện tại không đúng: vui lòng nhập lại."
    ]


def test_the_rules_are_listed_in_vietnamese_beside_the_new_password(world, login):
    html = login(world.staff).get(reverse("accounts:me")).content.decode()

    for rule in (
        "Ít nhất 12 ký tự; một câu ngắn vừa dễ nhớ vừa khó đoán.",
        "Không dùng mật khẩu phổ biến hoặc đã bị lộ.",
        "Không giống tên đăng nhập, họ tên hoặc địa chỉ thư điện tử của bạn.",
        "Không chỉ gồm chữ số.",
    ):
        assert rule in html


def test_a_good_long_password_is_accepted(world, login):
    response = change(login(world.staff), new="Sông Hậu mùa nước nổi")

    world.staff.refresh_from_db()
    assert response.url == reverse("accounts:me")
    assert world.staff.check_password("Sông Hậu mùa nước nổi")
