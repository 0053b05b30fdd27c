"""Benchmarks across published audits: the engine's figures, kept per audit (worked by hand)."""

import pytest
from django.utils import timezone

from wsco.audits.models import (
    Audit,
    AuditScore,
    AuditStatus,
    Benchmark,
    IndicatorResult,
    ThemeScore,
)
from wsco.audits.services.benchmarks import recompute_benchmarks
from wsco.audits.tests.records import AuditFactory, CityFactory

UNEMPLOYMENT = "ISO37120:2018/5.1"  # Economy, lower is better
ENROLMENT = "ISO37120:2018/6.1"  # Education, higher is better


def published(city, year=2025, level="Gold", version=1, **values) -> Audit:
    """Return a published audit of `city` whose engine results are `values` (None: missing)."""
    audit = AuditFactory(
        city=city,
        year=year,
        version=version,
        status=AuditStatus.PUBLISHED,
        published_at=timezone.now(),
        level=level,
        levels={"ISO37120:2018": level},
    )
    themes = {UNEMPLOYMENT: "economy", ENROLMENT: "education"}
    for indicator, value in values.items():
        IndicatorResult.objects.create(
            audit=audit,
            indicator=indicator,
            theme=themes.get(indicator, "economy"),
            value=value,
            computed_value=value,
            outcome="ok" if value is not None else "missing",
        )
    return audit


def values(**by_name):
    """Map the short names used here to the catalogue's indicator keys."""
    keys = {"unemployment": UNEMPLOYMENT, "enrolment": ENROLMENT}
    return {keys[name]: value for name, value in by_name.items()}


@pytest.fixture
def three(db):
    """Three cities of 2025: A (100 000, RO), B (300 000, RO), C (250 000, BG); A's peer is C."""
    a = CityFactory(name="Alba", population=100_000, country="RO", region="West")
    b = CityFactory(name="Brad", population=300_000, country="RO", region="West")
    c = CityFactory(name="Cerna", population=250_000, country="BG", region="North")
    a.peers.add(c)
    audits = {
        "a": published(a, **values(unemployment=4.0, enrolment=90.0)),
        "b": published(b, **values(unemployment=8.0, enrolment=95.0)),
        "c": published(c, **values(unemployment=12.0, enrolment=None)),
    }
    recompute_benchmarks()
    return audits


def figure(audit, kind, indicator=UNEMPLOYMENT) -> Benchmark:
    return Benchmark.objects.get(audit=audit, indicator=indicator, peer_kind=kind)


def test_percentile_rank_of_three_cities_follows_the_better_direction(three):
    # Unemployment 4, 8, 12, lower is better: ranks 3, 2, 1 of 3 → (rank - 1) / 2 x 100.
    assert figure(three["a"], "all").percentile_rank == 100
    assert figure(three["b"], "all").percentile_rank == 50
    assert figure(three["c"], "all").percentile_rank == 0


def test_z_score_min_max_size_and_median_among_all(three):
    best = figure(three["a"], "all")
    # Oriented values -4, -8, -12: mean -8, deviation √(32/3) = 3.266; (-4 + 8) / 3.266.
    assert best.z_score == pytest.approx(4 / (32 / 3) ** 0.5)
    assert best.minmax_score == 100
    assert figure(three["b"], "all").minmax_score == 50
    assert (best.group_size, best.median) == (3, 8.0)


def test_population_band_region_country_and_chosen_peers(three):
    # A is alone in 50 000-200 000: no rank among one; B and C share 200 000-500 000.
    alone = figure(three["a"], "population")
    assert (alone.peer_group, alone.group_size, alone.percentile_rank) == (
        "50 000-200 000",
        1,
        None,
    )
    assert figure(three["b"], "population").percentile_rank == 100
    assert figure(three["c"], "population").percentile_rank == 0
    # A and B share RO and RO/West: A's 4 beats B's 8.
    assert figure(three["a"], "country").peer_group == "RO"
    assert figure(three["a"], "region").percentile_rank == 100
    assert figure(three["b"], "country").group_size == 2
    # A chose C as its peer: the list holds A and C; B and C chose none.
    chosen = figure(three["a"], "list")
    assert (chosen.group_size, chosen.percentile_rank) == (2, 100)
    assert not Benchmark.objects.filter(audit=three["b"], peer_kind="list").exists()


def test_theme_scores_and_index_with_its_rank_interval(three):
    # Min-max per indicator: Economy A 100, B 50, C 0; Education A 0, B 100, C none.
    scores = dict(
        ThemeScore.objects.filter(theme="economy").values_list("audit__city__name", "score")
    )
    assert scores == {"Alba": 100, "Brad": 50, "Cerna": 0}
    assert ThemeScore.objects.get(audit=three["b"], theme="education").rank == 1
    # Equal weights over the themes each city has: A 50, B 75, C 0.
    index = {
        score.audit.city.name: score for score in AuditScore.objects.select_related("audit__city")
    }
    assert index["Alba"].index == pytest.approx(50)
    assert index["Brad"].index == pytest.approx(75)
    assert [index[name].rank for name in ("Brad", "Alba", "Cerna")] == [1, 2, 3]
    assert index["Brad"].cities == 3
    for score in index.values():
        assert score.rank_low <= score.rank_median <= score.rank_high


def test_drafts_and_corrected_versions_do_not_count(three, db):
    AuditFactory(city=CityFactory(), year=2025)  # a draft with no results
    city = three["a"].city
    later = published(city, version=2, **values(unemployment=20.0, enrolment=90.0))
    recompute_benchmarks()
    # The later publication of Alba's 2025 replaces the first: 20 is now the worst of three.
    assert figure(later, "all").percentile_rank == 0
    assert not Benchmark.objects.filter(audit=three["a"]).exists()
    assert AuditScore.objects.count() == 3


def test_running_twice_leaves_the_same_rows(three):
    before = sorted(
        Benchmark.objects.values_list("audit", "indicator", "peer_kind", "percentile_rank")
    )
    recompute_benchmarks()
    after = sorted(
        Benchmark.objects.values_list("audit", "indicator", "peer_kind", "percentile_rank")
    )
    assert before == after


def test_publishing_queues_the_recomputation(db, django_capture_on_commit_callbacks, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from wsco.audits.services.audits import take_step
    from wsco.audits.tests.records import auditor_on, official_of, person

    audit = AuditFactory()
    official = official_of(audit.city)
    take_step(audit=audit, step="submit", by=official)
    take_step(audit=audit, step="start_verification", by=auditor_on(audit))
    take_step(audit=audit, step="verify", by=auditor_on(audit))
    with django_capture_on_commit_callbacks(execute=True):
        take_step(audit=audit, step="publish", by=person(staff=True))
    assert DBTaskResult.objects.filter(task_path__endswith="recompute_benchmarks_task").exists()
