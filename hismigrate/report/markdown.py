"""Markdown text and tables that stay what they are: an inventory name cannot break a table or inject markup."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hismigrate.report.tables import Table

# Backslash first so that the escapes added after it are not doubled. `<` and `>` are escaped so that a name like
# `<script>` stays text in renderers that pass raw HTML through.
_SPECIAL = re.compile(r"([\\`*\[\]<>|])")
# Every character Python's splitlines() breaks on, not only CR and LF: any of them would split a table row.
_LINE_BREAKS = re.compile(r"\s*[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+\s*")


def md_escape(text: object) -> str:
    """Inline Markdown text: special characters escaped, line breaks folded to one space."""
    flat = _LINE_BREAKS.sub(" ", str(text)).replace("\t", " ")
    return _SPECIAL.sub(r"\\\1", flat)


def md_table(table: Table, lang: str) -> str:
    """A GitHub-flavoured Markdown table (title as a bold line above it, note below); numbers right-aligned."""
    from hismigrate.report.tables import cell_text

    lines = [f"**{md_escape(table.title)}**", ""] if table.title else []
    lines.append("| " + " | ".join(md_escape(c.title) for c in table.columns) + " |")
    lines.append("|" + "|".join("---:" if c.numeric else "---" for c in table.columns) + "|")
    for row in table.rows:
        cells = (md_escape(cell_text(v, c.kind, lang)) for v, c in zip(row, table.columns, strict=True))
        lines.append("| " + " | ".join(cells) + " |")
    totals = table.totals()
    if totals and table.rows:
        cells = (
            "" if v is None else f"**{md_escape(v if i == 0 else cell_text(v, c.kind, lang))}**"
            for i, (v, c) in enumerate(zip(totals, table.columns, strict=True))
        )
        lines.append("| " + " | ".join(cells) + " |")
    if table.note:
        lines += ["", md_escape(table.note)]
    return "\n".join(lines) + "\n"
