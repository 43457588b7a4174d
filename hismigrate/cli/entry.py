"""The console script: interrupts are handled from the first moment (cli.interrupt), then the application runs."""

from __future__ import annotations


def run() -> None:
    from hismigrate.cli.interrupt import install

    install()
    from hismigrate.cli.main import run as run_app

    run_app()
