"""How a command ends: the console script ends the process without tearing down its heap (parallel.end_process), but
only after its output is flushed and its workers are stopped. (In-process, a command leaves the collector as it found
it: tests/test_parallel.py.)"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

import pytest


def _python(code: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    # buffered output, as a user's shell gives it (PYTHONUNBUFFERED would hide a missing flush)
    env = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env=env,
    )


def test_end_flushes_buffered_output_and_keeps_the_exit_code() -> None:
    # 200,000 lines into a pipe stay in the buffer until flushed: os._exit alone would lose them
    result = _python(
        """
        import sys
        from hismigrate.parallel import end_process
        for k in range(200_000):
            print(k)
        print("to stderr", file=sys.stderr)
        end_process(3)
        """
    )
    assert result.returncode == 3
    lines = result.stdout.split()
    assert len(lines) == 200_000 and lines[-1] == "199999"
    assert "to stderr" in result.stderr


@pytest.mark.parametrize(("code", "returncode"), [(None, 0), (0, 0), (2, 2), ("a message", 1)])
def test_end_reads_exit_codes_as_sys_exit_does(code: object, returncode: int) -> None:
    result = _python(f"from hismigrate.parallel import end_process; end_process({code!r})")
    assert result.returncode == returncode
    if isinstance(code, str):
        assert code in result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_end_stops_a_worker_still_running() -> None:
    # an error in the main process can leave the background worker running: it must not outlive the command
    start = time.monotonic()
    result = _python(
        """
        import time
        from hismigrate.parallel import end_process
        from hismigrate.parallel import Background
        worker = Background(lambda: time.sleep(120))
        print(worker._process.pid, flush=True)
        end_process(2)
        """
    )
    assert result.returncode == 2, result.stderr
    assert time.monotonic() - start < 60
    pid = int(result.stdout)
    try:  # a stopped and reaped worker has no /proc entry left
        with open(f"/proc/{pid}/stat") as stat:
            state = stat.read().split(")")[-1].split()[0]
    except FileNotFoundError:
        return
    assert state == "Z", f"worker {pid} still running (state {state})"


def test_console_script_exits_with_a_user_error_code(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = subprocess.run(
        [sys.executable, "-m", "hismigrate", "validate", str(tmp_path / "missing")],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "HISMIGRATE_LANG": "en"},
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "missing" in result.stderr
