"""Screens of accounts: the user's own page, and account management for administrators.

Login and logout are Django's views with our templates (see urls.py); the second factor is in
two_factor_views.py.
"""

from functools import partial

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from activity.access import activity_for_object
from lib.forms import submit

from . import domain, two_factor
from .access import EDIT, accounts_for_user, can_manage_account, get_account_for_user, require_account_manager
from .forms import (
    AccountCreateForm,
    AccountEditForm,
    AccountSearchForm,
    ApiTokenForm,
    GrantRoleForm,
    PasswordChangeForm,
)
from .models import RoleGrant

PAGE_SIZE = 50


# --- the user's own account ---


def _me_context(request, **extra) -> dict:
    user = request.user
    return {
        "account": user,
        "grants": user.role_grants.active().select_related("agency", "unit"),
        "tokens": user.api_tokens.unrevoked(),
        "two_factor_on": two_factor.confirmed_device(user) is not None,
        "password_form": PasswordChangeForm(user),
        "token_form": ApiTokenForm(),
        **extra,
    }


@login_required
def me(request):
    return render(request, "accounts/me.html", _me_context(request))


@login_required
@require_POST
def change_password(request):
    form = PasswordChangeForm(request.user, request.POST)
    if not form.is_valid():
        return render(request, "accounts/me.html", _me_context(request, password_form=form))
    domain.set_password(actor=request.user, account=request.user, password=form.cleaned_data["new_password1"])
    update_session_auth_hash(request, request.user)
    messages.success(request, _("Your password has been changed."))
    return redirect("accounts:me")


@never_cache
@login_required
@require_POST
def token_create(request):
    """Issue a token and show it once, in this response only."""
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        try:
            token, raw = domain.issue_api_token(actor=request.user, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("days", error)
        else:
            return render(
                request, "accounts/me.html", _me_context(request, new_token=raw, new_token_record=token)
            )
    return render(request, "accounts/me.html", _me_context(request, token_form=form))


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(request.user.api_tokens.unrevoked(), pk=pk)
    domain.revoke_api_token(actor=request.user, token=token)
    messages.success(request, _("The token has been revoked."))
    return redirect("accounts:me")


# --- account management (administrators) ---


@login_required
def account_list(request):
    require_account_manager(request.user)
    form = AccountSearchForm(request.GET)
    grants = Prefetch(
        "role_grants",
        queryset=RoleGrant.objects.active().select_related("agency", "unit"),
        to_attr="active_grants",
    )
    accounts = form.filter(accounts_for_user(request.user)).select_related("person").prefetch_related(grants)
    page = Paginator(accounts.order_by("username", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    template = "accounts/list.html#results" if request.htmx else "accounts/list.html"
    return render(request, template, {"form": form, "page": page})


@login_required
def account_detail(request, pk):
    account = get_account_for_user(request.user, pk)
    can_manage = can_manage_account(request.user, account)
    context = {
        "account": account,
        "grants": account.role_grants.select_related("agency", "unit", "granted_by").order_by(
            F("revoked_at").desc(nulls_first=True), "role"
        ),
        "activity": activity_for_object(request.user, account)[:20],
        "can_manage": can_manage,
        "two_factor_on": two_factor.confirmed_device(account) is not None,
        "invitation": account.two_factor_invitations.pending().first() if can_manage else None,
        "can_invite": can_manage and account.pk != request.user.pk,
    }
    return render(request, "accounts/detail.html", context)


def _created(account) -> str:
    return _("The account %(username)s has been created.") % {"username": account.username}


@login_required
def account_create(request):
    require_account_manager(request.user)
    form = AccountCreateForm(request.POST or None, actor=request.user)
    if account := submit(request, form, partial(domain.create_account, actor=request.user), _created):
        return redirect("accounts:detail", account.pk)
    return render(request, "accounts/form.html", {"form": form, "account": None})


@login_required
def account_edit(request, pk):
    account = get_account_for_user(request.user, pk, action=EDIT)
    form = AccountEditForm(request.POST or None, actor=request.user, account=account)
    action = partial(domain.update_account, actor=request.user, account=account)
    if submit(request, form, action, _("The account has been saved.")):
        return redirect("accounts:detail", account.pk)
    return render(request, "accounts/form.html", {"form": form, "account": account})


@login_required
def grant_role(request, pk):
    account = get_account_for_user(request.user, pk, action=EDIT)
    form = GrantRoleForm(request.POST or None, actor=request.user)
    action = partial(domain.grant_role, actor=request.user, user=account)
    if submit(request, form, action, _("The role has been granted.")):
        return redirect("accounts:detail", account.pk)
    return render(request, "accounts/grant_role.html", {"form": form, "account": account})


@login_required
@require_POST
def revoke_role(request, pk, grant_pk):
    account = get_account_for_user(request.user, pk, action=EDIT)
    grant = get_object_or_404(
        account.role_grants.active().select_related("agency", "unit", "user"), pk=grant_pk
    )
    domain.revoke_role(actor=request.user, grant=grant)
    messages.success(request, _("The role has been revoked."))
    return redirect("accounts:detail", account.pk)
