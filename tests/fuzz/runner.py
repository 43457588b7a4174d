"""Run fuzz cases through the real console script, each in a process of its own, and measure each one.

`python -m tests.fuzz.runner CASES.json RESULTS.json`. The program is imported once, here; every case is then a
fork of this process that runs `hismigrate.cli.entry.run` with the case's arguments, its output in files, limited
to RLIMIT_CPU and a wall-clock deadline. The CPU time and peak resident memory of each case come from `wait4`:
what the case itself used (a fork starts with this process's pages resident, so the memory is an upper bound).
Starting one interpreter per case would cost half a second of imports each, for nothing the cases test.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sys
import time
from pathlib import Path

CPU_LIMIT_S = 20  # hard limit: a case past it is killed (and fails its CPU check)
WALL_LIMIT_S = 60  # a case that waits (a pipe, a lock) is killed after this
MEMORY_LIMIT = 4 * 1024**3  # address space, a safety net for the machine; the test checks resident memory


def _preload() -> None:
    """What the commands import when they run: imported once here, so that each fork does only its own work."""
    import networkx  # noqa: F401
    import numpy  # noqa: F401
    import openpyxl  # noqa: F401
    import python_calamine  # noqa: F401

    import hismigrate.cli.main
    import hismigrate.load.excel_source
    import hismigrate.load.yaml_source
    import hismigrate.pipeline
    import hismigrate.report.writers  # noqa: F401
    from hismigrate.i18n import catalog

    catalog("en"), catalog("ja")


def _child(case: dict, folder: Path) -> None:
    os.chdir(case["cwd"])
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT_S, CPU_LIMIT_S + 1))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    for fd, name in ((1, "stdout"), (2, "stderr")):
        out = os.open(folder / f"{case['id']}.{name}", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(out, fd)
        os.close(out)
    sys.stdout = os.fdopen(1, "w", encoding="utf-8", closefd=False)
    sys.stderr = os.fdopen(2, "w", encoding="utf-8", closefd=False)
    os.environ.update(case.get("env", {}))
    sys.argv = ["hismigrate", *case["argv"]]
    from hismigrate.cli.entry import run

    try:
        run()
    except BaseException:  # run() ends the process itself: an exception out of it breaks the contract
        import traceback

        traceback.print_exc()
        sys.stderr.flush()
    os._exit(99)


def _run(case: dict, folder: Path) -> dict:
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            _child(case, folder)
        finally:
            os._exit(98)
    killed = False
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() - start > WALL_LIMIT_S:
            os.kill(pid, signal.SIGKILL)
            killed = True
            _, status, usage = os.wait4(pid, 0)
            break
        time.sleep(0.005)
    code = os.waitstatus_to_exitcode(status)
    read = lambda name: (folder / f"{case['id']}.{name}").read_text(encoding="utf-8", errors="replace")  # noqa: E731
    return {
        "id": case["id"],
        "exit": code,
        "killed": killed,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "max_rss_bytes": usage.ru_maxrss * 1024,
        "wall_s": time.monotonic() - start,
        "stdout": read("stdout"),
        "stderr": read("stderr"),
    }


def main() -> None:
    cases = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    folder = Path(sys.argv[2]).parent / "streams"
    folder.mkdir(exist_ok=True)
    _preload()
    results = [_run(case, folder) for case in cases]
    Path(sys.argv[2]).write_text(json.dumps(results, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
