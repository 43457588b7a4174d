"""What an ingest did: the files it rejected, and how many submissions it added, replaced or kept in the history."""

from __future__ import annotations

from dataclasses import dataclass, field

from hismigrate.errors import Problem


@dataclass(frozen=True)
class Rejected:
    """A file that could not be used, with every problem found in it."""

    file: str
    problems: tuple[Problem, ...]


@dataclass
class IngestReport:
    """What an ingest did, file by file counted."""

    ingest: int
    files: int = 0
    added: int = 0
    replaced: int = 0
    """Submissions in force that a later one replaced (the earlier one is in the history)."""
    unchanged: int = 0
    """Files identical to the submission in force."""
    superseded: int = 0
    """Files replaced by a later one of the same facility and year in the same run (kept in the history)."""
    older: int = 0
    """Files older than the submission in force (kept in the history, not put in force)."""
    rejected: list[Rejected] = field(default_factory=list)
    years: tuple[int, ...] = ()
    """The survey years the valid files belong to."""

    def figures(self) -> dict[str, int]:
        """The counts, in the order of FIGURES (the columns of the store's `ingests` table)."""
        counts = {**{name: getattr(self, name) for name in FIGURES[:-1]}, "rejected": len(self.rejected)}
        return {name: counts[name] for name in FIGURES}


FIGURES = ("files", "added", "replaced", "unchanged", "superseded", "older", "rejected")


def thousands(figures: dict[str, int]) -> dict[str, str]:
    """Each count with thousands separators, as the messages show them."""
    return {name: f"{value:,}" for name, value in figures.items()}
