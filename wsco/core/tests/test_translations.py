"""The Romanian catalogues translate every string the platform shows."""

import re
from pathlib import Path

from django.utils import translation

ROOT = Path(__file__).resolve().parents[3]
CATALOGUES = [
    ROOT / "locale/ro/LC_MESSAGES/django.po",
    *sorted(ROOT.glob("wsco/*/locale/ro/LC_MESSAGES/django.po")),
]


def untranslated(catalogue: Path) -> list[str]:
    """Return the msgids of `catalogue` whose translation is empty or fuzzy."""
    text = catalogue.read_text(encoding="utf-8")
    missing = []
    for block in text.split("\n\n")[1:]:
        if "#, fuzzy" in block:
            missing.append(block)
        for translation_line in re.findall(
            r'^msgstr(?:\[\d\])? (".*?)(?=^msg|\Z)', block, re.S | re.M
        ):
            if not "".join(re.findall(r'"(.*)"', translation_line)):
                missing.append(block)
    return missing


def test_every_romanian_catalogue_is_complete():
    for catalogue in CATALOGUES:
        assert untranslated(catalogue) == [], catalogue


def test_the_platform_speaks_romanian():
    with translation.override("ro"):
        assert translation.gettext("Members") == "Membri"
        assert translation.gettext("Water") == "Apă"
