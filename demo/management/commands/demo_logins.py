"""`manage.py demo_logins`: print the demo accounts, their shared password, role and scope."""

from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.models import User
from demo import data
from demo.build import is_loaded

COLUMNS = ("Tên đăng nhập", "Mật khẩu", "Vai trò", "Phạm vi")


def scope_text(account: User) -> str:
    grant = account.role_grants.active().select_related("agency", "unit").first()
    if grant is None:
        assignment = account.person.current_assignment if account.person_id else None
        return f"{assignment.unit} — {assignment.unit.agency}" if assignment else "—"
    if grant.unit_id:
        return f"{grant.unit} — {grant.agency}"
    return str(grant.agency) if grant.agency_id else "Toàn hệ thống"


def rows() -> list[tuple[str, ...]]:
    accounts = User.objects.select_related("person").in_bulk(
        [a.username for a in data.ACCOUNTS], field_name="username"
    )
    return [
        (spec.username, data.PASSWORD, spec.label, scope_text(accounts[spec.username]))
        for spec in data.ACCOUNTS
        if spec.username in accounts
    ]


def table(lines: list[tuple[str, ...]]) -> str:
    widths = [max(len(line[i]) for line in [COLUMNS, *lines]) for i in range(len(COLUMNS))]

    def fmt(line) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()

    return "\n".join([fmt(COLUMNS), fmt(tuple("-" * w for w in widths)), *map(fmt, lines)])


def logins_text() -> str:
    if not is_loaded():
        return "Chưa nạp dữ liệu mẫu: chạy `manage.py load_demo` (hoặc `make run`)."
    lines = rows()
    if not lines:
        return "Không tìm thấy tài khoản mẫu nào."
    return f"Tài khoản mẫu (mật khẩu chung: {data.PASSWORD}):\n{table(lines)}"


def outbox_text() -> str:
    """Where the e-mails are, when they are written to files instead of being sent (the demo)."""
    if settings.EMAIL_BACKEND != "django.core.mail.backends.filebased.EmailBackend":
        return ""
    return f"Thư điện tử không gửi đi mà lưu thành tệp trong thư mục: {settings.EMAIL_FILE_PATH}"


class Command(BaseCommand):
    help = "Print the demo logins (username, password, role, scope)."

    def handle(self, *args, **options):
        self.stdout.write(logins_text())
        if outbox := outbox_text():
            self.stdout.write(outbox)
