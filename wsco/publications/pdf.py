"""Render HTML to PDF with WeasyPrint, reading only files under MEDIA_ROOT (no network)."""

import logging
from pathlib import Path

from django.conf import settings

# WeasyPrint reports every rendering step at INFO (even while it imports, parsing its own
# stylesheets); the task log needs only its warnings.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

import weasyprint  # noqa: E402
from weasyprint.urls import URLFetcher  # noqa: E402


class MediaOnlyFetcher(URLFetcher):
    """Fetch only local files inside MEDIA_ROOT: a PDF never calls out or reads other files."""

    def __init__(self, **kwargs):
        super().__init__(allowed_protocols={"file"}, **kwargs)

    def fetch(self, url, headers=None):
        media_root = Path(settings.MEDIA_ROOT).resolve()
        path = Path(url.removeprefix("file://")).resolve()
        if not url.startswith("file://") or not path.is_relative_to(media_root):
            raise ValueError(f"Refusing to fetch {url!r} while rendering a PDF.")
        return super().fetch(url, headers)


def html_to_pdf(html: str) -> bytes:
    """Return the PDF for `html`; relative and absolute paths resolve under MEDIA_ROOT."""
    return weasyprint.HTML(
        string=html, base_url=str(settings.MEDIA_ROOT), url_fetcher=MediaOnlyFetcher()
    ).write_pdf()
