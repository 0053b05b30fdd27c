"""Check uploaded images by their content and re-encode them (photos, logos).

An upload is accepted only when Pillow can read it whole as a JPEG, PNG, GIF or WebP image,
whatever its name or declared content type says. It must weigh at most
`settings.UPLOAD_MAX_BYTES` and hold at most `MAX_PIXELS` pixels (a small file can declare a
huge canvas: a "decompression bomb"). What is stored is a fresh encoding: metadata (EXIF: the
camera, the place the photo was taken) is gone, the orientation is applied, the longest edge is
at most `max_edge`, and the file name is ours.
"""

import io
import uuid
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = ("JPEG", "PNG", "GIF", "WEBP")  # Pillow tries no other reader.
MAX_PIXELS = 40_000_000  # 40 megapixels: more than any phone camera, far below a bomb.
PHOTO_MAX_EDGE = 800
LOGO_MAX_EDGE = 600


def _read_limited(upload) -> bytes:
    limit = settings.UPLOAD_MAX_BYTES
    if getattr(upload, "size", None) is not None and upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    upload.seek(0)
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise ValidationError(
            _("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)},
            code="too_large",
        )
    return content


def _open_checked(content: bytes) -> Image.Image:
    """Return the image in `content`, fully decoded, or raise ValidationError saying why."""
    not_an_image = ValidationError(
        _("This file is not an image we can read. Upload a JPEG, PNG, GIF or WebP picture."),
        code="not_an_image",
    )
    too_many_pixels = ValidationError(
        _("The image is too large: at most %(pixels)s million pixels.")
        % {"pixels": MAX_PIXELS // 1_000_000},
        code="too_many_pixels",
    )
    with warnings.catch_warnings():
        # Pillow warns (and past twice its limit, refuses) on huge canvases: refuse at once.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(content), formats=ACCEPTED_FORMATS) as probe:
                width, height = probe.size
                if width * height > MAX_PIXELS:
                    raise too_many_pixels
                probe.verify()  # Checks the file's structure; the image is unusable after it.
            image = Image.open(io.BytesIO(content), formats=ACCEPTED_FORMATS)
            image.load()  # Decodes every pixel: a truncated or corrupt file fails here.
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_many_pixels from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
            raise not_an_image from None
    return image


def process_image(upload, *, max_edge: int = PHOTO_MAX_EDGE) -> ContentFile:
    """Return `upload` checked and re-encoded, ready to store, or raise ValidationError.

    Photos without transparency become JPEG; images with transparency become PNG.
    """
    image = _open_checked(_read_limited(upload))
    if getattr(image, "n_frames", 1) > 1:
        image.seek(0)  # An animated GIF keeps its first frame.
    image = ImageOps.exif_transpose(image)
    has_alpha = image.mode in {"RGBA", "LA", "PA"} or (
        image.mode == "P" and "transparency" in image.info
    )
    image = image.convert("RGBA" if has_alpha else "RGB")
    image.thumbnail((max_edge, max_edge), Image.Resampling.LANCZOS)
    image.info = {}  # Pillow would carry EXIF, ICC profiles and text chunks into the new file.
    output = io.BytesIO()
    if has_alpha:
        image.save(output, format="PNG", optimize=True)
        extension = "png"
    else:
        image.save(output, format="JPEG", quality=85, optimize=True, progressive=True)
        extension = "jpg"
    return ContentFile(output.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")
