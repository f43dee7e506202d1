"""Photos for the public: the orientation applied, no side longer than MAX_SIDE pixels, re-encoded (JPEG
stays JPEG, PNG stays PNG) without any of the original's metadata — EXIF (the camera, the place where it was
taken), XMP, comments, colour profiles. Only the pixels cross over to the new file."""

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_SIDE = 1600
JPEG_QUALITY = 85


@dataclass(frozen=True)
class PublicPhoto:
    content: bytes
    extension: str  # ".jpg" or ".png"
    width: int
    height: int


def _unreadable() -> ValidationError:
    return ValidationError(_("The photo could not be read: attach a JPEG or PNG image."), code="image")


def public_photo(content: bytes, *, max_side: int = MAX_SIDE) -> PublicPhoto:
    """`content` (a JPEG or PNG file) as a photo the portal may show (see the module)."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(content)) as original:
            kind = original.format
            if kind not in {"JPEG", "PNG"}:
                raise _unreadable()
            image = ImageOps.exif_transpose(original)  # the camera's rotation, before EXIF goes
            image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
            clean = Image.new(image.mode, image.size)  # a new image: nothing of the original but its pixels
            clean.paste(image)
            if image.mode == "P" and image.getpalette():
                clean.putpalette(image.getpalette())
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError) as error:
        raise _unreadable() from error
    return _encode(clean, kind)


def _encode(image, kind: str) -> PublicPhoto:
    out = io.BytesIO()
    if kind == "JPEG":
        if image.mode not in {"RGB", "L"}:
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
        extension = ".jpg"
    else:
        image.save(out, "PNG", optimize=True)
        extension = ".png"
    return PublicPhoto(out.getvalue(), extension, image.width, image.height)
