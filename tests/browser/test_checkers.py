"""The checks the browser tests rely on find what they look for."""

import pytest
from PIL import Image

from tests.browser import screenshots
from tests.browser.axe import violations


def picture(changed: int, by: int) -> Image.Image:
    """A 100 by 100 grey picture whose first `changed` pixels are lighter by `by` in red."""
    image = Image.new("RGB", (100, 100), (120, 120, 120))
    for index in range(changed):
        image.putpixel((index % 100, index // 100), (120 + by, 120, 120))
    return image


def test_pixels_changed_past_the_threshold_are_counted():
    base = picture(0, 0)
    # By hand: 10 of 10,000 pixels changed by 100 > 40 is 0.1 %; by 40 (not above) is none.
    assert screenshots.differing_share(base, picture(10, 100)) == pytest.approx(0.001)
    assert screenshots.differing_share(base, picture(10, screenshots.CHANNEL_THRESHOLD)) == 0
    assert screenshots.differing_share(base, picture(10, screenshots.CHANNEL_THRESHOLD + 1)) == (
        pytest.approx(0.001)
    )


def test_a_changed_picture_fails_and_a_close_one_passes(tmp_path, monkeypatch):
    monkeypatch.setattr(screenshots, "KEPT", tmp_path / "kept")
    monkeypatch.setattr(screenshots, "FAILED", tmp_path / "failed")
    monkeypatch.delenv("UPDATE_SCREENSHOTS", raising=False)
    monkeypatch.delenv("CI", raising=False)

    def png(image):
        path = tmp_path / "taken.png"
        image.save(path)
        return path.read_bytes()

    assert screenshots.compare("page", png(picture(0, 0))) is None  # kept the first time
    # 40 of 10,000 pixels is 0.4 %, within the 0.5 % tolerance; 60 is 0.6 %, past it.
    assert screenshots.compare("page", png(picture(40, 100))) is None
    problem = screenshots.compare("page", png(picture(60, 100)))
    assert problem is not None
    assert "0.60% of pixels changed" in problem
    assert (tmp_path / "failed" / "page-difference.png").exists()
    wider = Image.new("RGB", (101, 100))
    assert "(101, 100) taken, (100, 100) kept" in screenshots.compare("page", png(wider))


def test_a_missing_picture_fails_in_continuous_integration(tmp_path, monkeypatch):
    monkeypatch.setattr(screenshots, "KEPT", tmp_path)
    monkeypatch.setenv("CI", "true")
    monkeypatch.delenv("UPDATE_SCREENSHOTS", raising=False)
    assert "No kept screenshot new.png" in screenshots.compare("new", b"")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_axe_reports_an_image_without_text(page):
    page.goto(page.base_url + "/privacy/")
    assert violations(page) == []
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert [line.split(" ")[0] for line in violations(page)] == ["image-alt"]
