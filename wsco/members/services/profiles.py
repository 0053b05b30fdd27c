"""Writes to member profiles and organizations, and the search documents they carry.

Every path that creates or changes a profile or an organization goes through these functions,
so that `search_document` (what the directory's search looks in) stays true: the membership
application creates people and organizations with `create_profile` / `create_organization`;
code that changes a profile's themes or organization some other way calls
`refresh_search_document(profile=...)` afterwards.
"""

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.utils import translation
from django.utils.text import slugify

from wsco.core import search
from wsco.core.models import Theme
from wsco.core.themes import THEMES_BY_SLUG
from wsco.members.directory_changes import directory_changed, profile_shown_changed
from wsco.members.models import Organization, OrganizationType, Profile

PROFILE_FIELDS = frozenset(
    {
        "name",
        "photo",
        "title",
        "organization",
        "country",
        "city",
        "languages",
        "bio",
        "offers",
        "looks_for",
        "phone",
        "website",
        "visibility",
        "recommend_consent",
    }
)
ORGANIZATION_FIELDS = frozenset(
    {
        "name",
        "type",
        "country",
        "city",
        "website",
        "description",
        "logo",
        "billing_address",
        "vat_id",
    }
)


def in_every_language(make_text) -> list[str]:
    """Return `make_text()` rendered in each of the site's languages (without repeats)."""
    texts: list[str] = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            text = str(make_text())
        if text and text not in texts:
            texts.append(text)
    return texts


def theme_words(slugs: Iterable[str]) -> list[str]:
    """Return the names of the themes `slugs` in every site language, so either finds them."""
    words: list[str] = []
    for slug in sorted(set(slugs)):
        info = THEMES_BY_SLUG.get(slug)
        if info is not None:
            words.extend(in_every_language(lambda info=info: info.name))
    return words


def country_words(country) -> list[str]:
    """Return the country's name in every site language, and its code."""
    if not country:
        return []
    return [*in_every_language(lambda: country.name), country.code]


def profile_document(
    profile: Profile, *, organization_name: str = "", theme_slugs: Iterable[str] = ()
) -> str:
    """Return the search document of `profile`, given its organization's name and themes."""
    return search.document(
        profile.name,
        profile.title,
        organization_name,
        profile.city,
        *country_words(profile.country),
        profile.bio,
        profile.offers,
        profile.looks_for,
        *theme_words(theme_slugs),
    )


def organization_document(organization: Organization, *, theme_slugs: Iterable[str] = ()) -> str:
    """Return the search document of `organization`, given its themes."""
    return search.document(
        organization.name,
        *in_every_language(lambda: OrganizationType(organization.type).label),
        organization.city,
        *country_words(organization.country),
        organization.description,
        *theme_words(theme_slugs),
    )


def _profile_theme_slugs(profile: Profile) -> set[str]:
    interest = profile.themes_of_interest.values_list("slug", flat=True)
    expertise = profile.themes_of_expertise.values_list("slug", flat=True)
    return {*interest, *expertise}


def refresh_search_document(*, profile: Profile) -> None:
    """Rebuild and store the search document of `profile` from its current fields and themes."""
    organization = profile.organization
    profile.search_document = profile_document(
        profile,
        organization_name=organization.name if organization else "",
        theme_slugs=_profile_theme_slugs(profile),
    )
    Profile.objects.filter(pk=profile.pk).update(search_document=profile.search_document)
    profile_shown_changed(profile)


def refresh_organization_search_document(*, organization: Organization) -> None:
    """Rebuild the search document of `organization` and of its people (they carry its name)."""
    organization.search_document = organization_document(
        organization, theme_slugs=organization.themes.values_list("slug", flat=True)
    )
    Organization.objects.filter(pk=organization.pk).update(
        search_document=organization.search_document
    )
    people = list(
        organization.people.prefetch_related(
            Prefetch("themes_of_interest", queryset=Theme.objects.only("slug")),
            Prefetch("themes_of_expertise", queryset=Theme.objects.only("slug")),
        )
    )
    for person in people:
        slugs = {theme.slug for theme in person.themes_of_interest.all()}
        slugs |= {theme.slug for theme in person.themes_of_expertise.all()}
        person.search_document = profile_document(
            person, organization_name=organization.name, theme_slugs=slugs
        )
    # pragma: no mutate: the size of the batches changes no result.
    Profile.objects.bulk_update(people, ["search_document"], batch_size=500)
    directory_changed()


def _check_fields(data: Mapping[str, Any], allowed: frozenset[str]) -> None:
    unknown = set(data) - allowed
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")


def _replace_file(instance, field: str, new_file) -> None:
    """Put `new_file` (or nothing, when False) in `field`; delete the old file once committed."""
    old = getattr(instance, field)
    old_name = old.name if old else ""
    if new_file is False:
        setattr(instance, field, "")
    else:
        getattr(instance, field).save(new_file.name, new_file, save=False)
    if old_name and old_name != getattr(instance, field).name:
        storage = old.storage
        transaction.on_commit(lambda: storage.delete(old_name))


def _apply(instance, data: Mapping[str, Any], file_field: str) -> None:
    for field, value in data.items():
        if field == file_field:
            if value is not None:
                _replace_file(instance, field, value)
        else:
            setattr(instance, field, value)


@transaction.atomic
def create_profile(
    *,
    user,
    data: Mapping[str, Any],
    themes_of_interest: Iterable[Theme] = (),
    themes_of_expertise: Iterable[Theme] = (),
) -> Profile:
    """Create the member profile of `user` from `data` (its fields), with its themes.

    `data["photo"]`, when given, is an image already checked by `wsco.core.uploads`.
    """
    _check_fields(data, PROFILE_FIELDS)
    profile = Profile(user=user)
    _apply(profile, data, "photo")
    profile.full_clean(exclude=["photo", "user"])
    profile.save()
    profile.themes_of_interest.set(themes_of_interest)
    profile.themes_of_expertise.set(themes_of_expertise)
    refresh_search_document(profile=profile)
    announce_profile_change(profile_id=profile.pk)
    return profile


@transaction.atomic
def update_profile(
    *,
    profile: Profile,
    data: Mapping[str, Any],
    themes_of_interest: Iterable[Theme] | None = None,
    themes_of_expertise: Iterable[Theme] | None = None,
) -> Profile:
    """Change the fields in `data` and, when given, the themes of `profile`.

    `data["photo"]` is a checked image to store, False to remove the photo, or None to keep it.
    The old photo file is deleted only once the change is committed.
    """
    _check_fields(data, PROFILE_FIELDS)
    _apply(profile, data, "photo")
    profile.full_clean(exclude=["photo", "user"])
    profile.save()
    if themes_of_interest is not None:
        profile.themes_of_interest.set(themes_of_interest)
    if themes_of_expertise is not None:
        profile.themes_of_expertise.set(themes_of_expertise)
    refresh_search_document(profile=profile)
    announce_profile_change(profile_id=profile.pk)
    return profile


def unique_organization_slug(name: str) -> str:
    """Return a slug for `name` that no organization uses yet."""
    base = slugify(search.fold(name))[:200] or "organization"
    slug, number = base, 2
    while Organization.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def create_organization(*, data: Mapping[str, Any], themes: Iterable[Theme] = ()) -> Organization:
    """Create an organization from `data` (its fields; the slug is made from the name)."""
    _check_fields(data, ORGANIZATION_FIELDS)
    organization = Organization(slug=unique_organization_slug(data.get("name", "")))
    _apply(organization, data, "logo")
    organization.full_clean(exclude=["logo"])
    organization.save()
    organization.themes.set(themes)
    refresh_organization_search_document(organization=organization)
    return organization


@transaction.atomic
def update_organization(
    *,
    organization: Organization,
    data: Mapping[str, Any],
    themes: Iterable[Theme] | None = None,
) -> Organization:
    """Change the fields in `data` and, when given, the themes of `organization`.

    `data["logo"]` is a checked image to store, False to remove the logo, or None to keep it.
    """
    _check_fields(data, ORGANIZATION_FIELDS)
    _apply(organization, data, "logo")
    organization.full_clean(exclude=["logo"])
    organization.save()
    if themes is not None:
        organization.themes.set(themes)
    refresh_organization_search_document(organization=organization)
    return organization


# Apps above `members` (the network's vectors) learn of profile changes through listeners they
# register in their AppConfig.ready(); the members app never imports them.
_profile_listeners: list[Callable[..., None]] = []


def listen_to_profile_changes(listener: Callable[..., None]) -> None:
    """Call `listener(profile_id=...)` after every profile this module creates or changes."""
    if listener not in _profile_listeners:
        _profile_listeners.append(listener)


def announce_profile_change(*, profile_id: int) -> None:
    """Tell every listener that the profile `profile_id` changed."""
    for listener in _profile_listeners:
        listener(profile_id=profile_id)
