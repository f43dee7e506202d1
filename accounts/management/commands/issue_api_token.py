"""Issue an API token for an account and print it once:
`manage.py issue_api_token USERNAME [--name NAME] [--days DAYS]` (valid 90 days unless told, at most
THIDUA_API_TOKEN_MAX_DAYS).

Only the token is written to standard output, on one line, so scripts can capture it:
    TOKEN=$(manage.py issue_api_token ketnoi --name "Cổng dịch vụ công")
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.domain import issue_api_token
from accounts.models import User
from lib.vntext import nfc


class Command(BaseCommand):
    help = "Issue an API token for an account; prints the token (shown only once, stored hashed)."

    def add_arguments(self, parser):
        parser.add_argument("username", help="Username of the account the token acts as.")
        parser.add_argument("--name", default="", help="What the token is for, e.g. the integrating system.")
        parser.add_argument("--days", type=int, default=90, help="Days the token is valid (default 90).")

    def handle(self, *args, username, name, days, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản nào có tên đăng nhập “{username}”.")
        if not user.is_active:
            raise CommandError(f"Tài khoản “{username}” đã bị khoá: không cấp mã truy cập API.")
        limit = settings.THIDUA_API_TOKEN_MAX_DAYS
        if not 1 <= days <= limit:
            raise CommandError(f"Thời hạn của mã truy cập phải từ 1 đến {limit} ngày (--days).")
        _token, raw = issue_api_token(actor=None, user=user, name=nfc(name), days=days)
        self.stdout.write(raw)
