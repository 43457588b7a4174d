"""Gather submissions from files and directories: read each, list the invalid ones with their reason, and keep
the latest submission of each facility."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from hismigrate.errors import InventoryError, Location, Problem
from hismigrate.model.submission import Submission
from hismigrate.survey.read import JSON_SUFFIXES, XLSX_SUFFIXES, read_submission

SUBMISSION_SUFFIXES = JSON_SUFFIXES + XLSX_SUFFIXES


@dataclass(frozen=True)
class Rejected:
    """A file that could not be used, with every problem found in it."""

    file: str
    problems: tuple[Problem, ...]


@dataclass
class Collected:
    """The submissions kept (one per facility code, sorted by code) and what was left out."""

    submissions: list[Submission] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    replaced: int = 0
    """Submissions dropped because a later one of the same facility was given."""
    files: int = 0


def submission_files(inputs: Iterable[Path]) -> list[Path]:
    """The files named, with directories expanded to their .json and .xlsx files (recursive, sorted)."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in inputs:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in SUBMISSION_SUFFIXES and p.is_file()))
        elif path.exists():
            files.append(path)
        else:
            problems.append(Problem(Location(str(path)), "file_not_found"))
    if problems:
        raise InventoryError(problems)
    if not files:
        raise InventoryError.single(Location(", ".join(str(p) for p in inputs) or "."), "survey_no_submissions")
    return files


def content_hash(submission: Submission) -> str:
    """A digest of the submission's content, whatever file format carried it."""
    return hashlib.sha256(submission.model_dump_json().encode("utf-8")).hexdigest()


def latest(submissions: Iterable[Submission]) -> tuple[list[Submission], int]:
    """One submission per facility code: the latest as-of date, then (for equal dates) the greatest content hash,
    so that the choice does not depend on the order files were given or found in. Returns (kept, replaced)."""
    by_code: dict[str, list[Submission]] = {}
    for submission in submissions:
        by_code.setdefault(submission.facility_code, []).append(submission)
    kept: list[Submission] = []
    replaced = 0
    for code in sorted(by_code):
        group = by_code[code]
        if len(group) > 1:
            replaced += len(group) - 1
            group = [max(group, key=lambda s: (s.as_of, content_hash(s)))]
        kept.append(group[0])
    return kept, replaced


def collect(files: list[Path], progress: Callable[[Path], None] | None = None) -> Collected:
    """Read every file; `progress` is called after each one (the CLI draws a bar with it)."""
    result = Collected(files=len(files))
    valid: list[Submission] = []
    for path in files:
        try:
            valid.append(read_submission(path))
        except InventoryError as exc:
            result.rejected.append(Rejected(str(path), tuple(exc.problems)))
        if progress is not None:
            progress(path)
    result.submissions, result.replaced = latest(valid)
    return result
