"""Django admin for people. Personal data are saved through people.domain (checked and logged); people are
added, and their posts, ratings, disciplines, matters under review and leave recorded, on the staff screens,
which keep the history whole, so the admin only shows them. Nothing is deleted."""

from django.contrib import admin

from . import domain
from .models import Assignment, Discipline, Leave, Person, Proceeding, QualityRating, UnitQualityRating


class HistoryInline(admin.TabularInline):
    """Shown, never changed here."""

    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AssignmentInline(HistoryInline):
    model = Assignment


class QualityRatingInline(HistoryInline):
    model = QualityRating


class DisciplineInline(HistoryInline):
    model = Discipline


class ProceedingInline(HistoryInline):
    model = Proceeding


class LeaveInline(HistoryInline):
    model = Leave


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("full_name", "staff_code", "agency", "gender", "date_of_birth", "staff_category")
    list_filter = ("staff_category", "gender", ("agency", admin.RelatedOnlyFieldListFilter))
    search_fields = ("search_text", "family_name", "given_name", "staff_code", "email")
    list_select_related = ("agency",)
    fields = ("agency", *domain.PERSON_FIELDS)
    readonly_fields = ("agency",)
    inlines = (AssignmentInline, QualityRatingInline, DisciplineInline, ProceedingInline, LeaveInline)
    ordering = ("sort_key", "id")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        domain.update_person(actor=request.user, person=Person.objects.get(pk=obj.pk), fields=fields)


@admin.register(UnitQualityRating)
class UnitQualityRatingAdmin(admin.ModelAdmin):
    """Collective ratings, shown only: recorded (checked and logged) on the unit's page or imported."""

    list_display = ("unit", "year", "rating", "note")
    list_filter = ("year", "rating")
    search_fields = ("unit__name", "unit__symbol")
    list_select_related = ("unit", "unit__agency")
    ordering = ("-year", "unit__name")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
