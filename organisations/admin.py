"""Django admin for agencies and units. Saving goes through organisations.domain (checked and logged);
successors are set by a merger, so they are shown, not edited; nothing is deleted (history stays whole)."""

from django.contrib import admin

from . import domain
from .models import Agency, Unit


class DomainAdmin(admin.ModelAdmin):
    """Save through the domain: `create(request, fields)` and `update(request, fresh object, fields)`."""

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        if change:
            self.update(request, self.model.objects.get(pk=obj.pk), fields)
        else:
            obj.pk = self.create(request, dict(form.cleaned_data)).pk
            obj._state.adding = False  # the admin goes on with `obj` (messages, redirect)


@admin.register(Agency)
class AgencyAdmin(DomainAdmin):
    list_display = ("name", "symbol", "kind", "code", "parent", "valid_from", "valid_to")
    list_filter = ("kind",)
    search_fields = ("name", "short_name", "symbol", "code", "search_text")
    list_select_related = ("parent",)
    fields = (*domain.AGENCY_FIELDS, "successor")
    readonly_fields = ("successor",)
    raw_id_fields = ("parent",)

    def create(self, request, fields):
        return domain.create_agency(actor=request.user, fields=fields)

    def update(self, request, agency, fields):
        domain.update_agency(actor=request.user, agency=agency, fields=fields)


@admin.register(Unit)
class UnitAdmin(DomainAdmin):
    list_display = ("name", "symbol", "agency", "parent", "kind", "valid_from", "valid_to")
    list_filter = ("kind", ("agency", admin.RelatedOnlyFieldListFilter))
    search_fields = ("name", "symbol", "search_text")
    list_select_related = ("agency", "parent")
    fields = ("agency", *domain.UNIT_FIELDS, "successor")
    raw_id_fields = ("agency", "parent")

    def get_readonly_fields(self, request, obj=None):
        return ("successor",) if obj is None else ("agency", "successor")  # a unit never changes agency

    def create(self, request, fields):
        return domain.create_unit(actor=request.user, agency=fields.pop("agency"), fields=fields)

    def update(self, request, unit, fields):
        domain.update_unit(actor=request.user, unit=unit, fields=fields)
