"""Django admin for accounts. Role grants and API tokens change only through accounts.domain (logged)."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from . import domain
from .models import ApiToken, RoleGrant, User


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    fk_name = "user"
    extra = 0
    can_delete = False
    fields = readonly_fields = ("role", "agency", "unit", "granted_by", "granted_at", "revoked_at")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(User)
class ThiduaUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "email", "person", "is_active", "last_login")
    list_select_related = ("person",)
    raw_id_fields = ("person",)
    fieldsets = (
        *UserAdmin.fieldsets[:1],
        (_("Personal info"), {"fields": ("first_name", "last_name", "email", "person")}),
        *UserAdmin.fieldsets[2:],
    )
    inlines = (RoleGrantInline,)


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "agency", "unit", "granted_at", "revoked_at")
    list_filter = ("role", ("agency", admin.RelatedOnlyFieldListFilter))
    search_fields = ("user__username", "user__first_name", "user__last_name")
    list_select_related = ("user", "agency", "unit")
    raw_id_fields = ("user", "agency", "unit")
    actions = ("revoke",)

    def get_fields(self, request, obj=None):
        return ("user", "role", "agency", "unit") if obj is None else self.get_readonly_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return (
            ()
            if obj is None
            else ("user", "role", "agency", "unit", "granted_by", "granted_at", "revoked_at")
        )

    def save_model(self, request, obj, form, change):
        if not change:  # new grants go through the domain function (permission check, log, e-mail)
            grant = domain.grant_role(
                actor=request.user, user=obj.user, role=obj.role, agency=obj.agency, unit=obj.unit
            )
            obj.pk = grant.pk

    @admin.action(description=_("Revoke the selected roles"))
    def revoke(self, request, queryset):
        grants = queryset.active().select_related("user", "agency")
        for grant in grants:
            domain.revoke_role(actor=request.user, grant=grant)
        self.message_user(request, _("%(count)d roles revoked.") % {"count": len(grants)}, messages.SUCCESS)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are issued on the user's own page; here they are seen and revoked. The hash is never shown."""

    list_display = ("hint", "name", "user", "created_at", "expires_at", "last_used_at", "revoked_at")
    list_filter = ("created_at", "revoked_at")
    search_fields = ("user__username", "name", "hint")
    list_select_related = ("user",)
    fields = readonly_fields = (
        "user",
        "name",
        "hint",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    )
    actions = ("revoke",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Revoke the selected tokens"), permissions=["view"])
    def revoke(self, request, queryset):
        tokens = queryset.active().select_related("user")
        for token in tokens:
            domain.revoke_api_token(actor=request.user, token=token)
        self.message_user(request, _("%(count)d tokens revoked.") % {"count": len(tokens)}, messages.SUCCESS)
