"""One sign everywhere (issue 18): in each sample's reports, in Japanese and English, the summary's card, the cost
charts' data, the tables and the sentences give every cost difference as a saving, baseline minus plan, with the sign
assessment.json gives it (whose field names say so).

Japanese: the committed reports; English: the same assessment rendered in English. Each view is read as its reader
reads it (the card's text, the chart's point labels, the table's cells, the workbook's cached values) and compared,
sign and amount, with assessment.json.
"""

from __future__ import annotations

import html
import io
import json
import re
from functools import cache
from typing import Any

import openpyxl
import pytest

from hismigrate.i18n import t
from hismigrate.load import load_inventory
from hismigrate.model.assessment import Assessment
from hismigrate.report.writers import WRITERS, as_bytes, render
from tests.conftest import REPO, SAMPLE_REPORTS

from .reports_support import OUTPUTS
from .signs import amount, html_table, keys, md_table, same, sentences, sign, signed, svg

SAMPLES = ("aozora-chronic", "sakura-general", "minato-university")
CASES = [(h, lang) for h in SAMPLES for lang in ("ja", "en")]
OPTIONS = {  # the summary's hardening sentence: two savings, against doing nothing
    "ja": r"移行せずに対策を[^\n<]*?（節減額 [^）]+）。移行計画の完了時は[^\n<]*?（節減額 [^）]+）。",
    "en": r"Without moving, [^\n<]*?\(saving [^)]+\)[^\n<]*?\(saving [^)]+\)\.",
}


@cache
def views(hospital: str, lang: str) -> dict[str, bytes]:
    """The four outputs of a sample in `lang`."""
    folder = SAMPLE_REPORTS / hospital
    if lang == "ja":
        return {name: (folder / name).read_bytes() for name in OUTPUTS}
    assessment = Assessment.model_validate_json((folder / "assessment.json").read_bytes())
    inventory = load_inventory([REPO / "inventories" / hospital])
    return {name: as_bytes(data) for name, data in render(assessment, inventory, lang, list(WRITERS))}


def result(hospital: str, lang: str) -> dict[str, Any]:
    return json.loads(views(hospital, lang)["assessment.json"])  # type: ignore[no-any-return]


def _sentences(text: str, lang: str) -> list[str]:
    """The signed saving of every cost sentence in `text` (the hardening sentence's, against doing nothing, apart)."""
    return sentences(re.sub(OPTIONS[lang], "", text), lang)


def _options(text: str, lang: str, data: dict[str, Any]) -> None:
    """The hardening sentence says the hardened and the migrated option's savings against doing nothing."""
    (found,) = re.findall(OPTIONS[lang], text)
    hardened, migrated = sentences(found, lang)
    options = data["alternatives"]
    same(hardened, options["hardened"]["saving_jpy"], "hardening sentence, hardened")
    same(migrated, options["migrated"]["saving_jpy"], "hardening sentence, migrated")
    assert signed(hardened) and signed(migrated)
    less, more = ("少なくなります", "多くなります") if lang == "ja" else ("less than now", "more than now")
    for shown in (hardened, migrated):
        assert (less if amount(shown) > 0 else more) in found


@pytest.mark.parametrize(("hospital", "lang"), CASES)
def test_the_json_names_the_direction_and_holds_it(hospital: str, lang: str) -> None:
    data = result(hospital, lang)
    cost, summary = data["cost"], data["summary"]
    named = keys(cost) | keys(summary) | keys(data["alternatives"])
    assert not {k for k in named if "delta" in k or "extra" in k}, "a difference named without its direction"
    assert summary["npv_saving_jpy"] == cost["npv_saving_jpy"]
    cumulative = 0
    for year in cost["years"]:
        assert year["saving_jpy"] == year["baseline_jpy"] - year["plan_jpy"]
        cumulative += year["saving_jpy"]
        assert year["cumulative_saving_jpy"] == cumulative
    assert cost["total_saving_jpy"] == cumulative
    assert cost["verdict"] == {1: "saves", -1: "costs", 0: "neutral"}[sign(cost["npv_saving_jpy"])]
    # hardening beside moving: each option's saving against doing nothing, the migration's that of the cost case
    options = data["alternatives"]
    nothing = options["before"]["cost_jpy"]
    for option in ("before", "hardened", "migrated"):
        assert options[option]["saving_jpy"] == nothing - options[option]["cost_jpy"]
    assert options["migrated"]["saving_jpy"] == cost["total_saving_jpy"]
    assert options["hardened"]["saving_jpy"] < 0  # the fixes cost money: a negative saving


# --- HTML -------------------------------------------------------------------------------------------------------


def _html(hospital: str, lang: str) -> str:
    return views(hospital, lang)["report.html"].decode("utf-8")


def _alternatives(head: list[str], rows: list[list[str]], data: dict[str, Any], lang: str) -> None:
    """The hardening table's saving column: each option's saving against doing nothing, in the cost views' words."""
    column = head.index(t("report.alternatives.col_saving", lang))
    for row, option in zip(rows, ("before", "hardened", "migrated"), strict=True):
        same(row[column], data["alternatives"][option]["saving_jpy"], f"hardening table, {option}")


@pytest.mark.parametrize(("hospital", "lang"), CASES)
def test_html_card_charts_tables_and_text_share_the_sign(hospital: str, lang: str) -> None:
    data, page = result(hospital, lang), _html(hospital, lang)
    cost = data["cost"]
    npv = cost["npv_saving_jpy"]

    name = html.escape(t("report.summary.npv", lang))
    (card,) = re.findall(rf'<span class="name">{re.escape(name)}</span><span class="value">(.*?)</span>', page)
    same(card, npv, "card")
    assert card[0] in "+-" or amount(card) == 0, "the card's saving carries its sign"

    # the cumulative chart's point labels: the running saving per year, in millions
    chart = svg(page, t("report.cost.cumulative", lang))
    points = re.findall(r"<title>[^<:]+: (-?[\d,.]+) [^<]*</title>", chart)
    assert len(points) == len(cost["years"])
    for shown, year in zip(points, cost["years"], strict=True):
        exact = year["cumulative_saving_jpy"]
        if abs(exact) >= 50_000:  # shown to 0.1 million
            same(shown, round(exact / 1e6, 1), f"cumulative chart {year['year']}")
    if any(y["cumulative_saving_jpy"] < 0 for y in cost["years"]):  # shaded where the plan costs more: below zero
        zero = re.search(r'<line x1="[\d.]+" y1="([\d.]+)"[^>]*stroke="#1F2937"/><text[^>]*>0</text>', chart)
        shade = re.search(r'<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="[\d.]+" fill="#FDECEA"/>', chart)
        assert zero and shade and float(shade.group(1)) >= float(zero.group(1)) - 0.5

    # the tornado: its base line is the NPV saving, each bar's ends the saving at the driver's ends
    if cost["tornado"]:
        tornado = svg(page, t("report.cost.tornado", lang))
        (base,) = re.findall(rf">{re.escape(t('report.chart.base', lang))} (-?[\d,.]+)<", tornado)
        same(base, round(npv / 1e6, 1), "tornado base")
        ends = [float(v.replace(",", "")) for v in re.findall(r"<title>[^<]*: (-?[\d,.]+) [^<]*</title>", tornado)]
        wanted = sorted(
            round(v / 1e6, 1) for b in cost["tornado"] for v in (b["npv_saving_low_jpy"], b["npv_saving_high_jpy"])
        )
        assert sorted(ends) == pytest.approx(wanted, abs=0.051)

    head, rows = html_table(page, t("report.cost.years", lang))
    at = {h: k for k, h in enumerate(head)}
    for row, year in zip(rows, cost["years"], strict=False):
        saving = row[at[t("report.cost.col_delta", lang)]]
        assert amount(saving) == year["saving_jpy"]
        assert amount(row[at[t("report.cost.col_baseline", lang)]]) - amount(
            row[at[t("report.cost.col_plan", lang)]]
        ) == amount(saving)
        assert amount(row[at[t("report.cost.col_cumulative", lang)]]) == year["cumulative_saving_jpy"]

    head, rows = html_table(page, t("report.cost.waves", lang))
    column = head.index(t("report.cost.col_refresh_npv", lang))
    for row, wave in zip(rows, cost["waves"], strict=False):
        if wave["plan_npv_saving_at_refresh_jpy"] is not None:
            assert amount(row[column]) == wave["plan_npv_saving_at_refresh_jpy"]

    said = _sentences(html.unescape(page), lang)
    assert len(said) >= 2  # the summary's and the cost section's
    for shown in said:
        same(shown, npv, "sentence")
    dearer, cheaper = ("高くなります", "安くなります") if lang == "ja" else ("more than staying", "less than staying")
    assert (dearer in page) == (npv < 0) and (cheaper in page) == (npv > 0)

    _options(html.unescape(page), lang, data)
    _alternatives(*html_table(page, t("report.alternatives.table", lang)), data, lang)


# --- Markdown ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("hospital", "lang"), CASES)
def test_markdown_card_table_and_text_share_the_sign(hospital: str, lang: str) -> None:
    data = result(hospital, lang)
    cost, text = data["cost"], views(hospital, lang)["report.md"].decode("utf-8")
    npv = cost["npv_saving_jpy"]
    (card,) = re.findall(rf"^- {re.escape(t('report.summary.npv', lang))}: \*\*(.+?)\*\*", text, re.M)
    same(card, npv, "card")

    start = text.index(f"**{t('report.cost.years', lang)}**")
    lines = [line for line in text[start:].splitlines()[2:] if line.startswith("|")]
    head = [c.strip() for c in lines[0].strip("|").split("|")]
    column = head.index(t("report.cost.col_delta", lang))
    for line, year in zip(lines[2:], cost["years"], strict=False):
        assert amount(line.strip("|").split("|")[column].strip()) == year["saving_jpy"]

    said = _sentences(text, lang)
    assert len(said) >= 2
    for shown in said:
        same(shown, npv, "sentence")

    _options(text, lang, data)
    _alternatives(*md_table(text, t("report.alternatives.table", lang)), data, lang)


# --- Workbook ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("hospital", "lang"), CASES)
def test_workbook_figures_formulas_and_text_share_the_sign(hospital: str, lang: str) -> None:
    data = result(hospital, lang)
    cost = data["cost"]
    npv = cost["npv_saving_jpy"]
    raw = views(hospital, lang)["report.xlsx"]
    values = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)
    formulas = openpyxl.load_workbook(io.BytesIO(raw))

    summary = values.worksheets[0]
    figures = {row[0]: row[1] for row in summary.iter_rows(values_only=True) if row[0]}
    assert figures[t("report.summary.sheet_npv", lang)] == npv
    sentence = figures[t("report.summary.cost_heading", lang)]
    (shown,) = _sentences(sentence, lang)
    same(shown, npv, "sentence")

    (name,) = [n for n in values.sheetnames if values[n]["A1"].value == t("report.cost.years", lang)]
    head = [c.value for c in values[name][2]]
    saving, baseline, plan = (
        head.index(t(f"report.cost.{k}", lang)) for k in ("col_delta", "col_baseline", "col_plan")
    )
    letters = [c.column_letter for c in values[name][2]]
    for r, year in enumerate(cost["years"], start=3):
        assert values[name].cell(r, saving + 1).value == year["saving_jpy"]
        assert formulas[name].cell(r, saving + 1).value == f"={letters[baseline]}{r}-{letters[plan]}{r}"

    # the hardening sheet: every yen of each option's saving against doing nothing
    (name,) = [n for n in values.sheetnames if values[n]["A1"].value == t("report.alternatives.table", lang)]
    head = [c.value for c in values[name][2]]
    column = head.index(t("report.alternatives.col_saving", lang)) + 1
    for r, option in enumerate(("before", "hardened", "migrated"), start=3):
        assert values[name].cell(r, column).value == data["alternatives"][option]["saving_jpy"]
