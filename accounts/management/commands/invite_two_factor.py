"""Let an account set up two-step verification: `manage.py invite_two_factor USERNAME`.

For the first administrator of an installation (nobody else can invite her) and for any account whose owner
lost the phone. Prints the one-time invitation code, the page where it is entered after logging in, and until
when it is valid. The code is stored only as a keyed hash; a new invitation cancels the previous one.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import timezone

from accounts.domain import issue_two_factor_invitation
from accounts.models import User


class Command(BaseCommand):
    help = "Issue a one-time invitation code to set up two-step verification for an account; prints it once."

    def add_arguments(self, parser):
        parser.add_argument("username", help="Username of the account.")

    def handle(self, *args, username, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản nào có tên đăng nhập “{username}”.")
        if not user.is_active:
            raise CommandError(f"Tài khoản “{username}” đã bị khoá: không cấp mã mời.")
        invitation, code = issue_two_factor_invitation(actor=None, account=user)
        page = settings.THIDUA_SITE_URL.rstrip("/") + reverse("accounts:two_factor_invitation")
        expires = timezone.localtime(invitation.expires_at).strftime("%H:%M %d/%m/%Y")
        self.stdout.write(f"Mã mời thiết lập xác thực hai bước cho “{username}”: {code}")
        self.stdout.write(f"Đăng nhập bằng mật khẩu rồi nhập mã tại: {page}")
        self.stdout.write(f"Mã dùng được một lần, đến {expires}.")
