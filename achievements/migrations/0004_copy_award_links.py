# Copy each award that rested on an initiative (awards.AwardRecord.initiative, with its person) onto the
# author's row of that initiative, and back. A record whose person is no longer among the initiative's
# authors has no row to go to: it loses its link (the domain refused such records; editing the authors
# afterwards was the only way to get one).

from django.db import migrations


def to_authors(apps, schema_editor):
    AwardRecord = apps.get_model("awards", "AwardRecord")
    InitiativeAuthor = apps.get_model("achievements", "InitiativeAuthor")
    records = AwardRecord.objects.filter(initiative__isnull=False, person__isnull=False)
    for pk, initiative_id, person_id in records.values_list("pk", "initiative_id", "person_id").iterator():
        InitiativeAuthor.objects.filter(initiative_id=initiative_id, person_id=person_id).update(
            award_record_id=pk
        )


def to_records(apps, schema_editor):
    AwardRecord = apps.get_model("awards", "AwardRecord")
    InitiativeAuthor = apps.get_model("achievements", "InitiativeAuthor")
    authors = InitiativeAuthor.objects.filter(award_record__isnull=False)
    for record_id, initiative_id in authors.values_list("award_record_id", "initiative_id").iterator():
        AwardRecord.objects.filter(pk=record_id).update(initiative_id=initiative_id)


class Migration(migrations.Migration):
    dependencies = [("achievements", "0003_initiativeauthor_award_record")]

    operations = [migrations.RunPython(to_authors, to_records)]
