"""`manage.py load_demo`: load the demo data set once (running it again changes nothing).

It refuses, writing nothing, a production configuration and a database that already holds an installation's
own data — any account or agency while the demo is not there, since the demo creates all of its own — unless
`--force`: the demo's accounts share one published password.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from achievements.models import ExemplaryModel, Initiative
from demo.build import build, is_loaded
from movements.models import Movement, Registration
from organisations.models import Agency


def grouped(number: int) -> str:
    """1350 → "1.350": Vietnamese digit grouping, whatever the active language."""
    return f"{number:,}".replace(",", ".")


EMULATION = {
    "movements": Movement,
    "registrations": Registration,
    "initiatives": Initiative,
    "models": ExemplaryModel,
}


class Command(BaseCommand):
    help = (
        "Load the demo agencies, units, staff history, accounts, documents and emulation work (idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo even in production or beside existing data (one shared password).",
        )

    def handle(self, *args, force=False, **options):
        if not force:
            refuse_real_installations()
        if is_loaded():
            self.stdout.write("Dữ liệu mẫu đã được nạp từ trước — không thay đổi gì.")
            return
        started = time.perf_counter()
        c = {key: grouped(value) for key, value in build().items()}
        c |= {key: grouped(model.objects.count()) for key, model in EMULATION.items()}
        seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")
        message = (
            f"Đã nạp dữ liệu mẫu trong {seconds} giây: {c['agencies']} cơ quan, {c['units']} đơn vị, "
            f"{c['people']} cán bộ ({c['current']} đang công tác), {c['assignments']} quá trình công tác, "
            f"{c['ratings']} kết quả xếp loại, {c['accounts']} tài khoản, {c['documents']} văn bản, "
            f"{c['movements']} phong trào thi đua, {c['registrations']} bản đăng ký thi đua, "
            f"{c['initiatives']} sáng kiến, {c['models']} điển hình tiên tiến, mô hình mới, nhân tố mới."
        )
        self.stdout.write(self.style.SUCCESS(message))
        self.stdout.write("Xem tài khoản đăng nhập: manage.py demo_logins")


def refuse_real_installations() -> None:
    if settings.PRODUCTION:
        raise CommandError(
            "Không nạp dữ liệu mẫu vào hệ thống đang vận hành (THIDUA_ENV=production): các tài khoản "
            "mẫu dùng chung một mật khẩu công khai. Nếu thật sự cần (ví dụ máy thử nghiệm), "
            "chạy lại với --force."
        )
    if is_loaded():
        return
    accounts, agencies = User.objects.count(), Agency.objects.count()
    if accounts or agencies:
        raise CommandError(
            f"Cơ sở dữ liệu đã có dữ liệu không phải dữ liệu mẫu ({grouped(accounts)} tài khoản, "
            f"{grouped(agencies)} cơ quan): không nạp dữ liệu mẫu để không trộn lẫn với dữ liệu thật. "
            "Dùng một cơ sở dữ liệu trống, hoặc chạy lại với --force nếu thật sự muốn nạp thêm."
        )
