"""The awards in the API: editions with their categories, and placements once announced.

Open to anyone, read-only. Finalists, winners and vote counts appear only once an edition's
results are announced (`Edition.is_announced`); before that `placements` is empty and
`announced` false. Nominations, scores and votes of people are never in the API; a placed
nomination says how many members seconded it (`seconders`), never who.
"""

from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema

from wsco.accounts.auth import optional_auth
from wsco.awards.access import YEARS
from wsco.awards.models import Category, Edition, Placement
from wsco.awards.queries import NOMINEE_RELATIONS
from wsco.core.paging import Page, PageQuery, page_of

router = Router(tags=["awards"])


class PlacementOut(Schema):
    rank: int
    award: str
    nominee: str
    nominee_url: str
    votes: int
    seconders: int
    certificate: str | None = None


class CategoryOut(Schema):
    slug: str
    name: str
    name_ro: str
    nominee_kind: str
    themes: list[str]
    url: str
    placements: list[PlacementOut]


class EditionOut(Schema):
    year: int
    title: str
    title_ro: str
    phase: str
    nominations_open_at: datetime
    nominations_close_at: datetime
    vote_opens_at: datetime
    vote_closes_at: datetime
    announce_at: datetime
    announced: bool
    url: str
    categories: list[CategoryOut]


class EditionPage(Page):
    items: list[EditionOut]


def _placement(placement: Placement) -> dict:
    # What a visitor may see of the nominee: the answer is the same for every caller.
    name, url = placement.nomination.nominee_shown_to(AnonymousUser())
    return {
        "rank": placement.rank,
        "award": placement.award,
        "nominee": name,
        "nominee_url": settings.SITE_URL + url if url else "",
        "votes": placement.votes,
        "seconders": placement.seconders,
        "certificate": placement.certificate.code if placement.certificate else None,
    }


def _edition(edition: Edition) -> dict:
    now = timezone.now()
    announced = edition.is_announced(now)
    return {
        "year": edition.year,
        "title": edition.title,
        "title_ro": edition.title_ro,
        "phase": edition.phase_at(now),
        "nominations_open_at": edition.nominations_open_at,
        "nominations_close_at": edition.nominations_close_at,
        "vote_opens_at": edition.vote_opens_at,
        "vote_closes_at": edition.vote_closes_at,
        "announce_at": edition.announce_at,
        "announced": announced,
        "url": settings.SITE_URL + edition.get_absolute_url(),
        "categories": [
            {
                "slug": category.slug,
                "name": category.name,
                "name_ro": category.name_ro,
                "nominee_kind": category.nominee_kind,
                "themes": [theme.slug for theme in category.themes.all()],
                "url": settings.SITE_URL + category.get_absolute_url(),
                "placements": [_placement(row) for row in category.placements.all()]
                if announced
                else [],
            }
            for category in edition.categories.all()
        ],
    }


def _editions():
    placements = Placement.objects.select_related(
        "certificate", *[f"nomination__{name}" for name in NOMINEE_RELATIONS]
    ).annotate(seconders=Count("nomination__secondments"))
    categories = Category.objects.select_related("edition").prefetch_related(
        "themes", Prefetch("placements", queryset=placements)
    )
    return Edition.objects.prefetch_related(Prefetch("categories", queryset=categories))


@router.get("/awards", response=EditionPage, auth=optional_auth)
def list_editions(request: HttpRequest, pages: Query[PageQuery]):
    """List the awards editions, newest first, with their categories (and results once out)."""
    return page_of(_editions().order_by("-year"), pages, item=_edition)


@router.get("/awards/{year}", response=EditionOut, auth=optional_auth)
def get_edition(request: HttpRequest, year: int):
    """One edition, with its categories, and its finalists and winners once announced."""
    if year not in YEARS:
        raise Http404
    return _edition(get_object_or_404(_editions(), year=year))
