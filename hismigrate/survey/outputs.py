"""Write the survey's outputs into a folder: survey.xlsx, survey.html and one CSV per table, each atomically.

Everything written is for publication: tables of figures about at least --min-cell hospitals, rows and columns from
fixed lists. What only the survey's operator may see (the files rejected, the history of re-submissions) stays in
the store and on the console.
"""

from __future__ import annotations

from pathlib import Path

from hismigrate.atomic import write_bytes, write_text
from hismigrate.i18n import t
from hismigrate.survey.aggregate import SurveyResult
from hismigrate.survey.render_csv import table_csv
from hismigrate.survey.render_html import survey_html
from hismigrate.survey.render_xlsx import survey_xlsx


def banner(result: SurveyResult, lang: str) -> str:
    """How many hospitals the tables describe and what a dash means; never a number below --min-cell."""
    if result.hospitals < result.min_cell:
        return t("survey.html.banner_hidden", lang, min_cell=result.min_cell, year=result.year)
    return t("survey.html.banner", lang, hospitals=f"{result.hospitals:,}", min_cell=result.min_cell, year=result.year)


def write_outputs(result: SurveyResult, folder: Path, *, lang: str) -> list[Path]:
    """The files written, sorted."""
    tables = list(result.tables)
    note = banner(result, lang)
    written: list[Path] = []
    for table in tables:
        target = folder / f"{table.name}.csv"
        write_bytes(target, table_csv(table))
        written.append(target)
    write_bytes(folder / "survey.xlsx", survey_xlsx(tables, note))
    write_text(folder / "survey.html", survey_html(tables, lang=lang, banner=note, year=result.year))
    written += [folder / "survey.xlsx", folder / "survey.html"]
    return sorted(written)
