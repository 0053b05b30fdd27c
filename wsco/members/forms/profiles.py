"""Forms of the directory: its filters, and editing a profile or an organization."""

from functools import lru_cache

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from wsco.core.forms import CleanTextMixin, search_field
from wsco.core.models import Theme
from wsco.core.search import parse_query
from wsco.core.sorting import Sorting
from wsco.core.themes import THEMES
from wsco.core.uploads import UploadFormField
from wsco.members.models import (
    LANGUAGE_CHOICES,
    JoinRequestStatus,
    Organization,
    OrganizationType,
    Profile,
)

# The languages offered on a profile: the EU's official languages and the others most spoken
# across the network, rather than all of Django's hundred.
PROFILE_LANGUAGES = (
    "en", "ro", "fr", "de", "es", "it", "pt", "nl", "pl", "hu", "cs", "sk", "sl", "hr", "bg",
    "el", "da", "sv", "fi", "et", "lv", "lt", "ga", "uk", "ru", "sr", "mk", "sq", "bs",
    "tr", "ar", "he", "zh-hans", "ja", "ko", "hi", "nb", "is",
)  # fmt: skip
_LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)
LANGUAGE_OPTIONS = [(code, _LANGUAGE_NAMES[code]) for code in PROFILE_LANGUAGES]

THEME_OPTIONS = [(theme.slug, theme.name) for theme in THEMES]


@lru_cache(maxsize=64)
def _named_countries(language: str, codes: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    # Names in `language` (the active one), in its alphabetical order: a list asked for anew
    # whenever the directory's page is built, for the same few countries.
    return tuple(sorted(((code, countries.name(code)) for code in codes), key=lambda p: p[1]))


def _country_options(codes) -> list[tuple[str, str]]:
    named = _named_countries(translation.get_language(), tuple(codes))
    return [("", _("Any country")), *named]


class DirectoryFilterForm(CleanTextMixin, forms.Form):
    """The directory's search box and filters (a GET form; every field is optional)."""

    q = search_field(
        label=_("Search"),
        help_text=_("Names, organizations, cities, themes, what people offer or look for."),
    )
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    type = forms.ChoiceField(label=_("Organization type"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(
        self,
        *args,
        country_codes=(),
        with_theme: bool = True,
        sorts: Sorting | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("Any theme")), *THEME_OPTIONS]
        self.fields["type"].choices = [("", _("Any type")), *OrganizationType.choices]
        self.fields["country"].choices = _country_options(country_codes)
        if not with_theme:
            del self.fields["theme"]
        if sorts is not None:
            # Not a filter: the list's order, from the allow-list (anything else: the default).
            self.fields["sort"] = forms.ChoiceField(
                label=_("Sort by"), required=False, choices=sorts.choices
            )

    def filters(self) -> dict[str, str]:
        """Return the valid filters as keyword arguments; invalid ones are left out."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value for name, value in self.cleaned_data.items() if value and name != "sort"
        }

    def ignored_words(self) -> tuple[str, ...]:
        """Return the words of the search too short to look up."""
        return parse_query(self.cleaned_data.get("q", "") if self.is_bound else "").ignored

    @property
    def is_filtered(self) -> bool:
        return bool(self.filters())

    @property
    def chosen_theme(self) -> Theme | None:
        """Return the theme the list is narrowed to, if any, to show as a chip (no query)."""
        slug = self.filters().get("theme")
        return Theme(slug=slug) if slug else None


def image_field(*, label, kind: str, help_text) -> UploadFormField:
    """Return an optional picture upload, checked and re-encoded by `wsco.core.uploads`."""
    return UploadFormField(
        label=label, kind=kind, required=False, widget=forms.FileInput, help_text=help_text
    )


class ProfileForm(CleanTextMixin, forms.ModelForm):
    """Everything a person says about themselves in the directory."""

    photo = image_field(
        label=_("Photo"),
        kind="photo",
        help_text=_("A JPEG, PNG, GIF or WebP picture of at most 2 MB."),
    )
    remove_photo = forms.BooleanField(label=_("Remove my photo"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=LANGUAGE_OPTIONS,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Every language you work in: hold Ctrl (⌘ on a Mac) to choose several."),
    )
    themes_of_interest = forms.ModelMultipleChoiceField(
        label=_("Themes of interest"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes_of_expertise = forms.ModelMultipleChoiceField(
        label=_("Themes of expertise"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # Not a field of the model: choosing an organization asks its administrator, who approves
    # (`wsco.members.services.affiliations.choose_organization`).
    organization = forms.ModelChoiceField(
        label=_("Organization"),
        queryset=Organization.objects.order_by("name"),
        required=False,
        help_text=_(
            "Choosing another organization asks its administrator; you are listed with it once "
            "they approve. Leave it empty to be listed with none. Not listed? The secretariat "
            "adds organizations."
        ),
    )

    class Meta:
        model = Profile
        fields = [
            "name",
            "title",
            "country",
            "city",
            "languages",
            "bio",
            "themes_of_interest",
            "themes_of_expertise",
            "offers",
            "looks_for",
            "phone",
            "website",
            "visibility",
            "recommend_consent",
        ]
        widgets = {
            "visibility": forms.RadioSelect,
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
        }
        help_texts = {"phone": _("Shown only to you and to the secretariat.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = kwargs.get("instance")
        if instance is not None and not self.is_bound:
            pending = instance.join_requests.filter(status=JoinRequestStatus.PENDING).first()
            chosen = pending.organization_id if pending else instance.organization_id
            self.initial.setdefault("organization", chosen)

    def profile_data(self) -> dict:
        """Return the fields for `update_profile` / `create_profile` (themes apart)."""
        data = {
            name: self.cleaned_data[name]
            for name in self.Meta.fields
            if name not in {"themes_of_interest", "themes_of_expertise"}
        }
        photo = self.cleaned_data.get("photo")
        data["photo"] = photo if photo else (False if self.cleaned_data["remove_photo"] else None)
        return data


class OrganizationForm(CleanTextMixin, forms.ModelForm):
    """An organization's page in the directory, edited by staff or its administrator."""

    logo = image_field(
        label=_("Logo"),
        kind="logo",
        help_text=_("A JPEG, PNG, GIF or WebP picture of at most 2 MB."),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Organization
        fields = [
            "name",
            "type",
            "country",
            "city",
            "website",
            "description",
            "billing_address",
            "vat_id",
            "themes",
        ]

    def organization_data(self) -> dict:
        """Return the fields for `update_organization` (themes apart)."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields if name != "themes"}
        logo = self.cleaned_data.get("logo")
        data["logo"] = logo if logo else (False if self.cleaned_data["remove_logo"] else None)
        return data
