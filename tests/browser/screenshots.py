"""Screenshot regression: a page's picture against the one kept in tests/browser/screenshots/.

Two pictures match when they have the same size and at most `TOLERANCE` of their pixels differ
by more than `CHANNEL_THRESHOLD` in any colour channel: anti-aliasing and font hinting move a
few pixels from one run to the next, a changed layout moves thousands.

`UPDATE_SCREENSHOTS=1 make test` (or the same variable on one pytest run) writes the pictures
anew instead of comparing; review them as images in the diff before committing them. A failing
comparison leaves the picture taken and an image of the differences in var/screenshots/.
"""

import os
from pathlib import Path

from PIL import Image, ImageChops

KEPT = Path(__file__).parent / "screenshots"
FAILED = Path(__file__).resolve().parents[2] / "var" / "screenshots"
CHANNEL_THRESHOLD = 40
TOLERANCE = 0.005


def differing_share(expected: Image.Image, actual: Image.Image) -> float:
    """Return the share of pixels that differ by more than the channel threshold."""
    difference = ImageChops.difference(expected.convert("RGB"), actual.convert("RGB"))
    # The largest channel difference of each pixel, counted where it passes the threshold.
    red, green, blue = difference.split()
    largest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    over = sum(largest.histogram()[CHANNEL_THRESHOLD + 1 :])
    return over / (expected.width * expected.height)


def compare(name: str, png: bytes) -> str | None:
    """Compare `png` with the kept picture called `name`; return what is wrong, or None."""
    kept = KEPT / f"{name}.png"
    if os.environ.get("UPDATE_SCREENSHOTS") == "1" or not kept.exists():
        if os.environ.get("CI") == "true" and not kept.exists():
            return f"No kept screenshot {kept.name}: make it with UPDATE_SCREENSHOTS=1."
        KEPT.mkdir(exist_ok=True)
        kept.write_bytes(png)
        return None
    actual_path = FAILED / f"{name}.png"
    FAILED.mkdir(parents=True, exist_ok=True)
    actual_path.write_bytes(png)
    with Image.open(kept) as expected, Image.open(actual_path) as actual:
        if expected.size != actual.size:
            return f"{name}: {actual.size} taken, {expected.size} kept ({actual_path})."
        share = differing_share(expected, actual)
        if share > TOLERANCE:
            ImageChops.difference(expected.convert("RGB"), actual.convert("RGB")).save(
                FAILED / f"{name}-difference.png"
            )
            return f"{name}: {share:.2%} of pixels changed, over {TOLERANCE:.1%} ({actual_path})."
    actual_path.unlink()
    return None
