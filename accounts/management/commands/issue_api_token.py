"""Issue an API token for an account and print it once: `manage.py issue_api_token USERNAME [--name NAME]`.

Only the token is written to standard output, on one line, so scripts can capture it:
    TOKEN=$(manage.py issue_api_token ketnoi --name "Cổng dịch vụ công")
"""

from django.core.management.base import BaseCommand, CommandError

from accounts.domain import issue_api_token
from accounts.models import User
from lib.vntext import nfc


class Command(BaseCommand):
    help = "Issue an API token for an account; prints the token (shown only once, stored hashed)."

    def add_arguments(self, parser):
        parser.add_argument("username", help="Username of the account the token acts as.")
        parser.add_argument("--name", default="", help="What the token is for, e.g. the integrating system.")

    def handle(self, *args, username, name, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản nào có tên đăng nhập “{username}”.")
        if not user.is_active:
            raise CommandError(f"Tài khoản “{username}” đã bị khoá: không cấp mã truy cập API.")
        _token, raw = issue_api_token(actor=None, user=user, name=nfc(name))
        self.stdout.write(raw)
