"""The one PDF renderer: hostile sources through every registered document read nothing outside
the media and static folders, reach no network, are logged, and the PDF is still made."""

import base64
import contextlib
import html
import io
import logging
import os
import re
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from django.contrib.staticfiles import finders
from pypdf import PdfReader

from wsco.core import pdf
from wsco.core.markdown import render_markdown
from wsco.core.templatetags.wsco import CHART_STYLESHEETS
from wsco.core.tests.sample_files import image_bytes

# Spelled in two parts so that this file does not count as a module that uses the renderer.
RENDERER_NAMES = re.compile("weasy" + "print|write" + "_pdf")
WSCO = Path(pdf.__file__).resolve().parents[1]

# What the renderer opened and where it connected, seen by Python's audit hooks (they see every
# open() and os.open(), whoever calls them). A hook cannot be removed: it records only inside
# `watching()`.
_seen: list[tuple[str, str]] | None = None


def _audit(event: str, args: tuple) -> None:
    if _seen is None:
        return
    if event == "open" and isinstance(args[0], str | bytes | os.PathLike):
        _seen.append(("open", os.fsdecode(args[0])))
    elif event == "socket.connect":
        _seen.append(("connect", repr(args[1])))


sys.addaudithook(_audit)


@contextlib.contextmanager
def watching():
    global _seen
    _seen = []
    try:
        yield _seen
    finally:
        _seen = None


def test_only_the_core_renderer_imports_the_pdf_library():
    users = [
        str(path.relative_to(WSCO.parent))
        for path in sorted(WSCO.rglob("*.py"))
        if "tests" not in path.parts
        and "migrations" not in path.parts
        and RENDERER_NAMES.search(path.read_text(encoding="utf-8"))
    ]
    assert users == ["wsco/core/pdf.py"]


def test_every_document_is_registered_and_an_unregistered_one_is_refused():
    assert "publications.issue" in [document.name for document in pdf.documents()]
    with pytest.raises(LookupError, match=r"No PDF document 'invoices\.invoice' is registered"):
        pdf.render_pdf("<p>Hello</p>", document="invoices.invoice")


@pytest.fixture
def places(settings, tmp_path):
    """A media folder with a real picture, and beside it, outside, a secret picture."""
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (media / "ok.png").write_bytes(image_bytes((30, 20)))
    (outside / "secret.png").write_bytes(image_bytes((31, 21)))
    (outside / "secret.css").write_text("@page { size: 100mm 100mm }")
    (media / "link.png").symlink_to(outside / "secret.png")
    (media / "zero.png").symlink_to("/dev/zero")
    os.mkfifo(media / "pipe.png")
    (media / "big.png").write_bytes(image_bytes((30, 20)) + b"\0" * 4096)
    settings.PDF_FETCH_MAX_BYTES = 4096
    return {"media": media, "outside": outside}


# Each a source in a document, and the files that must never be opened because of it. Relative
# sources resolve against MEDIA_ROOT; the outside folder is a sibling of it.
HOSTILE_SOURCES = [
    "..%2Foutside%2Fsecret.png",
    "..%2F..%2F..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd",
    "..%252Foutside%252Fsecret.png",  # encoded twice
    "%2E%2E/outside/secret.png",
    "../outside/secret.png",
    "..\\outside\\secret.png",
    "file:///etc/passwd",
    "FILE:///etc/passwd",
    "file://localhost/etc/passwd",
    "file://attacker.example/share/x.png",
    "/etc/passwd",
    "/dev/zero",
    "/proc/self/environ",
    "zero.png",  # a symlink in media to a device
    "link.png",  # a symlink in media to a file outside
    "pipe.png",  # a FIFO: opening it for reading would wait for ever
    "big.png",  # over PDF_FETCH_MAX_BYTES
    ".",  # the media folder itself
    "ok.png%00.png",
    "%ff%fe.png",  # not UTF-8
    "a/" * 3000 + "x.png",
    "http://127.0.0.1:9/x.png",
    "https://[::1]:9/x.png",
    "//127.0.0.1:9/x.png",
    "ftp://127.0.0.1/x.png",
    "javascript:alert(1)",
    "data:image/png;base64," + base64.b64encode(b"\0" * 8192).decode(),  # over the limit
]
NEVER_OPENED = ("/etc/passwd", "/dev/zero", "/proc/self/environ")


def assert_nothing_outside_was_read(seen, places):
    opened = [os.path.realpath(path) for kind, path in seen if kind == "open"]
    outside = str(places["outside"])
    assert [path for path in opened if path.startswith(outside) or path in NEVER_OPENED] == []
    assert not any(path.endswith("pipe.png") for path in opened)
    assert [target for kind, target in seen if kind == "connect"] == []


def embedded_image_sizes(content: bytes) -> list[tuple[int, int]]:
    reader = PdfReader(io.BytesIO(content))
    return sorted(image.image.size for page in reader.pages for image in page.images)


# Why the reader refuses a source: each of these is a reason it gives, not an error by accident.
REFUSALS = "|".join(
    [
        "scheme is not allowed",
        "URL of .* bytes is over the limit",
        "a file on another host",
        "a path that is not UTF-8",
        "a NUL character in the path",
        "a path longer than the system allows",
        "no such file",
        "is outside the media and static folders",
        "is not a regular file",
        "cannot be opened",
        "is larger than PDF_FETCH_MAX_BYTES",
    ]
)


@pytest.mark.parametrize("source", HOSTILE_SOURCES, ids=lambda source: source[:40])
def test_the_reader_refuses_a_hostile_source_and_logs_why(places, source, caplog):
    reader = pdf.RootsOnlyReader(document="publications.issue")
    url = source if ":" in source.split("/")[0] else "file://" + str(places["media"]) + "/" + source
    if source.startswith("//"):
        url = "file:" + source
    with (
        watching() as seen,
        caplog.at_level(logging.WARNING, logger="wsco.pdf"),
        pytest.raises(pdf.FetchRefusedError, match=REFUSALS),
    ):
        reader.read(url)
    assert_nothing_outside_was_read(seen, places)
    assert [record.name for record in caplog.records] == ["wsco.pdf"]
    assert "Refused" in caplog.records[0].getMessage()


def test_the_reader_reads_a_picture_in_media_and_a_small_data_url(places):
    reader = pdf.RootsOnlyReader(document="publications.issue")
    content, content_type = reader.read("file://" + str(places["media"] / "ok.png"))
    assert (content, content_type) == ((places["media"] / "ok.png").read_bytes(), "image/png")
    assert reader.read("data:text/plain;base64,aGk=") == (b"hi", "text/plain")


def test_a_file_just_at_the_limit_is_read_and_one_byte_more_is_refused(places, settings):
    reader = pdf.RootsOnlyReader(document="publications.issue")
    (places["media"] / "at.png").write_bytes(b"x" * 4096)
    (places["media"] / "over.png").write_bytes(b"x" * 4097)
    assert len(reader.read("file://" + str(places["media"] / "at.png"))[0]) == 4096
    with pytest.raises(pdf.FetchRefusedError, match="larger than PDF_FETCH_MAX_BYTES"):
        reader.read("file://" + str(places["media"] / "over.png"))


def test_a_document_stops_reading_past_its_total(places, settings):
    settings.PDF_FETCH_MAX_TOTAL_BYTES = 2 * len((places["media"] / "ok.png").read_bytes())
    reader = pdf.RootsOnlyReader(document="publications.issue")
    url = "file://" + str(places["media"] / "ok.png")
    reader.read(url)
    reader.read(url)
    with pytest.raises(pdf.FetchRefusedError, match="PDF_FETCH_MAX_TOTAL_BYTES"):
        reader.read(url)


def test_static_files_may_be_read():
    from django.contrib.staticfiles import finders

    path = Path(finders.find("core/wsco.css"))
    reader = pdf.RootsOnlyReader(document="publications.issue")
    assert reader.read("file://" + str(path)) == (path.read_bytes(), "text/css")


def test_raw_html_with_hostile_sources_renders_without_them(places, caplog):
    images = "".join(f'<img src="{source}">' for source in HOSTILE_SOURCES)
    html = '<link rel="stylesheet" href="..%2Foutside%2Fsecret.css"><p>Hi</p><img src="ok.png">'
    stylesheet = "@import url('../outside/secret.css');"
    with watching() as seen, caplog.at_level(logging.WARNING, logger="wsco.pdf"):
        content = pdf.render_pdf(
            html + images, document="publications.issue", stylesheets=[stylesheet]
        )
    assert_nothing_outside_was_read(seen, places)
    assert embedded_image_sizes(content) == [(30, 20)]  # ok.png, not the secret 31 x 21.
    page = PdfReader(io.BytesIO(content)).pages[0]
    assert round(float(page.mediabox.width)) == 595  # A4, not the secret 100 mm (283 pt).
    refusals = [record for record in caplog.records if record.name == "wsco.pdf"]
    assert len(refusals) >= len(HOSTILE_SOURCES)


def hostile_markdown() -> str:
    """Markdown with every hostile source as an image, a link, and raw HTML."""
    lines = ["# Title <script>alert(1)</script>", "![fine](ok.png)"]
    for source in HOSTILE_SOURCES:
        lines.append(f"![x]({source}) [x]({source})")
        lines.append(f'<img src="{source}"><link rel="stylesheet" href="{source}">')
    return "\n\n".join(lines)


@pytest.mark.parametrize("document", pdf.documents(), ids=lambda document: document.name)
def test_every_document_renders_hostile_markdown_reading_only_inside_the_roots(
    document, places, caplog
):
    markdown = hostile_markdown()
    # What the sanitiser lets reach the renderer, as the distinct URLs the renderer asks for.
    sources = re.findall(r'<img[^>]*?src="([^"]*)"', render_markdown(markdown))
    base = "file://" + str(places["media"]) + "/"
    kept = {urljoin(base, html.unescape(source)) for source in sources}
    assert len(kept) > len(HOSTILE_SOURCES) // 2
    with watching() as seen, caplog.at_level(logging.WARNING, logger="wsco.pdf"):
        content = document.sample(markdown)
    assert content.startswith(b"%PDF-")
    assert len(PdfReader(io.BytesIO(content)).pages) >= 1
    assert_nothing_outside_was_read(seen, places)
    assert (30, 20) in embedded_image_sizes(content)
    assert (31, 21) not in embedded_image_sizes(content)
    # A document's own chart stylesheets ({% chart_stylesheets %}) are static files over this
    # test's 4 KB limit: refused here only, so not counted among the hostile URLs' refusals.
    own = tuple(Path(finders.find(name)).as_uri() for name in CHART_STYLESHEETS)
    refusals = [
        record
        for record in caplog.records
        if record.name == "wsco.pdf" and not str(record.args[0]).startswith(own)
    ]
    # Every URL the sanitiser kept but ok.png's is refused (the renderer asks once for each).
    assert len(refusals) == len(kept) - 1
