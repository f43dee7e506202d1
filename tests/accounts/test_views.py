import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import ApiToken, Role, RoleGrant, User
from activity.domain import log_action
from activity.models import ActivityLog
from tests.factories import PASSWORD, AgencyFactory, PersonFactory, UserFactory, account_with_role

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def code_for(device: TOTPDevice, drift: int = 0) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, drift):06d}"


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


# --- login, lockout, logout -----------------------------------------------------------------------------


def test_login_page_labels_username_and_password(db, client):
    html = client.get(reverse("accounts:login")).content.decode()

    assert '<label for="id_username">' in html
    assert '<label for="id_password">' in html
    assert 'autocomplete="current-password"' in html


def test_login_with_correct_password_goes_home(world, client):
    response = client.post(reverse("accounts:login"), {"username": "nhanvien", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert logged_in_user_id(client) == str(world.staff.pk)


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(world, client):
    url = reverse("accounts:login")
    responses = [client.post(url, {"username": "nhanvien", "password": f"sai-{i}"}) for i in range(5)]

    assert [r.status_code for r in responses[:4]] == [200] * 4
    assert responses[4].status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in responses[4].templates]
    locked = client.post(url, {"username": "nhanvien", "password": PASSWORD})
    assert locked.status_code == 429
    assert logged_in_user_id(client) is None
    # the attempt made while locked out counts as one more failure
    assert AccessAttempt.objects.get(username="nhanvien").failures_since_start == 6


def test_successful_login_resets_the_failure_count(world, client):
    url = reverse("accounts:login")
    for i in range(4):
        client.post(url, {"username": "nhanvien", "password": f"sai-{i}"})

    client.post(url, {"username": "nhanvien", "password": PASSWORD})

    assert logged_in_user_id(client) == str(world.staff.pk)
    assert not AccessAttempt.objects.filter(username="nhanvien").exists()
    client.post(reverse("accounts:logout"))
    for i in range(4):
        client.post(url, {"username": "nhanvien", "password": f"sai-{i}"})
    assert client.post(url, {"username": "nhanvien", "password": PASSWORD}).status_code == 302


def test_logout_only_by_post(world, login):
    client = login(world.staff)

    assert client.get(reverse("accounts:logout")).status_code == 405
    assert logged_in_user_id(client) == str(world.staff.pk)
    response = client.post(reverse("accounts:logout"))
    assert response.url == reverse("accounts:login")
    assert logged_in_user_id(client) is None


# --- the user's own page ------------------------------------------------------------------------------


def test_me_shows_linked_person_roles_and_two_factor_state(world, login):
    response = login(world.staff).get(reverse("accounts:me"))

    html = response.content.decode()
    assert reverse("people:detail", args=[world.office_person.pk]) in html
    assert "Trần Thị Lan" in html
    assert list(response.context["grants"]) == []
    assert response.context["two_factor_on"] is False
    assert reverse("accounts:two_factor_invitation") in html


def test_me_lists_active_grants(world, login):
    response = login(world.officer).get(reverse("accounts:me"))

    assert [g.role for g in response.context["grants"]] == [Role.UNIT_OFFICER]


@pytest.mark.parametrize(
    ("persona", "shown", "hidden"),
    [
        ("officer", "Cán bộ thi đua đơn vị", "Cán bộ, công chức, viên chức"),  # a role, no staff record
        ("staff", "Cán bộ, công chức, viên chức", "Chưa có vai trò"),  # a staff record, no role
        ("nobody", "Chưa có vai trò", "Cán bộ, công chức, viên chức"),
    ],
)
def test_me_names_the_staff_role_only_for_a_linked_staff_record(world, login, persona, shown, hidden):
    user = UserFactory() if persona == "nobody" else getattr(world, persona)

    html = login(user).get(reverse("accounts:me")).content.decode()

    assert shown in html and hidden not in html


def test_change_own_password(world, login):
    client = login(world.staff)

    response = client.post(
        reverse("accounts:change_password"),
        {"old_password": PASSWORD, "new_password1": "Hoa-sen-no-2025", "new_password2": "Hoa-sen-no-2025"},
    )

    world.staff.refresh_from_db()
    assert response.url == reverse("accounts:me")
    assert world.staff.check_password("Hoa-sen-no-2025")
    assert logged_in_user_id(client) == str(world.staff.pk)  # the session survives the change
    assert (
        ActivityLog.objects.filter(action="accounts.account.password_changed", actor=world.staff).count() == 1
    )


def test_change_password_needs_the_old_one(world, login):
    response = login(world.staff).post(
        reverse("accounts:change_password"),
        {
            "old_password": "khong-dung",
            "new_password1": "Hoa-sen-no-2025",
            "new_password2": "Hoa-sen-no-2025",
        },
    )

    world.staff.refresh_from_db()
    assert world.staff.check_password(PASSWORD)
    assert response.context["password_form"].errors["old_password"]
    assert not ActivityLog.objects.filter(action="accounts.account.password_changed").exists()


def test_create_token_shows_the_raw_token_once(world, login):
    client = login(world.staff)

    response = client.post(reverse("accounts:token_create"), {"name": "Hệ thống HRM"})

    raw = response.context["new_token"]
    token = ApiToken.objects.get(user=world.staff)
    assert token.key_hash == ApiToken.hash(raw)
    assert token.name == "Hệ thống HRM"
    assert raw in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert raw not in client.get(reverse("accounts:me")).content.decode()
    assert ActivityLog.objects.filter(action="accounts.api_token.issued", actor=world.staff).count() == 1


def test_revoke_own_token(world, login):
    client = login(world.staff)
    client.post(reverse("accounts:token_create"), {"name": "x"})
    token = ApiToken.objects.get(user=world.staff)

    response = client.post(reverse("accounts:token_revoke", args=[token.pk]))

    token.refresh_from_db()
    assert response.url == reverse("accounts:me")
    assert token.revoked_at is not None
    assert ActivityLog.objects.filter(action="accounts.api_token.revoked").count() == 1


def test_create_token_with_a_chosen_lifetime(world, login):
    client = login(world.staff)

    response = client.post(reverse("accounts:token_create"), {"name": "HRM", "days": "180"})

    token = ApiToken.objects.get(user=world.staff)
    assert (token.expires_at - token.created_at).days == 179
    assert token.expires_at.astimezone(ZONE).strftime("%d/%m/%Y") in response.content.decode()


def test_token_lifetimes_offered_stop_at_the_setting(world, login, settings):
    settings.THIDUA_API_TOKEN_MAX_DAYS = 90
    client = login(world.staff)

    form = client.get(reverse("accounts:me")).context["token_form"]
    refused = client.post(reverse("accounts:token_create"), {"name": "x", "days": "365"})

    assert [value for value, _label in form.fields["days"].choices] == [30, 90]
    assert form.fields["days"].initial == 90
    assert refused.context["token_form"].errors["days"]
    assert not ApiToken.objects.exists()


def test_me_lists_tokens_with_created_expires_and_last_used_dates(world, login):
    client = login(world.staff)
    client.post(reverse("accounts:token_create"), {"name": "Cũ", "days": "30"})
    client.post(reverse("accounts:token_create"), {"name": "Mới", "days": "90"})
    old = ApiToken.objects.get(name="Cũ")
    ApiToken.objects.filter(pk=old.pk).update(
        expires_at=timezone.now() - dt.timedelta(days=1), last_used_at=timezone.now() - dt.timedelta(days=2)
    )

    html = client.get(reverse("accounts:me")).content.decode()

    table = html[html.index('data-testid="tokens"') :]
    assert "Hết hạn" in table and "Lần dùng gần nhất" in table
    assert "(đã hết hạn)" in table
    assert (timezone.localdate() - dt.timedelta(days=2)).strftime("%d/%m/%Y") in table
    assert table.count("accounts/me/tokens/") == 3  # two revoke forms and the create form


def test_cannot_revoke_someone_elses_token(world, login):
    login(world.leader).post(reverse("accounts:token_create"), {"name": "x"})
    token = ApiToken.objects.get(user=world.leader)

    response = login(world.staff).post(reverse("accounts:token_revoke", args=[token.pk]))

    token.refresh_from_db()
    assert response.status_code == 404
    assert token.revoked_at is None


# --- account list -----------------------------------------------------------------------------------


@pytest.fixture
def agency_admin(world):
    return account_with_role(Role.SYSTEM_ADMIN, agency=world.agency, username="quantri")


def test_list_is_for_administrators_only(world, login):
    assert login(world.secretariat).get(reverse("accounts:list")).status_code == 403


def test_installation_admin_lists_every_account_with_roles(world, login):
    response = login(world.admin).get(reverse("accounts:list"))

    accounts = list(response.context["page"])
    assert [a.username for a in accounts] == sorted(User.objects.values_list("username", flat=True))
    officer = next(a for a in accounts if a.username == "canbothidua")
    assert [g.unit for g in officer.active_grants] == [world.division]


def test_agency_admin_lists_only_accounts_of_the_agency(world, login, agency_admin):
    outsider = account_with_role(Role.SECRETARIAT, agency=world.other_agency, username="ngoaicoquan")

    response = login(agency_admin).get(reverse("accounts:list"))

    usernames = {a.username for a in response.context["page"]}
    assert {"thuongtruc", "giamdoc", "truongphong", "nhanvien", "quantri"} <= usernames
    assert outsider.username not in usernames
    assert "admin" not in usernames


def test_search_ignores_accents_and_case(world, login):
    UserFactory(username="huong.dt", first_name="Hương", last_name="Đặng", person=world.team_person)
    UserFactory(username="lan.tt", first_name="Lan", last_name="Trần")

    response = login(world.admin).get(reverse("accounts:list"), {"q": "DANG huong"})

    assert [a.username for a in response.context["page"]] == ["huong.dt"]


def test_search_matches_the_linked_person(world, login):
    response = login(world.admin).get(reverse("accounts:list"), {"q": "tran lan"})

    assert [a.username for a in response.context["page"]] == ["nhanvien"]


def test_htmx_search_renders_only_the_results(world, login):
    response = login(world.admin).get(reverse("accounts:list"), {"q": "nhanvien"}, HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert "<html" not in html
    assert "nhanvien" in html


def test_list_shows_every_role_of_every_account(world, login):
    """The staff member's role comes from the staff record, not from a grant: it is shown all the same."""
    account_with_role(Role.UNIT_HEAD, unit=world.office, person=world.division_person, username="kiemnhiem")
    RoleGrant.objects.create(
        user=User.objects.get(username="kiemnhiem"), role=Role.AGENCY_LEADER, agency=world.agency
    )
    User.objects.create(username="chuacovaitro")

    response = login(world.admin).get(reverse("accounts:list"))

    html = response.content.decode()
    rows = dict(re.findall(r'>([a-z0-9]+)</a></td>.*?data-testid="account-roles">(.*?)</td>', html, re.S))
    roles = {name: re.findall(r"<li>(.*?)</li>", cell) for name, cell in rows.items()}
    assert roles["nhanvien"] == ["Cán bộ, công chức, viên chức"]
    assert roles["admin"] == ["Quản trị hệ thống — toàn hệ thống"]
    assert roles["canbothidua"] == [f"Cán bộ thi đua đơn vị — {world.division}"]
    assert roles["kiemnhiem"] == [
        f"Lãnh đạo cơ quan — {world.agency}",
        f"Trưởng đơn vị — {world.office}",
        "Cán bộ, công chức, viên chức",
    ]
    assert roles["chuacovaitro"] == ["Chưa có vai trò"]
    assert all(cell.strip() != "—" for cell in rows.values())  # no account without its roles


def test_detail_shows_the_staff_role_held_through_the_staff_record(world, login):
    staff_page = login(world.admin).get(reverse("accounts:detail", args=[world.staff.pk])).content.decode()
    admin_page = login(world.admin).get(reverse("accounts:detail", args=[world.admin.pk])).content.decode()

    staff_row = re.search(r'data-testid="staff-role">(.*?)</tr>', staff_page, re.S).group(1)
    assert (
        "Cán bộ, công chức, viên chức" in staff_row and "Có do tài khoản gắn với hồ sơ cán bộ." in staff_row
    )
    assert "Chưa có vai trò" not in staff_page and "Không có vai trò" not in staff_page
    assert 'data-testid="staff-role"' not in admin_page  # no staff record: no staff role


@pytest.mark.parametrize("count", [1, 3])
def test_list_query_count_does_not_grow_with_accounts(db, client, django_assert_num_queries, count):
    admin = account_with_role(Role.SYSTEM_ADMIN, username="admin")
    for _ in range(count):
        person = PersonFactory()
        account_with_role(Role.SECRETARIAT, agency=person.agency, person=person)
        account_with_role(Role.STAFF, person=PersonFactory())  # the staff role shown without a query
    client.force_login(admin)

    # account, scope (the session: cached_db, in the cache), count, page, active grants
    with django_assert_num_queries(6):
        response = client.get(reverse("accounts:list"))

    assert response.context["page"].paginator.count == 2 * count + 1
    assert response.content.decode().count("<li>Cán bộ, công chức, viên chức</li>") == 2 * count


# --- detail, create, edit -------------------------------------------------------------------------


def test_detail_shows_roles_person_and_history(world, login):
    login(world.admin).post(
        reverse("accounts:edit", args=[world.staff.pk]), account_form(world.staff, email="a@b.vn")
    )

    response = login(world.admin).get(reverse("accounts:detail", args=[world.staff.pk]))

    assert response.context["account"] == world.staff
    assert response.context["can_manage"] is True
    assert [e.action for e in response.context["activity"]] == ["accounts.account.updated"]
    assert reverse("people:detail", args=[world.office_person.pk]) in response.content.decode()


def test_user_sees_own_detail_without_management_buttons(world, login):
    response = login(world.staff).get(reverse("accounts:detail", args=[world.staff.pk]))

    assert response.context["can_manage"] is False
    assert reverse("accounts:grant_role", args=[world.staff.pk]) not in response.content.decode()


def test_detail_of_an_invisible_account_is_not_found(world, login):
    assert login(world.staff).get(reverse("accounts:detail", args=[world.leader.pk])).status_code == 404


def test_admin_creates_an_account_linked_to_a_person(world, login):
    response = login(world.admin).post(
        reverse("accounts:create"),
        {
            "username": "le.minh",
            "first_name": "Minh",
            "last_name": "Lê Văn",
            "email": "minh@stn.gov.vn",
            "person": world.division_person.pk,
            "password1": "Song-Hau-2025!",
            "password2": "Song-Hau-2025!",
        },
    )

    account = User.objects.get(username="le.minh")
    assert response.url == reverse("accounts:detail", args=[account.pk])
    assert account.person == world.division_person
    assert account.check_password("Song-Hau-2025!")
    log = ActivityLog.objects.get(action="accounts.account.created")
    assert (log.actor, log.target_id, log.agency) == (world.admin, str(account.pk), world.agency)


def test_create_refuses_a_taken_username_and_weak_password(world, login):
    response = login(world.admin).post(
        reverse("accounts:create"),
        {"username": "NHANVIEN", "person": "", "password1": "123", "password2": "123"},
    )

    assert set(response.context["form"].errors) == {"username", "password2"}
    assert User.objects.filter(username__iexact="nhanvien").count() == 1


def test_agency_admin_must_link_a_person_of_the_agency(world, login, agency_admin):
    client = login(agency_admin)
    data = {"username": "moi", "password1": "Song-Hau-2025!", "password2": "Song-Hau-2025!"}

    without = client.post(reverse("accounts:create"), data | {"person": ""})
    outside = client.post(reverse("accounts:create"), data | {"person": world.other_person.pk})

    assert "person" in without.context["form"].errors
    assert "person" in outside.context["form"].errors
    assert not User.objects.filter(username="moi").exists()


def account_form(account, **overrides):
    data = {
        "username": account.username,
        "first_name": account.first_name,
        "last_name": account.last_name,
        "email": account.email,
        "person": account.person_id or "",
        "is_active": "on",
    }
    return {k: v for k, v in (data | overrides).items() if v is not None}


def test_admin_deactivates_an_account(world, login):
    response = login(world.admin).post(
        reverse("accounts:edit", args=[world.staff.pk]), account_form(world.staff, is_active=None)
    )

    world.staff.refresh_from_db()
    assert response.url == reverse("accounts:detail", args=[world.staff.pk])
    assert world.staff.is_active is False
    log = ActivityLog.objects.get(action="accounts.account.updated")
    assert log.changes == [("is_active", True, False)]


def test_admin_cannot_deactivate_own_account(world, login):
    response = login(world.admin).post(
        reverse("accounts:edit", args=[world.admin.pk]), account_form(world.admin, is_active=None)
    )

    world.admin.refresh_from_db()
    assert world.admin.is_active is True
    assert "is_active" in response.context["form"].errors


def test_edit_names_are_normalised(world, login):
    login(world.admin).post(
        reverse("accounts:edit", args=[world.staff.pk]),
        account_form(world.staff, first_name="  Lan ", last_name="Tra\u0302\u0300n  Thi\u0323"),
    )

    world.staff.refresh_from_db()
    assert (world.staff.first_name, world.staff.last_name) == ("Lan", "Trần Thị")


def test_staff_cannot_edit_even_their_own_account(world, login):
    response = login(world.staff).post(
        reverse("accounts:edit", args=[world.staff.pk]), account_form(world.staff, email="x@y.vn")
    )

    world.staff.refresh_from_db()
    assert response.status_code == 403
    assert world.staff.email != "x@y.vn"


# --- grant and revoke roles ----------------------------------------------------------------------------


def test_admin_grants_a_unit_role_and_the_agency_follows_the_unit(world, login):
    response = login(world.admin).post(
        reverse("accounts:grant_role", args=[world.staff.pk]),
        {"role": Role.UNIT_OFFICER, "agency": "", "unit": world.office.pk},
    )

    grant = RoleGrant.objects.active().get(user=world.staff)
    assert response.url == reverse("accounts:detail", args=[world.staff.pk])
    assert (grant.role, grant.agency, grant.unit, grant.granted_by) == (
        Role.UNIT_OFFICER,
        world.agency,
        world.office,
        world.admin,
    )
    log = ActivityLog.objects.get(action="accounts.role.granted")
    assert (log.actor, log.target_id, log.agency) == (world.admin, str(world.staff.pk), world.agency)


@pytest.mark.parametrize(
    ("role", "field", "message"),
    [
        (Role.UNIT_HEAD, "unit", "This role is held in a unit: choose the unit."),
        (Role.SECRETARIAT, "agency", "Choose the agency in which the role is held."),
    ],
)
def test_grant_explains_what_is_missing(world, login, role, field, message, english):
    response = login(world.admin).post(
        reverse("accounts:grant_role", args=[world.staff.pk]),
        {"role": role, "agency": "", "unit": ""},
    )

    assert response.context["form"].errors[field] == [message]
    assert not RoleGrant.objects.filter(user=world.staff).exists()


def test_grant_refuses_a_unit_of_another_agency(world, login):
    response = login(world.admin).post(
        reverse("accounts:grant_role", args=[world.staff.pk]),
        {"role": Role.UNIT_HEAD, "agency": world.agency.pk, "unit": world.other_unit.pk},
    )

    assert "unit" in response.context["form"].errors
    assert not RoleGrant.objects.filter(user=world.staff).exists()


def test_agency_admin_grants_in_own_agency(world, login, agency_admin):
    login(agency_admin).post(
        reverse("accounts:grant_role", args=[world.staff.pk]),
        {"role": Role.COUNCIL_MEMBER, "agency": world.agency.pk, "unit": ""},
    )

    assert (
        RoleGrant.objects.active()
        .filter(user=world.staff, role=Role.COUNCIL_MEMBER, agency=world.agency)
        .exists()
    )


def test_agency_admin_cannot_grant_in_another_agency(world, login, agency_admin):
    """The other agency is visible (the admin sits on its council) but not administered: 403."""
    RoleGrant.objects.create(user=agency_admin, role=Role.COUNCIL_MEMBER, agency=world.other_agency)

    response = login(agency_admin).post(
        reverse("accounts:grant_role", args=[world.staff.pk]),
        {"role": Role.SECRETARIAT, "agency": world.other_agency.pk, "unit": ""},
    )

    assert response.status_code == 403
    assert not RoleGrant.objects.filter(user=world.staff).exists()
    assert not ActivityLog.objects.filter(action="accounts.role.granted").exists()


def test_agency_admin_cannot_even_choose_an_agency_it_does_not_see(world, login, agency_admin):
    response = login(agency_admin).post(
        reverse("accounts:grant_role", args=[world.staff.pk]),
        {"role": Role.SECRETARIAT, "agency": world.other_agency.pk, "unit": ""},
    )

    assert "agency" in response.context["form"].errors
    assert not RoleGrant.objects.filter(user=world.staff).exists()


def test_agency_admin_cannot_grant_to_an_account_holding_roles_elsewhere(world, login, agency_admin):
    RoleGrant.objects.create(user=world.leader, role=Role.COUNCIL_MEMBER, agency=world.other_agency)

    response = login(agency_admin).post(
        reverse("accounts:grant_role", args=[world.leader.pk]),
        {"role": Role.SECRETARIAT, "agency": world.agency.pk, "unit": ""},
    )

    assert response.status_code == 403
    assert not RoleGrant.objects.filter(user=world.leader, role=Role.SECRETARIAT).exists()


def test_agency_admin_cannot_make_an_installation_admin(world, login, agency_admin):
    response = login(agency_admin).post(
        reverse("accounts:grant_role", args=[world.staff.pk]),
        {"role": Role.SYSTEM_ADMIN, "agency": "", "unit": ""},
    )

    assert response.status_code == 403
    assert not RoleGrant.objects.filter(user=world.staff).exists()


def test_admin_revokes_a_role(world, login):
    grant = RoleGrant.objects.get(user=world.officer)

    response = login(world.admin).post(reverse("accounts:revoke_role", args=[world.officer.pk, grant.pk]))

    grant.refresh_from_db()
    assert response.url == reverse("accounts:detail", args=[world.officer.pk])
    assert grant.revoked_at is not None
    log = ActivityLog.objects.get(action="accounts.role.revoked")
    assert log.data["before"] == {
        "role": Role.UNIT_OFFICER,
        "agency": world.agency.pk,
        "unit": world.division.pk,
    }


def test_revoke_is_post_only_and_checks_the_grant_belongs_to_the_account(world, login):
    grant = RoleGrant.objects.get(user=world.officer)
    client = login(world.admin)

    assert client.get(reverse("accounts:revoke_role", args=[world.officer.pk, grant.pk])).status_code == 405
    assert client.post(reverse("accounts:revoke_role", args=[world.head.pk, grant.pk])).status_code == 404
    grant.refresh_from_db()
    assert grant.revoked_at is None


@pytest.mark.parametrize("count", [1, 3])
def test_detail_query_count_does_not_grow_with_history(world, client, django_assert_num_queries, count):
    for _ in range(count):
        agency = AgencyFactory()
        log_action(actor=world.admin, action="accounts.account.updated", target=world.staff, agency=agency)
    client.force_login(world.admin)

    # user, scope (the session: cached_db, in the cache), the account with its person, its grants, its second
    # factor (device, invitation), its history with actors and agencies
    with django_assert_num_queries(8):
        response = client.get(reverse("accounts:detail", args=[world.staff.pk]))

    assert len(response.context["activity"]) == count
    assert all(entry.agency.name in response.content.decode() for entry in response.context["activity"])


def test_create_names_the_new_account_in_the_message(world, login):
    client = login(world.admin)
    data = {"username": "moi", "person": "", "password1": "Song-Hau-2025!", "password2": "Song-Hau-2025!"}

    response = client.post(reverse("accounts:create"), data, follow=True)

    assert User.objects.filter(username="moi").exists()
    assert [str(m) for m in response.context["messages"]] == ["Đã tạo tài khoản moi."]
