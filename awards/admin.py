"""Django admin for the catalogue of titles: data, edited here by an administrator when the law changes
(no code change); never deleted, since registrations and, later, awards point at its rows."""

from django.contrib import admin

from .models import Award


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "subject", "kind", "authority", "source_status", "registrable")
    list_filter = ("subject", "kind", "registrable")
    search_fields = ("name", "code")
    readonly_fields = ("code",)

    def has_delete_permission(self, request, obj=None):
        return False
