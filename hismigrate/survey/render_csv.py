"""One CSV per table (UTF-8 with a byte-order mark, which Excel needs to read Japanese), formula-safe."""

from __future__ import annotations

import csv
import io

from hismigrate.survey.table import Cell, SurveyTable
from hismigrate.survey.xlsx_bytes import safe_text


def _text(cell: Cell) -> str:
    if isinstance(cell, str):
        return safe_text(cell)
    return f"{cell:g}" if isinstance(cell, float) else str(cell)


def table_csv(table: SurveyTable) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([safe_text(c) for c in table.columns])
    writer.writerows([_text(c) for c in row] for row in table.rows)
    return out.getvalue().encode("utf-8-sig")
