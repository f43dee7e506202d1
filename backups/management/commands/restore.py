"""`manage.py restore [NAME] [--no-input] [--list]`: put back a backup set — the newest unless NAME is given.

Stop the application server and the task worker first: the database and the media files are replaced.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from backups.archive import (
    backup_directory,
    find_backup,
    list_backups,
    read_manifest,
    restore_backup,
    verify_backup,
)
from backups.connectors import BackupError

YES = {"có", "co", "yes", "y"}


class Command(BaseCommand):
    help = "Restore the database and the uploaded files from a backup (the newest, or the one named)."

    def add_arguments(self, parser):
        parser.add_argument("name", nargs="?", help="The backup's folder name (default: the newest).")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )
        parser.add_argument(
            "--list", action="store_true", dest="show_list", help="List the backups and change nothing."
        )

    def handle(self, *args, name=None, interactive=True, show_list=False, **options):
        directory = backup_directory()
        if show_list:
            return self.list_backups(directory)
        try:
            path = find_backup(directory=directory, name=name)
            manifest = verify_backup(path=path)
            if interactive and not self.confirmed(path):
                self.stdout.write("Đã huỷ: không thay đổi gì.")
                return
            restore_backup(path=path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã phục hồi bản sao lưu {path.name} (lập lúc {manifest['created']}): cơ sở dữ liệu và "
                f"{manifest['media_files']} tệp. Nếu phần mềm mới hơn bản sao lưu, chạy `manage.py migrate`."
            )
        )

    def confirmed(self, path) -> bool:
        database = connections["default"].settings_dict["NAME"]
        answer = input(
            f"Phục hồi bản sao lưu {path.name} sẽ THAY THẾ toàn bộ dữ liệu trong cơ sở dữ liệu "
            f"“{database}” và các tệp trong {settings.MEDIA_ROOT}. "
            "Hãy dừng máy chủ ứng dụng và tiến trình nền trước.\n"
            "Gõ “có” để tiếp tục: "
        )
        return answer.strip().lower() in YES

    def list_backups(self, directory) -> None:
        found = list_backups(directory=directory)
        if not found:
            self.stdout.write(f"Chưa có bản sao lưu nào trong {directory}.")
        for path in reversed(found):
            try:
                manifest = read_manifest(path)
            except BackupError as exc:
                self.stdout.write(f"{path.name}  {exc}")
                continue
            self.stdout.write(f"{path.name}  {manifest['engine']}, {manifest['media_files']} tệp")
