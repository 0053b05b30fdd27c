"""What the platform has on a theme, in the API: `/api/v1/themes` and `/api/v1/themes/{slug}`.

The same answers as the pages `/themes/` and `/themes/<slug>/` (`wsco.core.theme_offers`): each
offer shows the caller only what they may see.
"""

import datetime

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from wsco.accounts.auth import optional_auth
from wsco.core import theme_offers
from wsco.core.models import Theme
from wsco.core.text import CleanText

router = Router(tags=["themes"], auth=optional_auth)


class FigureOut(Schema):
    offer: str = Field(..., description="The offer's key: people, organizations, articles, ...")
    count: int
    label: str = Field(..., description="The words after the number, in the caller's language.")


class ThemeFiguresOut(Schema):
    slug: str
    clause: int = Field(..., description="The clause of ISO 37120:2018 that holds its indicators.")
    name: str
    url: str
    figures: list[FigureOut]


class ItemOut(Schema):
    title: str
    url: str
    text: str
    image: str
    themes: list[str]
    date: datetime.datetime | None


class SectionOut(Schema):
    offer: str
    title: str
    items: list[ItemOut]
    empty_message: str = Field(..., description="What the page says when there are no items.")
    see_all_url: str
    action_url: str


class ThemeDetailOut(Schema):
    slug: str
    clause: int
    name: str
    url: str
    sections: list[SectionOut]


class OffersQuery(Schema):
    limit: int = Field(theme_offers.LIMIT, ge=1, le=20, description="Items per offer.")


def _theme(theme: Theme) -> dict:
    return {
        "slug": theme.slug,
        "clause": theme.clause,
        "name": str(theme.name),
        "url": reverse("core:theme", kwargs={"slug": theme.slug}),
    }


@router.get("/themes", response=list[ThemeFiguresOut])
def list_themes(request: HttpRequest):
    """List the 19 themes, each with how many of each offer's things the caller may see."""
    counts = theme_offers.counts_by_theme(user=request.user)
    return [
        _theme(theme)
        | {
            "figures": [
                {
                    "offer": offer.name,
                    "count": number,
                    "label": str(offer.count_label(number) if offer.count_label else offer.title),
                }
                for offer, number in counts[theme.slug]
            ]
        }
        for theme in Theme.objects.all()
    ]


@router.get("/themes/{slug}", response=ThemeDetailOut)
def get_theme(request: HttpRequest, slug: CleanText, filters: Query[OffersQuery]):
    """Return everything on one theme that the caller may see, a section per offer (404 for
    an unknown theme)."""
    theme = theme_offers.get_theme(slug)
    sections = theme_offers.offers_for([theme.slug], user=request.user, limit=filters.limit)
    return _theme(theme) | {
        "sections": [
            {
                "offer": section.name,
                "title": section.title,
                "items": [
                    {
                        "title": item.title,
                        "url": item.url,
                        "text": item.text,
                        "image": item.image,
                        "themes": list(item.themes),
                        "date": item.date,
                    }
                    for item in section.items
                ],
                "empty_message": section.empty_message,
                "see_all_url": section.see_all_url,
                "action_url": section.action_url,
            }
            for section in sections
        ],
    }
