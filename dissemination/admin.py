"""Django admin for disseminations: read-only; they change only through dissemination.domain (logged)."""

from django.contrib import admin

from .models import Dissemination, Receipt


class ReadOnlyAdmin(admin.ModelAdmin):
    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReceiptInline(admin.TabularInline):
    model = Receipt
    fk_name = "dissemination"
    extra = 0
    fields = ("person", "via_unit", "read_at", "implemented_at", "implementation_note", "reminded_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Dissemination)
class DisseminationAdmin(ReadOnlyAdmin):
    list_display = ("document", "sender", "created_at", "due_date", "requires_implementation")
    list_select_related = ("document", "sender")
    inlines = [ReceiptInline]


@admin.register(Receipt)
class ReceiptAdmin(ReadOnlyAdmin):
    list_display = ("person", "dissemination", "via_unit", "read_at", "implemented_at")
    list_select_related = ("person", "dissemination__document", "via_unit")
    raw_id_fields = ("person",)
