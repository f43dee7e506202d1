"""sitemap.xml: the portal's lists and every published publication (django.contrib.sitemaps)."""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.urls import reverse
from django.views.decorators.http import require_GET

from publishing import public
from publishing.models import Kind

from .cache import cached_page
from .views import not_found

DETAIL_URL = {
    Kind.DOCUMENT: "portal:document",
    Kind.MOVEMENT: "portal:movement",
    Kind.EXEMPLARY: "portal:exemplar",
    Kind.ARTICLE: "portal:article",
    Kind.HONOUR_ROLL: "portal:honour_roll_decision",
}
LISTS = (
    "portal:home",
    "portal:documents",
    "portal:movements",
    "portal:exemplars",
    "portal:news",
    "portal:honour_roll",
)


class ListsSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return LISTS

    def location(self, item):
        return reverse(item)


class PublicationsSitemap(Sitemap):
    limit = 45_000

    def __init__(self, portal):
        self.portal = portal

    def items(self):
        return public.sitemap_items(self.portal)

    def location(self, item):
        return reverse(DETAIL_URL[item["kind"]], args=[item["slug"]])

    def lastmod(self, item):
        return item["updated_at"]


@require_GET
@cached_page
def sitemap(request):
    if getattr(request, "portal", None) is None:
        return not_found(request)
    sitemaps = {"lists": ListsSitemap(), "publications": PublicationsSitemap(request.portal)}
    return sitemap_views.sitemap(request, sitemaps)
