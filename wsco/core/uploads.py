"""Check every uploaded file by its content and store it under a name of ours.

Every file field of every model is an `UploadField`, and every file field of every form is an
`UploadFormField` (a model form gets one from its model field). Both send the file through
`check_upload`, and so does `FieldFile.save()` on an `UploadField`, so a service, a command, the
admin or the demo data that stores a file cannot skip the checks:

- The type is decided by the bytes, never by the name or the declared content type: Pillow must
  read the whole file as a JPEG, PNG, GIF or WebP picture, or pypdf must read it as a PDF with
  pages. SVG is refused (a picture that can carry scripts); so is anything else.
- Images are decoded and encoded again: EXIF (the camera, the place a photo was taken), ICC
  profiles, comments and text chunks are gone, the orientation is applied, and the longest edge
  is at most the kind's `max_edge`. Before decoding, a canvas over `MAX_PIXELS` pixels or
  `MAX_EDGE` pixels on a side is refused (a small file can declare a huge canvas: a bomb).
- A PDF must begin with `%PDF-`, end with `%%EOF`, have a trailer pypdf reads with at least one
  page, no password, no scripts, launch actions or embedded files, and no web-page markup that a
  browser could take for HTML (a polyglot).
- Evidence (the kind `evidence`, an audit's supporting documents) takes PDFs and pictures as
  above, and tables: an XLSX workbook must be a zip whose parts openpyxl opens read-only, with no
  macros (`vbaProject.bin`), external links, embedded objects or ActiveX, and which unzips to at
  most `UPLOAD_MAX_UNZIPPED_BYTES` (a bomb of zeros is refused before it is unzipped); a CSV table
  must decode as UTF-8 (with or without a BOM) or Windows-1252, hold no NUL byte, no web-page
  markup in the bytes a browser sniffs (a polyglot), and parse with the `csv` module.
- The stored name is random (`uuid4`) with the extension of the type found: a JPEG named
  `x.pdf` is stored as `….jpg`, a PDF named `x.html` as `….pdf`, a workbook named `x.csv` as
  `….xlsx`.

Who may download a stored file is decided by `wsco.core.files`.
"""

import csv
import io
import re
import uuid
import warnings
import zipfile
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

IMAGE_FORMATS = ("JPEG", "PNG", "GIF", "WEBP")  # Pillow tries no other reader.
MAX_PIXELS = 40_000_000  # 40 megapixels: more than any phone camera, far below a bomb.
MAX_EDGE = 16_000  # A longer side is a strip made to exhaust memory, not a picture.
IMAGE = "image"
PDF = "pdf"
EVIDENCE = "evidence"  # PDF, pictures, XLSX workbooks and CSV tables
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {
    "jpg": "image/jpeg",
    "png": "image/png",
    "pdf": "application/pdf",
    "xlsx": XLSX_TYPE,
    "csv": "text/csv",
}
ACCEPT = {
    IMAGE: "image/jpeg,image/png,image/gif,image/webp",
    PDF: "application/pdf",
    EVIDENCE: f"application/pdf,image/jpeg,image/png,image/gif,image/webp,{XLSX_TYPE},"
    ".xlsx,text/csv,.csv",
}
# Parts of a workbook that run code or reach other files: macros, links to other workbooks,
# embedded objects (which may be programs) and ActiveX controls.
XLSX_ACTIVE_PARTS = re.compile(
    r"(?:vbaProject\.bin$|^xl/externalLinks/|^xl/embeddings/|^xl/activeX/)", re.IGNORECASE
)
XLSX_ROWS_READ = 50  # Each sheet's first rows are read, so the sheets' XML is known to parse.
CSV_ENCODINGS = ("utf-8-sig", "cp1252")  # UTF-8 (a BOM is allowed), else Windows-1252.
# A browser that sniffs a file reads its first 1445 bytes (the WHATWG "resource header"): no
# markup at all there. Further on, compressed streams are random bytes, so only long, unmistakable
# markers are looked for (a false alarm is then less likely than one in a hundred thousand files).
SNIFFED_BYTES = 1445
HTML_MARKUP_AT_HEAD = re.compile(
    rb"<\s*(?:!doctype|html|head|body|script|iframe|svg|object|embed|img|meta|link|style)",
    re.IGNORECASE,
)
HTML_MARKUP_ANYWHERE = re.compile(rb"<(?:script|html|iframe|!doctype\s+html)[\s>/]", re.IGNORECASE)
# PDF names of what runs code or opens other files (long enough not to occur by chance).
PDF_ACTIVE_NAMES = re.compile(
    rb"/(?:JavaScript|Launch|EmbeddedFiles?|RichMedia|SubmitForm|ImportData)(?=[\s/<>\[\]()])"
)
SVG_MARKUP = re.compile(rb"<svg[\s>]", re.IGNORECASE)
PDF_ACTIVE_ACTIONS = {"/JavaScript", "/JS", "/Launch", "/ImportData", "/SubmitForm", "/GoToE"}
PDF_ACTIVE_ANNOTATIONS = {"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound"}


@dataclass(frozen=True)
class Kind:
    """What a file field accepts: images (re-encoded, bounded), PDF documents or evidence."""

    name: str
    accepts: str  # IMAGE, PDF or EVIDENCE
    max_edge: int = 0  # Images: the longest side of what is stored.

    @property
    def max_bytes(self) -> int:
        if self.accepts == PDF:
            return settings.UPLOAD_MAX_DOCUMENT_BYTES
        if self.accepts == EVIDENCE:
            return settings.UPLOAD_MAX_EVIDENCE_BYTES
        return settings.UPLOAD_MAX_BYTES


KINDS = {
    kind.name: kind
    for kind in (
        Kind("photo", IMAGE, max_edge=800),
        Kind("logo", IMAGE, max_edge=600),
        Kind("cover", IMAGE, max_edge=1600),
        Kind("figure", IMAGE, max_edge=2000),
        Kind("pdf", PDF),
        Kind("evidence", EVIDENCE, max_edge=2400),
    )
}
PHOTO_MAX_EDGE = KINDS["photo"].max_edge
LOGO_MAX_EDGE = KINDS["logo"].max_edge


class CheckedFile(ContentFile):
    """Content that went through `check_upload`: bytes, a random name and a content type."""

    def __init__(self, content: bytes, *, kind: Kind, extension: str):
        super().__init__(content, name=f"{uuid.uuid4().hex}.{extension}")
        self.kind = kind
        self.content_type = CONTENT_TYPES[extension]


def sniff(head: bytes) -> str | None:
    """Return the type the first bytes of a file announce ("jpg", "png", "gif", "webp", "pdf").

    A zip is announced as "xlsx", the only zip the platform stores (`check_xlsx` says whether it
    is one); CSV has no signature.
    """
    signatures = (
        (b"\xff\xd8\xff", "jpg"),
        (b"\x89PNG\r\n\x1a\n", "png"),
        (b"GIF87a", "gif"),
        (b"GIF89a", "gif"),
        (b"%PDF-", "pdf"),
        (b"PK\x03\x04", "xlsx"),
    )
    for signature, found in signatures:
        if head.startswith(signature):
            return found
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def _refusal(message: str, code: str, label: str, **values) -> ValidationError:
    return ValidationError(message % {"field": label, **values}, code=code)


def _read_limited(upload, *, kind: Kind, label: str) -> bytes:
    limit = kind.max_bytes
    too_large = _refusal(
        _("%(field)s: the file is larger than %(limit)s."),
        "too_large",
        label,
        limit=filesizeformat(limit),
    )
    if getattr(upload, "size", None) is not None and upload.size > limit:
        raise too_large
    upload.seek(0)
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise too_large
    if not content:
        raise _refusal(_("%(field)s: the file is empty."), "empty", label)
    return content


def _open_image(content: bytes, *, label: str) -> Image.Image:
    """Return the image in `content`, fully decoded, or raise ValidationError saying why."""
    if SVG_MARKUP.search(content[:SNIFFED_BYTES]):
        raise _refusal(
            _("%(field)s: SVG drawings are not accepted; upload a PNG or JPEG picture."),
            "svg",
            label,
        )
    not_an_image = _refusal(
        _(
            "%(field)s: this file is not an image we can read; "
            "upload a JPEG, PNG, GIF or WebP picture."
        ),
        "not_an_image",
        label,
    )
    too_large = _refusal(
        _(
            "%(field)s: the picture is too large: at most %(pixels)s million pixels "
            "and %(edge)s pixels on a side."
        ),
        "too_many_pixels",
        label,
        pixels=MAX_PIXELS // 1_000_000,
        edge=MAX_EDGE,
    )
    with warnings.catch_warnings():
        # Pillow warns (and past twice its limit, refuses) on huge canvases: refuse at once.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(content), formats=IMAGE_FORMATS) as probe:
                width, height = probe.size
                if width * height > MAX_PIXELS or max(width, height) > MAX_EDGE:
                    raise too_large
                probe.verify()  # Checks the file's structure; the image is unusable after it.
            image = Image.open(io.BytesIO(content), formats=IMAGE_FORMATS)
            image.load()  # Decodes every pixel: a truncated or corrupt file fails here.
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_large from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
            raise not_an_image from None
    return image


def _encode_image(image: Image.Image, *, kind: Kind) -> CheckedFile:
    if getattr(image, "n_frames", 1) > 1:
        image.seek(0)  # An animated GIF keeps its first frame.
    image = ImageOps.exif_transpose(image)
    has_alpha = image.mode in {"RGBA", "LA", "PA"} or (
        image.mode == "P" and "transparency" in image.info
    )
    image = image.convert("RGBA" if has_alpha else "RGB")
    image.thumbnail((kind.max_edge, kind.max_edge), Image.Resampling.LANCZOS)
    image.info = {}  # Pillow would carry EXIF, ICC profiles and text chunks into the new file.
    output = io.BytesIO()
    if has_alpha:
        image.save(output, format="PNG", optimize=True)
        return CheckedFile(output.getvalue(), kind=kind, extension="png")
    image.save(output, format="JPEG", quality=85, optimize=True, progressive=True)
    return CheckedFile(output.getvalue(), kind=kind, extension="jpg")


def _is_active_action(action, depth: int = 0) -> bool:
    """Say whether a PDF action (or the chain of actions after it) runs code or opens files."""
    if action is None or depth > 20:
        return False
    action = action.get_object() if hasattr(action, "get_object") else action
    if not hasattr(action, "get"):
        return False  # An explicit destination, such as [page /Fit], does nothing else.
    if action.get("/S") in PDF_ACTIVE_ACTIONS or "/JS" in action:
        return True
    following = action.get("/Next")
    following = following.get_object() if hasattr(following, "get_object") else following
    chain = following if isinstance(following, list) else [following]
    return any(_is_active_action(item, depth + 1) for item in chain)


def _has_active_content(reader) -> bool:
    """Say whether the document or one of its pages runs scripts, launches or embeds files."""
    root = reader.trailer["/Root"].get_object()
    names = root.get("/Names")
    names = names.get_object() if names is not None else {}
    form = root.get("/AcroForm")
    form = form.get_object() if form is not None else {}
    if "/JavaScript" in names or "/EmbeddedFiles" in names or "/AA" in root or "/XFA" in form:
        return True
    if _is_active_action(root.get("/OpenAction")):
        return True
    for page in reader.pages:
        if "/AA" in page:
            return True
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") in PDF_ACTIVE_ANNOTATIONS or "/AA" in annotation:
                return True
            if _is_active_action(annotation.get("/A")):
                return True
    return False


def check_pdf(content: bytes, *, label: str) -> None:
    """Raise ValidationError unless `content` is a PDF with pages and nothing active in it."""
    from pypdf import PdfReader

    not_a_pdf = _refusal(_("%(field)s: this file is not a PDF we can read."), "not_a_pdf", label)
    if sniff(content) != "pdf" or b"%%EOF" not in content[-1024:]:
        raise not_a_pdf
    if HTML_MARKUP_AT_HEAD.search(content[:SNIFFED_BYTES]) or HTML_MARKUP_ANYWHERE.search(content):
        raise _refusal(
            _("%(field)s: this PDF also holds web-page markup; export it again as a plain PDF."),
            "pdf_polyglot",
            label,
        )
    active = _refusal(
        _("%(field)s: this PDF holds scripts, actions or attached files; export it without them."),
        "pdf_active",
        label,
    )
    if PDF_ACTIVE_NAMES.search(content):
        raise active
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise _refusal(
                _("%(field)s: this PDF is protected by a password; upload it without one."),
                "pdf_encrypted",
                label,
            )
        if len(reader.pages) < 1:
            raise not_a_pdf
        if _has_active_content(reader):
            raise active
    except ValidationError:
        raise
    except Exception:  # pypdf meets hostile bytes here: any failure to read is a refusal.
        raise not_a_pdf from None


def check_xlsx(content: bytes, *, label: str) -> None:
    """Raise ValidationError unless `content` is an XLSX workbook with nothing active in it."""
    from openpyxl import load_workbook

    not_a_workbook = _refusal(
        _("%(field)s: this file is not an XLSX workbook we can read."), "not_a_workbook", label
    )
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise not_a_workbook from None
    names = {part.filename for part in parts}
    if not {"[Content_Types].xml", "xl/workbook.xml"} <= names:
        raise not_a_workbook
    # What the parts declare they unzip to bounds what is read: zipfile stops at the declared
    # size of each part, so the sum is checked before anything is unzipped.
    if sum(part.file_size for part in parts) > settings.UPLOAD_MAX_UNZIPPED_BYTES:
        raise _refusal(
            _("%(field)s: this workbook unzips to more than %(limit)s."),
            "xlsx_too_large_unzipped",
            label,
            limit=filesizeformat(settings.UPLOAD_MAX_UNZIPPED_BYTES),
        )
    content_types = archive.read("[Content_Types].xml")
    if any(XLSX_ACTIVE_PARTS.search(name) for name in names) or re.search(
        rb"macroEnabled|vbaProject", content_types, re.IGNORECASE
    ):
        raise _refusal(
            _(
                "%(field)s: this workbook holds macros, links to other files or embedded "
                "objects; save it as a plain XLSX workbook."
            ),
            "xlsx_active",
            label,
        )
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            for sheet in workbook.worksheets:
                for _row in sheet.iter_rows(max_row=XLSX_ROWS_READ, values_only=True):
                    pass
        finally:
            workbook.close()
    except Exception:  # openpyxl meets hostile bytes here: any failure to read is a refusal.
        raise not_a_workbook from None


def check_csv(content: bytes, *, label: str) -> None:
    """Raise ValidationError unless `content` is a CSV table of text, with no markup at its head."""
    not_evidence = _refusal(
        _(
            "%(field)s: this file is not one we accept; upload a PDF, a picture (JPEG, PNG, GIF "
            "or WebP), an XLSX workbook or a CSV table."
        ),
        "not_evidence",
        label,
    )
    if b"\0" in content:
        raise not_evidence  # Text has no NUL byte; programs and other binary files do.
    if HTML_MARKUP_AT_HEAD.search(content[:SNIFFED_BYTES]) or HTML_MARKUP_ANYWHERE.search(content):
        raise _refusal(
            _("%(field)s: this table holds web-page markup; export it again as plain CSV."),
            "csv_markup",
            label,
        )
    for encoding in CSV_ENCODINGS:
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise not_evidence
    try:
        rows = sum(1 for _row in csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        raise _refusal(
            _("%(field)s: this CSV table cannot be read; check its quotes and separators."),
            "csv_unreadable",
            label,
        ) from None
    if not rows:
        raise _refusal(_("%(field)s: the file is empty."), "empty", label)


def _check_evidence(content: bytes, *, kind: Kind, label: str) -> CheckedFile:
    """Return evidence checked by what its bytes are: PDF, picture, workbook or table."""
    found = sniff(content)
    if found == "pdf":
        check_pdf(content, label=label)
        return CheckedFile(content, kind=kind, extension="pdf")
    if found == "xlsx":
        check_xlsx(content, label=label)
        return CheckedFile(content, kind=kind, extension="xlsx")
    if found is not None:
        return _encode_image(_open_image(content, label=label), kind=kind)
    if SVG_MARKUP.search(content[:SNIFFED_BYTES]):
        raise _refusal(
            _("%(field)s: SVG drawings are not accepted; upload a PNG or JPEG picture."),
            "svg",
            label,
        )
    check_csv(content, label=label)
    return CheckedFile(content, kind=kind, extension="csv")


def check_upload(upload, *, kind: Kind | str, label: str = "") -> CheckedFile:
    """Return `upload` checked and ready to store under a random name, or raise ValidationError.

    `label` names the field in the error messages.
    """
    kind = KINDS[kind] if isinstance(kind, str) else kind
    label = str(label or _("File"))
    if isinstance(upload, CheckedFile) and upload.kind == kind:
        return upload
    content = _read_limited(upload, kind=kind, label=label)
    if kind.accepts == PDF:
        check_pdf(content, label=label)
        return CheckedFile(content, kind=kind, extension="pdf")
    if kind.accepts == EVIDENCE:
        return _check_evidence(content, kind=kind, label=label)
    return _encode_image(_open_image(content, label=label), kind=kind)


class UploadFormField(forms.FileField):
    """A form's file input whose cleaned value is a `CheckedFile` (or the initial file)."""

    def __init__(self, *args, kind: str, **kwargs):
        self.kind = KINDS[kind]
        kwargs.setdefault("widget", forms.ClearableFileInput)
        # The upload's own name is never kept, so its length does not matter; an empty file is
        # refused by `check_upload`, with the field's name in the message.
        kwargs.pop("max_length", None)
        kwargs["allow_empty_file"] = True
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("accept", ACCEPT[self.kind.accepts])

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload or upload is initial or not hasattr(upload, "read"):
            return upload
        return check_upload(upload, kind=self.kind, label=self.label or _("File"))


class UploadFieldFile(FieldFile):
    """A stored file that checks whatever is saved into it, whoever saves it."""

    def save(self, name, content, save=True):
        checked = check_upload(
            content, kind=self.field.kind, label=str(self.field.verbose_name).capitalize()
        )
        super().save(checked.name, checked, save)


class UploadField(models.FileField):
    """A model's file, checked by `check_upload`, under `upload_to` with a random name.

    `kind` names an entry of `KINDS`. The name column is indexed: `wsco.core.files` finds the
    file's owner by it.
    """

    attr_class = UploadFieldFile

    def __init__(self, verbose_name=None, name=None, *, kind: str = "", **kwargs):
        if kind not in KINDS:
            raise ValueError(f"UploadField needs a kind among {sorted(KINDS)}, not {kind!r}.")
        if not isinstance(kwargs.get("upload_to"), str) or not kwargs["upload_to"].strip("/"):
            raise ValueError("UploadField needs upload_to: a folder of its own, as a string.")
        self.kind = KINDS[kind]
        kwargs["db_index"] = True
        super().__init__(verbose_name, name, **kwargs)

    @property
    def folder(self) -> str:
        return self.upload_to.strip("/")

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["kind"] = self.kind.name
        kwargs.pop("db_index", None)
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        defaults = {"form_class": UploadFormField, "kind": self.kind.name}
        return super().formfield(**(defaults | kwargs))
