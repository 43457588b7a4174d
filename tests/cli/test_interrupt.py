"""Ctrl-C (SIGINT) at any moment of a run: exit 130, one line, nothing half-written; forked workers end quietly with
their parent, however it ends."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, as_from_a_terminal

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="signals and fork as on Linux")

ENV = {"PATH": "/usr/bin:/bin", "HISMIGRATE_LANG": "en", "COLUMNS": "200"}
UNIVERSITY = next((p for p in SAMPLES if p.name == "minato-university"), None)


def _interrupted(args: list[str], delay: float, sig: int = signal.SIGINT) -> subprocess.CompletedProcess[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "hismigrate", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
        preexec_fn=as_from_a_terminal,
    )
    _started(process.pid)
    time.sleep(delay)
    process.send_signal(sig)
    stdout, stderr = process.communicate(timeout=60)
    return subprocess.CompletedProcess(args, process.returncode, stdout, stderr)


def _started(pid: int) -> None:
    """Wait until the program runs (its handler is installed before it imports pydantic): a signal during the
    interpreter's own start-up, before any of the program exists, gets Python's default handling."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if "pydantic_core" in Path(f"/proc/{pid}/maps").read_text():
                return
        except OSError:
            return  # ended already
        time.sleep(0.01)


def _left(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.mark.skipif(UNIVERSITY is None, reason="the sample university is not in this checkout")
@pytest.mark.parametrize("delay", [0.0, 0.2, 0.5, 0.9, 1.4])
def test_sigint_at_any_moment_ends_with_130_one_line_and_nothing_partial(tmp_path: Path, delay: float) -> None:
    out = tmp_path / "out"
    args = ["assess", str(UNIVERSITY), "-o", str(out), "--as-of", "2026-12-01"]
    result = _interrupted(args, delay)
    if result.returncode == 0:  # the run finished before the signal: its reports are whole
        assert sorted(p.name for p in out.iterdir()) == ["assessment.json", "report.html", "report.md", "report.xlsx"]
        return
    assert result.returncode == 130, result.stderr
    assert result.stderr.splitlines() == ["✗ Interrupted: stopped; files not yet complete were removed"]
    # all four reports or none (they are renamed into place together), and no temporary file
    written = _left(out) if out.exists() else []
    assert written in ([], ["assessment.json", "report.html", "report.md", "report.xlsx"]), written


def test_sigint_message_in_japanese(tmp_path: Path, small_dir: Path) -> None:
    result = _interrupted(["assess", str(small_dir), "-o", str(tmp_path / "o"), "--lang", "ja"], 0.3)
    assert result.returncode in (0, 130)
    if result.returncode == 130:
        assert result.stderr.splitlines() == ["✗ 中断しました。書きかけのファイルは削除しました"]


def test_sigterm_ends_with_143(tmp_path: Path, small_dir: Path) -> None:
    result = _interrupted(["assess", str(small_dir), "-o", str(tmp_path / "o")], 0.3, signal.SIGTERM)
    assert result.returncode in (0, 143)
    if result.returncode == 143:
        assert len(result.stderr.splitlines()) == 1


def _script(code: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**ENV, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        preexec_fn=as_from_a_terminal,
    )


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def _all_gone(workers: list[int]) -> None:
    deadline = time.monotonic() + 10
    while not all(_gone(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(_gone(pid) for pid in workers), "a worker outlived its parent"


WORKERS = """
    import os, sys, time
    {install}
    from hismigrate.parallel import Background, imap_tasks
    background = Background(lambda: time.sleep(60))
    print(background._process.pid, flush=True)
    def task():
        os.write(1, f"{{os.getpid()}}\\n".encode())  # one write: the two workers' lines do not interleave
        time.sleep(60)
        return 1
    for _ in imap_tasks([task, task], jobs=2):
        pass
"""


@pytest.mark.parametrize("how", ["sigint", "sigkill"])
def test_workers_end_quietly_with_their_parent(how: str) -> None:
    install = "from hismigrate.cli.interrupt import install; install()" if how == "sigint" else ""
    process = _script(WORKERS.format(install=install))
    assert process.stdout is not None
    workers = [int(process.stdout.readline()) for _ in range(3)]  # the background worker and two pool workers
    if how == "sigint":  # as a terminal sends it: to the whole process group
        os.kill(process.pid, signal.SIGINT)
        for pid in workers:
            with contextlib.suppress(ProcessLookupError):  # the parent may have stopped it already
                os.kill(pid, signal.SIGINT)
    else:
        process.kill()
    _, stderr = process.communicate(timeout=30)
    _all_gone(workers)
    if how == "sigint":
        assert process.returncode == 130
        assert stderr.splitlines() == ["✗ Interrupted: stopped; files not yet complete were removed"]
    else:
        assert stderr == ""  # no BrokenPipeError, no "Process ForkPoolWorker-N"


NESTED = """
    import os, time
    from hismigrate.parallel import Background
    def outer():
        inner = Background(lambda: time.sleep(60))
        os.write(1, f"{os.getpid()}\\n{inner._process.pid}\\n".encode())
        return inner.result()
    Background(outer).result()
"""


def test_a_workers_own_worker_ends_with_the_run() -> None:
    process = _script(NESTED)
    assert process.stdout is not None
    workers = [int(process.stdout.readline()) for _ in range(2)]  # the worker and its own worker
    process.kill()
    _, stderr = process.communicate(timeout=30)
    _all_gone(workers)
    assert stderr == ""


def test_a_process_started_ignoring_sigint_keeps_ignoring_it() -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", "from hismigrate.cli.interrupt import install; import time; install(); time.sleep(1)"],
        env={**ENV, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=10) == 0
