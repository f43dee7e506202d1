"""Backup sets: one folder per backup in THIDUA_BACKUP_DIR, named by its local time (2026-05-09-020000):

- `database.<ext>`: the database dump (PostgreSQL: pg_dump's custom format; SQLite: a copy of the file),
- `media.tar.gz`: every file under MEDIA_ROOT (attachments, signed scans, generated PDFs),
- `manifest.json`: when, from which database engine, and the size and sha256 of each of the two files.

A set is written under a hidden name and renamed once complete, so a set that is listed is whole. Restoring
checks the manifest first and changes nothing when a file is missing or differs.
"""

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tarfile
import tempfile
from pathlib import Path
from shutil import copyfileobj

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.utils import timezone

from .connectors import BackupError, database_connector

MANIFEST = "manifest.json"
MEDIA = "media.tar.gz"
NAME_FORMAT = "%Y-%m-%d-%H%M%S"
NAME = re.compile(r"\d{4}-\d{2}-\d{2}-\d{6}(-\d+)?")
STAGING_PREFIX = ".restoring-"


def backup_directory() -> Path:
    return Path(settings.THIDUA_BACKUP_DIR)


def create_backup(*, directory: Path, alias: str = "default") -> Path:
    """Dump the database, then archive the media files; returns the new set's folder."""
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    name = _free_name(directory, timezone.localtime().strftime(NAME_FORMAT))
    partial = directory / f".{name}.partial"
    partial.mkdir(mode=0o700)
    try:
        connector = database_connector(alias)
        database = f"database.{connector.extension}"
        _write_private(partial / database, connector.create_dump())
        media_files = _archive_media(partial / MEDIA, Path(settings.MEDIA_ROOT))
        manifest = {
            "created": timezone.localtime().isoformat(timespec="seconds"),
            "engine": connections[alias].vendor,
            "database_file": database,
            "media_files": media_files,
            "files": {file: _describe(partial / file) for file in (database, MEDIA)},
        }
        _write_private(partial / MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False).encode())
        partial.rename(directory / name)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return directory / name


def list_backups(*, directory: Path) -> list[Path]:
    """The complete sets in `directory`, oldest first."""
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.is_dir() and NAME.fullmatch(p.name))


def find_backup(*, directory: Path, name: str | None = None) -> Path:
    found = list_backups(directory=directory)
    if name is None:
        if not found:
            raise BackupError(f"Chưa có bản sao lưu nào trong {directory}: chạy `manage.py backup` trước.")
        return found[-1]
    chosen = directory / name
    if chosen not in found:
        names = ", ".join(p.name for p in found[-5:]) or "không có"
        raise BackupError(f"Không có bản sao lưu “{name}” trong {directory} (các bản gần nhất: {names}).")
    return chosen


def read_manifest(path: Path) -> dict:
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
        dict(manifest["files"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BackupError(
            f"Bản sao lưu {path.name} thiếu hoặc hỏng tệp {MANIFEST}: không thể phục hồi."
        ) from exc
    return manifest


def verify_backup(*, path: Path, alias: str = "default") -> dict:
    """The set's manifest, once every file it lists is there with its sha256; else BackupError, naming all."""
    manifest = read_manifest(path)
    files = manifest["files"]
    problems = [_problem(path / file, expected) for file, expected in sorted(files.items())]
    if set(files) != {manifest.get("database_file"), MEDIA}:
        problems.append(f"danh mục phải ghi đúng hai tệp (cơ sở dữ liệu và {MEDIA})")
    if manifest.get("engine") != connections[alias].vendor:
        problems.append(
            f"bản sao lưu của cơ sở dữ liệu {manifest.get('engine')}, đang dùng {connections[alias].vendor}"
        )
    if problems := [p for p in problems if p]:
        raise BackupError(
            f"Không phục hồi bản sao lưu {path.name}, không thay đổi gì: " + "; ".join(problems) + ". "
            "Hãy chọn một bản sao lưu khác (`manage.py restore --list`)."
        )
    return manifest


def restore_backup(*, path: Path, alias: str = "default") -> dict:
    """Replace the database and the media files with the set's; returns its manifest."""
    manifest = verify_backup(path=path, alias=alias)
    media_root = Path(settings.MEDIA_ROOT)
    staging = _unpack_media(path / MEDIA, media_root)  # first: a bad archive stops before any change
    try:
        connector = database_connector(alias)
        with (path / manifest["database_file"]).open("rb") as dump:
            connector.restore_dump(dump)
        connections[alias].close()  # the restored tables are new objects: start a fresh session
        _replace_media(media_root, staging)
        caches["default"].clear()  # sessions, scopes and counts cached from the replaced data
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest


def remove_old_backups(*, directory: Path, keep_days: int) -> list[Path]:
    """Delete the sets made more than `keep_days` days ago, always keeping the newest; returns them."""
    limit = timezone.localtime() - dt.timedelta(days=keep_days)
    removed = [path for path in list_backups(directory=directory)[:-1] if _made(path) < limit]
    for path in removed:
        shutil.rmtree(path)
    return removed


def _made(path: Path) -> dt.datetime:
    naive = dt.datetime.strptime(path.name[:17], NAME_FORMAT)
    return timezone.make_aware(naive)


def _free_name(directory: Path, name: str) -> str:
    candidate, number = name, 1
    while (directory / candidate).exists() or (directory / f".{candidate}.partial").exists():
        number += 1
        candidate = f"{name}-{number}"
    return candidate


def _write_private(path: Path, content) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        if isinstance(content, bytes):
            file.write(content)
        else:
            copyfileobj(content, file)
        file.flush()
        os.fsync(file.fileno())


def _archive_media(target: Path, media_root: Path) -> int:
    files = sorted(
        p
        for p in (media_root.rglob("*") if media_root.is_dir() else [])
        if p.is_file() and not p.relative_to(media_root).parts[0].startswith(STAGING_PREFIX)
    )
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
        for path in files:
            tar.add(path, arcname=path.relative_to(media_root).as_posix(), recursive=False)
    return len(files)


def _describe(path: Path) -> dict:
    return {"bytes": path.stat().st_size, "sha256": _sha256(path)}


def _sha256(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def _problem(path: Path, expected: dict) -> str:
    if not path.is_file():
        return f"thiếu tệp {path.name}"
    if _sha256(path) != expected.get("sha256"):
        return f"tệp {path.name} đã bị thay đổi hoặc hỏng (mã kiểm tra sha256 không khớp)"
    return ""


def _unpack_media(archive: Path, media_root: Path) -> Path:
    media_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=media_root))  # same file system: renames
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(staging, filter="data")
    except (OSError, tarfile.TarError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise BackupError(f"Không giải nén được {archive}: {exc}. Không thay đổi gì.") from exc
    return staging


def _replace_media(media_root: Path, staging: Path) -> None:
    for entry in media_root.iterdir():
        if entry != staging:
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
    for entry in staging.iterdir():
        entry.rename(media_root / entry.name)
