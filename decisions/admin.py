from django.contrib import admin

from .models import CertificateTemplate, Printer


@admin.register(CertificateTemplate)
class CertificateTemplateAdmin(admin.ModelAdmin):
    """The certificate design per agency and period: edited by the installation's administrators."""

    list_display = ("agency", "decider_title", "valid_from", "valid_to", "money_only_printed")
    list_filter = ("agency",)


@admin.register(Printer)
class PrinterAdmin(admin.ModelAdmin):
    list_display = ("agency", "name", "offset_x", "offset_y")
    list_filter = ("agency",)
