"""The engine's reasons (a code and its parameters) in words, in the reader's language."""

from collections.abc import Iterable, Mapping

from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django_countries import countries

from wsco.core.themes import THEMES_BY_SLUG
from wsco.members.models import Area, OrganizationType


def theme_names(slugs: Iterable[str]) -> str:
    """Return "Energy, Water and Transportation" for theme slugs, in the active language."""
    names = [str(THEMES_BY_SLUG[slug].name) for slug in slugs if slug in THEMES_BY_SLUG]
    return get_text_list(names, _("and"))


def terms(words: Iterable[str]) -> str:
    """Return quoted terms joined as a list: “traffic sensors” and “parking”."""
    return get_text_list([f"“{word}”" for word in words], _("and"))


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _area_values(reason: Mapping) -> tuple[str, str]:
    """Return the two sides of a "different_area" reason, named in the active language."""
    area, yours, theirs = reason.get("area"), reason.get("yours", ""), reason.get("theirs", "")
    if area == "country":
        return str(countries.name(yours) or yours), str(countries.name(theirs) or theirs)
    choices = OrganizationType if area == "organization_type" else Area
    return _label(choices, yours), _label(choices, theirs)


def render_reason(reason: Mapping) -> str:
    """Return one reason as a sentence."""
    code = reason.get("code")
    if code == "shared_themes":
        return _("You both work on %(themes)s.") % {"themes": theme_names(reason["themes"])}
    if code == "offers_what_you_look_for":
        return _("They offer %(terms)s, which you look for.") % {"terms": terms(reason["terms"])}
    if code == "looks_for_what_you_offer":
        return _("They look for %(terms)s, which you offer.") % {"terms": terms(reason["terms"])}
    if code == "works_on_its_themes":
        return _("Works on %(themes)s.") % {"themes": theme_names(reason["themes"])}
    if code == "offers_what_it_needs":
        return _("Offers %(terms)s, which it needs.") % {"terms": terms(reason["terms"])}
    if code == "different_area":
        yours, theirs = _area_values(reason)
        sentences = {
            "organization_type": _("Another kind of organization: %(theirs)s (yours: %(yours)s)."),
            "sector": _("Another area: %(theirs)s (yours: %(yours)s)."),
            "country": _("Another country: %(theirs)s (yours: %(yours)s)."),
        }
        sentence = sentences.get(reason.get("area"))
        if sentence:
            return sentence % {"yours": yours, "theirs": theirs}
    return ""


def render_reasons(reasons: Iterable[Mapping]) -> list[str]:
    """Return the reasons as sentences, most telling first.

    The organization's area (industry, public sector, ...) follows from its type, so when both
    differ only the area is said; a different type within one area (a city hall and a ministry)
    is said on its own.
    """
    reasons = list(reasons)
    areas = {reason.get("area") for reason in reasons if reason.get("code") == "different_area"}
    sentences = []
    for reason in reasons:
        if reason.get("area") == "organization_type" and "sector" in areas:
            continue
        sentence = render_reason(reason)
        if sentence:
            sentences.append(sentence)
    return sentences
