"""The public pages' forms: the cities' search and filters, the comparison's choice, rankings."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from wsco.audits.public import LEVELS, MAX_COMPARED
from wsco.core.forms import CleanTextMixin, search_field
from wsco.core.themes import THEMES

THEME_OPTIONS = [(theme.slug, theme.name) for theme in THEMES]


class CityFilterForm(CleanTextMixin, forms.Form):
    """The audited cities' search box and filters (a GET form; every field is optional)."""

    q = search_field(label=_("Search"), help_text=_("A city's name."))
    country = forms.ChoiceField(label=_("Country"), required=False)
    level = forms.ChoiceField(label=_("Latest level"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)

    def __init__(self, *args, country_codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        named = sorted(((code, countries.name(code)) for code in country_codes), key=lambda p: p[1])
        self.fields["country"].choices = [("", _("Any country")), *named]
        self.fields["level"].choices = [("", _("Any level")), *((level, level) for level in LEVELS)]
        self.fields["theme"].choices = [("", _("Any theme")), *THEME_OPTIONS]

    def filters(self) -> dict[str, str]:
        """Return the valid filters as keyword arguments; invalid ones are left out."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class CompareForm(CleanTextMixin, forms.Form):
    """The cities to compare, as their slugs separated by commas (at most five)."""

    cities = forms.CharField(
        label=_("Cities"),
        required=False,
        max_length=900,
        help_text=_(
            "Up to five cities, by the last part of their page's address, separated by commas."
        ),
    )

    def clean_cities(self) -> list[str]:
        slugs = [part.strip() for part in self.cleaned_data["cities"].split(",") if part.strip()]
        slugs = list(dict.fromkeys(slugs))
        if len(slugs) > MAX_COMPARED:
            raise forms.ValidationError(
                _("Compare at most %(limit)s cities at once; you chose %(count)s."),
                params={"limit": MAX_COMPARED, "count": len(slugs)},
                code="too_many",
            )
        return slugs


class RankingForm(CleanTextMixin, forms.Form):
    """Which year's ranking, and by which theme (none: the overall index)."""

    year = forms.TypedChoiceField(label=_("Data year"), required=False, coerce=int)
    theme = forms.ChoiceField(label=_("Theme"), required=False)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]
        self.fields["theme"].choices = [("", _("Overall index")), *THEME_OPTIONS]
