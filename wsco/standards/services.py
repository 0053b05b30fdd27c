"""Every write to the standards library, the adoption register and the follows.

Views, the API, the demo and the commands call these; each validates what it is given (a
`ValidationError` naming the field), writes in one transaction, keeps the act's history, tells
the followers, and ends the cached pages that showed the old data.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wsco.accounts.models import User
from wsco.audits.services.benchmarks import AUDITS
from wsco.core.models import Theme
from wsco.core.page_cache import mark_changed
from wsco.notifications.services import notify
from wsco.standards.models import (
    ADOPTION_WORKFLOW,
    EDITION_WORKFLOW,
    STEP_DATES,
    Adoption,
    AdoptionEvent,
    Edition,
    Follow,
    Standard,
)

# The page cache's data set of the library and the register (`wsco.core.page_cache`).
STANDARDS = "standards"
# The fields an edit of an act may change (its status changes only by a step).
ADOPTION_FIELDS = [
    "country",
    "region",
    "city",
    "title",
    "act_number",
    "act_date",
    "official_url",
    "standard",
    "edition",
    "obligations",
    "applies_to",
    "min_population",
    "proposed_on",
    "adopted_on",
    "in_force_on",
    "amended_on",
    "repealed_on",
    "wsco_took_part",
    "wsco_part",
    "sources",
    "is_demo",
]
STANDARD_FIELDS = ["reference", "slug", "title", "summary", "body"]


def _changed() -> None:
    """End the cached pages of the library and the register, and the cities' (obligations)."""
    mark_changed(STANDARDS)
    mark_changed(AUDITS)


def _unknown(fields: dict, allowed: list[str]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")


# The library ------------------------------------------------------------------------------


@transaction.atomic
def save_standard(*, by: User, standard: Standard | None = None, themes=None, **fields) -> Standard:
    """Create a standard (no `standard`) or change one; `themes` are slugs or Theme rows."""
    _unknown(fields, STANDARD_FIELDS)
    standard = standard or Standard()
    for name, value in fields.items():
        setattr(standard, name, value)
    standard.full_clean()
    standard.save()
    if themes is not None:
        slugs = [getattr(theme, "slug", theme) for theme in themes]
        standard.themes.set(Theme.objects.by_slugs(slugs))
    _changed()
    return standard


@transaction.atomic
def add_edition(
    *,
    standard: Standard,
    year: int,
    by: User,
    published_on: date | None = None,
    label: str = "",
    catalogue_key: str = "",
    replaces: Edition | None = None,
) -> Edition:
    """Add an edition of `standard`; the edition it `replaces` is marked replaced by it.

    The followers of the standard are told of it.
    """
    edition = Edition(
        standard=standard,
        year=year,
        published_on=published_on,
        label=label,
        catalogue_key=catalogue_key,
    )
    edition.full_clean()
    if replaces is not None:
        if replaces.standard_id != standard.pk:
            raise ValidationError({"replaces": _("It is an edition of another standard.")})
        if replaces.year >= year:
            raise ValidationError(
                {
                    "year": _("A new edition comes after the one it replaces (%(year)s).")
                    % {"year": replaces.year}
                }
            )
    edition.save()
    if replaces is not None:
        EDITION_WORKFLOW.take(replaces, "replace", by=by, replaced_by=edition)
    _tell_followers(
        kind="standards.new_edition",
        standard=standard,
        country="",
        about=f"standards.edition:{edition.pk}",
        params={"edition": str(edition), "standard": standard.reference, "slug": standard.slug},
    )
    _changed()
    return edition


@transaction.atomic
def withdraw_edition(*, edition: Edition, by: User, on: date | None = None) -> Edition:
    """Mark `edition` withdrawn (on `on`, today by default)."""
    on = on or timezone.localdate()
    if edition.published_on and on < edition.published_on:
        raise ValidationError(
            {
                "withdrawn_on": _("An edition is withdrawn after it is published (%(date)s).")
                % {"date": edition.published_on.isoformat()}
            }
        )
    EDITION_WORKFLOW.take(edition, "withdraw", by=by, withdrawn_on=on)
    _changed()
    return edition


# The register ------------------------------------------------------------------------------


def _text(value) -> str:
    """Return a field's value as the history keeps it."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(getattr(value, "code", value))


@transaction.atomic
def record_adoption(*, by: User, comment: str = "", **fields) -> Adoption:
    """Record a legal act adopting a standard; its followers and the country's are told."""
    _unknown(fields, [*ADOPTION_FIELDS, "status"])
    adoption = Adoption(created_by=by, **fields)
    adoption.full_clean()
    adoption.save()
    AdoptionEvent.objects.create(
        adoption=adoption,
        action=AdoptionEvent.Action.RECORDED,
        to_status=adoption.status,
        comment=comment,
        by=by,
    )
    _tell_followers(
        kind="standards.new_adoption",
        standard=adoption.standard,
        country=adoption.country.code,
        about=f"standards.adoption:{adoption.pk}",
        params=_adoption_params(adoption),
    )
    _changed()
    return adoption


@transaction.atomic
def edit_adoption(*, adoption: Adoption, by: User, comment: str = "", **fields) -> Adoption:
    """Change an act's details (never its status); the history keeps each field's old value."""
    _unknown(fields, ADOPTION_FIELDS)
    ADOPTION_WORKFLOW.lock(adoption)
    before = {name: _text(getattr(adoption, name)) for name in fields}
    for name, value in fields.items():
        setattr(adoption, name, value)
    adoption.full_clean()
    changes = {
        name: [before[name], _text(getattr(adoption, name))]
        for name in fields
        if before[name] != _text(getattr(adoption, name))
    }
    if not changes:
        return adoption
    ADOPTION_WORKFLOW.save_details(adoption)
    AdoptionEvent.objects.create(
        adoption=adoption,
        action=AdoptionEvent.Action.EDITED,
        from_status=adoption.status,
        to_status=adoption.status,
        changes=changes,
        comment=comment,
        by=by,
    )
    _changed()
    return adoption


@transaction.atomic
def change_adoption_status(
    *, adoption: Adoption, step: str, by: User, on: date | None = None, comment: str = ""
) -> Adoption:
    """Take `step` (adopt, bring_into_force, amend, repeal) on an act, dated `on` (today).

    The date goes to the step's field (`adopted_on`...) and must keep the act's dates in order.
    """
    if step not in STEP_DATES:
        raise ValidationError({"step": _("Unknown step: %(step)s.") % {"step": step}})
    adoption = ADOPTION_WORKFLOW.lock(adoption, step, by=by)
    before = adoption.status
    field = STEP_DATES[step]
    setattr(adoption, field, on or timezone.localdate())
    adoption.full_clean(exclude=["status"])
    ADOPTION_WORKFLOW.advance(adoption, step, **{field: getattr(adoption, field)})
    AdoptionEvent.objects.create(
        adoption=adoption,
        action=AdoptionEvent.Action.STATUS,
        from_status=before,
        to_status=adoption.status,
        changes={field: ["", _text(getattr(adoption, field))]},
        comment=comment,
        by=by,
    )
    _tell_followers(
        kind="standards.status_changed",
        standard=adoption.standard,
        country=adoption.country.code,
        about=f"standards.adoption:{adoption.pk}",
        params=_adoption_params(adoption) | {"state": adoption.status},
    )
    _changed()
    return adoption


def _adoption_params(adoption: Adoption) -> dict:
    """What a notification about an act stores: names and keys, rendered when it is read."""
    return {
        "adoption": adoption.pk,
        "title": adoption.title,
        "country": adoption.country.code,
        "standard": adoption.standard.reference,
    }


# Following ---------------------------------------------------------------------------------


def _tell_followers(*, kind: str, standard: Standard, country: str, about: str, params: dict):
    """Notify, once each, everyone who follows `standard` or `country`."""
    followers = Follow.objects.filter(standard=standard)
    if country:
        followers = followers | Follow.objects.filter(country=country)
    user_ids = set(followers.values_list("user_id", flat=True))
    for user in User.objects.filter(pk__in=user_ids, is_active=True).order_by("pk"):
        notify(recipient=user, kind=kind, about=about, **params)


def follow(*, user: User, standard: Standard | None = None, country: str = "") -> Follow:
    """Follow a standard or a country (following again changes nothing)."""
    if (standard is None) == (not country):
        raise ValueError("Follow one standard or one country.")
    lookup = {"user": user, "standard": standard, "country": country}
    found = Follow.objects.filter(**lookup).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return Follow.objects.create(**lookup)
    except IntegrityError:  # The same request twice at once: the other one made it.
        return Follow.objects.get(**lookup)


def unfollow(*, user: User, standard: Standard | None = None, country: str = "") -> int:
    """Stop following a standard or a country; return how many follows ended (0 or 1)."""
    deleted, _rows = Follow.objects.filter(user=user, standard=standard, country=country).delete()
    return deleted
