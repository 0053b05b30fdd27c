"""Addresses people give are put in links only when they are web addresses."""

import pytest
from django.template import Context, Template

from wsco.core.links import web_url


@pytest.mark.parametrize("url", ["https://wsco.example/", "http://wsco.example", "HTTPS://A.EX"])
def test_web_addresses_are_kept(url):
    assert web_url(url) == url


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "data:text/html,x", ""],
)
def test_other_addresses_give_nothing(url):
    assert web_url(url) == ""


def test_nothing_gives_nothing():
    assert web_url(None) == ""


def test_the_template_filter_leaves_out_a_script_link():
    template = Template(
        '{% load wsco %}{% if url|web_url %}<a href="{{ url|web_url }}">{% endif %}'
    )
    assert template.render(Context({"url": "javascript:alert(1)"})) == ""
    assert template.render(Context({"url": "https://a.ex/"})) == '<a href="https://a.ex/">'
