from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.utils import timezone

from accounts.domain import update_account
from accounts.models import ApiToken, TwoFactorInvitation
from activity.models import ActivityLog
from api.auth import BearerToken
from api.errors import InvalidToken


def issue(*args) -> str:
    out = StringIO()
    call_command("issue_api_token", *args, stdout=out)
    return out.getvalue()


def test_issue_api_token_prints_only_the_token_and_stores_its_hash(world):
    output = issue("canbothidua", "--name", "Cổng dịch vụ công")
    raw = output.strip()
    token = ApiToken.objects.get(user=world.officer)
    assert output == raw + "\n"
    assert raw.startswith(ApiToken.PREFIX) and " " not in raw
    assert token.key_hash == ApiToken.hash(raw)
    assert raw not in {token.key_hash, token.hint, token.name}
    assert token.name == "Cổng dịch vụ công"
    assert ActivityLog.objects.filter(action="accounts.api_token.issued").count() == 1
    request = RequestFactory().get("/api/v1/people", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert BearerToken()(request) == world.officer


def test_each_call_issues_a_new_token(world):
    assert issue("nhanvien") != issue("nhanvien")
    assert ApiToken.objects.filter(user=world.staff).count() == 2


def test_unknown_user_is_a_vietnamese_error(world):
    with pytest.raises(CommandError, match="Không có tài khoản nào có tên đăng nhập “khongco”"):
        issue("khongco")
    assert not ApiToken.objects.exists()


def test_deactivated_user_gets_no_token(world):
    update_account(actor=None, account=world.staff, fields={"is_active": False})
    with pytest.raises(CommandError, match="đã bị khoá"):
        issue("nhanvien")
    assert not ApiToken.objects.exists()


def test_issue_api_token_takes_its_lifetime_in_days(world):
    issue("nhanvien", "--days", "30")
    token = ApiToken.objects.get(user=world.staff)
    assert (token.expires_at - token.created_at).days == 29  # 30 days less the microseconds between the two


def test_issue_api_token_lasts_90_days_by_default(world):
    issue("nhanvien")
    token = ApiToken.objects.get(user=world.staff)
    assert (token.expires_at - token.created_at).days == 89


def test_issue_api_token_refuses_more_days_than_allowed(world, settings):
    settings.THIDUA_API_TOKEN_MAX_DAYS = 180
    with pytest.raises(CommandError, match="Thời hạn của mã truy cập phải từ 1 đến 180 ngày"):
        issue("nhanvien", "--days", "365")
    assert not ApiToken.objects.exists()


def test_an_expired_token_is_refused_by_the_api(world):
    raw = issue("nhanvien").strip()
    ApiToken.objects.update(expires_at=timezone.now())
    request = RequestFactory().get("/api/v1/people", HTTP_AUTHORIZATION=f"Bearer {raw}")
    with pytest.raises(InvalidToken):
        BearerToken()(request)
    assert ApiToken.objects.get().last_used_at is None


# invite_two_factor


def invite(*args) -> str:
    out = StringIO()
    call_command("invite_two_factor", *args, stdout=out)
    return out.getvalue()


def test_invite_two_factor_prints_the_code_the_page_and_the_deadline(world, settings):
    settings.THIDUA_SITE_URL = "https://thidua.example.vn"
    output = invite("admin")
    invitation = TwoFactorInvitation.objects.get(user=world.admin)
    code = output.splitlines()[0].rsplit(" ", 1)[-1]
    assert invitation.matches(code) and invitation.issued_by is None
    assert "https://thidua.example.vn/accounts/two-factor/invitation/" in output
    assert timezone.localtime(invitation.expires_at).strftime("%H:%M %d/%m/%Y") in output
    log = ActivityLog.objects.get(action="accounts.two_factor.invited")
    assert (log.actor, log.target_id) == (None, str(world.admin.pk))
    assert code not in str(log.data)


def test_invite_two_factor_refuses_unknown_and_deactivated_accounts(world):
    with pytest.raises(CommandError, match="Không có tài khoản nào có tên đăng nhập “khongco”"):
        invite("khongco")
    update_account(actor=None, account=world.staff, fields={"is_active": False})
    with pytest.raises(CommandError, match="đã bị khoá"):
        invite("nhanvien")
    assert not TwoFactorInvitation.objects.exists()
