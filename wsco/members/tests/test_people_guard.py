"""Templates and code show a person's photo and bio only through `wsco.members.people`.

A template gets a person from the `people` tags (`{% person %}`, `{% shown_person ... as x %}`)
and reads the photo and bio of that, never of a profile or an author itself; Python code reads a
photo's address only in `people.py` (and in the person's own data export).
"""

import re
from pathlib import Path

from django.conf import settings

WSCO = Path(settings.BASE_DIR) / "wsco"

# Templates that may read a photo or a bio directly, with the reason.
TEMPLATES_ALLOWED = {
    "members/_avatar.html": "the people tags' own include: reads a Person",
    "members/_person.html": "the people tags' own include: reads a Person",
    "members/_person_bio.html": "the people tags' own include: reads a Person",
    "members/edit_profile.html": "the person's own form, showing their own photo",
}
# Modules that may read a photo's address, with the reason.
MODULES_ALLOWED = {
    "members/people.py": "the one function that decides what of a person is shown",
    "members/personal_data.py": "the person's own data, given back to them",
}

READ = re.compile(r"\b([a-z_]\w*)(?:\.\w+)*\.(photo|photo_url|bio|display_photo|display_bio)\b")
BOUND = re.compile(r"{%\s*shown_person\s[^%]*\bas\s+(\w+)\s*%}")
PYTHON_READ = re.compile(r"\.photo\.url\b|\bdisplay_photo\b|\bdisplay_bio\b")


def direct_reads(source: str) -> list[str]:
    """Return what `source` (a template) reads of a person other than through the tags."""
    bound = set(BOUND.findall(source))
    return [
        match.group(0)
        for match in READ.finditer(source)
        if match.group(1) not in bound and match.group(1) != "form"
    ]


def templates() -> list[tuple[str, Path]]:
    return [
        (str(path.relative_to(folder)), path)
        for folder in WSCO.glob("*/templates")
        for path in folder.rglob("*")
        if path.suffix in {".html", ".txt"}
    ]


def test_no_template_reads_a_persons_photo_or_bio_around_the_people_tags():
    offences = {
        name: found
        for name, path in templates()
        if name not in TEMPLATES_ALLOWED and (found := direct_reads(path.read_text()))
    }
    assert offences == {}, "show people with {% person %} or {% shown_person ... as x %}"


def test_the_allowed_templates_exist():
    assert set(TEMPLATES_ALLOWED) <= {name for name, _path in templates()}


def test_the_check_finds_a_photo_read_around_the_tags():
    assert direct_reads('<img src="{{ profile.photo.url }}">') == ["profile.photo"]
    assert direct_reads("{{ byline.author.display_bio|markdown }}") == ["byline.author.display_bio"]
    bound = "{% shown_person byline.author as author %}{% if author.photo_url %}{{ author.bio }}"
    assert direct_reads(bound) == []
    assert direct_reads("{{ other.bio }}{% shown_person x as author %}") == ["other.bio"]


def test_no_module_reads_a_persons_photo_address_around_people():
    offences = [
        f"{path.relative_to(WSCO)}:{number}"
        for path in WSCO.rglob("*.py")
        if "tests" not in path.parts
        and "migrations" not in path.parts
        and str(path.relative_to(WSCO)) not in MODULES_ALLOWED
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if PYTHON_READ.search(line)
    ]
    assert offences == [], "ask wsco.members.people.show for what of a person may be shown"
