"""Addresses people give (their websites): handed out only when they are web addresses.

A URL field is checked when a form saves it, but a page or an API answer that puts a stored
address in a link must not rely on that: `javascript:` in an `href` runs when clicked. Pages
use the `web_url` template filter (`{% load wsco %}`), the API the function below.
"""

WEB_SCHEMES = ("https://", "http://")


def web_url(url: str | None) -> str:
    """Return `url` when it is an http(s) address, else an empty string."""
    url = str(url or "")
    return url if url.lower().startswith(WEB_SCHEMES) else ""
