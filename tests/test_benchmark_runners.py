"""Benchmark runners stop loudly and at once when a measured child dies or a package is missing."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.runner import (
    ChildDiedError,
    MissingPackageError,
    describe_exit,
    exit_loudly,
    missing_package,
    require,
    run_child_command,
    run_in_fresh_process,
)

ROOT = Path(__file__).resolve().parent.parent


def send_figures(seconds: float, pipe) -> None:
    pipe.send({"seconds": seconds})
    pipe.close()


def die_by_sigkill(pipe) -> None:
    # As the kernel's out-of-memory killer ends a process: no exception, no goodbye.
    os.kill(os.getpid(), signal.SIGKILL)


def exit_without_sending(pipe) -> None:
    sys.exit(3)


def test_a_child_that_sends_its_figures_returns_them():
    assert run_in_fresh_process(send_figures, (1.5,)) == {"seconds": 1.5}


def test_a_child_killed_by_sigkill_stops_the_runner_at_once_naming_the_signal():
    started = time.monotonic()
    with pytest.raises(ChildDiedError, match=r"\(die_by_sigkill\) was killed by SIGKILL"):
        run_in_fresh_process(die_by_sigkill, ())
    # A spawned child takes a second or two to start here; a hang would take forever.
    assert time.monotonic() - started < 30


def test_a_child_that_exits_without_sending_names_its_status():
    with pytest.raises(ChildDiedError, match="exited with status 3 before sending its figures"):
        run_in_fresh_process(exit_without_sending, ())


def test_the_audit_engine_benchmark_measures_through_the_loud_runner():
    from benchmarks import audit_engine

    with pytest.raises(ChildDiedError, match="SIGKILL"):
        audit_engine._in_fresh_processes(die_by_sigkill, (), repeats=2)


@pytest.mark.parametrize(
    ("returncode", "said"),
    [
        (0, "exited with status 0"),
        (2, "exited with status 2"),
        (-9, "was killed by SIGKILL (out of memory?"),
        (-15, "was killed by SIGTERM"),
        (None, "is still running"),
    ],
)
def test_an_exit_is_described_by_its_status_or_signal(returncode, said):
    assert describe_exit(returncode).startswith(said)


def test_a_child_command_that_is_killed_raises_with_its_signal(capsys):
    command = [
        sys.executable,
        "-c",
        "import os, sys; print('partial', file=sys.stderr); os.kill(os.getpid(), 9)",
    ]
    with pytest.raises(ChildDiedError, match="was killed by SIGKILL"):
        run_child_command(command)
    assert "partial" in capsys.readouterr().err


def test_a_child_command_that_succeeds_returns_its_output():
    assert run_child_command([sys.executable, "-c", "print('{}')"]).strip() == "{}"


def test_a_missing_package_names_the_install_command():
    require(["json", "sqlite3"], install="pip install -e .")
    with pytest.raises(
        MissingPackageError, match=r"^no_such_package_x is needed: pip install -e '\.\[dev\]'$"
    ):
        require(["json", "no_such_package_x"], install="pip install -e '.[dev]'")
    with pytest.raises(MissingPackageError, match=r"^no_such_a and no_such_b are needed"):
        require(["no_such_a", "no_such_b"], install="pip install -e .")


def test_a_failed_import_becomes_an_exit_naming_the_install():
    try:
        import no_such_package_y  # noqa: F401
    except ModuleNotFoundError as error:
        stop = missing_package(error, install="pip install -e .")
    assert stop.code == "no_such_package_y is needed: pip install -e ."


def test_a_benchmark_main_exits_with_status_1_and_one_line(capsys):
    @exit_loudly
    def main():
        run_in_fresh_process(die_by_sigkill, ())

    with pytest.raises(SystemExit, match=r"^1$") as stopped:  # the exit status, 1
        main()
    assert stopped.value.code == 1
    [line] = capsys.readouterr().err.splitlines()
    assert "was killed by SIGKILL" in line


def test_the_audit_engine_script_says_which_install_it_needs_without_pandas(tmp_path):
    # An install without the dev extra: `import pandas` fails, as Python's own None entry says.
    (tmp_path / "sitecustomize.py").write_text("import sys\nsys.modules['pandas'] = None\n")
    completed = subprocess.run(
        [sys.executable, "benchmarks/audit_engine.py", "--localities", "2", "--years", "1"],
        cwd=ROOT,
        env=os.environ | {"PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 1
    assert completed.stderr.strip().endswith("pandas is needed: pip install -e '.[dev]'")
