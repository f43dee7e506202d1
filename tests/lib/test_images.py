"""Photos for the public: turned upright, at most 1600 px a side, re-encoded without any EXIF data."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from lib.images import public_photo
from tests.publishing.conftest import photo_with_location


def read_back(content: bytes):
    image = Image.open(io.BytesIO(content))
    image.load()
    return image


def test_a_phone_photo_loses_its_location_and_is_turned_upright():
    original = read_back(photo_with_location())
    assert original.getexif().get_ifd(0x8825)  # the GPS data is there before
    photo = public_photo(photo_with_location())
    image = read_back(photo.content)
    assert image.format == "JPEG" and photo.extension == ".jpg"
    assert image.size == (photo.width, photo.height) == (1067, 1600)  # 3000×2000 turned right, then resized
    assert not image.getexif() and "exif" not in image.info
    assert b"PhoneMaker" not in photo.content


def test_a_png_stays_png_without_its_metadata():
    photo = public_photo(photo_with_location((800, 600), kind="PNG"))
    image = read_back(photo.content)
    assert image.format == "PNG" and photo.extension == ".png"
    assert image.size == (600, 800)  # small enough: only turned upright
    assert not image.getexif() and "exif" not in image.info


def test_something_else_is_refused(english):
    with pytest.raises(ValidationError) as refused:
        public_photo(b"%PDF-1.4 not a photo")
    assert refused.value.messages == ["The photo could not be read: attach a JPEG or PNG image."]
