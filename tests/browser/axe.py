"""Accessibility checks with axe-core (vendored in tests/browser/vendor, MPL-2.0).

The script is evaluated through the browser's debugging protocol, which the page's Content
Security Policy does not govern, so the page is checked exactly as it is served.
"""

from functools import cache
from pathlib import Path

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
# WCAG 2.1 A and AA, and axe's best practices; a finding of these impacts fails a page.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
FAILING_IMPACTS = {"serious", "critical"}


@cache
def _source() -> str:
    return AXE.read_text(encoding="utf-8")


def violations(page) -> list[str]:
    """Return the serious and critical axe violations of the page, one line each."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(_source())
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        TAGS,
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
        for violation in results["violations"]
        if violation["impact"] in FAILING_IMPACTS
    ]
