import datetime as dt

from django.urls import reverse

from activity.models import ActivityLog
from people.models import Leave, Proceeding, QualityRating
from tests.factories import UserFactory


def test_person_admin_shows_assignments_ratings_and_disciplines(world, client):
    QualityRating.objects.create(person=world.office_person, year=2024, rating="good")
    Proceeding.objects.create(person=world.office_person, kind="inspection", opened_on=dt.date(2025, 9, 1))
    Leave.objects.create(person=world.office_person, start=dt.date(2025, 1, 1), end=dt.date(2025, 6, 30))
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(reverse("admin:people_person_change", args=[world.office_person.pk]))

    inlines = {
        formset.opts.model._meta.model_name: formset for formset in response.context["inline_admin_formsets"]
    }
    assert set(inlines) == {"assignment", "qualityrating", "discipline", "proceeding", "leave"}
    assert [form.original.unit for form in inlines["assignment"] if form.original] == [world.office]
    assert [form.original.year for form in inlines["qualityrating"] if form.original] == [2024]
    assert [form.original.kind for form in inlines["proceeding"] if form.original] == ["inspection"]
    assert [form.original.end for form in inlines["leave"] if form.original] == [dt.date(2025, 6, 30)]


def test_person_admin_search_ignores_accents(world, client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(reverse("admin:people_person_changelist"), {"q": "huong"})

    assert list(response.context["cl"].result_list) == [world.team_person]


def test_person_admin_saves_through_the_domain_and_only_shows_the_history(world, client):
    admin_user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    url = reverse("admin:people_person_change", args=[world.office_person.pk])
    page = client.get(url)
    data = {
        "staff_code": world.office_person.staff_code,
        "family_name": "Trần",
        "middle_name": "Thị",
        "given_name": "Lan",
        "gender": "male",
        "date_of_birth": "17/05/1985",
        "ethnicity": "Kinh",
        "staff_category": "civil_servant",
        "email": "",
        "phone": "0912 345 678",
    }
    management = {
        f"{prefix}-{key}": value
        for prefix in ("assignments", "ratings", "disciplines", "proceedings", "leaves")
        for key, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))
    }

    response = client.post(url, data | management)

    assert response.status_code == 302
    world.office_person.refresh_from_db()
    assert (world.office_person.phone, world.office_person.gender) == ("0912 345 678", "male")
    log = ActivityLog.objects.get(action="people.person.updated")
    assert log.actor == admin_user
    assert ("phone", "", "0912 345 678") in log.changes
    assert all(not formset.has_add_permission for formset in page.context["inline_admin_formsets"])
    assert client.get(reverse("admin:people_person_add")).status_code == 403
