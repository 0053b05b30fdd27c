"""Photos and logos: checked by what the file holds, not by its name, and re-encoded."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from wsco.core.uploads import MAX_PIXELS, PHOTO_MAX_EDGE, check_upload


def image_bytes(size=(40, 30), mode="RGB", format="PNG", **save) -> bytes:
    output = io.BytesIO()
    Image.new(mode, size, color=(200, 30, 60) if mode == "RGB" else None).save(
        output, format=format, **save
    )
    return output.getvalue()


def upload(content: bytes, name: str, content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def opened(content_file) -> Image.Image:
    return Image.open(io.BytesIO(content_file.read()))


def test_a_png_named_txt_is_an_image():
    stored = check_upload(upload(image_bytes(), "notes.txt", "text/plain"), kind="photo")
    assert opened(stored).size == (40, 30)
    assert stored.name.endswith(".jpg")  # Our name, not the upload's.


def test_a_text_file_named_jpg_is_refused():
    with pytest.raises(ValidationError, match="not an image we can read") as refused:
        check_upload(upload(b"just some words, not pixels", "photo.jpg"), kind="photo")
    assert refused.value.code == "not_an_image"


def test_a_truncated_image_is_refused():
    with pytest.raises(ValidationError, match="not an image we can read") as refused:
        check_upload(
            upload(image_bytes((200, 200), format="JPEG")[:300], "photo.jpg"), kind="photo"
        )
    assert refused.value.code == "not_an_image"


def test_a_file_over_2_mb_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 2 * 1024 * 1024
    three_mb = image_bytes((10, 10)) + b"\0" * (3 * 1024 * 1024)
    with pytest.raises(ValidationError, match=r"larger than 2\.0") as refused:
        check_upload(upload(three_mb, "big.png"), kind="photo")
    assert refused.value.code == "too_large"
    assert "2.0" in refused.value.messages[0]  # "…the limit is 2.0 MB."


def test_exif_is_stripped_and_its_orientation_applied():
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Inc."  # Make
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display.
    content = image_bytes((60, 40), format="JPEG", exif=exif.tobytes())
    assert b"SpyCam" in content
    stored = check_upload(upload(content, "photo.jpg"), kind="photo").read()
    assert b"SpyCam" not in stored
    image = Image.open(io.BytesIO(stored))
    assert not image.getexif()
    assert image.size == (40, 60)  # Turned upright.


def test_a_decompression_bomb_is_refused():
    # A 10 000 by 10 000 canvas (100 megapixels) compresses to a few hundred kilobytes.
    content = image_bytes((10_000, 10_000), mode="1")
    assert len(content) < 2 * 1024 * 1024
    assert MAX_PIXELS < 10_000 * 10_000
    with pytest.raises(ValidationError, match="the picture is too large") as refused:
        check_upload(upload(content, "bomb.png"), kind="photo")
    assert refused.value.code == "too_many_pixels"


def test_large_images_are_shrunk_to_the_longest_edge():
    stored = check_upload(upload(image_bytes((2000, 1000)), "wide.png"), kind="photo")
    assert opened(stored).size == (PHOTO_MAX_EDGE, PHOTO_MAX_EDGE // 2)


def test_transparency_is_kept_as_png():
    output = io.BytesIO()
    Image.new("RGBA", (20, 20), (0, 0, 0, 0)).save(output, format="PNG")
    stored = check_upload(upload(output.getvalue(), "logo.png"), kind="logo")
    assert stored.name.endswith(".png")
    assert opened(stored).mode == "RGBA"
