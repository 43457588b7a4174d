"""Many problems of one kind as one message: a renamed segment makes 763 servers fail the same way, and 763 identical
lines hide the one other mistake. Problems with the same message at the same field of the same file become one
line with the count and the first and last places (`servers.yaml lines 3, 9, 15, …, 4,581`); beyond `PER_KIND`
lines of one kind, the rest is counted on one more line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from hismigrate.errors import Problem
from hismigrate.i18n import t

PER_KIND = 20
"""Lines shown for one kind of problem (one message key) before the rest is only counted."""
SHOWN_PLACES = 3
"""Places named before the last one when a group has more than SHOWN_PLACES + 2."""

_INDEX = re.compile(r"\[\d+\]")


@dataclass(frozen=True)
class ProblemGroup:
    """Problems with one message at one field of one file (or the rest of a kind, when `more` is set)."""

    problems: tuple[Problem, ...]
    more: bool = False  # the problems of this kind beyond PER_KIND lines: only counted

    def render(self, lang: str) -> str:
        first = self.problems[0]
        if self.more:
            return t("cli.problem_more", lang, count=len(self.problems), message=first.message(lang))
        if len(self.problems) == 1:
            return first.render(lang)
        path = _pattern(first.location.path)
        where = f"{_places(self.problems)}:" + (f" {path}:" if path else "")
        return f"{where} {first.message(lang)} " + t("cli.problem_times", lang, count=len(self.problems))


def group_problems(problems: list[Problem]) -> list[ProblemGroup]:
    """The problems as message lines, in the order of each group's first problem."""
    groups: dict[tuple[Any, ...], list[Problem]] = {}
    for problem in problems:
        loc = problem.location
        key = (
            problem.key,
            tuple(sorted((k, str(v)) for k, v in problem.params.items())),
            loc.file,
            loc.sheet,
            loc.column,
            _pattern(loc.path),
        )
        groups.setdefault(key, []).append(problem)
    shown: dict[str, int] = {}
    out: list[ProblemGroup] = []
    rest: dict[str, list[Problem]] = {}
    for (kind, *_), members in groups.items():
        if shown.get(kind, 0) < PER_KIND:
            shown[kind] = shown.get(kind, 0) + 1
            out.append(ProblemGroup(tuple(members)))
        else:
            rest.setdefault(kind, []).extend(members)
    out.extend(ProblemGroup(tuple(members), more=True) for members in rest.values())
    return out


def _pattern(path: str | None) -> str | None:
    """`servers[7].segment` -> `servers[*].segment`: the same field of every item."""
    return _INDEX.sub("[*]", path) if path else path


def _places(problems: tuple[Problem, ...]) -> str:
    first = problems[0].location
    parts = [first.file]
    if first.sheet is not None:
        parts.append(f"[{first.sheet}]")
    rows = [p.location.row for p in problems if p.location.row is not None]
    lines = [p.location.line for p in problems if p.location.line is not None]
    if rows:
        parts.append(f"rows {_numbers(rows)}" + (f", column {first.column}" if first.column else ""))
    elif lines:
        parts.append(f"lines {_numbers(lines)}")
    elif first.column is not None:
        parts.append(f"column {first.column}")
    return " ".join(parts)


def _numbers(values: list[int]) -> str:
    """`3, 9, 15, …, 4,581`: the first few and the last, with thousands separators."""
    unique = sorted(set(values))
    if len(unique) <= SHOWN_PLACES + 2:
        return ", ".join(f"{n:,}" for n in unique)
    return ", ".join(f"{n:,}" for n in unique[:SHOWN_PLACES]) + f", …, {unique[-1]:,}"
