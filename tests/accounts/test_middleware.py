import pytest
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


@pytest.fixture
def two_factor_required(settings):
    settings.THIDUA_REQUIRE_2FA = True


def code_for(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


@pytest.mark.parametrize("persona", ["admin", "secretariat"])
def test_admins_and_secretariat_are_sent_to_the_second_step(world, client, two_factor_required, persona):
    client.force_login(getattr(world, persona))

    response = client.get(reverse("people:list"))

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:two_factor')}?next=%2Fpeople%2F"
    assert DEVICE_ID_SESSION_KEY not in client.session


@pytest.mark.parametrize("persona", ["staff", "leader", "council", "head", "officer"])
def test_other_roles_are_never_sent_to_the_second_step(world, client, two_factor_required, persona):
    client.force_login(getattr(world, persona))

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert response.context["user"] == getattr(world, persona)


def test_a_correct_code_lets_the_admin_in(world, client, two_factor_required):
    device = TOTPDevice.objects.create(user=world.admin, name="thidua", confirmed=True)
    client.force_login(world.admin)

    response = client.post(
        reverse("accounts:two_factor"), {"token": code_for(device), "next": reverse("home")}
    )

    assert response.url == reverse("home")
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get(reverse("home")).status_code == 200


def test_a_wrong_code_keeps_the_admin_out(world, client, two_factor_required):
    device = TOTPDevice.objects.create(user=world.admin, name="thidua", confirmed=True)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    client.force_login(world.admin)

    response = client.post(reverse("accounts:two_factor"), {"token": wrong, "next": reverse("home")})

    assert response.status_code == 200
    assert response.context["form"].errors["token"]
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert client.get(reverse("home")).status_code == 302


def test_enrolling_admin_gets_in_after_the_first_code(world, client, two_factor_required):
    client.force_login(world.admin)
    assert client.get(reverse("home")).status_code == 302
    client.get(reverse("accounts:two_factor"))
    device = TOTPDevice.objects.get(user=world.admin, confirmed=False)

    client.post(reverse("accounts:two_factor"), {"token": code_for(device)})

    assert client.get(reverse("home")).status_code == 200
    assert TOTPDevice.objects.get(user=world.admin).confirmed is True


def test_no_second_step_when_the_setting_is_off(world, client):
    client.force_login(world.admin)

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_anonymous_visitors_go_to_the_login_page(db, client, two_factor_required):
    response = client.get(reverse("home"))

    assert response.url.startswith(reverse("accounts:login"))


def test_account_management_is_not_exempt_from_the_second_step(world, client, two_factor_required):
    client.force_login(world.admin)

    response = client.get(reverse("accounts:list"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:two_factor"))


def test_the_next_address_keeps_its_whole_query_string(world, client, two_factor_required):
    client.force_login(world.admin)

    response = client.get(reverse("people:list"), {"q": "an", "gender": "female"})

    assert response.url == f"{reverse('accounts:two_factor')}?next=%2Fpeople%2F%3Fq%3Dan%26gender%3Dfemale"
