"""`manage.py backup` and `manage.py restore`: a database with files makes the round trip whole, on SQLite and
PostgreSQL; a set that is incomplete or altered is refused before anything changes."""

import hashlib
import json
import shutil
import stat

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection

from accounts.models import User
from organisations.models import Agency
from tests.factories import AgencyFactory

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def places(settings, tmp_path):
    settings.THIDUA_BACKUP_DIR = tmp_path / "backups"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return tmp_path


def rows() -> dict[str, int]:
    """Every table's row count, many-to-many tables included."""
    return {
        model._meta.label: model._base_manager.count() for model in apps.get_models(include_auto_created=True)
    }


def media(root) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def only_set(places):
    (backup,) = (places / "backups").iterdir()
    return backup


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the law data of the migrations is needed
def test_a_database_with_files_comes_back_whole(places, capsys):
    call_command("load_demo")
    (places / "media" / "tệp tải lên" / "Quyết định khen thưởng.pdf").parent.mkdir(parents=True)
    (places / "media" / "tệp tải lên" / "Quyết định khen thưởng.pdf").write_bytes(
        b"%PDF-1.7\n" + bytes(range(256))
    )
    before_rows, before_files = rows(), media(places / "media")
    assert before_rows["accounts.User"] >= 9 and before_rows["documents.Document"] > 0
    assert len(before_files) >= 5 and any(name.startswith("documents/") for name in before_files)

    call_command("backup")
    assert "Đã sao lưu vào" in capsys.readouterr().out
    call_command("flush", interactive=False)
    shutil.rmtree(places / "media")
    assert rows()["accounts.User"] == 0 and not (places / "media").exists()
    cache.set("scope-of-a-replaced-account", "stale")

    call_command("restore", interactive=False)
    assert "Đã phục hồi bản sao lưu" in capsys.readouterr().out
    assert cache.get("scope-of-a-replaced-account") is None  # nothing cached from the replaced data
    assert rows() == before_rows
    assert media(places / "media") == before_files
    AgencyFactory()  # the sequences came back too: a new row takes a new id
    assert Agency.objects.count() == before_rows["organisations.Agency"] + 1


@pytest.mark.django_db(transaction=True)
def test_a_backup_is_one_private_folder_with_a_manifest_of_checksums(places, capsys):
    AgencyFactory(name="Sở Sao lưu")
    (places / "media").mkdir()
    (places / "media" / "a.txt").write_text("tệp đính kèm", encoding="utf-8")
    call_command("backup")
    backup = only_set(places)
    manifest = json.loads((backup / "manifest.json").read_text(encoding="utf-8"))
    database = manifest["database_file"]
    assert manifest["engine"] == connection.vendor and manifest["media_files"] == 1
    assert sorted(p.name for p in backup.iterdir()) == sorted([database, "manifest.json", "media.tar.gz"])
    for name, described in manifest["files"].items():
        assert described["sha256"] == hashlib.sha256((backup / name).read_bytes()).hexdigest()
    assert {stat.S_IMODE(folder.stat().st_mode) for folder in (backup.parent, backup)} == {0o700}
    assert {stat.S_IMODE(file.stat().st_mode) for file in backup.iterdir()} == {0o600}  # owner only


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (
            lambda b: (b / "media.tar.gz").write_bytes(b"khong phai tep nen"),
            "media.tar.gz đã bị thay đổi hoặc hỏng",
        ),
        (lambda b: next(b.glob("database.*")).unlink(), "thiếu tệp database."),
        (lambda b: (b / "manifest.json").unlink(), "thiếu hoặc hỏng tệp manifest.json"),
    ],
    ids=["altered", "missing", "no-manifest"],
)
def test_restore_refuses_a_missing_or_altered_file_and_changes_nothing(places, damage, message):
    AgencyFactory(name="Sở Trước")
    call_command("backup")
    damage(only_set(places))
    AgencyFactory(name="Sở Sau")
    with pytest.raises(CommandError, match=message):
        call_command("restore", interactive=False)
    assert set(Agency.objects.values_list("name", flat=True)) == {"Sở Trước", "Sở Sau"}


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_backup_of_another_database_engine(places):
    call_command("backup")
    manifest_path = only_set(places) / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest_path.write_text(json.dumps(manifest | {"engine": "mysql"}), encoding="utf-8")
    with pytest.raises(CommandError, match=f"cơ sở dữ liệu mysql, đang dùng {connection.vendor}"):
        call_command("restore", interactive=False)


@pytest.mark.django_db
def test_restore_names_what_is_missing(places):
    with pytest.raises(CommandError, match=r"Chưa có bản sao lưu nào .*manage.py backup"):
        call_command("restore", interactive=False)
    (places / "backups" / "2026-01-02-030000").mkdir(parents=True)
    with pytest.raises(CommandError, match=r"Không có bản sao lưu “2025-01-01-000000”.*2026-01-02-030000"):
        call_command("restore", "2025-01-01-000000", interactive=False)


@pytest.mark.django_db(transaction=True)
def test_restore_asks_first_and_a_no_changes_nothing(places, monkeypatch, capsys):
    AgencyFactory(name="Sở Trước")
    call_command("backup")
    AgencyFactory(name="Sở Sau")
    questions = []
    monkeypatch.setattr("builtins.input", lambda question: questions.append(question) or "không")
    call_command("restore")
    assert "THAY THẾ toàn bộ dữ liệu" in questions[0] and "Đã huỷ" in capsys.readouterr().out
    assert Agency.objects.count() == 2
    monkeypatch.setattr("builtins.input", lambda question: "có")
    call_command("restore", only_set(places).name)
    assert list(Agency.objects.values_list("name", flat=True)) == ["Sở Trước"]


@pytest.mark.django_db(transaction=True)
def test_keep_deletes_backups_older_than_the_days_given(places, capsys):
    old, recent, other = (
        places / "backups" / name for name in ("2020-01-01-000000", "2999-01-01-000000", "ghi-chu")
    )
    for folder in (old, recent, other):
        folder.mkdir(parents=True)
    call_command("backup", "--keep", "7")
    assert "Đã xoá bản sao lưu cũ 2020-01-01-000000" in capsys.readouterr().out
    assert not old.exists() and recent.exists() and other.exists()
    assert len(list((places / "backups").iterdir())) == 3  # the new one, the recent one, the notes
    with pytest.raises(CommandError, match="--keep"):
        call_command("backup", "--keep", "0")


@pytest.mark.django_db
def test_restore_lists_the_backups(places, capsys):
    (places / "backups" / "2026-01-02-030000").mkdir(parents=True)
    call_command("restore", "--list")
    out = capsys.readouterr().out
    assert "2026-01-02-030000" in out and "thiếu hoặc hỏng tệp manifest.json" in out
    assert User.objects.count() == 0
