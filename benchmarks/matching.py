"""Benchmark the matching engine on a synthetic population with planted communities.

    python benchmarks/matching.py --members 100000

Measures the index build, one member's top 10 (p50/p99 over many members), every member's top
10, and exact brute force over the same members in the same run (its time, and the recall at 10
of the clustered search against it). Prints a table, then one line of JSON.
"""

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.runner import RUNTIME_INSTALL, missing_package

try:
    import numpy as np
    from threadpoolctl import threadpool_info

    from wsco.network.matching import MatchingIndex
    from wsco.network.tests.synthetic import population
except ModuleNotFoundError as error:
    raise missing_package(error, install=RUNTIME_INSTALL) from None


def timed(function: Callable[[], object]) -> tuple[float, object]:
    """Return the seconds `function` took, and what it returned."""
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def query_times(index: MatchingIndex, members: list[int], search: Callable) -> tuple[list, dict]:
    """Return the seconds of each member's top 10 by `search`, and the results by member."""
    for member in members[:20]:  # warm up caches and lazily built state
        search(member)
    seconds, results = [], {}
    for member in members:
        took, results[member] = timed(lambda member=member: search(member))
        seconds.append(took)
    return seconds, results


def recall(found: dict, truth: dict) -> float:
    """Return the mean share of the true top 10 that `found` returned."""
    shares = [
        len({r.profile_id for r in found[m]} & {r.profile_id for r in truth[m]})
        / max(1, len(truth[m]))
        for m in truth
    ]
    return float(np.mean(shares))


def tie_aware_recall(index: MatchingIndex, found: dict, truth: dict) -> float:
    """Return recall counting a result as found when its exact score reaches the true 10th's."""
    shares = []
    for member, expected in truth.items():
        if not expected:
            continue
        row = index.row_of[member]
        rows = np.array([index.row_of[r.profile_id] for r in found[member]], dtype=np.int64)
        scores, _ = index.exact_scores(row, rows) if len(rows) else (np.zeros(0), None)
        shares.append(min(1.0, float((scores >= expected[-1].score - 1e-5).sum()) / len(expected)))
    return float(np.mean(shares))


def precision_of_partners(results: dict, partners: dict) -> float:
    """Return the mean share of planted partners in the top 10 of community members."""
    shares = [
        len({r.profile_id for r in results[m]} & partners[m]) / 10 for m in results if m in partners
    ]
    return float(np.mean(shares)) if shares else float("nan")


def percentile_ms(seconds: list[float], percent: float) -> float:
    """Return a percentile of `seconds`, in milliseconds."""
    return float(np.percentile(seconds, percent) * 1000)


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print its table and JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1000, help="members timed one by one")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the build and the batch")
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args(argv)

    load_before = os.getloadavg()[0]
    people = population(arguments.members, seed=arguments.seed)
    builds = [timed(lambda: MatchingIndex.build(people.profiles)) for _ in range(arguments.repeat)]
    build_s = statistics.median(seconds for seconds, _ in builds)
    index = builds[-1][1]
    del builds

    generator = np.random.default_rng(arguments.seed)
    members = [int(m) for m in generator.choice(index.ids, arguments.queries, replace=False)]
    clustered_s, clustered = query_times(
        index, members, lambda m: index.recommend(m, explain=False)
    )
    explained_s, _ = query_times(index, members, lambda m: index.recommend(m))
    exact_s, exact = query_times(index, members, lambda m: index.exact_recommend(m, explain=False))

    batches = [timed(lambda: index.recommend_all()) for _ in range(arguments.repeat)]
    all_top10_s = statistics.median(seconds for seconds, _ in batches)
    everyone = batches[-1][1]
    batch_sample = {m: everyone[m] for m in members}

    blas = [(pool["internal_api"], pool["num_threads"]) for pool in threadpool_info()]
    summary = {
        "members": arguments.members,
        "build_s": round(build_s, 2),
        "top10_p50_ms": round(percentile_ms(clustered_s, 50), 3),
        "top10_p99_ms": round(percentile_ms(clustered_s, 99), 3),
        "recall_at_10": round(recall(clustered, exact), 4),
        "exact_top10_p50_ms": round(percentile_ms(exact_s, 50), 3),
        "all_top10_s": round(all_top10_s, 2),
        "exact_top10_p99_ms": round(percentile_ms(exact_s, 99), 3),
        "tie_aware_recall_at_10": round(tie_aware_recall(index, clustered, exact), 4),
        "all_recall_at_10": round(recall(batch_sample, exact), 4),
        "explained_top10_p50_ms": round(percentile_ms(explained_s, 50), 3),
        "exact_all_top10_estimate_s": round(statistics.median(exact_s) * len(index), 1),
        "precision_at_10_planted": round(precision_of_partners(clustered, people.partners), 4),
        "queries": arguments.queries,
        "repeat": arguments.repeat,
        "blas_threads": blas,
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }
    speedup = summary["exact_top10_p50_ms"] / summary["top10_p50_ms"]
    rows = [
        ("members", f"{arguments.members:,}", ""),
        ("index build (median of runs)", f"{build_s:.2f} s", ""),
        ("one member's top 10, p50", f"{summary['top10_p50_ms']:.3f} ms",
         f"exact {summary['exact_top10_p50_ms']:.3f} ms ({speedup:.1f}x)"),
        ("one member's top 10, p99", f"{summary['top10_p99_ms']:.3f} ms",
         f"exact {summary['exact_top10_p99_ms']:.3f} ms"),
        ("  with reasons, p50", f"{summary['explained_top10_p50_ms']:.3f} ms", ""),
        ("recall at 10 vs exact", f"{summary['recall_at_10']:.4f}",
         f"tie-aware {summary['tie_aware_recall_at_10']:.4f}"),
        ("every member's top 10", f"{all_top10_s:.1f} s",
         f"exact one by one ~{summary['exact_all_top10_estimate_s']:.0f} s"),
        ("  recall at 10 vs exact", f"{summary['all_recall_at_10']:.4f}", ""),
        ("precision at 10, planted partners", f"{summary['precision_at_10_planted']:.4f}", ""),
        ("BLAS threads; load average", f"{blas}", f"{summary['load_average']}"),
    ]  # fmt: skip
    for name, value, beside in rows:
        print(f"{name:<36} {value:>16}   {beside}")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
