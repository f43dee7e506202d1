"""Django admin for initiatives and exemplary models: shown only, for the installation's administrators.
Recording, editing, evidence and photos go through achievements.domain on the staff screens (checked and
logged). Nothing is changed or deleted here."""

from django.contrib import admin

from .models import Evidence, ExemplaryModel, Initiative, InitiativeAuthor, Photo


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SuperuserOnlyMixin(ReadOnlyMixin):
    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser


class AuthorInline(ReadOnlyMixin, admin.TabularInline):
    model = InitiativeAuthor
    extra = 0
    fields = ("person", "share")


class EvidenceInline(ReadOnlyMixin, admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ("name", "content_type", "size", "sha256", "uploaded_by", "uploaded_at")


@admin.register(Initiative)
class InitiativeAdmin(SuperuserOnlyMixin, admin.ModelAdmin):
    list_display = ("title", "kind", "year", "agency", "unit", "recognition_level", "recognised_on")
    list_filter = ("kind", "recognition_level", "year", ("agency", admin.RelatedOnlyFieldListFilter))
    search_fields = ("search_text", "title")
    list_select_related = ("agency", "unit")
    inlines = (AuthorInline, EvidenceInline)


class PhotoInline(ReadOnlyMixin, admin.TabularInline):
    model = Photo
    extra = 0
    fields = ("caption", "content_type", "size", "uploaded_by", "uploaded_at")


@admin.register(ExemplaryModel)
class ExemplaryModelAdmin(SuperuserOnlyMixin, admin.ModelAdmin):
    list_display = ("title", "kind", "year", "agency", "movement")
    list_filter = ("kind", "year", ("agency", admin.RelatedOnlyFieldListFilter))
    search_fields = ("search_text", "title")
    list_select_related = ("agency", "movement")
    inlines = (PhotoInline,)
