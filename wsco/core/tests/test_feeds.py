"""Every feed is a SafeFeed: what it sends as HTML is sanitised, its texts are XML-safe."""

from django.contrib.syndication.views import Feed
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver

from wsco.core.feeds import SafeFeed, plain_text_html, xml_text
from wsco.core.tests.html_safety import executable_feed_markup


def _callbacks(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _callbacks(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            yield pattern.callback


def test_every_feed_in_the_urls_is_a_safe_feed():
    callbacks = _callbacks(get_resolver().url_patterns)
    feeds = [callback for callback in callbacks if isinstance(callback, Feed)]
    assert feeds, "the URLs hold the publications' feeds"
    unsafe = [type(feed).__name__ for feed in feeds if not isinstance(feed, SafeFeed)]
    assert unsafe == [], "feeds must derive from wsco.core.feeds.SafeFeed"


def test_plain_text_becomes_escaped_paragraphs():
    html = plain_text_html("Water & <b>power</b>\n\n<script>x()</script>")
    assert html == (
        "<p>Water &amp; &lt;b&gt;power&lt;/b&gt;</p>\n\n<p>&lt;script&gt;x()&lt;/script&gt;</p>"
    )
    assert plain_text_html(None) == ""


def test_xml_text_drops_characters_xml_cannot_hold():
    assert xml_text("Ia\x00s\x01i\x1f\ufffe\t\n") == "Iasi\t\n"
    assert xml_text(None) is None


class HostileFeed(SafeFeed):
    """A feed whose methods return whatever people wrote, as a careless new feed would."""

    title = "Feed\x01"
    link = "/news/"

    def items(self):
        return ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>"]

    def item_title(self, item):
        return item + "\x02"

    def item_link(self, item):
        return "https://wsco.example/news/"

    def item_description(self, item):
        return item

    def item_author_name(self, item):
        return "<b onmouseover=alert(1)>Ana</b>\x03"

    def item_author_link(self, item):
        return "javascript:alert(1)"

    def item_categories(self, item):
        return ["<svg onload=alert(1)>\x04"]


def test_a_feed_that_returns_raw_html_sends_it_sanitised(db):
    response = HostileFeed()(RequestFactory().get("/news/feed/"))
    assert response.status_code == 200
    assert executable_feed_markup(response.content) == []
    content = response.content.decode()
    assert "javascript:" not in content
    for character in "\x01\x02\x03\x04":
        assert character not in content


def test_the_feed_check_sees_live_markup_in_html_summaries():
    document = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&lt;b&gt;</title>'
        '<summary type="html">&lt;img src=x onerror=alert(1)&gt;</summary>'
        "<author><uri>javascript:alert(1)</uri></author></entry></feed>"
    )
    assert executable_feed_markup(document) == [
        "<summary>: <img onerror>",
        "<uri>'javascript:alert(1)'",
    ]
