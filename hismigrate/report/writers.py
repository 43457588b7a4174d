"""The report formats and the function that renders each from an Assessment (and the inventory, for the appendix).

Every writer returns bytes (or makes them part by part); the CLI writes them atomically. Adding a format is one entry
here. The HTML, Markdown and workbook writers lay out the same sections: `render` builds them once for all the formats
asked for.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

from hismigrate.model.assessment import Assessment
from hismigrate.model.inventory import Inventory
from hismigrate.report.sections.model import Section

# A rendered file: its bytes, or its parts, made as they are written (JSON: a 100x estate's text is about 190 MB,
# which pydantic would hold twice at once).
Output = bytes | Iterator[bytes]


class Writer(Protocol):
    """Renders one format."""

    def __call__(
        self, assessment: Assessment, inventory: Inventory, lang: str, sections: Sequence[Section] | None = None
    ) -> Output: ...


def as_bytes(output: Output) -> bytes:
    """A rendered file's bytes in one piece."""
    return output if isinstance(output, bytes) else b"".join(output)


def _json(
    assessment: Assessment, inventory: Inventory, lang: str, sections: Sequence[Section] | None = None
) -> Iterator[bytes]:
    from hismigrate.report.json_writer import assessment_json_parts

    return assessment_json_parts(assessment)


def _html(assessment: Assessment, inventory: Inventory, lang: str, sections: Sequence[Section] | None = None) -> bytes:
    from hismigrate.report.html_writer import report_html

    return report_html(assessment, inventory, lang, sections)


def _md(assessment: Assessment, inventory: Inventory, lang: str, sections: Sequence[Section] | None = None) -> bytes:
    from hismigrate.report.md_writer import report_markdown

    return report_markdown(assessment, inventory, lang, sections)


def _xlsx(assessment: Assessment, inventory: Inventory, lang: str, sections: Sequence[Section] | None = None) -> bytes:
    from hismigrate.report.xlsx_writer import report_xlsx

    return report_xlsx(assessment, inventory, lang, sections)


# format -> (file name, writer), in the order `--format` lists them by default
WRITERS: dict[str, tuple[str, Writer]] = {
    "html": ("report.html", _html),
    "md": ("report.md", _md),
    "xlsx": ("report.xlsx", _xlsx),
    "json": ("assessment.json", _json),
}

_FROM_SECTIONS = frozenset({"html", "md", "xlsx"})


def render(assessment: Assessment, inventory: Inventory, lang: str, formats: Sequence[str]) -> list[tuple[str, Output]]:
    """(file name, output) of each format, in the order given; the sections are built once for all of them."""
    from hismigrate.report.sections import build_sections

    sections = build_sections(assessment, inventory, lang) if _FROM_SECTIONS & set(formats) else None
    out = []
    for fmt in formats:
        name, writer = WRITERS[fmt]
        out.append((name, writer(assessment, inventory, lang, sections)))
    return out
