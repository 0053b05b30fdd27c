"""Render HTML to PDF: the platform's one renderer, reading only the media and static folders.

Every PDF the platform makes comes from `render_pdf(html, document=...)`, and this is the only
module that imports WeasyPrint (a test reads the source tree to keep it so). Each kind of document
registers itself with `register_document`, giving a function that builds a sample of it from
Markdown through its real code path; `render_pdf` refuses a document nobody registered, and the
path-traversal test renders every registered document with hostile Markdown.

WeasyPrint asks `RootsOnlyReader` for every image, stylesheet or attachment a document names.
The reader decodes the URL, resolves the final path (symlinks included) and allows only regular
files under MEDIA_ROOT, STATIC_ROOT or a folder of the static files finders; it reads at most
`PDF_FETCH_MAX_BYTES` of one file and `PDF_FETCH_MAX_TOTAL_BYTES` of one document, reaches no
network, and logs every refusal with its reason on the `wsco.pdf` logger. A refused image is
left out of the PDF; the PDF is still made.
"""

import functools
import logging
import mimetypes
import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings

logger = logging.getLogger("wsco.pdf")

MAX_PATH_LENGTH = 4096  # PATH_MAX on Linux: a longer path is made to confuse, not to name a file.
LOGGED_URL_LENGTH = 200


@dataclass(frozen=True)
class PdfDocument:
    """A kind of PDF the platform makes, and how to build a sample of it from Markdown."""

    name: str
    sample: Callable[[str], bytes]


_documents: dict[str, PdfDocument] = {}


def register_document(name: str, *, sample: Callable[[str], bytes]) -> None:
    """Declare the PDF `name`; `sample(markdown)` returns one built through its real code path,
    with `markdown` wherever people's text goes (registering a name again replaces it)."""
    _documents[name] = PdfDocument(name=name, sample=sample)


def documents() -> list[PdfDocument]:
    """Return every registered kind of PDF."""
    return [_documents[name] for name in sorted(_documents)]


class FetchRefusedError(ValueError):
    """The renderer may not read this URL (WeasyPrint leaves the resource out)."""


def allowed_roots() -> list[Path]:
    """Return the folders the renderer may read: media, collected static files, static sources."""
    from django.contrib.staticfiles import finders

    roots = [Path(settings.MEDIA_ROOT), Path(settings.STATIC_ROOT)]
    for finder in finders.get_finders():
        roots.extend(Path(storage.location) for storage in getattr(finder, "storages", {}).values())
    return [Path(os.path.realpath(root)) for root in roots]


class RootsOnlyReader:
    """Read what one document names, within the allowed roots and the byte limits."""

    def __init__(self, *, document: str):
        self.document = document
        self.roots = allowed_roots()
        self.read_so_far = 0
        self.opened: list[Path] = []

    def read(self, url: str) -> tuple[bytes, str]:
        """Return the bytes and the content type of the file `url`, or raise FetchRefusedError."""
        try:
            scheme = urlsplit(url).scheme.lower()
            if scheme == "file":
                return self._read_file(url)
            if scheme == "data":
                return self._read_data(url)
            raise FetchRefusedError(f"the {scheme or 'empty'} scheme is not allowed (no network)")
        except FetchRefusedError as refusal:
            shown = url if len(url) <= LOGGED_URL_LENGTH else url[:LOGGED_URL_LENGTH] + "…"
            logger.warning("Refused %r in the PDF %s: %s.", shown, self.document, refusal)
            raise

    def _read_data(self, url: str) -> tuple[bytes, str]:
        from urllib.request import urlopen

        # A data: URL is already in memory, but decoding doubles it: keep it within the limit.
        if len(url) > settings.PDF_FETCH_MAX_BYTES:
            raise FetchRefusedError(f"a data: URL of {len(url)} bytes is over the limit")
        with urlopen(url) as response:  # Only data: URLs reach this line.
            content = response.read()
            return self._count(content), response.headers.get_content_type()

    def _read_file(self, url: str) -> tuple[bytes, str]:
        parts = urlsplit(url)
        if parts.netloc not in {"", "localhost"}:
            raise FetchRefusedError("a file on another host")
        try:
            path = unquote(parts.path, errors="strict")
        except UnicodeDecodeError:
            raise FetchRefusedError("a path that is not UTF-8") from None
        if "\x00" in path:
            raise FetchRefusedError("a NUL character in the path")
        if len(path) > MAX_PATH_LENGTH:
            raise FetchRefusedError("a path longer than the system allows")
        try:
            real = Path(os.path.realpath(path, strict=True))
        except (OSError, ValueError):
            raise FetchRefusedError("no such file") from None
        if not any(real.is_relative_to(root) for root in self.roots):
            raise FetchRefusedError(f"{real} is outside the media and static folders")
        content = self._read_regular_file(real)
        return self._count(content), mimetypes.guess_type(real.name)[0] or ""

    def _read_regular_file(self, real: Path) -> bytes:
        limit = settings.PDF_FETCH_MAX_BYTES
        not_regular = FetchRefusedError(f"{real} is not a regular file (a device, pipe, folder)")
        if not stat.S_ISREG(os.stat(real).st_mode):
            raise not_regular
        # O_NOFOLLOW: a symlink swapped in since the path was resolved is not followed;
        # O_NONBLOCK: a pipe swapped in does not hang the worker.
        flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
        try:
            descriptor = os.open(real, flags)
        except OSError:
            raise FetchRefusedError(f"{real} cannot be opened") from None
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise not_regular
            self.opened.append(real)
            content = handle.read(limit + 1)
        if len(content) > limit:
            raise FetchRefusedError(f"{real} is larger than PDF_FETCH_MAX_BYTES ({limit} bytes)")
        return content

    def _count(self, content: bytes) -> bytes:
        self.read_so_far += len(content)
        if self.read_so_far > settings.PDF_FETCH_MAX_TOTAL_BYTES:
            raise FetchRefusedError("the document read more than PDF_FETCH_MAX_TOTAL_BYTES in all")
        return content


@functools.cache
def _weasyprint():
    # WeasyPrint takes a moment to import: only the processes that render PDFs pay for it. It
    # reports every rendering step at INFO; the task log needs only its warnings.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    import weasyprint
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class Fetcher(URLFetcher):
        """WeasyPrint's side of `RootsOnlyReader`: nothing is fetched any other way."""

        def __init__(self, *, reader: RootsOnlyReader):
            super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
            self.reader = reader

        def fetch(self, url, headers=None):
            content, content_type = self.reader.read(url)
            headers = {"Content-Type": content_type} if content_type else {}
            return URLFetcherResponse(url, content, headers)

    return weasyprint, Fetcher


def render_pdf(
    html: str,
    *,
    document: str,
    base_url: str | Path | None = None,
    stylesheets: Sequence[str] = (),
) -> bytes:
    """Return the PDF of `html`, a document registered as `document`.

    Relative URLs in `html` resolve against `base_url` (MEDIA_ROOT when not given);
    `stylesheets` are CSS texts applied after the document's own. Whatever the document names
    is read through `RootsOnlyReader`.
    """
    if document not in _documents:
        raise LookupError(f"No PDF document {document!r} is registered (register_document).")
    weasyprint, fetcher_class = _weasyprint()
    fetcher = fetcher_class(reader=RootsOnlyReader(document=document))
    # A folder's URL needs its final slash, or relative URLs resolve in its parent.
    base = os.path.join(base_url or settings.MEDIA_ROOT, "")
    extra = [weasyprint.CSS(string=css, base_url=base, url_fetcher=fetcher) for css in stylesheets]
    page = weasyprint.HTML(string=html, base_url=base, url_fetcher=fetcher)
    return page.write_pdf(stylesheets=extra)
