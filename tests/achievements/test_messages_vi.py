"""What a civil servant reads when an initiative or a photo is refused: Vietnamese (other tests compare the
English msgids)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from achievements.models import Photo
from tests.achievements.helpers import PDF_BYTES, make_initiative, make_model, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def test_shares_not_adding_up(world):
    with pytest.raises(ValidationError) as caught:
        make_initiative(
            world, authors=[(world.division_person, Decimal("60")), (world.team_person, Decimal("30"))]
        )
    assert caught.value.messages == [
        "Tổng tỷ lệ đóng góp của các tác giả là 90%; tổng này phải bằng đúng 100%."
    ]


def test_a_non_image_photo(client, world, media):
    model = make_model(world)
    client.force_login(world.officer)
    response = client.post(
        reverse("achievements:photo_add", args=[model.pk]),
        {"file": upload("anh.png", PDF_BYTES, "image/png")},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    assert "Ảnh phải là tệp hình PNG hoặc JPEG" in response.content.decode()
    assert not Photo.objects.exists()
