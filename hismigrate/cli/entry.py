"""The console script: interrupts are handled from the first moment (cli.interrupt), then the application runs as
the process's one job (parallel.run_process: it ends with it)."""

from __future__ import annotations


def run() -> None:
    from hismigrate.cli.interrupt import install

    install()
    from hismigrate.cli.main import app
    from hismigrate.parallel import run_process

    run_process(app)
