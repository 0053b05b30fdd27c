"""The pytest side of the mutation runner: map which tests run each line, then try mutants.

Loaded with `-p tests.mutation.plugin` by `python -m tests.mutation`, never by a plain test run.
Both steps replace pytest's run loop, in one process that keeps its test database:

- `--mutation-map FILE` runs every collected test once under coverage, each in its own context,
  and writes which tests ran each line of the modules under test, and how long each test took.
- `--mutation-run FILE --mutation-results FILE` reads a list of mutants and, for each, swaps the
  mutated code object into the live function, runs the tests that ran its line (quickest first,
  stopping at the first failure), and puts the original back. One result line is written per
  mutant as soon as it is known, so a run that dies can resume where it stopped.
"""

import functools
import gc
import importlib
import json
import signal
import sys
import time
import types
from pathlib import Path

import pytest
from _pytest.runner import runtestprotocol
from hypothesis import settings as hypothesis_settings

from tests.mutation.mutants import ModuleMutants, Mutant

ROOT = Path(__file__).resolve().parents[2]

# The same examples every time, no time limit (a loaded machine must not look like a caught
# mutant), and no example database (a mutant's failing example must not replay later).
hypothesis_settings.register_profile("mutation", derandomize=True, deadline=None, database=None)
hypothesis_settings.load_profile("mutation")


def pytest_addoption(parser):
    group = parser.getgroup("mutation")
    group.addoption("--mutation-step", choices=["map", "run"], help="which step to take")
    group.addoption("--mutation-map", help="the line-to-tests map (written by map, read by run)")
    group.addoption("--mutation-files", help="file listing the modules to map, one a line")
    group.addoption("--mutation-mutants", help="file of mutants to try, one JSON object a line")
    group.addoption("--mutation-results", help="file the results are appended to")


def pytest_configure(config):
    step = config.getoption("mutation_step")
    if step == "map":
        config.pluginmanager.register(MapRun(config), "mutation-map")
    elif step == "run":
        config.pluginmanager.register(MutantRun(config), "mutation-run")


def _run(item, nextitem) -> bool:
    """Run one test as pytest would, quietly; return whether it passed."""
    item.session._setupstate.teardown_exact(item)
    reports = runtestprotocol(item, nextitem=nextitem, log=False)
    return not any(report.failed for report in reports)


def _teardown_to_session(session) -> None:
    """Tear down every fixture wider than a test but the session's (the test database stays)."""
    stack = session._setupstate.stack
    while len(stack) > 1:
        _node, (finalizers, _exc) = stack.popitem()
        while finalizers:
            finalizers.pop()()


class MapRun:
    """Run each test once under coverage and write which tests ran which lines."""

    def __init__(self, config):
        self.output = Path(config.getoption("mutation_map"))
        self.files = Path(config.getoption("mutation_files")).read_text().split()

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session):
        import coverage

        absolute = [str(ROOT / name) for name in self.files]
        names = [_module_name(name) for name in self.files]
        tracer = coverage.Coverage(data_file=None, include=absolute, config_file=False)
        durations, failed = {}, []
        tracer.start()
        try:
            for index, item in enumerate(session.items):
                tracer.switch_context(item.nodeid)
                # A cached function runs its lines once per process: each test starts with the
                # caches empty, so that every test reaching those lines is mapped to them.
                for name in names:
                    _clear_caches(name)
                started = time.perf_counter()
                nextitem = session.items[index + 1] if index + 1 < len(session.items) else None
                if not _run(item, nextitem):
                    failed.append(item.nodeid)
                durations[item.nodeid] = round(time.perf_counter() - started, 4)
                if index % 200 == 0:
                    print(f"mapped {index} of {len(session.items)} tests", file=sys.stderr)
        finally:
            tracer.stop()
        data = tracer.get_data()
        lines = {}
        for measured in data.measured_files():
            by_line = data.contexts_by_lineno(measured)
            relative = str(Path(measured).relative_to(ROOT))
            lines[relative] = {
                line: sorted(context for context in contexts if context)
                for line, contexts in by_line.items()
            }
        mapped = {"durations": durations, "failed": failed, "lines": lines}
        self.output.write_text(json.dumps(mapped))
        return True


class MutantTimeout(BaseException):
    """A mutant ran far longer than its tests take (an endless loop, say)."""


def _on_alarm(signum, frame):
    raise MutantTimeout


class MutantRun:
    """Try each mutant against the tests that run its line."""

    def __init__(self, config):
        self.mutants = [
            Mutant(**json.loads(line))
            for line in Path(config.getoption("mutation_mutants")).read_text().splitlines()
        ]
        self.results = Path(config.getoption("mutation_results"))
        self.map = json.loads(Path(config.getoption("mutation_map")).read_text())

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session):
        items = {item.nodeid: item for item in session.items}
        modules = {
            path: ModuleMutants(ROOT / path, ROOT) for path in {m.path for m in self.mutants}
        }
        # Modules a package loads on first use must be loaded before their functions are found.
        for module in modules.values():
            importlib.import_module(module.name)
        signal.signal(signal.SIGALRM, _on_alarm)
        with self.results.open("a") as results:
            for mutant in self.mutants:
                # The line is written first: if the mutant kills this process, the runner
                # finds it unfinished and counts it as caught (the tests did not pass).
                results.write(json.dumps({"key": mutant.key, "status": "started"}) + "\n")
                results.flush()
                status, by = self._try(session, items, modules[mutant.path], mutant)
                results.write(json.dumps({"key": mutant.key, "status": status, "by": by}) + "\n")
                results.flush()
                if status == "timeout":
                    # A mutant's endless loop may still run in a worker thread: start afresh.
                    break
            else:
                self._recheck_catchers(items, results)
        _teardown_to_session(session)
        return True

    def _recheck_catchers(self, items, results) -> None:
        """Run each test that caught a mutant once more without one: it must pass.

        A test that fails on the original code too (because an earlier test left something
        behind) caught nothing; the runner counts the mutants it claimed as missed.
        """
        catchers = {}
        for line in self.results.read_text().splitlines():
            record = json.loads(line)
            if record["status"] == "caught":
                catchers[record["by"]] = True
        for nodeid in catchers:
            passed = _run(items[nodeid], items[nodeid])
            _teardown_to_session(items[nodeid].session)
            if not passed:
                results.write(json.dumps({"key": nodeid, "status": "unreliable"}) + "\n")
                results.flush()

    def _tests_for(self, mutant: Mutant) -> list[str]:
        lines = self.map["lines"].get(mutant.path, {})
        tests = set(lines.get(str(mutant.line), ()))
        tests -= set(self.map["failed"])
        return sorted(tests, key=lambda nodeid: self.map["durations"].get(nodeid, 0))

    def _try(self, session, items, module: ModuleMutants, mutant: Mutant) -> tuple[str, str]:
        tests = [nodeid for nodeid in self._tests_for(mutant) if nodeid in items]
        if not tests:
            return "not covered", ""
        functions = _live_functions(module, mutant)
        if not functions:
            return "not found", ""
        code = module.compile(mutant)
        originals = [function.__code__ for function in functions]
        budget = 10 * sum(self.map["durations"].get(nodeid, 1) for nodeid in tests) + 10
        try:
            for function in functions:
                function.__code__ = code
            _clear_caches(module.name)
            signal.alarm(int(budget) + 1)
            for nodeid in tests:
                if not _run(items[nodeid], items[nodeid]):
                    return "caught", nodeid
            return "survived", ""
        except MutantTimeout:
            return "timeout", ""
        finally:
            signal.alarm(0)
            for function, original in zip(functions, originals, strict=True):
                function.__code__ = original
            _teardown_to_session(session)
            _clear_caches(module.name)


@functools.cache
def _functions_by_code_key() -> dict[tuple[str, str, int], list[types.FunctionType]]:
    """Return every live function of the project's code, by (file, qualified name, first line)."""
    found: dict[tuple[str, str, int], list[types.FunctionType]] = {}
    for candidate in gc.get_objects():
        if isinstance(candidate, types.FunctionType):
            code = candidate.__code__
            if code.co_filename.startswith(str(ROOT)):
                key = (code.co_filename, code.co_qualname, code.co_firstlineno)
                found.setdefault(key, []).append(candidate)
    return found


def _live_functions(module: ModuleMutants, mutant: Mutant) -> list[types.FunctionType]:
    """Return the function objects (decorated or not) whose code is `mutant`'s function."""
    key = (str(module.path), mutant.qualname, mutant.first_line)
    return _functions_by_code_key().get(key, [])


def _module_name(path: str) -> str:
    """Return the module name of a file given relative to the project."""
    return path.removesuffix(".py").replace("/", ".").removesuffix(".__init__")


def _clear_caches(name: str) -> None:
    """Empty the `functools.cache`s of module `name`, so no mutant (or test) reads another's."""
    loaded = sys.modules.get(name)
    if loaded is None:
        return
    for value in list(vars(loaded).values()):
        for candidate in [value, *(vars(value).values() if isinstance(value, type) else ())]:
            if callable(getattr(candidate, "cache_clear", None)):
                candidate.cache_clear()
