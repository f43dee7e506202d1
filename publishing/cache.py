"""The version of everything the public portal keeps in the cache (lib.cacheversions): bumped by every
publish, withdrawal and republication (publishing.domain), and when a ledger row changes (a revocation hides
a line of the honour roll: the receiver below, connected by PublishingConfig.ready)."""

from lib.cacheversions import bump

PORTAL_VERSION = "portal"


def portal_changed(**_signal) -> None:
    """post_save / post_delete of an award record or a publication: the portal's pages are computed again."""
    bump(PORTAL_VERSION)
