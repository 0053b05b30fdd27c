"""What every benchmark script needs to fail loudly: measured children and missing packages.

- `run_in_fresh_process(target, arguments)` runs `target(*arguments, pipe)` in a spawned process
  and returns what it sends through `pipe`. A child that dies first (killed, out of memory, an
  exception) raises `ChildDiedError` naming its exit status or signal at once; the parent never
  waits on a pipe nobody will write to.
- `run_child_command(command, ...)` does the same for a child started as a command.
- `require(modules, install=...)` and `missing_package(error, install=...)` name the install
  command when a package is missing (the first before a run, the second around imports).
- `exit_loudly(main)` turns either failure into one line on standard error and exit status 1.

Standard library only, so that it works before anything else is installed.
"""

import functools
import importlib.util
import multiprocessing
import signal
import subprocess
import sys
from collections.abc import Callable
from multiprocessing.connection import wait

DEV_INSTALL = "pip install -e '.[dev]'"
RUNTIME_INSTALL = "pip install -e ."


class ChildDiedError(RuntimeError):
    """A measured child process ended without sending its figures."""


class MissingPackageError(RuntimeError):
    """A package the benchmark needs is not installed."""


def describe_exit(returncode: int | None) -> str:
    """Say how a process ended, from its return code (negative: the signal that killed it)."""
    if returncode is None:
        return "is still running"
    if returncode < 0:
        name = signal.Signals(-returncode).name
        hint = " (out of memory? the kernel kills with SIGKILL)" if name == "SIGKILL" else ""
        return f"was killed by {name}{hint}"
    return f"exited with status {returncode}"


def run_in_fresh_process(target: Callable, arguments: tuple) -> object:
    """Run `target(*arguments, pipe)` in a spawned process; return what it sent."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=target, args=(*arguments, sender))
    process.start()
    # The child holds the writing end now. Kept open here too, it would keep the pipe alive
    # after the child's death, and a read would wait forever.
    sender.close()
    try:
        wait([receiver, process.sentinel])
        if receiver.poll():
            try:
                return receiver.recv()
            except EOFError:
                pass
        process.join()
        raise ChildDiedError(
            f"The measured process ({target.__name__}) {describe_exit(process.exitcode)} "
            "before sending its figures."
        )
    finally:
        receiver.close()
        process.join()


def run_child_command(command: list[str], **options) -> str:
    """Run `command` and return its standard output; raise ChildDiedError if it fails."""
    completed = subprocess.run(command, capture_output=True, text=True, **options)
    if completed.returncode != 0:
        sys.stderr.write(completed.stderr)
        raise ChildDiedError(
            f"The measured process ({' '.join(command[:3])} ...) "
            f"{describe_exit(completed.returncode)}; its error output is above."
        )
    return completed.stdout


def require(modules: list[str], *, install: str) -> None:
    """Raise MissingPackageError naming `install` unless every module in `modules` imports."""
    missing = [name for name in modules if importlib.util.find_spec(name) is None]
    if missing:
        names = " and ".join(missing)
        raise MissingPackageError(
            f"{names} {'is' if len(missing) == 1 else 'are'} needed: {install}"
        )


def missing_package(error: ModuleNotFoundError, *, install: str) -> SystemExit:
    """Return the exit that names the missing module of `error` and the command that installs it."""
    return SystemExit(f"{error.name} is needed: {install}")


def exit_loudly(main: Callable) -> Callable:
    """Wrap a benchmark's `main` so that a dead child or a missing package exits with status 1."""

    @functools.wraps(main)
    def guarded(*args, **kwargs):
        try:
            return main(*args, **kwargs)
        except (ChildDiedError, MissingPackageError) as failure:
            sys.stderr.write(f"{sys.argv[0]}: {failure}\n")
            raise SystemExit(1) from None

    return guarded
