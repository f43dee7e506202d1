"""Atom feeds of a portal's latest documents and news (django.contrib.syndication)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from publishing import public
from publishing.models import Kind

from .cache import cached_page
from .views import not_found

DETAIL_URL = {Kind.DOCUMENT: "portal:document", Kind.ARTICLE: "portal:article"}


class PortalFeed(Feed):
    feed_type = Atom1Feed
    kind = Kind.DOCUMENT
    list_url = "portal:documents"
    heading = _("Documents")

    def __call__(self, request, *args, **kwargs):
        if getattr(request, "portal", None) is None:
            return not_found(request)
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return request.portal

    def title(self, portal):
        return f"{self.heading} — {portal.title}"

    def subtitle(self, portal):
        return portal.agency_name

    def link(self, portal):
        return reverse(self.list_url)

    def items(self, portal):
        return public.feed_items(portal, self.kind)

    def item_title(self, item):
        reference = item.facts.get("reference")
        return f"{reference} — {item.title}" if reference and reference not in item.title else item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return reverse(DETAIL_URL[self.kind], args=[item.slug])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at or item.published_at or timezone.now()


class NewsFeed(PortalFeed):
    kind = Kind.ARTICLE
    list_url = "portal:news"
    heading = _("News")

    def item_author_name(self, item):
        return item.facts.get("author") or None


feed_documents = cached_page(PortalFeed())
feed_news = cached_page(NewsFeed())
