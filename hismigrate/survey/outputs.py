"""Write the survey's outputs into a folder: survey.xlsx, survey.html and one CSV per table, each atomically."""

from __future__ import annotations

from pathlib import Path

from hismigrate.atomic import write_bytes, write_text
from hismigrate.i18n import t
from hismigrate.survey.aggregate import SurveyResult
from hismigrate.survey.render_csv import table_csv
from hismigrate.survey.render_html import survey_html
from hismigrate.survey.render_xlsx import survey_xlsx


def write_outputs(result: SurveyResult, folder: Path, *, lang: str) -> list[Path]:
    """The files written, sorted."""
    tables = list(result.tables)
    note = t("survey.html.suppressed", lang, min_cell=result.min_cell)
    written: list[Path] = []
    for table in tables:
        target = folder / f"{table.name}.csv"
        write_bytes(target, table_csv(table))
        written.append(target)
    write_bytes(folder / "survey.xlsx", survey_xlsx(tables, note))
    write_text(folder / "survey.html", survey_html(tables, lang=lang, min_cell=result.min_cell))
    written += [folder / "survey.xlsx", folder / "survey.html"]
    return sorted(written)
