"""The mutation runner's mutants: which changes a function gets, and that each one runs."""

import ast
import importlib.util
import sys
import textwrap

import pytest

from tests.mutation.mutants import ModuleMutants

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
