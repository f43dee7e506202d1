"""`manage.py load_demo`: load the demo data set once (running it again changes nothing)."""

import time

from django.core.management.base import BaseCommand

from achievements.models import ExemplaryModel, Initiative
from demo.build import build, is_loaded
from movements.models import Movement, Registration


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

    def handle(self, *args, **options):
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
