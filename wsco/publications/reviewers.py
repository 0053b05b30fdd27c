"""Finding reviewers for an article, and naming the people of the editorial pages.

The editors pick a reviewer among the current members (`reviewer_pool`), in two ways:

- **found**: by name, organization or theme, through the members' search documents
  (`wsco.core.search`);
- **suggested**: the members best placed to review it, by the network's matching engine on the
  article's themes and text (`wsco.network.services.suggest_people_for`: consenting members
  only, the engine's own vectors and reasons).

Each candidate comes with their load (the reviews they owe, on any article) and, where there
is one, a conflict. The article's authors are never candidates: `services.assign_reviewer`
refuses them. Someone from the same organization as an author is flagged, not refused, as the
editors judge; someone who already owes a review of this article is shown, and cannot be
chosen again.

Names: reviewers and authors are shown by name, never by email, and two people of one list
who share a name are told apart (`tell_apart`) by their organization, their place, or else
their member number.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from wsco.core.search import fold, search
from wsco.members import people
from wsco.members.models import Profile
from wsco.publications.models import Article, Review

FOUND_LIMIT = 12
SUGGESTED_LIMIT = 5
OPEN_REVIEWS = Q(
    user__article_reviews__submitted_at__isnull=True,
    user__article_reviews__declined_at__isnull=True,
    user__article_reviews__withdrawn_at__isnull=True,
)


@dataclass
class Candidate:
    """A member an editor may ask to review, with what helps to choose."""

    profile: Profile
    name: str
    hints: tuple[str, ...]  # what tells them apart, best first: organization, place
    open_reviews: int
    reasons: list[str] = field(default_factory=list)  # why the engine suggests them
    conflict: str = ""  # a reason to think twice (same organization as an author)
    reviewing: bool = False  # already owes a review of this article: cannot be asked again
    label: str = ""  # the name as shown, told apart from the others of the list

    @property
    def detail(self) -> str:
        return " · ".join(hint for hint in self.hints if hint)


def reviewer_pool() -> QuerySet[Profile]:
    """Return the members an editor may ask to review: every current member."""
    return Profile.objects.filter(is_member=True)


def with_load(profiles: QuerySet[Profile]) -> QuerySet[Profile]:
    """Return `profiles` with `open_reviews`: the reviews each owes (on any article)."""
    return profiles.select_related("organization").annotate(
        open_reviews=Count("user__article_reviews", filter=OPEN_REVIEWS)
    )


def _hints(profile: Profile, viewer) -> tuple[str, ...]:
    """Return what of `profile` may tell them apart for `viewer` (their visibility applies)."""
    person = people.show(profile, viewer, named=True)
    place = ", ".join(part for part in (person.city, person.country_name) if part)
    organization = person.organization.name if person.organization else ""
    return (organization, place)


def tell_apart(entries: list[tuple[str, tuple[str, ...], int]]) -> list[str]:
    """Return the names of `entries` (name, hints, member number), each told apart from the
    others of the list that share its name.

    A shared name gets the first hint that differs among those who share it (organization,
    then place); when none does, the member number.
    """
    counts = Counter(fold(name) for name, _hints, _number in entries)
    labels = []
    for name, hints, number in entries:
        if counts[fold(name)] == 1:
            labels.append(name)
            continue
        namesakes = [other for other in entries if fold(other[0]) == fold(name)]
        label = ""
        for position, hint in enumerate(hints):
            values = [other[1][position] if len(other[1]) > position else "" for other in namesakes]
            if hint and values.count(hint) == 1:
                label = f"{name} ({hint})"
                break
        labels.append(
            label or _("%(name)s (member no. %(number)s)") % {"name": name, "number": number}
        )
    return labels


def _label(candidates: list[Candidate]) -> list[Candidate]:
    labels = tell_apart([(c.name, c.hints, c.profile.pk) for c in candidates])
    for candidate, label in zip(candidates, labels, strict=True):
        candidate.label = label
    return candidates


def _author_profiles(article: Article) -> tuple[set[int], set[int]]:
    """Return the profile ids of the article's member authors, and their organizations' ids."""
    rows = article.bylines.filter(author__profile__isnull=False).values_list(
        "author__profile_id", "author__profile__organization_id"
    )
    profiles = {profile_id for profile_id, _organization in rows}
    organizations = {organization for _profile, organization in rows if organization}
    return profiles, organizations


def _candidate(profile: Profile, article_context: dict, viewer, reasons=()) -> Candidate:
    conflict = ""
    if profile.organization_id and profile.organization_id in article_context["organizations"]:
        conflict = _("Same organization as an author")
    return Candidate(
        profile=profile,
        name=profile.name,
        hints=_hints(profile, viewer),
        open_reviews=profile.open_reviews,
        reasons=list(reasons),
        conflict=conflict,
        reviewing=profile.user_id in article_context["reviewing"],
    )


def _article_context(article: Article) -> dict:
    authors, organizations = _author_profiles(article)
    reviewing = set(article.reviews.pending().values_list("reviewer_id", flat=True))
    return {"authors": authors, "organizations": organizations, "reviewing": reviewing}


def find_reviewers(article: Article, text: str, *, viewer, limit: int = FOUND_LIMIT):
    """Return the members whose name, organization or themes hold `text`, authors left out."""
    context = _article_context(article)
    profiles = search(reviewer_pool().exclude(pk__in=context["authors"]), text)
    found = list(with_load(profiles)[:limit])
    return [_candidate(profile, context, viewer) for profile in found]


def suggest_reviewers(article: Article, *, viewer, limit: int = SUGGESTED_LIMIT):
    """Return the members the matching engine finds best placed to review `article`.

    The engine reads the article's themes and its title and abstract; the authors are left
    out, and so is anyone who already owes a review of it.
    """
    from wsco.network.services import suggest_people_for  # NumPy: loaded on first use

    context = _article_context(article)
    excluded = context["authors"] | set(
        reviewer_pool().filter(user_id__in=context["reviewing"]).values_list("pk", flat=True)
    )
    matches = suggest_people_for(
        themes=article.themes.all(),
        text=f"{article.title}\n{article.abstract}",
        limit=limit,
        exclude=excluded,
    )
    loaded = with_load(reviewer_pool()).in_bulk([match.profile.pk for match in matches])
    return [
        _candidate(loaded[match.profile.pk], context, viewer, match.reasons)
        for match in matches
        if match.profile.pk in loaded
    ]


def candidates_for(article: Article, text: str, *, viewer) -> dict:
    """Return the suggested and the found reviewers of `article`, told apart as one list."""
    suggested = suggest_reviewers(article, viewer=viewer)
    shown = {candidate.profile.pk for candidate in suggested}
    found = []
    if text:
        found = [
            c for c in find_reviewers(article, text, viewer=viewer) if c.profile.pk not in shown
        ]
    _label([*suggested, *found])
    return {"suggested": suggested, "found": found, "reviewer_q": text}


def names_of(users: Iterable, *, viewer) -> dict[int, str]:
    """Return the name to show for each of `users` (accounts) on the editorial pages.

    A member's name from their profile, told apart from the others of the list who share it;
    someone without a profile (a staff account) by their account number, never their email.
    """
    users = {user.pk: user for user in users if user is not None}
    profiles = {
        profile.user_id: profile
        for profile in Profile.objects.filter(user_id__in=users).select_related("organization")
    }
    entries = [
        (profiles[pk].name, _hints(profiles[pk], viewer), profiles[pk].pk)
        for pk in users
        if pk in profiles
    ]
    labels = dict(zip([pk for pk in users if pk in profiles], tell_apart(entries), strict=True))
    return {pk: labels.get(pk) or _("Account no. %(number)s") % {"number": pk} for pk in users}


def name_reviews(reviews: Iterable[Review], *, viewer) -> None:
    """Give each of `reviews` a `reviewer_name` (`names_of`), told apart within the list."""
    reviews = list(reviews)
    names = names_of([review.reviewer for review in reviews], viewer=viewer)
    for review in reviews:
        review.reviewer_name = names[review.reviewer_id]
