"""The public verification of certificates, open without an account; thidua/urls.py includes it at
"xac-minh/" — the address printed in every certificate's QR code (decisions/printing.VERIFY_PATH), which
must therefore never change."""

from django.urls import path

from . import public

app_name = "verification"

urlpatterns = [
    path("", public.lookup, name="lookup"),
    path("<str:code>/", public.verify, name="certificate"),
]
