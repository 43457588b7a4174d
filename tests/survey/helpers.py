"""Read the survey's outputs back as grids of text, the same way for CSV, xlsx and HTML."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser
from pathlib import Path

from hismigrate.survey.read import read_submission

YEAR = 2025
"""The survey year of the generated submissions (as_of 2025-04-01)."""


def revised(submission, **fields):  # type: ignore[no-untyped-def]
    """The submission with `fields` replaced, validated again (model_copy would not check them)."""
    from hismigrate.model.submission import Submission

    return Submission.model_validate(submission.model_dump() | fields)


def store(*sets: list, survey_year: int | None = None):  # type: ignore[no-untyped-def,type-arg]
    """An in-memory survey store holding each set of submissions, ingested one set after the other."""
    from hismigrate.survey.ingest import ingest_submissions
    from hismigrate.survey.store import open_store

    conn = open_store(None, create=True)
    for submissions in sets:
        ingest_submissions(conn, submissions, survey_year=survey_year)
    return conn


def tables_of(submissions: list, *, lang: str = "en", min_cell: int = 5, year: int = YEAR, **options):  # type: ignore[no-untyped-def,type-arg]
    """The survey result of one set of submissions."""
    from hismigrate.survey.aggregate import aggregate

    conn = store(submissions)
    try:
        return aggregate(conn, year=year, lang=lang, min_cell=min_cell, **options)
    finally:
        conn.close()


def text(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return "" if value is None else str(value)


def csv_grid(folder: Path, name: str) -> list[list[str]]:
    data = (folder / f"{name}.csv").read_bytes().decode("utf-8-sig")
    return [row for row in csv.reader(io.StringIO(data))]


def xlsx_grid(folder: Path, name: str) -> list[list[str]]:
    from openpyxl import load_workbook

    workbook = load_workbook(folder / "survey.xlsx", read_only=True)
    rows = [[text(v) for v in row] for row in workbook[name].iter_rows(min_row=2, values_only=True)]
    workbook.close()
    rows = rows[: next((i for i, r in enumerate(rows) if not any(r)), len(rows))]  # up to the blank line
    return rows


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.section: str | None = None
        self.cell: list[str] | None = None
        self.in_svg = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "section":
            self.section = dict(attrs)["id"]
            self.tables[self.section] = []
        elif tag == "svg":
            self.in_svg = True
        elif tag == "tr" and self.section and not self.in_svg:
            self.tables[self.section].append([])
        elif tag in ("td", "th") and self.section and not self.in_svg:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self.in_svg = False
        elif tag in ("td", "th") and self.cell is not None and self.section:
            self.tables[self.section][-1].append("".join(self.cell).strip())
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def html_grids(folder: Path) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed((folder / "survey.html").read_text(encoding="utf-8"))
    return parser.tables


def grids(folder: Path, name: str) -> dict[str, list[list[str]]]:
    """The table `name` (header row first) as read back from each output."""
    return {"csv": csv_grid(folder, name), "xlsx": xlsx_grid(folder, name), "html": html_grids(folder)[name]}


__all__ = ["grids", "read_submission", "revised", "store", "tables_of"]
