"""Django admin for the law as data — the catalogue, rule sets, each award's rule (coefficient, threshold,
cap, criteria) and the base salaries: edited here by an administrator when the law changes (no code change);
never deleted, since registrations, verdicts and the ledger point at them. The ledger itself and the agencies'
settings change only through awards.domain (the "who is due" and catalogue screens)."""

from django.contrib import admin

from .models import Award, AwardRecord, AwardRule, BaseSalary, Criterion, RuleSet, Setting


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


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0
    fields = ("position", "code", "params", "citation", "source_status")


@admin.register(AwardRule)
class AwardRuleAdmin(admin.ModelAdmin):
    list_display = ("award", "rule_set", "coefficient", "council_threshold", "quota_share", "source_status")
    list_filter = ("rule_set", "award__kind")
    inlines = [CriterionInline]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Setting)
class SettingAdmin(admin.ModelAdmin):
    """The reference's defaults; an agency's own value is set on the catalogue screen (logged)."""

    list_display = ("name", "code", "default", "source_status")

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AwardRecord)
class AwardRecordAdmin(admin.ModelAdmin):
    list_display = ("award", "year", "person", "unit", "decision", "amount")
    list_filter = ("year", "award")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
