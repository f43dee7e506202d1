"""The addresses (issue 16): the staff screens under /app/, their old addresses redirected there for good, and
what stays at the root (the probe, the sign-in, the API, the admin site, the certificates' verification)."""

from django.test import Client
from django.urls import URLResolver, get_resolver, resolve, reverse

from notifications.domain import notify
from notifications.models import Notification

# the staff screens at the root before issue 16
MOVED = {
    "units/", "people/", "activity/", "documents/", "dissemination/", "notifications/", "movements/",
    "registrations/", "achievements/", "awards/", "nominations/", "council/", "decisions/", "calendar/",
}  # fmt: skip
PASSWORD = "mat-khau-dai-du-12"


def test_the_staff_screens_live_under_app_with_their_names_unchanged():
    staff = next(p for p in get_resolver().url_patterns if str(p.pattern) == "app/")
    assert {str(p.pattern) for p in staff.url_patterns if isinstance(p, URLResolver)} >= MOVED
    assert not {str(p.pattern) for p in get_resolver().url_patterns} & MOVED  # none left at the root
    assert (reverse("home"), reverse("documents:list"), reverse("awards:due")) == (
        "/app/",
        "/app/documents/",
        "/app/awards/due/",
    )
    assert resolve("/app/documents/5/").view_name == "documents:detail"


def test_an_old_address_is_moved_for_good_with_its_path_and_query(client, db):
    response = client.get("/documents/5/?q=k%E1%BA%BF+ho%E1%BA%A1ch&page=2")

    assert response.status_code == 301
    assert response["Location"] == "/app/documents/5/?q=k%E1%BA%BF+ho%E1%BA%A1ch&page=2"
    assert client.head("/awards/due/").status_code == 301
    assert client.get("/units/t%E1%BB%95/")["Location"] == "/app/units/t%E1%BB%95/"  # the path stays encoded


def test_an_old_address_posted_to_keeps_the_method_and_no_token_is_asked(db):
    client = Client(enforce_csrf_checks=True)

    answers = [getattr(client, method)("/documents/x") for method in ("post", "put", "delete", "patch")]

    assert [(a.status_code, a["Location"]) for a in answers] == [(308, "/app/documents/x")] * 4


def test_a_form_posted_to_its_old_address_is_posted_again_to_the_new_one(world, login):
    notify(users=[world.staff], title="Văn bản mới")
    client = login(world.staff)

    response = client.post("/notifications/read-all/", follow=True)

    assert response.redirect_chain[0] == ("/app/notifications/read-all/", 308)
    assert response.request["PATH_INFO"] == reverse("notifications:inbox")
    assert not Notification.objects.filter(user=world.staff, read_at__isnull=True).exists()


def test_an_old_address_without_its_slash_arrives_too(world, login):
    response = login(world.staff).get("/people", follow=True)

    assert response.redirect_chain == [("/people/", 301), ("/app/people/", 301)]
    assert response.status_code == 200 and response.resolver_match.view_name == "people:list"


def test_only_the_old_prefixes_are_moved(client, db):
    assert client.get("/documentsx/").status_code == 404
    assert client.get("/publishing/").status_code == 404  # a screen added after the move: no old address
    assert client.get("/app/documents/")["Location"].startswith(reverse("accounts:login"))  # no loop


def test_the_staff_home_is_at_app_for_a_signed_in_account(world, login):
    response = login(world.staff).get("/app/")

    assert response.status_code == 200 and response.resolver_match.view_name == "home"
    assert 'data-testid="todo"' in response.content.decode()


def test_after_signing_in_the_staff_home_opens(world, client):
    world.staff.set_password(PASSWORD)
    world.staff.save()

    response = client.post(reverse("accounts:login"), {"username": "nhanvien", "password": PASSWORD})

    assert response.status_code == 302 and response["Location"] == "/app/"


def test_the_root_is_the_public_portal(client, db):
    response = client.get("/")

    assert response.status_code == 200 and response.resolver_match.view_name == "portal:home"
    assert resolve("/van-ban/").view_name == "portal:documents"  # the portal comes after everything else


def test_what_stays_at_the_root(client, db):
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok"}
    assert reverse("accounts:login") == "/accounts/login/"
    assert client.get("/accounts/login/").status_code == 200
    api = client.get("/api/v1/people")
    assert api.status_code == 401 and "detail" in api.json()  # the API itself, not a redirect
    assert reverse("verification:certificate", args=["ABC"]) == "/xac-minh/ABC/"
    assert client.get("/xac-minh/").status_code == 200
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    assert reverse("set_language") == "/i18n/setlang/"
