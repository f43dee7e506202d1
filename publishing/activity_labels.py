"""The publishing's words in the activity log (read by activity/registry.py)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "publishing.publication.published": _("Published on the portal"),
    "publishing.publication.withdrawn": _("Withdrawn from the portal"),
    "publishing.publication.republished": _("Published on the portal again"),
    "publishing.article.created": _("News article written"),
    "publishing.article.updated": _("News article changed"),
    "publishing.portal.set_up": _("Portal set up"),
}
