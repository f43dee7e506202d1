"""Django admin for documents: the kinds (Phụ lục III, data) are edited here; documents, their numbers and
the number sequences only shown — drafting, issuing and registering go through documents.domain on the
staff screens (checked, numbered under a lock and logged). Nothing is deleted."""

from django.contrib import admin

from .models import Attachment, Document, DocumentKind, LegalBasis, NumberSequence


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DocumentKind)
class DocumentKindAdmin(admin.ModelAdmin):
    list_display = ("name", "abbreviation", "code", "has_title", "uses_addressees", "position")
    search_fields = ("name", "abbreviation", "code")

    def has_delete_permission(self, request, obj=None):
        return False


class LegalBasisInline(ReadOnlyMixin, admin.TabularInline):
    model = LegalBasis
    fk_name = "document"
    extra = 0
    fields = ("position", "cited", "text")


class AttachmentInline(ReadOnlyMixin, admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ("name", "content_type", "size", "sha256", "uploaded_by", "uploaded_at")


@admin.register(Document)
class DocumentAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("subject", "reference", "kind", "agency", "direction", "status", "issued_on")
    list_filter = ("direction", "status", "kind", ("agency", admin.RelatedOnlyFieldListFilter))
    search_fields = ("search_text", "subject", "notation")
    list_select_related = ("kind", "agency")
    date_hierarchy = "issued_on"
    inlines = (LegalBasisInline, AttachmentInline)

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(NumberSequence)
class NumberSequenceAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("agency", "year", "series", "last_number")
    list_filter = ("series", "year")
    list_select_related = ("agency",)
