"""An audit's own page: its state, team, history and results with the figures among peers."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wsco.audits import charts
from wsco.audits.access import get_audit_for_user
from wsco.audits.public import (
    audit_themes,
    indicator_rows,
    levels_by_edition,
    score_of,
    theme_name,
    theme_scores_of,
    weakest_themes,
)
from wsco.core.sorting import Sorting, SortOption
from wsco.core.theme_offers import offers_for

# The indicator table's columns; sorted in Python, as the rows are gathered from several tables.
INDICATOR_SORTS = Sorting(
    SortOption("number", _("Indicator"), ("number",), reversible=True),
    SortOption("value", _("Value"), ("value",), reversible=True),
    SortOption("status", _("Status"), ("status",), reversible=True),
    SortOption("position", _("Percentile among all"), ("position",), reversible=True),
    default="number",
)


def _number_key(number: str) -> tuple:
    """Sort "5.10" after "5.9": each part of an indicator's number as a number."""
    return tuple(part.rjust(6, "0") for part in number.split("."))


def _sorted(rows: list, sort) -> list:
    keys = {
        "number": lambda row: _number_key(row.number),
        "value": lambda row: (row.value is None, row.value or 0.0),
        "status": lambda row: row.status,
        "position": lambda row: (
            row.position is None or row.position.percentile_rank is None,
            row.position.percentile_rank if row.position else 0.0,
        ),
    }
    return sorted(rows, key=keys[sort.key], reverse=sort.descending)


def _tabs(audit, themes: list[str], current: str) -> list[dict]:
    url = reverse("audits:audit", kwargs={"pk": audit.pk})
    tabs = [{"url": url, "label": _("Overview"), "current": not current, "count": None}]
    tabs += [
        {
            "url": f"{url}?theme={slug}",
            "label": theme_name(slug),
            "current": slug == current,
            "count": None,
        }
        for slug in themes
    ]
    return tabs


def audit(request, pk: int):
    """The audit: status, editions, levels, theme scores, indicators by theme; team, history."""
    found = get_audit_for_user(request.user, pk)
    themes = audit_themes(found)
    theme = request.GET.get("theme", "")
    theme = theme if theme in themes else ""
    sort = INDICATOR_SORTS.choose(request.GET.get("sort"))
    rows = _sorted(indicator_rows(found, theme=theme), sort) if theme else []
    # Every indicator's charts in one batch: the queries do not grow with the theme's size.
    peer_charts = charts.peer_charts(found, [row.key for row in rows if row.position])
    trend_charts = charts.trend_charts(
        found.city, [row.key for row in rows if row.earlier], median=True
    )
    for row in rows:
        row.peer_chart = peer_charts.get(row.key, "")
        row.trend_chart = trend_charts.get(row.key, "")
    theme_scores = theme_scores_of(found)
    weakest = [] if theme else weakest_themes(found)
    lead = [found.editions_label, found.get_status_display()]
    if found.version > 1:
        lead.append(_("version %(version)s") % {"version": found.version})
    context = {
        "audit": found,
        "lead": " · ".join(str(part) for part in lead),
        "levels": levels_by_edition(found),
        "score": score_of(found),
        "theme_scores": theme_scores,
        "profile_chart": charts.theme_profile_chart(found) if theme_scores else "",
        "tabs": _tabs(found, themes, theme),
        "theme": theme,
        "theme_label": theme_name(theme) if theme else "",
        "rows": rows,
        "weakest": [theme_name(slug) for slug in weakest],
        "gaps": offers_for(weakest, user=request.user, limit=3) if weakest else [],
        "sort": sort,
        "has_results": bool(themes),
        "team": found.team.select_related("user__profile"),
        "events": found.events.select_related("by__profile"),
    }
    return render(request, "audits/audit.html", context)
