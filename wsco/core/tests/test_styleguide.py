"""The styleguide: staff see the design system as it renders (others: the permission matrix)."""

import pytest
from django.urls import reverse

from wsco.core import design, icons
from wsco.core.themes import THEMES
from wsco.members.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(client):
    client.force_login(UserFactory(is_staff=True))
    response = client.get(reverse("core:styleguide"))
    assert response.status_code == 200
    return response.content.decode()


def test_styleguide_shows_every_colour_token_with_its_contrast(page):
    for name in design.colour_tokens():
        assert f'class="swatch-colour bg-{name}"' in page
    # Worked by hand: --ink #1b2a33 has linear channels 0.01096, 0.02316, 0.03310, so a luminance
    # of 0.2126 * 0.01096 + 0.7152 * 0.02316 + 0.0722 * 0.03310 = 0.02128; on --paper #ffffff
    # (luminance 1) that is 1.05 / 0.07128 = 14.73:1 in the light scheme.
    assert design.contrast_ratio("#1b2a33", "#ffffff") == pytest.approx(14.73, abs=0.01)
    assert "<td>14.73</td>" in page
    assert page.count('class="pair-sample') == len(design.PAIRS)
    assert "contrast-fail" not in page


def test_styleguide_shows_the_type_scale_icons_and_every_theme(page):
    assert page.count('class="type-sample') == 7
    for name in icons.INTERFACE_ICONS:
        assert f"sprite.svg#{name}" in page
    for theme in THEMES:
        assert f'class="theme-chip theme-{theme.slug}"' in page


def test_styleguide_shows_each_chart_with_sample_numbers(page):
    for kind in ("chart-profile", "chart-peers", "chart-trend", "chart-empty"):
        assert f'class="chart {kind}"' in page
    assert '<tr class="chart-row-highlight"><th scope="row"><strong>Brașov</strong>' in page
    assert "Urban/local agriculture and food security" in page
    assert page.count('class="chart-svg"') == 3


def test_styleguide_shows_a_form_with_its_help_and_errors(page):
    assert "As it appears on your statutes." in page
    assert "This field is required." in page
    assert "Enter a valid email address." in page
    assert 'class="pagination"' in page
    assert "Page 3 of 10" in page


def test_every_colour_token_has_its_styleguide_classes():
    css = (design.TOKENS_CSS.parent / "styleguide.css").read_text()
    missing = [
        name
        for name in design.colour_tokens()
        if f".bg-{name} {{" not in css or f".fg-{name} {{" not in css
    ]
    assert not missing, f"styleguide.css has no class for {missing}"


def test_styleguide_speaks_romanian(client):
    client.force_login(UserFactory(is_staff=True))
    response = client.get(reverse("core:styleguide"), headers={"accept-language": "ro"})
    html = response.content.decode()
    assert "<h1>Ghid de stil</h1>" in html
    assert "Așa cum apare în statut." in html
