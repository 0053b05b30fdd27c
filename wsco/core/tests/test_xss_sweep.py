"""Every text field of every model, through every page: nothing people write runs anywhere.

The sweep (xss_sweep.py) finds the models, fields and pages by introspection; each app teaches
it, in its `tests/xss.py`, how to build its objects and which object a URL shows.
"""

from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.test import Client

from wsco.core.email import queue_email
from wsco.core.tests.html_safety import executable_markup
from wsco.core.tests.xss_payloads import FIELD_PROBES
from wsco.core.tests.xss_sweep import (
    HOSTILE_EMAIL,
    Teaching,
    World,
    clients_for,
    pages,
    people_text_fields,
    platform_models,
    problems_in,
    sweep,
)
from wsco.members.models import Organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def teaching() -> Teaching:
    return Teaching.gather()


def test_every_model_with_text_people_write_has_a_builder(teaching):
    untaught = [
        model._meta.label
        for model in platform_models()
        if people_text_fields(model, teaching.not_written_by_people)
        and model not in teaching.builders
    ]
    assert untaught == [], "add a builder for these models to their app's tests/xss.py"


def test_the_fields_declared_not_written_by_people_exist(teaching):
    labels = {
        f"{model._meta.label}.{model_field.name}"
        for model in platform_models()
        for model_field in model._meta.concrete_fields
    }
    assert set(teaching.not_written_by_people) - labels == set()


def test_every_text_field_of_every_row_holds_the_payload(teaching):
    world = World(teaching)
    world.build()
    world.fill(FIELD_PROBES[0])
    for model in platform_models():
        for text_field in people_text_fields(model, teaching.not_written_by_people):
            for value in model._default_manager.values_list(text_field.name, flat=True):
                if text_field.name == "email":
                    assert value.startswith('"<img src=x onerror=window.__xss=1>"@'), value
                else:
                    assert value.startswith(FIELD_PROBES[0][:3]), (model, text_field.name, value)


def test_the_check_finds_a_payload_left_live():
    class Response(dict):
        content = f"<p>{FIELD_PROBES[0]}</p>".encode()

    page = Response({"Content-Type": "text/html; charset=utf-8"})
    assert "<img onerror>" in problems_in(page)
    api = Response({"Content-Type": "application/json"})
    api.content = b'{"items": [{"website": "javascript:window.__xss=1", "body_html": "<b>"}]}'
    assert problems_in(api) == ["website: 'javascript:window.__xss=1'"]
    assert executable_markup(HOSTILE_EMAIL.format(number=1)) == ["<img onerror>"]


SPRITE = "/static/core/icons/sprite.svg"
ICON = (
    f'<svg class="icon" aria-hidden="true"><title>Close</title><use href="{SPRITE}#x"></use></svg>'
)


def test_a_page_may_hold_the_platforms_icons_and_no_other_svg():
    assert executable_markup(ICON, icon_sprite=SPRITE) == []
    # What people wrote is checked without the sprite: any SVG in it is a problem.
    assert executable_markup(ICON) == ["<svg>"]
    hostile = [
        (
            f'<svg class="icon" onload="x()"><use href="{SPRITE}#x"></use></svg>',
            ["<svg onload>"],
        ),
        ('<svg class="icon"><use href="/files/evil.svg#x"></use></svg>', ["<use> in an icon"]),
        (
            '<svg class="icon"><animate attributeName="href" values="javascript:x()"/></svg>',
            ["<animate> in an icon"],
        ),
        ('<svg class="icon"><svg onload="x()"></svg></svg>', ["<svg> in an icon", "<svg onload>"]),
        ('<svg class="icon"><script>x()</script></svg>', ["<script> in an icon"]),
        ('<svg class="icon"></svg><svg></svg>', ["<svg>"]),
    ]
    for html, problems in hostile:
        assert executable_markup(html, icon_sprite=SPRITE) == problems, html


def test_a_page_may_hold_the_platforms_charts_of_shapes_and_text_only():
    from wsco.core.charts import Series, bar_chart

    chart = bar_chart(
        title="Fees",
        description="Fees by month.",
        category_name="Month",
        categories=["March"],
        series=[Series(name="EUR", values=[3])],
    )
    assert executable_markup(chart, icon_sprite=SPRITE) == []
    assert executable_markup(chart) == ["<svg>"]
    hostile = [
        ('<svg class="chart-svg"><a href="/x"><text>x</text></a></svg>', ["<a> in a chart"]),
        (
            '<svg class="chart-svg"><foreignObject></foreignObject></svg>',
            ["<foreignobject> in a chart"],
        ),
        (
            '<svg class="chart-svg"><image href="/files/x.svg"></image></svg>',
            ["<image> in a chart"],
        ),
        ('<svg class="chart-svg"><rect onclick="x()"></rect></svg>', ["<rect onclick>"]),
        ('<svg class="chart-svg"><script>x()</script></svg>', ["<script> in a chart"]),
    ]
    for html, problems in hostile:
        assert executable_markup(html, icon_sprite=SPRITE) == problems, html


@pytest.mark.parametrize("payload", FIELD_PROBES, ids=["markup", "javascript-url"])
def test_no_page_runs_what_people_wrote(teaching, payload):
    world = World(teaching)
    world.build()
    world.fill(payload)
    world.refresh()
    findings = sweep(world, clients_for(world, Client))
    assert findings.unseen == [], f"teach these URLs to the sweep: {findings.unseen}"
    assert findings.problems == {}, findings.problems
    # The text reached the pages: each object's own page shows it (and so do the lists). An
    # object shown in a part of another's page ("/problems/1/#solution-1") is on that page: a
    # browser never sends the fragment.
    own_pages = {
        world[model].get_absolute_url().partition("#")[0]
        for model in platform_models()
        if model in teaching.builders and hasattr(model, "get_absolute_url")
    }
    assert own_pages - findings.showing_payload == set()


def test_emails_are_plain_text(mailoutbox, django_capture_on_commit_callbacks):
    # Emails are rendered from .txt templates only: what people wrote reaches a mail reader as
    # text. An HTML email would need the sweep to render it.
    html_emails = [
        str(path.relative_to(settings.BASE_DIR))
        for path in Path(settings.BASE_DIR, "wsco").glob("*/templates/*/email/*.html")
    ]
    assert html_emails == []
    profile = SimpleNamespace(name=FIELD_PROBES[0])
    # Emails are queued when the change that sends them commits.
    with django_capture_on_commit_callbacks(execute=True):
        queue_email(
            to="ana@example.org",
            template="members/email/application_received",
            context={"profile": profile, "application": SimpleNamespace(renewal_of_id=None)},
        )
    assert mailoutbox[0].alternatives == []
    assert mailoutbox[0].content_subtype == "plain"
    assert FIELD_PROBES[0][:40] in mailoutbox[0].body


def test_a_model_nobody_taught_stops_the_sweep(teaching):
    del teaching.builders[Organization]
    with pytest.raises(LookupError, match=r"members\.Organization has no builder: add one to"):
        World(teaching).build()


def test_a_url_nobody_taught_is_asked_for_without_an_object(teaching):
    del teaching.url_kwargs["members:profile"]
    world = World(teaching)
    world.build()
    found, _untaught = pages(world)
    profile_pages = [page for page in found if page.name == "members:profile"]
    # Asked for with a placeholder, it must answer 405 (an action) or count as unseen.
    assert [(page.url, page.placeholder) for page in profile_pages] == [("/members/0/", True)]
