import datetime as dt

from django.urls import reverse
from django.utils import timezone

from dissemination import domain
from dissemination.models import Receipt


def test_admin_shows_disseminations_read_only(heads, document, client):
    dissemination = domain.disseminate(
        actor=None,
        document=document,
        people=[heads.team_person],
        due_date=timezone.localdate() + dt.timedelta(days=1),
    )
    client.force_login(heads.admin)
    heads.admin.is_staff = heads.admin.is_superuser = True
    heads.admin.save()

    page = client.get(reverse("admin:dissemination_dissemination_change", args=[dissemination.pk]))
    post = client.post(
        reverse("admin:dissemination_receipt_change", args=[dissemination.receipts.get().pk]), {}
    )

    assert "Đặng Thị Hương" in page.content.decode()
    assert post.status_code == 403
    assert Receipt.objects.get().read_at is None
