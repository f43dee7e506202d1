from django.contrib import admin

from .models import Assignment, Discipline, Person, QualityRating


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    raw_id_fields = ("unit",)


class QualityRatingInline(admin.TabularInline):
    model = QualityRating
    extra = 0


class DisciplineInline(admin.TabularInline):
    model = Discipline
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("full_name", "staff_code", "agency", "gender", "date_of_birth", "staff_category")
    list_filter = ("staff_category", "gender", ("agency", admin.RelatedOnlyFieldListFilter))
    search_fields = ("search_text", "family_name", "given_name", "staff_code", "email")
    list_select_related = ("agency",)
    raw_id_fields = ("agency",)
    inlines = (AssignmentInline, QualityRatingInline, DisciplineInline)
    ordering = ("sort_key", "id")
