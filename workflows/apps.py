from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Workflows")

    def ready(self):
        # Each data app declares its tables in `<app>/workflow.py` and registers them there (as admin.py).
        autodiscover_modules("workflow")
