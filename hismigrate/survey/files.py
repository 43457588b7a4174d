"""The submission files named on the command line: files as given, directories expanded to their .json and .xlsx
files (recursive, sorted), so that the same arguments always give the same files in the same order."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from hismigrate.errors import InventoryError, Location, Problem
from hismigrate.survey.read import JSON_SUFFIXES, XLSX_SUFFIXES

SUBMISSION_SUFFIXES = JSON_SUFFIXES + XLSX_SUFFIXES


def submission_files(inputs: Iterable[Path]) -> list[Path]:
    """Every file to read, in order; InventoryError naming each input that does not exist, or when none is found."""
    inputs = list(inputs)
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
