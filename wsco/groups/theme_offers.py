"""What the working groups have on a theme (`wsco.core.theme_offers`): groups and problems.

Each viewer gets what they may open: public groups and their problems for everyone, a
members-only group's to its members (and staff). So the answers are per person, not cached.
"""

from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext

from wsco.core.theme_offers import Offer, OfferItem
from wsco.groups.models import OPEN_STATUSES, Problem, WorkingGroup

TEXT_WORDS = 24


def _themes_of(row, themes: list[str]) -> tuple[str, ...]:
    held = {theme.slug for theme in row.themes.all()}
    return tuple(slug for slug in themes if slug in held)


def find_groups(themes: list[str], *, user, limit: int) -> list[OfferItem]:
    """Return the active groups on any of `themes` that `user` may see."""
    groups = (
        WorkingGroup.objects.visible_to(user)
        .filter(status="active", themes__slug__in=themes)
        .distinct()
        .prefetch_related("themes")[:limit]
    )
    return [
        OfferItem(
            title=group.name,
            url=group.get_absolute_url(),
            text=f"{group.get_type_display()} · {Truncator(group.mandate).words(TEXT_WORDS)}",
            initials="".join(word[0] for word in group.name.split()[:2]).upper(),
            tone=group.pk % 8,
            themes=_themes_of(group, themes),
        )
        for group in groups
    ]


def find_problems(themes: list[str], *, user, limit: int) -> list[OfferItem]:
    """Return the open problems on any of `themes` that `user` may see, newest first."""
    problems = (
        Problem.objects.visible_to(user)
        .filter(status__in=OPEN_STATUSES, themes__slug__in=themes)
        .distinct()
        .select_related("group")
        .prefetch_related("themes")[:limit]
    )
    return [
        OfferItem(
            title=problem.title,
            url=problem.get_absolute_url(),
            text=f"{problem.get_status_display()} · {problem.group.name}",
            themes=_themes_of(problem, themes),
            date=problem.created_at,
        )
        for problem in problems
    ]


def _count(queryset, through, field: str) -> dict[str, int]:
    rows = (
        through.objects.filter(**{f"{field}__in": queryset.values("pk")})
        .values("theme__slug")
        .annotate(number=Count(f"{field}_id"))
        .order_by()
    )
    return {row["theme__slug"]: row["number"] for row in rows}


def count_groups(user) -> dict[str, int]:
    groups = WorkingGroup.objects.visible_to(user).filter(status="active")
    return _count(groups, WorkingGroup.themes.through, "workinggroup")


def count_problems(user) -> dict[str, int]:
    problems = Problem.objects.visible_to(user).filter(status__in=OPEN_STATUSES)
    return _count(problems, Problem.themes.through, "problem")


def _problems_on(themes: list[str]) -> str:
    return f"{reverse('groups:problems')}?{urlencode({'theme': themes[0]})}"


GROUPS = Offer(
    name="groups",
    title=_("Working groups"),
    find=find_groups,
    count=count_groups,
    count_label=lambda n: npgettext("theme figure", "working group", "working groups", n),
    icon="users",
    empty=_("No working group works on %(themes)s yet."),
    action_label=_("See the working groups"),
    action_url=lambda themes: reverse("groups:groups"),
    order=50,
)
PROBLEMS = Offer(
    name="problems",
    title=_("Open problems"),
    find=find_problems,
    count=count_problems,
    count_label=lambda n: npgettext("theme figure", "open problem", "open problems", n),
    icon="triangle-alert",
    empty=_("No open problem is signalled on %(themes)s."),
    action_label=_("See the problem register"),
    action_url=lambda themes: reverse("groups:problems"),
    see_all=_problems_on,
    order=60,
)
