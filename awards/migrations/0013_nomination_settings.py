"""The agency settings for posting the list of its own and the province's awards before the council
(law-nominations.md §3: the sector model of 5 working days, Thông tư 07/2026/TT-BGDĐT Điều 19 khoản 4) and for proposing a
collective and its head in the same year."""

from django.db import migrations

CODES = ("posting-own-days", "head-with-collective")


def add(apps, schema_editor):
    from awards.law import SETTINGS

    Setting = apps.get_model("awards", "Setting")
    for position, (code, name, default, choices, citation, status) in enumerate(SETTINGS):
        if code in CODES:
            Setting.objects.update_or_create(
                code=code,
                defaults={"name": name, "default": default, "choices": choices, "citation": citation,
                          "source_status": status, "position": position},
            )  # fmt: skip


def remove(apps, schema_editor):
    apps.get_model("awards", "Setting").objects.filter(code__in=CODES).delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0012_due_snapshots")]
    operations = [migrations.RunPython(add, remove)]
