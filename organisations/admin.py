from django.contrib import admin

from .models import Agency, Unit


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "symbol", "kind", "code", "parent", "valid_from", "valid_to")
    list_filter = ("kind",)
    search_fields = ("name", "short_name", "symbol", "code", "search_text")
    list_select_related = ("parent",)
    raw_id_fields = ("parent", "successor")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "symbol", "agency", "parent", "kind", "valid_from", "valid_to")
    list_filter = ("kind", ("agency", admin.RelatedOnlyFieldListFilter))
    search_fields = ("name", "symbol", "search_text")
    list_select_related = ("agency", "parent")
    raw_id_fields = ("agency", "parent", "head", "successor")
