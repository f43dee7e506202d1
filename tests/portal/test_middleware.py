"""portal/middleware.py: which portal — a mapped host, else /<portal-slug>/ (links keep the prefix), else
the default one; without one the home lists the portals. Resolution costs no query once kept."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from publishing.domain import publish_document, set_up_portal
from tests.publishing.conftest import issued_dispatch


def test_a_second_portal_at_its_slug_with_every_link_prefixed(client, site, settings):
    world = site.world
    set_up_portal(actor=None, agency=world.other_agency, slug="so-khac", title="Cổng Sở Khác")
    other = publish_document(actor=None, document=issued_dispatch(world.other_agency, number=7))
    home = client.get("/so-khac/").content.decode()
    assert "Cổng Sở Khác" in home and "07/SK-VP" in home
    assert f'href="/so-khac/van-ban/{other.slug}/"' in home and 'href="/so-khac/van-ban/"' in home
    assert "46/STNMT-VP" not in home  # the default portal's documents are not this one's
    assert client.get(f"/so-khac/van-ban/{other.slug}/").status_code == 200
    assert client.get(f"/van-ban/{other.slug}/").status_code == 404  # not on the default portal
    assert client.get(f"/so-khac/van-ban/{site.seed.slug}/").status_code == 404
    assert client.get("/").content.decode().count("Cổng Sở Khác") == 0


def test_a_host_name_maps_to_its_portal(client, site, settings):
    settings.ALLOWED_HOSTS = ["testserver", "congsokhac.example.vn"]
    hosts = ["congsokhac.example.vn"]
    other = site.world.other_agency
    set_up_portal(actor=None, agency=other, slug="so-khac", title="Cổng Sở Khác", hosts=hosts)
    page = client.get("/", HTTP_HOST="congsokhac.example.vn").content.decode()
    assert "Cổng Sở Khác" in page and 'href="/van-ban/"' in page


def test_without_a_default_portal_the_home_lists_the_portals(client, world):
    set_up_portal(actor=None, agency=world.agency, slug="so-thu-nghiem", title="Cổng Sở Thử nghiệm")
    response = client.get("/")
    assert response.status_code == 200
    assert 'href="/so-thu-nghiem/"' in response.content.decode()
    assert client.get("/van-ban/").status_code == 404


def test_resolution_costs_no_query_once_kept(rf, site):
    from portal.middleware import PortalMiddleware

    seen = {}

    def view(request):
        seen["portal"] = request.portal
        seen["path"] = request.path_info
        return None

    middleware = PortalMiddleware(view)
    middleware(rf.get("/so-thu-nghiem/van-ban/"))
    with CaptureQueriesContext(connection) as queries:
        middleware(rf.get("/so-thu-nghiem/van-ban/"))
    assert len(queries) == 0
    assert seen["portal"].slug == "so-thu-nghiem" and seen["path"] == "/van-ban/"
    assert seen["portal"].predecessor_names == ("Sở Tài nguyên và Môi trường",)


def test_the_staff_application_is_not_served_under_a_portal_prefix(client, site):
    response = client.get(f"/{site.portal.slug}/app/")
    assert response.status_code == 404
    assert response.templates[0].name == "portal/404.html"
