"""Every file field of every model and form, found by introspection, against hostile files.

A new app's file field is covered without editing this file: a model's FileField that is not an
`UploadField`, or a form's that is not an `UploadFormField`, fails the first tests; every one that
is goes through the corpus below, the model's by `FieldFile.save()` (what services, the admin and
commands use) and the form's by `clean()`.
"""

import importlib
import io
import pkgutil
import re
from functools import cache

import pytest
from django import forms
from django.core.exceptions import ValidationError
from PIL import Image

import wsco
from wsco.core import files
from wsco.core.tests.sample_files import (
    SCRIPT,
    csv_bytes,
    image_bytes,
    jpeg_with_gps,
    pdf_bytes,
    png_declaring,
    upload,
    xlsx_bytes,
    zip_bomb,
)
from wsco.core.uploads import (
    EVIDENCE,
    IMAGE,
    MAX_EDGE,
    PDF,
    UploadField,
    UploadFormField,
    sniff,
)

LIMIT = 64 * 1024  # UPLOAD_MAX_BYTES, _DOCUMENT_BYTES and _EVIDENCE_BYTES while the corpus runs
UNZIPPED_LIMIT = 1024 * 1024  # UPLOAD_MAX_UNZIPPED_BYTES while the corpus runs


def all_form_classes() -> list[type[forms.BaseForm]]:
    """Import every forms module of the platform and return every form class defined in it."""
    for module in pkgutil.walk_packages(wsco.__path__, "wsco."):
        if ".forms" in module.name and ".tests" not in module.name:
            importlib.import_module(module.name)
    found, pending = [], [forms.BaseForm]
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            if subclass.__module__.startswith("wsco."):
                found.append(subclass)
    return found


def form_file_fields() -> list[tuple[str, forms.Field]]:
    return [
        (f"{form.__module__}.{form.__name__}.{name}", field)
        for form in all_form_classes()
        for name, field in form.base_fields.items()
        if isinstance(field, forms.FileField)
    ]


def model_file_fields() -> list[tuple[str, UploadField]]:
    return [(f"{field.model._meta.label}.{field.name}", field) for field in files.upload_fields()]


def test_every_model_file_field_is_an_upload_field_with_a_reader_and_a_folder_of_its_own():
    fields = model_file_fields()
    assert len(fields) >= 7  # 5 in publications, 2 in members when this test was written
    assert [name for name, field in fields if not isinstance(field, UploadField)] == []
    assert [name for name, field in fields if not files.readers_of(field)] == []
    folders = [field.folder for _name, field in fields]
    assert len(folders) == len(set(folders))
    assert [
        name for name, field in fields if field.formfield().__class__ is not UploadFormField
    ] == []


def test_every_form_file_field_is_an_upload_form_field():
    fields = form_file_fields()
    assert len(fields) >= 6
    assert [name for name, field in fields if not isinstance(field, UploadFormField)] == []


# The corpus: a name, the bytes, the upload's file name and declared type.
@cache
def corpus() -> dict[str, tuple[bytes, str, str]]:
    gif = io.BytesIO()
    Image.new("P", (20, 20)).save(gif, format="GIF", comment=SCRIPT)
    jpeg = io.BytesIO()
    Image.new("RGB", (20, 20), "teal").save(jpeg, format="JPEG", comment=SCRIPT)
    png, jpg, pdf = "image/png", "image/jpeg", "application/pdf"
    xlsx, text_csv = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"
    return {
        "xlsx": (xlsx_bytes(), "data.xlsx", xlsx),
        "xlsx_named_csv": (xlsx_bytes(), "data.csv", text_csv),
        "xlsx_with_macros": (xlsx_bytes(macros=True), "data.xlsx", xlsx),
        "xlsx_with_external_link": (xlsx_bytes(external_link=True), "data.xlsx", xlsx),
        "xlsx_zip_bomb": (zip_bomb(UNZIPPED_LIMIT * 4), "data.xlsx", xlsx),
        "zip_not_a_workbook": (zip_bomb(100), "data.xlsx", xlsx),
        "exe_named_xlsx": (b"MZ\x90\x00\x03\x00\x00\x00" + bytes(range(256)), "x.xlsx", xlsx),
        "csv": (csv_bytes(), "data.csv", text_csv),
        "csv_windows_1252": (csv_bytes(encoding="cp1252"), "data.csv", text_csv),
        "csv_script_at_head": (b"city," + SCRIPT + b"\nCluj,1\n", "data.csv", text_csv),
        "csv_with_nul": (b"city,value\nCluj,\x001\n", "data.csv", text_csv),
        "gif_js_polyglot": (gif.getvalue() + b"/*" + SCRIPT + b"*/", "x.gif", "image/gif"),
        "jpeg_html_polyglot": (jpeg.getvalue() + b"<html>" + SCRIPT, "x.jpg", jpg),
        "pdf_html_polyglot": (_with_comment(pdf_bytes(), b"<html>" + SCRIPT), "x.pdf", pdf),
        "pdf_with_javascript": (pdf_bytes(javascript="app.alert(1)"), "x.pdf", pdf),
        "png_declaring_30000_square": (png_declaring(30_000, 30_000), "x.png", png),
        # 144 megapixels of zeros compress to about 20 kB: a decompression bomb.
        "png_bomb_144_megapixels": (png_declaring(12_000, 12_000, rows=12_000), "x.png", png),
        "png_edge_too_long": (image_bytes((MAX_EDGE + 1, 1), mode="1"), "x.png", png),
        "jpeg_with_gps": (jpeg_with_gps(), "photo.jpg", jpg),
        "jpeg_named_pdf": (image_bytes((30, 20), format="JPEG"), "x.pdf", pdf),
        "pdf_named_html": (pdf_bytes(2), "x.html", "text/html"),
        "svg_with_script": (b'<svg onload="alert(1)">' + SCRIPT, "x.svg", "image/svg+xml"),
        "html_named_jpg": (b"<!doctype html><html>" + SCRIPT, "x.jpg", jpg),
        "large_picture": (image_bytes((3000, 1500), mode="1"), "big.png", png),
        "truncated_jpeg": (image_bytes((300, 300), format="JPEG")[:600], "x.jpg", jpg),
        "truncated_pdf": (pdf_bytes()[:200], "x.pdf", pdf),
        "empty": (b"", "x.png", png),
        "png_at_the_limit": (_padded(image_bytes((30, 20)), LIMIT), "x.png", png),
        "png_over_the_limit": (_padded(image_bytes((30, 20)), LIMIT + 1), "x.png", png),
        "pdf_at_the_limit": (_padded_pdf(LIMIT), "x.pdf", pdf),
        "pdf_over_the_limit": (_padded_pdf(LIMIT + 1), "x.pdf", pdf),
    }


def _padded(content: bytes, size: int) -> bytes:
    return content + b"\0" * (size - len(content))  # Readers ignore what follows the end.


def _with_comment(content: bytes, comment: bytes) -> bytes:
    """Return the PDF `content` with a comment line after its header (readers skip comments)."""
    return content.replace(b"%PDF-1.3\n", b"%PDF-1.3\n%" + comment + b"\n", 1)


def _padded_pdf(size: int) -> bytes:
    content = pdf_bytes()
    return _with_comment(content, b"0" * (size - len(content) - 2))


# What each kind of field must make of each file: the extension stored, or the refusal's code.
EXPECTED = {
    IMAGE: {
        "gif_js_polyglot": "jpg",
        "jpeg_html_polyglot": "jpg",
        "pdf_html_polyglot": "not_an_image",
        "pdf_with_javascript": "not_an_image",
        "png_declaring_30000_square": "too_many_pixels",
        "png_bomb_144_megapixels": "too_many_pixels",
        "png_edge_too_long": "too_many_pixels",
        "jpeg_with_gps": "jpg",
        "jpeg_named_pdf": "jpg",
        "pdf_named_html": "not_an_image",
        "svg_with_script": "svg",
        "html_named_jpg": "not_an_image",
        "large_picture": "jpg",
        "truncated_jpeg": "not_an_image",
        "truncated_pdf": "not_an_image",
        "empty": "empty",
        "png_at_the_limit": "jpg",
        "png_over_the_limit": "too_large",
        "pdf_at_the_limit": "not_an_image",
        "pdf_over_the_limit": "too_large",
    },
    PDF: {
        "gif_js_polyglot": "not_a_pdf",
        "jpeg_html_polyglot": "not_a_pdf",
        "pdf_html_polyglot": "pdf_polyglot",
        "pdf_with_javascript": "pdf_active",
        "png_declaring_30000_square": "not_a_pdf",
        "png_bomb_144_megapixels": "not_a_pdf",
        "png_edge_too_long": "not_a_pdf",
        "jpeg_with_gps": "not_a_pdf",
        "jpeg_named_pdf": "not_a_pdf",
        "pdf_named_html": "pdf",
        "svg_with_script": "not_a_pdf",
        "html_named_jpg": "not_a_pdf",
        "large_picture": "not_a_pdf",
        "truncated_jpeg": "not_a_pdf",
        "truncated_pdf": "not_a_pdf",
        "empty": "empty",
        "png_at_the_limit": "not_a_pdf",
        "png_over_the_limit": "too_large",
        "pdf_at_the_limit": "pdf",
        "pdf_over_the_limit": "too_large",
    },
    EVIDENCE: {
        "gif_js_polyglot": "jpg",
        "jpeg_html_polyglot": "jpg",
        "pdf_html_polyglot": "pdf_polyglot",
        "pdf_with_javascript": "pdf_active",
        "png_declaring_30000_square": "too_many_pixels",
        "png_bomb_144_megapixels": "too_many_pixels",
        "png_edge_too_long": "too_many_pixels",
        "jpeg_with_gps": "jpg",
        "jpeg_named_pdf": "jpg",
        "pdf_named_html": "pdf",
        "svg_with_script": "svg",
        "html_named_jpg": "csv_markup",
        "large_picture": "jpg",
        "truncated_jpeg": "not_an_image",
        "truncated_pdf": "not_a_pdf",
        "empty": "empty",
        "png_at_the_limit": "jpg",
        "png_over_the_limit": "too_large",
        "pdf_at_the_limit": "pdf",
        "pdf_over_the_limit": "too_large",
        "xlsx": "xlsx",
        "xlsx_named_csv": "xlsx",
        "xlsx_with_macros": "xlsx_active",
        "xlsx_with_external_link": "xlsx_active",
        "xlsx_zip_bomb": "xlsx_too_large_unzipped",
        "zip_not_a_workbook": "not_a_workbook",
        "exe_named_xlsx": "not_evidence",
        "csv": "csv",
        "csv_windows_1252": "csv",
        "csv_script_at_head": "csv_markup",
        "csv_with_nul": "not_evidence",
    },
}
# Pictures and PDFs refuse every table: a workbook or CSV is neither.
for _name in EXPECTED[EVIDENCE].keys() - EXPECTED[IMAGE].keys():
    EXPECTED[IMAGE][_name] = "not_an_image"
    EXPECTED[PDF][_name] = "not_a_pdf"
STORED = {"jpg", "png", "pdf", "xlsx", "csv"}
FORBIDDEN_IN_STORED = [b"<script", b"alert(", b"<html", b"SpyCam", b"GPS", b"Exif", b"<svg"]


@pytest.fixture
def small_limits(settings):
    settings.UPLOAD_MAX_BYTES = LIMIT
    settings.UPLOAD_MAX_DOCUMENT_BYTES = LIMIT
    settings.UPLOAD_MAX_EVIDENCE_BYTES = LIMIT
    settings.UPLOAD_MAX_UNZIPPED_BYTES = UNZIPPED_LIMIT


def assert_stored_as(content: bytes, name: str, *, extension: str, field_kind, folder=None):
    pattern = rf"[0-9a-f]{{32}}\.{extension}"
    assert re.fullmatch(f"{folder}/{pattern}" if folder else pattern, name), name
    assert {"jpg": "jpg", "png": "png", "pdf": "pdf", "xlsx": "xlsx", "csv": None}[
        extension
    ] == sniff(content)
    if extension in {"pdf", "xlsx", "csv"}:
        return  # Documents and tables are stored as uploaded, once checked.
    assert [marker for marker in FORBIDDEN_IN_STORED if marker in content] == []
    with Image.open(io.BytesIO(content)) as image:
        assert not image.getexif()
        assert not {"exif", "icc_profile", "comment", "dpi", "XML:com.adobe.xmp"} & set(image.info)
        assert max(image.size) <= field_kind.max_edge


@pytest.mark.parametrize("item", list(EXPECTED[EVIDENCE]))
@pytest.mark.parametrize(
    ("path", "field"), form_file_fields(), ids=[name for name, _ in form_file_fields()]
)
def test_every_form_file_field_stores_or_refuses_each_hostile_file(path, field, item, small_limits):
    content, name, content_type = corpus()[item]
    expected = EXPECTED[field.kind.accepts][item]
    if expected in STORED:
        stored = field.clean(upload(content, name, content_type))
        assert_stored_as(stored.read(), stored.name, extension=expected, field_kind=field.kind)
    else:
        with pytest.raises(ValidationError, match=re.escape(str(field.label))) as refused:
            field.clean(upload(content, name, content_type))
        assert refused.value.code == expected


@pytest.mark.parametrize("item", list(EXPECTED[EVIDENCE]))
@pytest.mark.parametrize(
    ("path", "field"), model_file_fields(), ids=[name for name, _ in model_file_fields()]
)
def test_every_model_file_field_stores_or_refuses_each_hostile_file(
    path, field, item, small_limits
):
    content, name, content_type = corpus()[item]
    expected = EXPECTED[field.kind.accepts][item]
    stored = getattr(field.model(), field.name)
    if expected in STORED:
        stored.save(name, upload(content, name, content_type), save=False)
        assert_stored_as(
            stored.read(),
            stored.name,
            extension=expected,
            field_kind=field.kind,
            folder=field.folder,
        )
    else:
        with pytest.raises(
            ValidationError, match=re.escape(str(field.verbose_name).capitalize())
        ) as refused:
            stored.save(name, upload(content, name, content_type), save=False)
        assert refused.value.code == expected
        assert not stored
