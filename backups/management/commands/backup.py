"""`manage.py backup [--keep DAYS]`: one backup set (database and media files) in THIDUA_BACKUP_DIR."""

from django.core.management.base import BaseCommand, CommandError

from backups.archive import MEDIA, backup_directory, create_backup, read_manifest, remove_old_backups
from backups.connectors import BackupError


def size(number: float) -> str:
    """1234567 → "1,2 MB", with the Vietnamese decimal comma."""
    units = ["B", "kB", "MB", "GB"]
    while number >= 1000 and len(units) > 1:
        number /= 1000
        units.pop(0)
    return f"{number:.0f} B" if units[0] == "B" else f"{number:.1f} {units[0]}".replace(".", ",")


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into THIDUA_BACKUP_DIR (one folder per backup)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep",
            type=int,
            metavar="DAYS",
            help="Afterwards delete the backups older than DAYS days (the newest is always kept).",
        )

    def handle(self, *args, keep=None, **options):
        if keep is not None and keep < 1:
            raise CommandError("Số ngày giữ bản sao lưu (--keep) phải từ 1 trở lên.")
        directory = backup_directory()
        try:
            path = create_backup(directory=directory)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = read_manifest(path)
        database, media = (manifest["files"][name]["bytes"] for name in (manifest["database_file"], MEDIA))
        self.stdout.write(self.style.SUCCESS(f"Đã sao lưu vào {path}"))
        self.stdout.write(
            f"Cơ sở dữ liệu: {size(database)}; {manifest['media_files']} tệp đính kèm và tệp đã tạo "
            f"({size(media)} sau khi nén)."
        )
        if keep is not None:
            for old in remove_old_backups(directory=directory, keep_days=keep):
                self.stdout.write(f"Đã xoá bản sao lưu cũ {old.name} (quá {keep} ngày).")
