"""The parts a report section is made of: what the section builders produce and the three writers lay out.

A part is plain data in the report's language (no markup): HTML escapes it, Markdown escapes it its own way, and
Excel receives the tables with their numbers still numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

from hismigrate.report.charts.svg import ChartText
from hismigrate.report.tables import Table


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: str = "paragraph"


@dataclass(frozen=True)
class Heading:
    text: str
    kind: str = "heading"


@dataclass(frozen=True)
class Bullets:
    items: Sequence[str]
    kind: str = "bullets"


@dataclass(frozen=True)
class Notice:
    """What the reader must know before the figures (a draft inventory, no systems): set apart and shown first."""

    title: str
    items: Sequence[str]
    kind: str = "notice"


@dataclass(frozen=True)
class KeyFigure:
    name: str
    value: str
    detail: str = ""  # a second line under the value (e.g. what the figure means)
    words: bool = False  # a value in words wraps as text does; a figure is never broken (its sign stays with it)


@dataclass(frozen=True)
class KeyFigures:
    figures: Sequence[KeyFigure]
    kind: str = "key_figures"


@dataclass(frozen=True)
class Steps:
    """An ordered list of things to do, each a short title and a sentence (the summary's first steps)."""

    items: Sequence[tuple[str, str]]
    kind: str = "steps"


@dataclass(frozen=True)
class CheckGroup:
    """The findings of one check: what it is, how many, what to do, what it maps to, and every subject by name."""

    severity: str  # critical, high, ... (the badge)
    check_id: str
    title: str
    count: int
    remediation: str
    references: Sequence[str]
    subjects: Sequence[str]


@dataclass(frozen=True)
class CheckGroups:
    groups: Sequence[CheckGroup]
    kind: str = "check_groups"


@dataclass(frozen=True)
class TablePart:
    """A table; `sheet` is False for tables that repeat another sheet's data (they stay out of the workbook)."""

    table: Table
    sheet: bool = True
    kind: str = "table"


@dataclass(frozen=True)
class Figure:
    """An inline SVG chart with its words; Markdown shows the title and caption (the data is in a table)."""

    svg: Markup
    text: ChartText
    kind: str = "figure"


@dataclass(frozen=True)
class PathStep:
    """One hop of an attack path: where it leads, how likely, and the findings that make it likely."""

    source: str
    target: str
    how: str
    likelihood: float
    because: Sequence[str] = ()


@dataclass(frozen=True)
class AttackPathView:
    title: str
    likelihood: float
    steps: Sequence[PathStep]
    alternatives: Sequence[str] = ()  # the system's next distinct paths, one line each


@dataclass(frozen=True)
class AttackPaths:
    paths: Sequence[AttackPathView]
    kind: str = "attack_paths"


Part = Paragraph | Heading | Bullets | Notice | KeyFigures | Steps | CheckGroups | TablePart | Figure | AttackPaths


@dataclass(frozen=True)
class Section:
    """One report section: an anchor id, a title, its parts in order, and tables only the workbook needs.

    A section that is not `printed` (the appendix) is shown folded on screen and left out of print unless the
    reader unfolds it."""

    id: str
    title: str
    parts: Sequence[Part]
    sheets_only: Sequence[Table] = field(default_factory=tuple)
    printed: bool = True

    def sheets(self) -> list[Table]:
        """The section's tables as workbook sheets, in order."""
        return [p.table for p in self.parts if isinstance(p, TablePart) and p.sheet] + list(self.sheets_only)
