import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.test import RequestFactory
from django.urls import reverse

from activity.models import ActivityLog
from lib.forms import DomainForm, UploadField, check_text, reject_invisible, submit
from lib.uploads import ACCEPT
from people.models import Person
from tests.lib.test_utf8 import person_fields


class NameForm(DomainForm):
    name = forms.CharField()


def request_for(method: str, data=None):
    request = getattr(RequestFactory(), method)("/", data or {})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def rename(*, name):
    if name == "trùng":
        raise ValidationError({"name": "Tên đã có.", "other": "Lỗi chung."})
    return name.upper()


def test_a_valid_post_calls_the_action_and_says_so():
    request = request_for("post", {"name": "lan"})

    result = submit(request, NameForm(request.POST), rename, "Đã lưu.")

    assert result == "LAN"
    assert [str(m) for m in get_messages(request)] == ["Đã lưu."]


def test_the_message_may_be_a_function_of_the_result():
    request = request_for("post", {"name": "lan"})

    submit(request, NameForm(request.POST), rename, lambda result: f"Đã lưu {result}.")

    assert [str(m) for m in get_messages(request)] == ["Đã lưu LAN."]


def test_a_get_or_an_invalid_form_calls_nothing():
    get = request_for("get")
    post = request_for("post", {"name": ""})

    assert submit(get, NameForm(), rename, "Đã lưu.") is None
    assert submit(post, NameForm(post.POST), rename, "Đã lưu.") is None
    assert list(get_messages(get)) == list(get_messages(post)) == []


def test_validation_errors_of_the_action_go_back_on_the_form():
    request = request_for("post", {"name": "trùng"})
    form = NameForm(request.POST)

    assert submit(request, form, rename, "Đã lưu.") is None

    assert form.errors == {"name": ["Tên đã có."], "__all__": ["Lỗi chung."]}
    assert list(get_messages(request)) == []


def test_the_upload_field_checks_the_content_and_hands_the_file_back_from_its_start():
    field = UploadField()

    upload = field.clean(SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4\n%%EOF\n"))

    assert upload.name == "bao-cao.pdf" and upload.read(5) == b"%PDF-"
    assert field.widget.attrs["accept"] == ACCEPT


def test_the_upload_field_refuses_what_the_content_betrays():
    with pytest.raises(ValidationError) as refused:
        UploadField().clean(SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00" + b"\x00" * 60))

    assert refused.value.code == "executable"


def test_an_optional_upload_field_may_stay_empty():
    assert UploadField(required=False).clean(None) is None


class NoteForm(DomainForm):
    note = forms.CharField(max_length=10, widget=forms.Textarea)
    title = forms.CharField(max_length=5)


def test_a_line_break_counts_as_one_character_as_in_the_browser():
    """Browsers send "\\r\\n" for a line break that their maxlength counted as one character."""
    data = QueryDict(mutable=True)
    data.update({"note": "12345\r\n789", "title": "abc"})
    form = NoteForm(data)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["note"] == "12345\n789"


def test_over_the_limit_is_refused_not_cut_and_the_limit_is_said():
    form = NoteForm({"note": "x" * 11, "title": "abc"})

    assert not form.is_valid() and "note" in form.errors
    assert form.fields["note"].help_text == "Tối đa 10 ký tự."
    assert form.fields["title"].help_text == ""  # a one-line input shows its limit by its maxlength alone
    assert 'maxlength="10"' in str(form["note"])


class ProfileForm(DomainForm):
    name = forms.CharField(max_length=100)
    note = forms.CharField(required=False, max_length=1000, widget=forms.Textarea)
    password = forms.CharField(required=False, widget=forms.PasswordInput)


def test_a_name_with_a_hidden_character_is_refused_with_the_character_named(english):
    for name, words in [("Lan\u202eAnh", "direction of the text (U+202E)"), ("La\u200bn", "zero-width")]:
        form = ProfileForm({"name": name})

        assert not form.is_valid()
        assert words in form.errors["name"][0]
        assert form.errors["name"].as_data()[0].code.startswith("text_")


def test_free_text_keeps_the_joiners_drops_pasted_noise_and_refuses_direction_controls():
    kept = ProfileForm({"name": "Lan", "note": "Một\u200b việc 👩\u200d💻\nxong"})
    refused = ProfileForm({"name": "Lan", "note": "abc\u202edef"})

    assert kept.is_valid() and kept.cleaned_data["note"] == "Một việc 👩\u200d💻\nxong"
    assert not refused.is_valid() and list(refused.errors) == ["note"]


def test_text_left_undecoded_is_refused_everywhere_and_passwords_are_left_as_typed():
    form = ProfileForm({"name": "Lan", "note": "Ng\ufffd\ufffdn", "password": "a\u200bb\u202e"})

    assert not form.is_valid()
    assert list(form.errors) == ["note"]


def test_the_validator_serves_model_fields_too():
    assert check_text("Nguyễn Văn An") == "Nguyễn Văn An"
    assert reject_invisible(12) is None
    with pytest.raises(ValidationError):
        reject_invisible("An\u2066")


@pytest.mark.django_db
@pytest.mark.parametrize(("hidden", "words"), [("\u202e", "U+202E"), ("\u200b", "U+200B")])
def test_a_person_named_with_a_hidden_character_is_not_saved(world, login, english, hidden, words):
    person = world.team_person
    data = person_fields(person, family_name=f"Nguy{hidden}ễn")

    response = login(world.secretariat).post(reverse("people:edit", args=[person.pk]), data)

    assert response.status_code == 200
    assert words in " ".join(response.context["form"].errors["family_name"])
    assert Person.objects.get(pk=person.pk).family_name == person.family_name
    assert not ActivityLog.objects.filter(action="people.person.updated").exists()
