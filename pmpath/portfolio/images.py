"""Uploaded images for case studies: checked by opening them with Pillow (the name and the
browser's content type prove nothing), capped in size and pixels, and re-saved so that what is
stored carries no EXIF (camera, GPS position) or other metadata. Pure: bytes in, bytes out."""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel photo; more is a decompression bomb or a mistake
MAX_FRAMES = 300
FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp"}
CONTENT_TYPES = {"png": "image/png", "jpg": "image/jpeg", "gif": "image/gif", "webp": "image/webp"}


class ImageError(ValueError):
    """Why an upload is not a usable image, in one sentence for the person uploading it."""


@dataclass(frozen=True)
class CleanImage:
    data: bytes
    extension: str  # png, jpg, gif or webp
    width: int
    height: int

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.extension]


def clean(data: bytes, *, name: str = "the file") -> CleanImage:
    if not data:
        raise ImageError(f"{name} is empty.")
    if len(data) > MAX_BYTES:
        raise ImageError(
            f"{name} is {len(data) / 1024 / 1024:.1f} MB; images can be up to "
            f"{MAX_BYTES // 1024 // 1024} MB."
        )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format or ""
            probe.verify()  # reads the whole file: a truncated or forged image fails here
        image = Image.open(io.BytesIO(data))
        if kind not in FORMATS:
            raise ImageError(f"{name} is a {kind or 'unknown'} image; use PNG, JPEG, GIF or WebP.")
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise ImageError(
                f"{name} is {width} by {height} pixels; images can be up to 40 megapixels."
            )
        frames = getattr(image, "n_frames", 1)
        if frames > MAX_FRAMES:
            raise ImageError(f"{name} has {frames} frames; animations can have up to {MAX_FRAMES}.")
        output = _resave(image, kind, frames)
    except ImageError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError):
        raise ImageError(
            f"{name} is not an image pmpath can read (PNG, JPEG, GIF or WebP)."
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageError(f"{name} could not be read as an image ({exc}).") from None
    return CleanImage(output, FORMATS[kind], *_size(output))


def _resave(image: Image.Image, kind: str, frames: int) -> bytes:
    """A fresh encoding of the pixels only: no EXIF, XMP, ICC comments or text chunks."""
    buffer = io.BytesIO()
    if kind == "JPEG":
        # Apply the camera's rotation before the EXIF that records it is dropped.
        upright = ImageOps.exif_transpose(image) or image
        if upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        upright.save(buffer, "JPEG", quality=88, optimize=True)
    elif kind == "PNG":
        image.load()
        image.save(buffer, "PNG", optimize=True)
    elif kind == "GIF":
        image.save(buffer, "GIF", save_all=frames > 1)
    else:
        image.save(buffer, "WEBP", save_all=frames > 1, quality=88)
    return buffer.getvalue()


def _size(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as image:
        return image.size
