"""The theme taxonomy: the 19 themes of ISO 37120:2018, which every app tags with.

Each theme is keyed by a stable slug; its number is the clause of ISO 37120:2018 that holds its
indicators (clause 5, Economy, to clause 23, Water). The names are ours to translate.
"""

from typing import NamedTuple

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class ThemeInfo(NamedTuple):
    slug: str
    clause: int
    name: Promise


THEMES: tuple[ThemeInfo, ...] = (
    ThemeInfo("economy", 5, _("Economy")),
    ThemeInfo("education", 6, _("Education")),
    ThemeInfo("energy", 7, _("Energy")),
    ThemeInfo("environment", 8, _("Environment and climate change")),
    ThemeInfo("finance", 9, _("Finance")),
    ThemeInfo("governance", 10, _("Governance")),
    ThemeInfo("health", 11, _("Health")),
    ThemeInfo("housing", 12, _("Housing")),
    ThemeInfo("population", 13, _("Population and social conditions")),
    ThemeInfo("recreation", 14, _("Recreation")),
    ThemeInfo("safety", 15, _("Safety")),
    ThemeInfo("solid-waste", 16, _("Solid waste")),
    ThemeInfo("sport-culture", 17, _("Sport and culture")),
    ThemeInfo("telecommunication", 18, _("Telecommunication")),
    ThemeInfo("transportation", 19, _("Transportation")),
    ThemeInfo("agriculture", 20, _("Urban/local agriculture and food security")),
    ThemeInfo("urban-planning", 21, _("Urban planning")),
    ThemeInfo("wastewater", 22, _("Wastewater")),
    ThemeInfo("water", 23, _("Water")),
)

THEMES_BY_SLUG: dict[str, ThemeInfo] = {theme.slug: theme for theme in THEMES}
