"""Markdown is rendered, and whatever people write cannot run script or restyle the page."""

import pytest
from django.template import Context, Template
from hypothesis import given, settings
from hypothesis import strategies as st

from wsco.core.markdown import render_markdown
from wsco.core.tests.html_safety import executable_markup
from wsco.core.tests.xss_payloads import XSS_PAYLOADS


def test_markdown_renders_headings_emphasis_lists_links_and_tables():
    html = render_markdown(
        "## Water\n\n**Less** *loss*.\n\n- one\n- two\n\n[WSCO](https://wsco.example/)\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    assert "<h2>Water</h2>" in html
    assert "<strong>Less</strong> <em>loss</em>" in html
    assert "<li>one</li>" in html
    assert '<a href="https://wsco.example/" rel="noopener nofollow">WSCO</a>' in html
    assert "<td>1</td>" in html


def test_empty_text_renders_nothing():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""


def test_relative_links_and_images_are_kept():
    html = render_markdown("[home](/news/) ![map](/media/map.png)")
    assert 'href="/news/"' in html
    assert 'src="/media/map.png"' in html


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_payload_leaves_nothing_executable(payload):
    html = render_markdown(payload)
    assert executable_markup(html) == [], html
    assert "javascript:" not in html.lower()
    assert "<script" not in html.lower()


def test_corpus_holds_at_least_thirty_payloads():
    assert len(XSS_PAYLOADS) >= 30


def test_template_filter_renders_sanitised_markdown():
    rendered = Template("{% load markdown %}{{ text|markdown }}").render(
        Context({"text": "*hi* <script>window.__xss=1</script>"})
    )
    assert rendered == "<p><em>hi</em> </p>"


FRAGMENTS = [
    "<script>",
    "</script>",
    "<img src=x onerror=a()>",
    "<a href='javascript:a()'>",
    "javascript:",
    "[x](",
    ")",
    "](javascript:a())",
    "<svg onload=a()>",
    "<style>",
    ' style="x"',
    "<",
    ">",
    '"',
    "'",
    "&#",
    "\n\n",
    "**",
    "`",
    "<iframe>",
    " onclick=a() ",
    "<p ",
    "data:text/html,",
]


@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=25))
@settings(max_examples=300, deadline=None)
def test_any_mix_of_markup_and_text_renders_nothing_executable(parts):
    html = render_markdown("".join(parts))
    assert executable_markup(html) == []
