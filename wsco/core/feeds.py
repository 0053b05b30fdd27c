"""The base of every feed the platform serves: what it carries as HTML is sanitised HTML.

An Atom entry's `summary` is sent as `type="html"`: a feed reader renders it as markup, so a
plain-text abstract such as `<img src=x onerror=...>` put there as it is would run in the reader.
`SafeFeed.get_feed` passes every entry's description through the same sanitiser as the pages'
Markdown (`wsco.core.markdown.sanitize_html`), whatever the subclass returned; plain text is
turned into HTML with `plain_text_html` first, so it reads as the text it is. Titles, names and
categories are Atom text constructs, escaped by the XML writer. Characters XML 1.0 cannot hold
are dropped from every text, so one stray control character cannot make the whole feed fail.
Links other than http(s) are left out. A test checks that every feed in the URLs is a SafeFeed
(`wsco/core/tests/test_feeds.py`).
"""

import re
from urllib.parse import urlsplit

from django.contrib.syndication.views import Feed
from django.template.defaultfilters import linebreaks_filter
from django.utils.feedgenerator import Atom1Feed, SyndicationFeed
from django.utils.safestring import SafeString

from wsco.core.markdown import ALLOWED_URL_SCHEMES, sanitize_html

XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
TEXT_FIELDS = ("title", "author_name", "item_copyright")


def plain_text_html(text: str | None) -> SafeString:
    """Return plain `text` as escaped HTML paragraphs, as the pages show it (`linebreaks`)."""
    return linebreaks_filter(text, autoescape=True) if text else SafeString("")


def xml_text(text: str | None) -> str | None:
    """Return `text` without the characters an XML 1.0 document cannot hold."""
    return None if text is None else XML_ILLEGAL.sub("", str(text))


def _web_link(url: str | None) -> str | None:
    """Return `url` when it is an http(s) address or a relative one, else None."""
    if url is None:
        return None
    scheme = urlsplit(str(url).strip()).scheme.lower()
    return url if not scheme or scheme in ALLOWED_URL_SCHEMES - {"mailto"} else None


class SafeFeed(Feed):
    """An Atom feed whose entries carry only sanitised HTML, XML-safe text and web links."""

    feed_type = Atom1Feed

    def get_feed(self, obj, request) -> SyndicationFeed:
        feed = super().get_feed(obj, request)
        for name in ("title", "subtitle", "description", "author_name"):
            feed.feed[name] = xml_text(feed.feed.get(name))
        for item in feed.items:
            for name in TEXT_FIELDS:
                item[name] = xml_text(item.get(name))
            # An author's own address may come from what people wrote; the entry's link is ours.
            item["author_link"] = _web_link(item.get("author_link"))
            item["categories"] = [xml_text(category) for category in item["categories"]]
            if item.get("description") is not None:
                item["description"] = xml_text(sanitize_html(str(item["description"])))
        return feed
