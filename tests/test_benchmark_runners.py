"""Benchmark runners stop loudly and at once when a measured child dies or a package is missing."""

import json
import os
import signal
import subprocess
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread

import pytest

from benchmarks import load
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


class _EveryPathAnswers(BaseHTTPRequestHandler):
    """Answer 200 to every GET but the review queue's, which answers 500."""

    def do_GET(self):
        status = 500 if self.path.startswith("/members/review/") else 200
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


def test_the_load_benchmark_drives_every_page_kind_and_counts_each_error():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _EveryPathAnswers)
    Thread(target=server.serve_forever, daemon=True).start()
    plan = {
        "sessions": {
            "member": [{"cookie": "m1", "messages": ["/network/connections/"]}],
            "staff": [{"cookie": "s1", "messages": []}],
        },
        "paths": {
            key: [f"/{key}/"] for key in ("directory", "profile", "magazine", "news", "feeds")
        },
    }
    request = {
        "host": f"http://127.0.0.1:{server.server_address[1]}",
        "plan": plan,
        "mix": True,
        "users": 10,  # 6 visitors, 3 members, 1 staff: locust's weights 6:3:1
        "per_user_rate": None,
        "seconds": 2,
        "warmup": 0.5,
    }
    try:
        output = run_child_command(
            [sys.executable, "benchmarks/load.py", "--drive"],
            input=json.dumps(request),
            cwd=ROOT,
            timeout=60,
        )
    finally:
        server.shutdown()
    figures = json.loads(output.strip().splitlines()[-1])
    for kind in load.KINDS:
        assert figures[kind]["requests"] > 0, kind
    assert figures["review_queue"]["errors"] == figures["review_queue"]["requests"]
    assert figures["all"]["errors"] == figures["review_queue"]["errors"]
    assert "/members/review/ answered 500" in figures["failures"][0]


def test_the_load_benchmarks_rate_is_the_last_step_with_the_bare_p99_under_20_ms(monkeypatch):
    # The bare view's p99 by offered rate, as a server would answer: under 20 ms up to 60
    # req/s; at 80 it passes the limit, so 60 is the rate and no higher step is tried.
    p99_by_rate = {20: 4.0, 40: 6.0, 60: 19.0, 80: 25.0, 100: 40.0}
    asked = []

    def drive(host, plan, *, users, **options):
        rate = users * load.PER_USER_RATE
        asked.append(rate)
        return {"bare": {"rps": rate, "p99_ms": p99_by_rate[rate], "errors": 0}}

    monkeypatch.setattr(load, "drive", drive)
    rate, steps = load.find_rate("http://x", {}, seconds=1, rates=[20, 40, 60, 80, 100])
    assert rate == 60
    assert asked == [20, 40, 60, 80]
    assert [step["p99_ms"] for step in steps] == [4.0, 6.0, 19.0, 25.0]


def test_the_load_benchmarks_rate_stops_where_the_server_falls_behind(monkeypatch):
    # At 40 req/s offered the server answers 30 (under 90 %): 20 is the rate, p99 or not.
    def drive(host, plan, *, users, **options):
        rate = users * load.PER_USER_RATE
        return {"bare": {"rps": min(rate, 30), "p99_ms": 5.0, "errors": 0}}

    monkeypatch.setattr(load, "drive", drive)
    assert load.find_rate("http://x", {}, seconds=1, rates=[20, 40, 60])[0] == 20


def test_the_load_benchmark_stops_at_once_when_its_server_exits(tmp_path, capsys):
    log = tmp_path / "server.log"
    with open(log, "w") as output:
        server = subprocess.Popen(
            [sys.executable, "-c", "print('no such module: wsco.wsgi'); raise SystemExit(4)"],
            stdout=output,
        )
        server.wait(timeout=30)
    started = time.monotonic()
    with pytest.raises(ChildDiedError, match="gunicorn exited with status 4"):
        load.wait_until_up("http://127.0.0.1:9/", server, log, timeout=60)
    assert time.monotonic() - started < 5
    assert "no such module: wsco.wsgi" in capsys.readouterr().err
