"""Django admin for the council: its roles are data, edited here (a new role, a renamed one); never deleted,
since seats point at them. Councils, terms and meetings are shown read-only — they change only through
council.domain (the council's screens), which logs each change. The ballot box, the participations and the
named votes are not in the admin at all."""

from django.contrib import admin

from .models import Council, CouncilRole, Meeting, Term


@admin.register(CouncilRole)
class CouncilRoleAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "standing", "secretary", "position")
    list_editable = ("position",)
    search_fields = ("name", "code")

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Council)
class CouncilAdmin(ReadOnly):
    list_display = ("name", "agency")


@admin.register(Term)
class TermAdmin(ReadOnly):
    list_display = ("council", "starts_on", "ends_on", "decision")


@admin.register(Meeting)
class MeetingAdmin(ReadOnly):
    list_display = ("title", "council", "date", "format", "status")
    list_filter = ("status", "format")
    exclude = ("counters",)
