from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from accounts.domain import update_account
from accounts.models import ApiToken
from activity.models import ActivityLog
from api.auth import BearerToken


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
