"""Shared fixtures: the small test hospital, a copy of it to break, and paths to the repository's parts."""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run ("ci", the default), so a red suite is always a change in the
# code, never the luck of the draw. HYPOTHESIS_PROFILE=explore draws new examples each run, to look for new failures;
# a failure it finds becomes an explicit test.
settings.register_profile("ci", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
SMALL_HOSPITAL = FIXTURES / "small_hospital"
SAMPLE_REPORTS = REPO / "reports" / "samples"  # committed by reports/generate.py; a user's own run writes beside it
SHARED_DATA = REPO.parent / "shared" / "data"
# The sample hospitals (a folder with a group.yaml is a sample group of them, tested in tests/group).


def as_from_a_terminal() -> None:
    """A child's `preexec_fn` for the tests that press Ctrl-C: the child starts with SIGINT handled, as a command
    typed at a terminal does. A suite run in the background of a script inherits SIGINT ignored (POSIX shells ignore
    it in their asynchronous commands), and the program rightly keeps a signal its starter ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


SAMPLES = (
    sorted(p for p in (REPO / "inventories").iterdir() if p.is_dir() and not (p / "group.yaml").exists())
    if (REPO / "inventories").is_dir()
    else []
)


@pytest.fixture
def small_dir() -> Path:
    return SMALL_HOSPITAL


@pytest.fixture
def small_copy(tmp_path: Path) -> Path:
    """A writable copy of the small hospital, for tests that break it."""
    target = tmp_path / "hospital"
    shutil.copytree(SMALL_HOSPITAL, target)
    return target
