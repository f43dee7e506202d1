"""Recompute the derived `search_text` (word-start search) and `sort_key` (per-part collation) of every person."""

from django.db import migrations


def refresh(apps, schema_editor):
    from lib.vntext import collation_key, fold

    Person = apps.get_model("people", "Person")
    batch = []
    for person in Person.objects.all().iterator(chunk_size=1000):
        full_name = " ".join(p for p in (person.family_name, person.middle_name, person.given_name) if p)
        person.search_text = " " + fold(f"{full_name} {person.staff_code} {person.email}")
        person.sort_key = collation_key(person.given_name, person.family_name, person.middle_name)
        batch.append(person)
        if len(batch) == 1000:
            Person.objects.bulk_update(batch, ["search_text", "sort_key"])
            batch = []
    Person.objects.bulk_update(batch, ["search_text", "sort_key"])


class Migration(migrations.Migration):
    dependencies = [("people", "0002_search_indexes")]
    operations = [migrations.RunPython(refresh, migrations.RunPython.noop)]
