"""The fund page and the payment list download (merged into decisions/urls.py, app "decisions")."""

from django.urls import path

from .views import funds, payments

urlpatterns = [
    path("fund/", funds.fund_page, name="fund"),
    path("fund/set/", funds.fund_set, name="fund_set"),
    path("<int:pk>/payment-list.xlsx", payments.payment_list_view, name="payment_list"),
]
