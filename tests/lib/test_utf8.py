"""Text that is not UTF-8 is refused at the edge (lib/utf8.py), never saved as "�" (issue 11, point 7)."""

import json
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from activity.models import ActivityLog
from lib.utf8 import API_MESSAGE, is_utf8
from people.models import Person

pytestmark = pytest.mark.django_db
REFUSED = "not valid text (not UTF-8)"


def person_fields(person, **overrides) -> dict:
    fields = {
        "family_name": person.family_name,
        "middle_name": person.middle_name,
        "given_name": person.given_name,
        "staff_code": person.staff_code,
        "gender": "female",
        "date_of_birth": "17/05/1985",
        "ethnicity": "Kinh",
        "staff_category": "civil_servant",
        "email": "",
        "phone": "",
    }
    return fields | overrides


def multipart(fields: dict, raw_field: tuple[str, bytes], boundary="----thidua") -> bytes:
    """A multipart body with the fields, and one field whose value is the raw bytes given."""
    parts = [(name, value.encode()) for name, value in fields.items()] + [raw_field]
    body = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode() + value + b"\r\n"
        for name, value in parts
    )
    return body + f"--{boundary}--\r\n".encode()


def unchanged(person) -> bool:
    fresh = Person.objects.get(pk=person.pk)
    return (fresh.family_name, fresh.given_name) == (person.family_name, person.given_name) and not (
        ActivityLog.objects.filter(action="people.person.updated").exists()
    )


def test_a_form_body_that_is_not_utf8_is_refused_and_nothing_is_saved(world, login, english):
    person = world.team_person
    body = urlencode(person_fields(person, family_name="X")).replace(
        "family_name=X", "family_name=%C3%28%C3%28"
    )

    response = login(world.secretariat).post(
        reverse("people:edit", args=[person.pk]), body, content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    assert unchanged(person)


def test_a_multipart_field_that_is_not_utf8_is_refused_and_nothing_is_saved(world, login):
    person = world.team_person
    fields = person_fields(person)
    fields.pop("given_name")
    body = multipart(fields, ("given_name", b"H\xe6\xf8ng"))  # "Hương" typed in an 8-bit encoding

    response = login(world.secretariat).post(
        reverse("people:edit", args=[person.pk]),
        body,
        content_type="multipart/form-data; boundary=----thidua",
    )

    assert response.status_code == 400
    assert "không phải UTF-8" in response.content.decode()
    assert unchanged(person)


def test_a_valid_vietnamese_form_still_goes_through(world, login):
    person = world.team_person
    body = urlencode(person_fields(person, family_name="Đặng", given_name="Hương"))

    response = login(world.secretariat).post(
        reverse("people:edit", args=[person.pk]), body, content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 302
    assert Person.objects.get(pk=person.pk).full_name.startswith("Đặng")


def test_a_query_string_that_is_not_utf8_is_refused(world, login, english):
    client = login(world.secretariat)

    refused = client.get(reverse("people:list") + "?q=%C3%28")
    accepted = client.get(reverse("people:list") + "?q=Nguy%E1%BB%85n")

    assert (refused.status_code, accepted.status_code) == (400, 200)
    assert REFUSED in refused.content.decode()
    assert accepted.context["form"].cleaned_data["q"] == "Nguyễn"


def test_the_api_answers_its_json_shape(world, login):
    client = login(world.secretariat)

    query = client.get("/api/v1/people?q=%FF")
    body = client.post("/api/v1/eligibility", b'{"person": "\xc3\x28"}', content_type="application/json")

    assert (query.status_code, body.status_code) == (400, 400)
    assert json.loads(query.content) == json.loads(body.content) == {"detail": API_MESSAGE}


@pytest.mark.parametrize(
    ("raw", "form", "valid"),
    [
        (b"a=%C3%A9&b=2", True, True),
        (b"a=\xc3\xa9", True, True),  # sent without percent-encoding
        (b"a=%C3%28", True, False),
        (b"a=%C3&b=%A9", True, False),  # one character cut in two fields
        (b"a=%C3+%A9", True, False),  # "+" is a space in a form
        (b'{"a": "\xc3\xa9 %C3"}', False, True),  # JSON is not percent-decoded
        (b'{"a": "\xe9"}', False, False),
    ],
)
def test_is_utf8(raw, form, valid):
    assert is_utf8(raw, form=form) is valid
