"""Uploaded images are read by Pillow, capped, and re-saved without metadata."""

import io

import pytest
from PIL import Image

from pmpath.portfolio.images import MAX_BYTES, ImageError, clean
from tests.portfolio.factories import image_bytes


@pytest.mark.parametrize(
    ("kind", "extension"), [("PNG", "png"), ("JPEG", "jpg"), ("GIF", "gif"), ("WEBP", "webp")]
)
def test_it_accepts_the_four_web_formats_and_stores_their_size(kind, extension):
    image = clean(image_bytes(kind, (64, 48)))
    assert (image.extension, image.width, image.height) == (extension, 64, 48)
    assert Image.open(io.BytesIO(image.data)).format == kind


def test_it_strips_exif_and_keeps_a_photo_upright():
    exif = Image.Exif()
    exif[0x010F] = "Camera maker with a secret"
    exif[0x0112] = 6  # taken rotated: show turned a quarter
    image = clean(image_bytes("JPEG", (60, 40), exif=exif.tobytes()))
    assert b"secret" not in image.data
    assert dict(Image.open(io.BytesIO(image.data)).getexif()) == {}
    assert (image.width, image.height) == (40, 60)


def test_a_file_that_only_claims_to_be_an_image_is_refused():
    with pytest.raises(ImageError, match="shot.png is not an image pmpath can read"):
        clean(b"<svg onload=alert(1)></svg>", name="shot.png")


def test_a_truncated_image_is_refused():
    data = image_bytes("PNG", (200, 200))
    with pytest.raises(ImageError, match="could not be read"):
        clean(data[: len(data) // 2], name="cut.png")


def test_other_formats_are_refused_by_name():
    with pytest.raises(ImageError, match="a.bmp is a BMP image; use PNG, JPEG, GIF or WebP"):
        clean(image_bytes("BMP"), name="a.bmp")


def test_big_files_are_refused_before_they_are_read():
    with pytest.raises(ImageError, match="images can be up to 5 MB"):
        clean(b"\0" * (MAX_BYTES + 1), name="huge.png")


def test_empty_files_are_refused():
    with pytest.raises(ImageError, match="empty"):
        clean(b"", name="nothing.png")
