from django.urls import reverse

from people.models import QualityRating
from tests.factories import UserFactory


def test_person_admin_shows_assignments_ratings_and_disciplines(world, client):
    QualityRating.objects.create(person=world.office_person, year=2024, rating="good")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(reverse("admin:people_person_change", args=[world.office_person.pk]))

    inlines = {
        formset.opts.model._meta.model_name: formset for formset in response.context["inline_admin_formsets"]
    }
    assert set(inlines) == {"assignment", "qualityrating", "discipline"}
    assert [form.original.unit for form in inlines["assignment"] if form.original] == [world.office]
    assert [form.original.year for form in inlines["qualityrating"] if form.original] == [2024]


def test_person_admin_search_ignores_accents(world, client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(reverse("admin:people_person_changelist"), {"q": "huong"})

    assert list(response.context["cl"].result_list) == [world.team_person]
