"""The mutation runner's mutants: which changes a function gets, and that each one runs."""

import ast
import importlib.util
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.mutation.mutants import ModuleMutants

ROOT = Path(__file__).resolve().parents[2]

SAMPLE = '''
import logging

logger = logging.getLogger(__name__)
calls = []


def decide(amount, due, *, staff=False):
    """Refuse an amount below what is due, unless staff decide."""
    if amount < due and not staff:
        raise ValueError("short")
    logger.info("decided")
    calls.append(amount)
    return amount + 1


def flagged(value):
    if value:  # pragma: no mutate (the sample's exemption)
        return "yes"
    return "no"


def checked(value):
    # pragma: no mutate (the sample's exemption of a whole statement,
    # said over two lines)
    if value < 0:
        raise ValueError("negative")
    # An ordinary comment exempts nothing.
    if value > 100:
        raise ValueError("too big")
    return value


class Base:
    def total(self, values):
        return sum(values)


class Child(Base):
    def total(self, values):
        return super().total(values) * 2
'''


@pytest.fixture
def sample(tmp_path):
    """Return the sample module, imported, and its mutants."""
    path = tmp_path / "sample_module.py"
    path.write_text(textwrap.dedent(SAMPLE))
    spec = importlib.util.spec_from_file_location("sample_module", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["sample_module"] = module
    spec.loader.exec_module(module)
    yield module, ModuleMutants(path, tmp_path)
    del sys.modules["sample_module"]


def descriptions(mutants, qualname):
    return [mutant.description for mutant in mutants.mutants if mutant.qualname == qualname]


def test_each_kind_of_one_line_bug_is_made_once(sample):
    _module, mutants = sample
    # Worked out by reading `decide`: its docstring and its logging call are left alone.
    assert sorted(descriptions(mutants, "decide")) == sorted(
        [
            "< to <=",
            "and to or",
            "not x to x",
            "raise removed",
            "call removed",
            "+ to -",
            "1 to 2",
            "returns None",
        ]
    )


def test_a_line_marked_no_mutate_is_left_alone(sample):
    _module, mutants = sample
    # The condition's line is marked; the two returns below it are not.
    assert descriptions(mutants, "flagged") == ["returns None", "returns None"]


def test_a_mutant_compiles_to_code_that_behaves_differently(sample):
    module, mutants = sample
    plus = next(m for m in mutants.mutants if m.qualname == "decide" and m.description == "+ to -")
    original = module.decide.__code__
    module.decide.__code__ = mutants.compile(plus)
    try:
        assert module.decide(10, 5) == 9
    finally:
        module.decide.__code__ = original
    assert module.decide(10, 5) == 11


def test_a_refusal_left_out_lets_the_call_through(sample):
    module, mutants = sample
    refusal = next(m for m in mutants.mutants if m.description == "raise removed")
    with pytest.raises(ValueError, match="short"):
        module.decide(1, 5)
    original = module.decide.__code__
    module.decide.__code__ = mutants.compile(refusal)
    try:
        assert module.decide(1, 5) == 2
    finally:
        module.decide.__code__ = original


def test_a_method_calling_super_keeps_its_class_cell(sample):
    module, mutants = sample
    times = next(m for m in mutants.mutants if m.qualname == "Child.total" and "*" in m.description)
    original = module.Child.total.__code__
    module.Child.total.__code__ = mutants.compile(times)
    try:
        assert module.Child().total([1, 3]) == 2.0
    finally:
        module.Child.total.__code__ = original
    assert module.Child().total([1, 3]) == 8


def test_the_mutated_source_shows_the_change(sample):
    _module, mutants = sample
    swapped = next(m for m in mutants.mutants if m.description == "and to or")
    assert "amount < due or not staff" in ast.unparse(mutants.mutated(swapped))


CACHED = """
import functools


def _read():
    return {"answer": 42}


@functools.cache
def load():
    return _read()
"""


def test_the_map_gives_a_cached_function_s_lines_to_every_test_that_calls_it(tmp_path):
    # Without the caches emptied before each test, only the first test to call `load` would
    # run `_read`'s line, and a mutant of it would be tried against that test alone.
    (tmp_path / "sample_cached.py").write_text(CACHED)
    (tmp_path / "test_first.py").write_text(
        "from sample_cached import load\n\ndef test_first():\n    assert load()\n"
    )
    (tmp_path / "test_second.py").write_text(
        "from sample_cached import load\n\ndef test_second():\n    assert load()['answer'] == 42\n"
    )
    # The runner finds the modules under the project's root: here, the temporary folder.
    (tmp_path / "root_here.py").write_text(
        "from pathlib import Path\n\nimport tests.mutation.plugin\n\n"
        "tests.mutation.plugin.ROOT = Path(__file__).parent\n"
    )
    (tmp_path / "files.txt").write_text("sample_cached.py\n")
    map_file = tmp_path / "map.json"
    finished = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "tests.mutation.plugin",
            "-p",
            "root_here",
            "-p",
            "no:randomly",
            "-p",
            "no:cacheprovider",
            "--mutation-step=map",
            f"--mutation-map={map_file}",
            f"--mutation-files={tmp_path / 'files.txt'}",
            "test_first.py",
            "test_second.py",
        ],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert finished.returncode == 0, finished.stdout + finished.stderr
    lines = json.loads(map_file.read_text())["lines"]["sample_cached.py"]
    # Line 6 is `return {"answer": 42}`.
    assert lines["6"] == ["test_first.py::test_first", "test_second.py::test_second"]


def test_the_runner_leaves_out_every_test_make_test_leaves_out():
    import shlex
    import tomllib
    from pathlib import Path

    from _pytest.mark.expression import Expression

    from tests.mutation.__main__ import pytest_command

    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    options = tomllib.loads(pyproject.read_text())["tool"]["pytest"]["ini_options"]
    addopts = shlex.split(options["addopts"])
    suite = Expression.compile(addopts[addopts.index("-m") + 1])
    command = pytest_command()
    # The last `-m` is pytest's marker expression (the first runs pytest as a module), and it
    # replaces the one in addopts: it must leave out what that one does, and the browser tests.
    runner = Expression.compile(command[len(command) - command[::-1].index("-m")])
    markers = [line.split(":")[0] for line in options["markers"]]
    assert {"browser", "api_fuzz"} <= set(markers)
    for marker in markers:
        if not suite.evaluate(lambda name, marker=marker: name == marker):
            assert not runner.evaluate(lambda name, marker=marker: name == marker), marker
    assert not runner.evaluate(lambda name: name == "browser")
    # A test without a marker is run.
    assert runner.evaluate(lambda name: False)


def test_a_statement_marked_on_the_comment_lines_above_is_left_alone(sample):
    _module, mutants = sample
    # The first `if` and its `raise` are marked; the second `if`, its `raise` and the number
    # it compares with, and the return are not.
    assert sorted(descriptions(mutants, "checked")) == [
        "100 to 101",
        "> to >=",
        "raise removed",
        "returns None",
    ]
    changed = {
        mutants.lines[mutant.line - 1].strip()
        for mutant in mutants.mutants
        if mutant.qualname == "checked"
    }
    assert changed == {"if value > 100:", 'raise ValueError("too big")', "return value"}
