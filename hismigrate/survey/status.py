"""What the survey store holds, for its operator: hospitals per survey year, the history, each ingest and every
rejected file with its reasons (said in the reader's language from the recorded message keys)."""

from __future__ import annotations

import json
from pathlib import Path

from hismigrate.errors import Location, Problem
from hismigrate.i18n import t
from hismigrate.survey.outcome import FIGURES, thousands


def store_status(path: Path, lang: str) -> list[str]:
    from hismigrate.survey.store import open_store

    conn = open_store(path, create=False, lang=lang)
    try:
        years = conn.execute(
            """SELECT y, COALESCE(MAX(n), 0), COALESCE(MAX(h), 0) FROM (
                SELECT survey_year AS y, COUNT(*) AS n, NULL AS h FROM submissions GROUP BY 1
                UNION ALL SELECT survey_year, NULL, COUNT(*) FROM history GROUP BY 1) GROUP BY y ORDER BY y"""
        ).fetchall()
        ingests = conn.execute("SELECT * FROM ingests ORDER BY ingest").fetchall()
        rejected = conn.execute(
            "SELECT ingest, source, location, problem, params FROM rejected ORDER BY ingest, seq, location"
        ).fetchall()
    finally:
        conn.close()
    lines = [t("survey.status.store", lang, path=str(path))]
    if not years:
        lines.append(t("survey.status.empty", lang))
    for year, held, history in years:
        lines.append(t("survey.status.year", lang, year=year, hospitals=f"{held:,}", history=f"{history:,}"))
    for number, year, *figures in ingests:
        year_text = year if year is not None else t("survey.status.by_as_of", lang)
        counts = thousands(dict(zip(FIGURES, figures, strict=True)))
        lines.append(t("survey.status.ingest", lang, ingest=number, year=year_text, **counts))
    if rejected:
        lines.append(t("survey.status.rejected", lang, count=len({(i, s) for i, s, *_ in rejected})))
    for number, _source, location, key, params in rejected:
        problem = Problem(Location(location), key, json.loads(params))
        lines.append(f"  [{number}] {problem.render(lang)}")
    return lines
