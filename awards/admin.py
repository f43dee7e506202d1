"""Django admin for the catalogue of titles: data, edited here by an administrator when the law changes
(no code change); never deleted, since registrations and, later, awards point at its rows."""

from django.contrib import admin

from .models import Award, AwardRule, BaseSalary, RuleSet


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "subject", "kind", "authority", "source_status", "registrable")
    list_filter = ("subject", "kind", "registrable")
    search_fields = ("name", "code")
    readonly_fields = ("code",)

    def has_delete_permission(self, request, obj=None):
        return False


class AwardRuleInline(admin.TabularInline):
    model = AwardRule
    extra = 0
    fields = (
        "award",
        "coefficient",
        "coefficient_citation",
        "source_status",
        "council_threshold",
        "council_citation",
        "council_status",
    )


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    """A new legal era is added here (or by a migration of awards/law.py): data, not code."""

    list_display = (
        "name",
        "code",
        "effective_from",
        "effective_to",
        "first_year",
        "last_year",
        "source_status",
    )
    inlines = [AwardRuleInline]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BaseSalary)
class BaseSalaryAdmin(admin.ModelAdmin):
    list_display = ("effective_from", "amount", "instrument", "source_status")

    def has_delete_permission(self, request, obj=None):
        return False
