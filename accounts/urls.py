from django.contrib.auth import views as auth_views
from django.urls import path

from . import two_factor_views, views
from .forms import LoginForm

app_name = "accounts"
urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html",
            authentication_form=LoginForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),  # POST only (Django 5)
    path("two-factor/", two_factor_views.second_factor, name="two_factor"),
    path("two-factor/invitation/", two_factor_views.invitation, name="two_factor_invitation"),
    path("two-factor/set-up/", two_factor_views.enrol, name="two_factor_enrol"),
    path("two-factor/qr.svg", two_factor_views.qr_code, name="two_factor_qr"),
    path("me/", views.me, name="me"),
    path("me/password/", views.change_password, name="change_password"),
    path("me/tokens/", views.token_create, name="token_create"),
    path("me/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("", views.account_list, name="list"),
    path("new/", views.account_create, name="create"),
    path("<int:pk>/", views.account_detail, name="detail"),
    path("<int:pk>/edit/", views.account_edit, name="edit"),
    path("<int:pk>/roles/grant/", views.grant_role, name="grant_role"),
    path("<int:pk>/two-factor/invite/", two_factor_views.invite, name="two_factor_invite"),
    path("<int:pk>/roles/<int:grant_pk>/revoke/", views.revoke_role, name="revoke_role"),
]
