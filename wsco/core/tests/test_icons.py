"""The icon sprite holds exactly the icons the platform names, and `{% icon %}` draws them."""

import re
from pathlib import Path

import pytest
from django.template import Context, Template, TemplateSyntaxError

from wsco.core import icons
from wsco.core.models import Theme
from wsco.core.themes import THEMES

WSCO = Path(icons.__file__).parent.parent


def test_the_sprite_holds_exactly_the_named_icons():
    sprite = icons.SPRITE.read_text()
    assert icons.sprite_names(sprite) == set(icons.ICONS)
    assert "ISC" in icons.LICENCE.read_text()


def test_every_theme_has_its_own_icon():
    icons.check_theme_icons()
    assert len({icons.theme_icon(theme.slug) for theme in THEMES}) == 19


def test_check_theme_icons_names_a_missing_theme(monkeypatch):
    monkeypatch.delitem(icons.THEME_ICONS, "water")
    with pytest.raises(ValueError, match=r"missing \['water'\]"):
        icons.check_theme_icons()


def test_every_icon_a_template_draws_is_in_the_sprite():
    drawn = set()
    for template in WSCO.glob("*/templates/**/*.html"):
        drawn |= set(re.findall(r'{%\s*icon\s+"([^"]+)"', template.read_text()))
    assert drawn, "No template draws an icon by name"
    assert not drawn - set(icons.ICONS), f"Not in the sprite: {sorted(drawn - set(icons.ICONS))}"


def test_icon_tag_hides_a_decorative_icon_from_screen_readers():
    html = Template('{% load wsco %}{% icon "search" %}').render(Context())
    assert html == (
        '<svg class="icon" aria-hidden="true" focusable="false">'
        '<use href="/static/core/icons/sprite.svg#search"></use></svg>'
    )


def test_icon_tag_names_an_icon_that_stands_alone():
    # A label from a variable is escaped (a literal in a template is trusted, as Django does).
    html = Template('{% load wsco %}{% icon "x" label=label %}').render(
        Context({"label": "Close <now>"})
    )
    assert 'role="img" aria-label="Close &lt;now&gt;"' in html
    assert "<title>Close &lt;now&gt;</title>" in html
    assert "aria-hidden" not in html


def test_icon_tag_refuses_an_icon_not_in_the_sprite():
    with pytest.raises(TemplateSyntaxError, match="No icon 'rocket' in the sprite"):
        Template('{% load wsco %}{% icon "rocket" %}').render(Context())


def test_build_sprite_reads_only_the_named_icons(tmp_path):
    (tmp_path / "icons").mkdir()
    (tmp_path / "package.json").write_text('{"version": "9.9.9"}')
    (tmp_path / "icons" / "dot.svg").write_text(
        '<!-- @license lucide-static - ISC -->\n<svg\n  class="lucide"\n  viewBox="0 0 24 24"\n>\n'
        '  <circle cx="12" cy="12" r="1" />\n</svg>\n'
    )
    (tmp_path / "icons" / "unused.svg").write_text("<svg><path d='M0 0'/></svg>")
    sprite = icons.build_sprite(tmp_path, names={"dot"})
    assert icons.sprite_names(sprite) == {"dot"}
    assert '<symbol id="dot" viewBox="0 0 24 24"' in sprite
    assert '<circle cx="12" cy="12" r="1" /></symbol>' in sprite
    assert "lucide-static 9.9.9" in sprite
    with pytest.raises(ValueError, match="lucide-static has no icon 'missing'"):
        icons.build_sprite(tmp_path, names={"missing"})
    with pytest.raises(ValueError, match="has no icons/ folder"):
        icons.build_sprite(tmp_path / "icons")


@pytest.mark.django_db
def test_home_shows_each_theme_as_a_chip_with_its_icon(client):
    html = client.get("/").content.decode()
    assert Theme.objects.count() == 19
    for theme in THEMES:
        assert f'class="theme-chip theme-{theme.slug}"' in html
        assert f"sprite.svg#{icons.theme_icon(theme.slug)}" in html
