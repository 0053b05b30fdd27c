"""Reads about projects: progress rolled up from milestones, money totals, the portfolio."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from wsco.core.models import Theme
from wsco.projects.models import (
    STAGES,
    BudgetLine,
    Decision,
    Milestone,
    Project,
    ProjectStatus,
    Stage,
)


def _whole(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass
class StageProgress:
    stage: str
    label: str
    percent: int
    passed: bool
    current: bool
    milestones: list


def stage_progress(project: Project, milestones: list[Milestone], passed: set[str]) -> list:
    """Return each stage's progress: 100 % once its gate said go, else its milestones' mean.

    A stage without milestones that has not passed its gate is at 0 %.
    """
    rows = []
    for stage in STAGES:
        own = [milestone for milestone in milestones if milestone.stage == stage]
        if stage in passed:
            percent = 100
        elif own:
            percent = _whole(Decimal(sum(m.progress for m in own)) / len(own))
        else:
            percent = 0
        rows.append(
            StageProgress(
                stage=stage,
                label=str(Stage(stage).label),
                percent=percent,
                passed=stage in passed,
                current=stage == project.stage and project.status == ProjectStatus.ACTIVE,
                milestones=own,
            )
        )
    return rows


def project_progress(stages: list[StageProgress]) -> int:
    """Return the project's progress: the mean of its six stages' (each stage weighs alike)."""
    return _whole(Decimal(sum(row.percent for row in stages)) / len(STAGES))


def progress_of(project: Project) -> tuple[list[StageProgress], int]:
    """Return the project's stages with their progress, and the whole project's."""
    milestones = list(project.milestones.select_related("owner"))
    passed = set(project.gates.filter(decision=Decision.GO).values_list("stage", flat=True))
    stages = stage_progress(project, milestones, passed)
    return stages, project_progress(stages)


def portfolio(user=None) -> QuerySet[Project]:
    """Return the projects of the public portfolio (published), with what the list shows."""
    projects = Project.objects.published() if user is None else Project.objects.visible_to(user)
    return projects.select_related("city", "organization").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("clause"))
    )


def filter_projects(
    projects: QuerySet[Project],
    *,
    city: str = "",
    country: str = "",
    theme: str = "",
    stage: str = "",
    funding: str = "",
    q: str = "",
) -> QuerySet[Project]:
    """Return `projects` narrowed by each filter given (a city's slug, a country code...)."""
    if city:
        projects = projects.filter(city__slug=city)
    if country:
        projects = projects.filter(
            Q(city__country=country) | Q(city__isnull=True, organization__country=country)
        )
    if theme:
        projects = projects.filter(themes__slug=theme)
    if stage:
        projects = projects.filter(stage=stage)
    if funding:
        projects = projects.filter(funding__kind=funding)
    if q:
        projects = projects.filter(title__icontains=q)
    if theme or funding:
        # A join on a many-valued relation: one row per project again, without DISTINCT.
        projects = (
            Project.objects.filter(pk__in=projects.values("pk"))
            .select_related("city", "organization")
            .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("clause")))
        )
    return projects


def stage_counts(projects: QuerySet[Project]) -> dict[str, int]:
    """Return how many of `projects` stand at each stage (every stage, zero included)."""
    counted = dict(
        projects.order_by()
        .values("stage")
        .annotate(number=Count("pk"))
        .values_list("stage", "number")
    )
    return {stage: counted.get(stage, 0) for stage in STAGES}


def budget_by_theme(projects: QuerySet[Project]) -> dict[str, dict[str, Decimal]]:
    """Return the budget of `projects` per theme and currency ({theme: {currency: total}}).

    A project on several themes counts whole under each of them.
    """
    totals: dict[str, dict[str, Decimal]] = {}
    rows = (
        BudgetLine.objects.filter(project__in=projects.values("pk"))
        .values_list("project__themes__slug", "currency")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for slug, currency, total in rows:
        if slug is None:
            continue
        totals.setdefault(slug, {})[currency] = total
    return totals
