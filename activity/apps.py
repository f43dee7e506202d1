from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from .registry import registry


class ActivityConfig(AppConfig):
    name = "activity"
    verbose_name = _("Activity log")

    def ready(self):
        from lib import ratelimit
        from organisations import signals

        from .domain import log_announced
        from .security import log_throttled

        # Agencies and units are below the log: they announce their changes, the log writes them down.
        signals.changed.connect(log_announced, dispatch_uid="activity-organisations")
        # A rate limit reached is a security event (lib/ratelimit.py announces it once per window).
        ratelimit.throttled.connect(log_throttled, dispatch_uid="activity-throttled")
        # Each app's words for its actions and logged values (<app>/activity_labels.py).
        registry.discover()
