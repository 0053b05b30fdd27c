"""What of a person a viewer is shown, wherever the platform shows a person.

Every page, feed, API answer and file that shows someone (a directory card, a byline, an author
page, a request in the network, a speaker or a juror of an app still to come) asks `show` (or
`shown`, which the `people` template tags call) for a `Person`: the name, photo, title,
organization, place, bio and links that the person's visibility lets this viewer see. Nothing
else reads a profile's photo or bio for someone else.

The rules (docs/privacy.md, "Showing a person"):

- **Details** (photo, title, organization, city and country, bio, website) follow the profile's
  visibility: a public profile's to everyone, a members-only profile's to current members, and
  a hidden profile's to nobody; the person themself and staff always see them.
- **The name** is shown with the details, and without them where the person agreed to be named
  to this viewer (`named`): on the byline of work they published, to the other side of a
  request or a connection. Anywhere else the person is "A member", without a link.
- **The link to the profile page** is given only when the page opens for the viewer: to the
  person themself, and to those who see the profile in the directory (a current member whose
  profile is not hidden, public to everyone, members-only to members).

Membership decides who is listed (the directory, an organization's people, suggestions);
visibility decides what is shown, wherever the person appears.
"""

from dataclasses import dataclass

from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _
from django_countries.fields import Country

from wsco.core import avatars
from wsco.members.models import Organization, Profile, Visibility, sees_members_only_profiles


@dataclass(frozen=True)
class Person:
    """What of a person one viewer may be shown; empty values are not to be shown."""

    id: int | None  # the profile's id (None for someone without a profile, a guest author)
    name: str
    is_anonymous: bool = False  # shown as "A member": neither name nor details
    shows_details: bool = False
    photo: FieldFile | None = None
    title: str = ""
    organization: Organization | None = None
    city: str = ""
    country: Country | None = None
    bio: str = ""
    bio_is_markdown: bool = False  # an author's own bio is Markdown; a profile's is plain text
    website: str = ""
    url: str = ""  # where the name links in this place ("" for no link)
    profile_url: str = ""  # the member profile page, when it opens for the viewer

    @property
    def photo_url(self) -> str:
        """Return the photo's address, or "" when there is none to show."""
        return self.photo.url if self.photo else ""

    @property
    def initials(self) -> str:
        """Return the letters of the placeholder shown instead of a photo ("" for "A member")."""
        return "" if self.is_anonymous else avatars.initials(self.name)

    @property
    def tone(self) -> int:
        """Return the placeholder's colour, 1 to `avatars.TONES`; 0 for "A member", who has none.

        A member's colour follows their profile's id, a guest author's their name.
        """
        if self.is_anonymous:
            return 0
        return avatars.tone(f"profile:{self.id}" if self.id else f"guest:{self.name}")

    @property
    def country_code(self) -> str:
        return self.country.code if self.country else ""

    @property
    def country_name(self) -> str:
        return str(self.country.name) if self.country else ""


def _is_self_or_staff(viewer, profile: Profile) -> bool:
    return viewer.is_authenticated and (viewer.is_staff or viewer.pk == profile.user_id)


def sees_details(viewer, profile: Profile) -> bool:
    """Say whether `viewer` may see the photo, bio and other details of `profile`."""
    if _is_self_or_staff(viewer, profile):
        return True
    if profile.visibility == Visibility.PUBLIC:
        return True
    if profile.visibility == Visibility.MEMBERS:
        return sees_members_only_profiles(viewer)
    return False


def may_open_profile(viewer, profile: Profile) -> bool:
    """Say whether the profile page of `profile` opens for `viewer`.

    The same rule as `queries.get_profile_for_user`, read from the row: one's own page, and the
    listed profiles `ProfileQuerySet.visible_to` gives the viewer (staff see hidden profiles in
    the admin only).
    """
    if viewer.is_authenticated and viewer.pk == profile.user_id:
        return True
    if not profile.is_member or profile.visibility == Visibility.HIDDEN:
        return False
    return profile.visibility == Visibility.PUBLIC or sees_members_only_profiles(viewer)


def show(
    profile: Profile,
    viewer,
    *,
    named: bool = False,
    name: str | None = None,
    url: str | None = None,
    photo: FieldFile | None = None,
    bio: str | None = None,
    bio_is_markdown: bool = False,
    website: str | None = None,
) -> Person:
    """Return what of `profile` `viewer` may be shown here.

    `named`: in this place the person agreed to be named to the viewer (their byline, a request
    or connection between them). `name`: the name they go by here (their byline's). `url`:
    where the name links here (by default the profile page, when it opens for the viewer).
    `photo`, `bio` and `website` replace the profile's own (an author's photo and bio; None
    keeps the profile's) and are shown by the same rule.
    """
    profile_url = profile.get_absolute_url() if may_open_profile(viewer, profile) else ""
    link = profile_url if url is None else url
    name = profile.name if name is None else name
    if not sees_details(viewer, profile):
        if named:
            return Person(id=profile.pk, name=name, url=link, profile_url=profile_url)
        return Person(id=profile.pk, name=_("A member"), is_anonymous=True)
    chosen_photo = photo or profile.photo
    chosen_bio = profile.bio if bio is None else bio
    return Person(
        id=profile.pk,
        name=name,
        shows_details=True,
        photo=chosen_photo or None,
        title=profile.title,
        organization=profile.organization,
        city=profile.city,
        country=profile.country or None,
        bio=chosen_bio or "",
        bio_is_markdown=bio_is_markdown and bio is not None,
        website=profile.website if website is None else website,
        url=link,
        profile_url=profile_url,
    )


def guest(*, name: str, url: str = "", photo=None, bio: str = "", website: str = "") -> Person:
    """Return someone without a member profile (a guest author), shown with what they gave
    for publication."""
    return Person(
        id=None,
        name=name,
        shows_details=True,
        photo=photo or None,
        bio=bio,
        bio_is_markdown=True,
        website=website,
        url=url,
    )


def shown(who, viewer, *, named: bool = False) -> Person:
    """Return `who` as `viewer` may see it: a `Person` as it is, a `Profile` through `show`, or
    any object with a `shown_to(viewer)` method (an author) through that method."""
    if isinstance(who, Person):
        return who
    if isinstance(who, Profile):
        return show(who, viewer, named=named)
    shown_to = getattr(who, "shown_to", None)
    if shown_to is None:
        raise TypeError(f"{type(who).__name__} is not a person: give a Profile or a Person.")
    return shown_to(viewer)
