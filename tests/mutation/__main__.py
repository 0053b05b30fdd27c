"""Measure how many small bugs the test suite catches: `make mutation`.

    python -m tests.mutation [--jobs 2] [--threshold 90] [--reuse-map] [PATH ...]
    python -m tests.mutation --show 'wsco/members/access.py:get_membership_for_holder#2'

It mutates the modules that decide who may do what and what happens (every app's `access.py`
and services, and the audit engine), one change at a time (see `mutants.py`), runs the tests that
run the changed line, and counts the mutants some test caught. It prints a table by module, writes
the surviving mutants to `var/mutation/survivors.txt`, ends with one line of JSON, and exits with
status 1 when fewer than `--threshold` per cent were caught.

The tests run on SQLite (an in-memory test database per process), without the browser tests
and without the API fuzzing (`make api-fuzz`), as `make test` runs them.
"""

import argparse
import ast
import json
import os
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import asdict
from pathlib import Path

from tests.mutation.mutants import ModuleMutants, Mutant

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "var" / "mutation"
TARGETS = (
    "wsco/*/access.py",
    "wsco/*/services.py",
    "wsco/*/services/*.py",
    "wsco/audits/engine/*.py",
)
# Counted as caught: a test failed, ran out of time, or the mutant killed the test process.
CAUGHT = {"caught", "timeout", "crashed"}


def target_files(paths: list[str]) -> list[Path]:
    """Return the modules to mutate: those named, or every module the targets match."""
    if paths:
        return sorted(ROOT / path for path in paths)
    found = {path for pattern in TARGETS for path in ROOT.glob(pattern)}
    return sorted(path for path in found if path.name != "__init__.py" or path.stat().st_size)


def pytest_command(*arguments: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "tests.mutation.plugin",
        "-p",
        "no:randomly",
        "-p",
        "no:xdist",
        "-m",
        # `-m` replaces the one in pyproject.toml's addopts: leave out what `make test` does too.
        "not browser and not api_fuzz",
        "-q",
        "--no-header",
        *arguments,
    ]


def environment() -> dict[str, str]:
    env = dict(os.environ, DEBUG="true")
    env.pop("DATABASE_URL", None)  # each process needs its own (in-memory) test database
    return env


def build_map(files: list[Path]) -> dict:
    """Run the suite once under coverage and return which tests run which lines."""
    listing = WORK / "files.txt"
    listing.write_text("\n".join(str(path.relative_to(ROOT)) for path in files))
    started = time.perf_counter()
    subprocess.run(
        pytest_command(
            "--mutation-step=map",
            f"--mutation-map={WORK / 'map.json'}",
            f"--mutation-files={listing}",
        ),
        cwd=ROOT,
        env=environment(),
        check=False,
    )
    print(f"Mapped the tests in {time.perf_counter() - started:.0f} s.", file=sys.stderr)
    mapped = json.loads((WORK / "map.json").read_text())
    if mapped["failed"]:
        print("These tests fail without any mutant and are left out:", file=sys.stderr)
        for nodeid in mapped["failed"]:
            print(f"  {nodeid}", file=sys.stderr)
    return mapped


def run_shard(number: int, mutants: list[Mutant]) -> dict[str, dict]:
    """Try `mutants` in one pytest process, starting afresh after a crash or a timeout."""
    results_file = WORK / f"results-{number}.jsonl"
    results_file.unlink(missing_ok=True)
    done: dict[str, dict] = {}
    unreliable: set[str] = set()
    remaining = list(mutants)
    while remaining:
        todo = WORK / f"mutants-{number}.jsonl"
        todo.write_text("".join(json.dumps(asdict(mutant)) + "\n" for mutant in remaining))
        process = subprocess.Popen(
            pytest_command(
                "--mutation-step=run",
                f"--mutation-map={WORK / 'map.json'}",
                f"--mutation-mutants={todo}",
                f"--mutation-results={results_file}",
            ),
            cwd=ROOT,
            env=environment(),
            stdout=subprocess.DEVNULL,
        )
        process.wait()
        started = None
        for line in results_file.read_text().splitlines():
            record = json.loads(line)
            if record["status"] == "unreliable":
                unreliable.add(record["key"])
            elif record["status"] == "started":
                started = record["key"]
            else:
                done[record["key"]] = record
                started = None
        if started is not None:
            done[started] = {"key": started, "status": "crashed", "by": ""}
        left = [mutant for mutant in remaining if mutant.key not in done]
        if len(left) == len(remaining):
            raise SystemExit(
                f"A test process stopped with status {process.returncode} before trying any "
                "mutant: run the suite on its own to see why."
            )
        remaining = left
    for record in done.values():
        if record["status"] == "caught" and record["by"] in unreliable:
            record["status"] = "unreliable catch"
    return done


def report(mutants: list[Mutant], results: dict[str, dict], threshold: float) -> int:
    by_module: dict[str, Counter] = defaultdict(Counter)
    for mutant in mutants:
        by_module[mutant.path][results[mutant.key]["status"]] += 1
    print(f"{'module':<44} {'mutants':>8} {'caught':>7} {'missed':>7} {'untested':>9} {'share':>6}")
    totals = Counter()
    for path, counts in sorted(by_module.items()):
        totals.update(counts)
        print(_row(path, counts))
    print(_row("all", totals))
    sources = {}
    survivors = []
    for mutant in mutants:
        if results[mutant.key]["status"] in CAUGHT:
            continue
        lines = sources.setdefault(mutant.path, (ROOT / mutant.path).read_text().splitlines())
        survivors.append(
            f"{mutant.key} line {mutant.line}: {mutant.description} "
            f"({results[mutant.key]['status']})\n    {lines[mutant.line - 1].strip()}"
        )
    (WORK / "survivors.txt").write_text("\n".join(survivors) + "\n")
    share = _share(totals)
    print(f"Survivors: {WORK / 'survivors.txt'} ({len(survivors)}).")
    print(
        json.dumps(
            {
                "mutants": sum(totals.values()),
                "caught": sum(totals[status] for status in CAUGHT),
                "survived": totals["survived"],
                "not_covered": totals["not covered"],
                "not_found": totals["not found"],
                "caught_share": round(share, 2),
                "threshold": threshold,
            }
        )
    )
    return 0 if share >= threshold else 1


def _share(counts: Counter) -> float:
    total = sum(counts.values())
    return 100 * sum(counts[status] for status in CAUGHT) / total if total else 100.0


def _row(name: str, counts: Counter) -> str:
    caught = sum(counts[status] for status in CAUGHT)
    return (
        f"{name:<44} {sum(counts.values()):>8} {caught:>7} {counts['survived']:>7} "
        f"{counts['not covered'] + counts['not found']:>9} {_share(counts):>5.1f}%"
    )


def show(key: str) -> int:
    """Print the function of the mutant `key` (as listed in survivors.txt) with its change."""
    path = key.split(":", 1)[0]
    module = ModuleMutants(ROOT / path, ROOT)
    mutant = next((mutant for mutant in module.mutants if mutant.key == key), None)
    if mutant is None:
        print(f"No mutant {key} in {path}.", file=sys.stderr)
        return 2
    print(f"{mutant.path}:{mutant.line}: {mutant.description}")
    print(ast.unparse(module.mutated(mutant)))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="modules to mutate (default: every target)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--threshold", type=float, default=90.0)
    parser.add_argument("--reuse-map", action="store_true", help="keep the last run's map")
    parser.add_argument("--show", metavar="KEY", help="print one mutant's function and stop")
    options = parser.parse_args()
    if options.show:
        return show(options.show)
    WORK.mkdir(parents=True, exist_ok=True)
    files = target_files(options.paths)
    mutants = [mutant for path in files for mutant in ModuleMutants(path, ROOT).mutants]
    print(f"{len(mutants)} mutants in {len(files)} modules.", file=sys.stderr)
    if not (options.reuse_map and (WORK / "map.json").exists()):
        build_map(files)
    started = time.perf_counter()
    from concurrent.futures import ThreadPoolExecutor

    shards = [mutants[number :: options.jobs] for number in range(options.jobs)]
    results: dict[str, dict] = {}
    with ThreadPoolExecutor(options.jobs) as pool:
        for done in pool.map(run_shard, range(options.jobs), shards):
            results.update(done)
    print(f"Tried the mutants in {time.perf_counter() - started:.0f} s.", file=sys.stderr)
    return report(mutants, results, options.threshold)


if __name__ == "__main__":
    sys.exit(main())
