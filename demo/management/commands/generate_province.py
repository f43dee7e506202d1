"""`manage.py generate_province`: a province-sized data set for benchmarks (demo/province, see its docstring).

    manage.py generate_province --people 50000 --units 2000 --documents 100000 --years 10 --agencies 10

Running it again finds the province there and changes nothing. Like load_demo it refuses, writing nothing, a
production configuration and a database holding other data (any account or agency) unless `--force`: the
accounts share one published password.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.models import User
from demo.province.bulk import grouped
from demo.province.catalogue import AGENCIES
from demo.province.generate import analyse, generate, is_generated, summary
from demo.province.world import Config
from organisations.models import Agency

DEFAULTS = Config()


class Command(BaseCommand):
    help = (
        "Generate a province of people, units, documents and emulation history for benchmarks (idempotent)."
    )

    def add_arguments(self, parser):
        for name, help_text in (
            ("people", "people (default %(default)s)"),
            ("units", "units, about (default %(default)s)"),
            ("documents", "documents, about (default %(default)s)"),
            ("years", "rated years before the current one (default %(default)s)"),
            ("agencies", f"departments, 1–{len(AGENCIES)} (default %(default)s)"),
            ("seed", "random seed (default %(default)s)"),
        ):
            parser.add_argument(f"--{name}", type=int, default=getattr(DEFAULTS, name), help=help_text)
        parser.add_argument(
            "--force", action="store_true", help="Generate even in production or beside other data."
        )

    def handle(self, *args, force=False, **options):
        config = self._config(options)
        if not force:
            refuse_real_installations()
        if is_generated():
            self.stdout.write("Dữ liệu tỉnh đã được sinh từ trước — không thay đổi gì.")
            self._table()
            return
        started = time.perf_counter()
        generate(config, self.stderr)
        analyse()
        seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")
        self.stdout.write(self.style.SUCCESS(f"Đã sinh dữ liệu tỉnh trong {seconds} giây."))
        self._table()

    def _config(self, options) -> Config:
        values = {
            name: options[name] for name in ("people", "units", "documents", "years", "agencies", "seed")
        }
        if not 1 <= values["agencies"] <= len(AGENCIES):
            raise CommandError(f"--agencies phải từ 1 đến {len(AGENCIES)}.")
        if min(values["people"], values["units"], values["years"]) < 1 or values["documents"] < 0:
            raise CommandError("--people, --units và --years phải lớn hơn 0; --documents không âm.")
        return Config(today=timezone.localdate(), **values)

    def _table(self) -> None:
        rows = summary()
        width = max(len(label) for label, _name, _count in rows)
        self.stdout.write(f"{'Bảng':<{width}}  {'Tên':<36}  {'Số dòng':>10}")
        for label, name, count in rows:
            self.stdout.write(f"{label:<{width}}  {name[:36]:<36}  {grouped(count):>10}")
        self.stdout.write(f"{'Tổng':<{width}}  {'':<36}  {grouped(sum(c for _l, _n, c in rows)):>10}")


def refuse_real_installations() -> None:
    if settings.PRODUCTION:
        raise CommandError(
            "Không sinh dữ liệu tỉnh vào hệ thống đang vận hành (THIDUA_ENV=production): các tài khoản dùng "
            "chung một mật khẩu công khai. Nếu thật sự cần (máy đo hiệu năng), chạy lại với --force."
        )
    if is_generated():
        return
    accounts, agencies = User.objects.count(), Agency.objects.count()
    if accounts or agencies:
        raise CommandError(
            f"Cơ sở dữ liệu đã có dữ liệu khác ({grouped(accounts)} tài khoản, {grouped(agencies)} cơ quan): "
            "không sinh dữ liệu tỉnh để không trộn lẫn. Dùng một cơ sở dữ liệu trống, hoặc chạy lại với "
            "--force."
        )
