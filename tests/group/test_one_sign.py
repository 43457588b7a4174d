"""One sign everywhere, for the sample group (inventories/inba-public): in Japanese and English, the command's
summary line, the report's card, charts, tables and sentences and the workbook give every difference of the shared
cost case as a saving of sharing, alone minus in the group (plus: sharing costs less), with the sign group.json
gives it, whose field names say so and whose schema describes each with the one sign (hismigrate.model.cost.SIGN).

Japanese: the committed reports; English: the same result rendered in English. Each view is read as its reader
reads it and compared, sign and amount, with group.json.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from hismigrate.i18n import t
from hismigrate.load.group_source import load_group, load_members
from hismigrate.model.cost import SIGN
from hismigrate.model.group_result import GROUP_SCHEMA_VERSION, GroupAssessment
from hismigrate.report.group.writers import GROUP_WRITERS, render_group
from tests.conftest import REPO
from tests.report.signs import amount, html_table, keys, md_table, quoting, same, sentences, sign, signed, svg

SAMPLE = REPO / "inventories" / "inba-public"
REPORTS = REPO / "reports" / "samples" / "inba-public"
LANGS = ("ja", "en")
C = "group.report.cost."


@cache
def views(lang: str) -> dict[str, bytes]:
    """The four outputs of the sample group in `lang`."""
    files = [name for name, _ in GROUP_WRITERS.values()]
    if lang == "ja":
        return {name: (REPORTS / name).read_bytes() for name in files}
    result = GroupAssessment.model_validate_json((REPORTS / "group.json").read_bytes())
    inventories = load_members(load_group(SAMPLE / "group.yaml"))
    return dict(render_group(result, inventories, lang, list(GROUP_WRITERS)))


def result(lang: str) -> dict[str, Any]:
    return json.loads(views(lang)["group.json"])  # type: ignore[no-any-return]


def _years(years: list[dict[str, Any]]) -> None:
    cumulative = 0
    for year in years:
        assert year["saving_jpy"] == year["alone_jpy"] - year["group_jpy"]
        cumulative += year["saving_jpy"]
        assert year["cumulative_saving_jpy"] == cumulative


def test_the_json_names_the_direction_and_holds_it() -> None:
    data = result("ja")
    assert data["schema_version"] == GROUP_SCHEMA_VERSION == "1.1"
    assert not {k for k in keys(data) if "delta" in k}, "a difference named without its direction"
    cost = data["cost"]
    _years(cost["years"])
    for member in cost["members"]:
        _years(member["years"])
        assert member["verdict"] == {1: "saves", -1: "costs", 0: "neutral"}[sign(member["npv_saving_jpy"])]
    assert cost["npv_saving_jpy"] == sum(m["npv_saving_jpy"] for m in cost["members"])
    assert cost["verdict"] == {1: "saves", -1: "costs", 0: "neutral"}[sign(cost["npv_saving_jpy"])]
    own = {m["id"]: m["own_npv_saving_jpy"] for m in data["members"]}
    assert own == {m["member"]: m["own_npv_saving_jpy"] for m in cost["members"]}, "one figure, one name"
    # the sample shows both signs: some members gain by sharing, some pay for it
    assert {m["verdict"] for m in cost["members"]} >= {"saves", "costs"}


def test_the_schema_describes_every_saving_with_the_one_sign() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "hismigrate", "schema", "--group", "--result"],
        capture_output=True,
        text=True,
        check=True,
    )
    schema = json.loads(done.stdout)
    assert schema["title"] == "hismigrate group assessment"
    assert schema["properties"]["schema_version"]["default"] == "1.1" and "1.1:" in schema["description"]
    savings = {
        (name, field): spec.get("description", "")
        for name, definition in schema["$defs"].items()
        for field, spec in definition.get("properties", {}).items()
        if "saving" in field
    }
    assert len(savings) >= 10
    assert all(SIGN in text for text in savings.values()), [k for k, v in savings.items() if SIGN not in v]
    assert not [k for k in keys(schema["$defs"]) if "delta" in k]


# --- the command's summary --------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_command_prints_the_signed_saving(lang: str, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "hismigrate", "group", "assess", str(SAMPLE / "group.yaml"), "-o", str(tmp_path)]
    command += ["--format", "json", "--as-of", "2026-12-01", "--lang", lang]
    done = subprocess.run(command, capture_output=True, text=True, check=True, env={**os.environ, "COLUMNS": "240"})
    label = t("group.cli.summary.npv", lang)
    (line,) = [line for line in done.stdout.splitlines() if label in line]
    shown = line.split(label)[1].strip(" │|")
    npv = json.loads((tmp_path / "group.json").read_bytes())["cost"]["npv_saving_jpy"]
    same(shown, npv, "command")
    assert shown[0] == ("+" if npv > 0 else "-"), "the saving carries its sign"


# --- HTML -------------------------------------------------------------------------------------------------------


def _members(table: tuple[list[str], list[list[str]]], data: dict[str, Any], lang: str) -> None:
    """The members' saving of sharing, by name, every yen."""
    head, rows = table
    cost, names = data["cost"], _names(data)
    column = head.index(t(C + "col_sharing", lang))
    by_name = {names[m["member"]]: m["npv_saving_jpy"] for m in cost["members"]}
    assert {row[0]: amount(row[column]) for row in rows} == by_name


def _names(data: dict[str, Any]) -> dict[str, str]:
    return {m["id"]: m["name"] for m in data["members"]}


def _text(data: dict[str, Any], text: str, lang: str) -> None:
    """The cost sentence's saving is the group's; each member's quoted saving is its own."""
    cost, names = data["cost"], _names(data)
    npv = cost["npv_saving_jpy"]
    quoted = quoting(text, lang, "|".join(re.escape(n) for n in names.values()))
    by_name = {names[m["member"]]: m["npv_saving_jpy"] for m in cost["members"]}
    assert {name for name, _ in quoted} == set(by_name), "every member named with its saving"
    for name, shown in quoted:
        same(shown, by_name[name], f"sentence, {name}")
        assert signed(shown)
    group = [s for s in sentences(text, lang) if s not in {shown for _, shown in quoted}]
    assert group, "the cost sentence quotes the group's saving"
    for shown in group:
        same(shown, npv, "cost sentence")
        assert signed(shown)
    dearer, cheaper = ("高くなります", "安くなります") if lang == "ja" else ("more than each", "less than each")
    assert (dearer in text) == (npv < 0) and (cheaper in text) == (npv > 0)


@pytest.mark.parametrize("lang", LANGS)
def test_html_card_charts_tables_and_text_share_the_sign(lang: str) -> None:
    data, page = result(lang), views(lang)["report.html"].decode("utf-8")
    cost = data["cost"]
    npv = cost["npv_saving_jpy"]

    name = html.escape(t("group.report.summary.npv", lang))
    (card,) = re.findall(rf'<span class="name">{re.escape(name)}</span><span class="value">(.*?)</span>', page)
    same(card, npv, "card")
    assert signed(card), "the card's saving carries its sign"

    chart = svg(page, t(C + "cumulative", lang))
    points = re.findall(r"<title>[^<:]+: (-?[\d,.]+) [^<]*</title>", chart)
    assert len(points) == len(cost["years"])
    for shown, year in zip(points, cost["years"], strict=True):
        if abs(year["cumulative_saving_jpy"]) >= 50_000:
            same(shown, round(year["cumulative_saving_jpy"] / 1e6, 1), f"cumulative chart {year['year']}")

    tornado = svg(page, t(C + "tornado", lang))
    (base,) = re.findall(rf">{re.escape(t('report.chart.base', lang))} (-?[\d,.]+)<", tornado)
    same(base, round(npv / 1e6, 1), "tornado base")
    ends = [float(v.replace(",", "")) for v in re.findall(r"<title>[^<]*: (-?[\d,.]+) [^<]*</title>", tornado)]
    wanted = [round(v / 1e6, 1) for b in cost["tornado"] for v in (b["npv_saving_low_jpy"], b["npv_saving_high_jpy"])]
    assert sorted(ends) == pytest.approx(sorted(wanted), abs=0.051)

    _members(html_table(page, t("group.report.members.table", lang)), data, lang)
    _members(html_table(page, t(C + "members", lang)), data, lang)
    head, rows = html_table(page, t(C + "years", lang))
    saving, cumulative = head.index(t(C + "col_saving", lang)), head.index(t("report.cost.col_cumulative", lang))
    alone, group = head.index(t(C + "col_alone_year", lang)), head.index(t(C + "col_group_year", lang))
    for row, year in zip(rows, cost["years"], strict=True):
        assert amount(row[saving]) == year["saving_jpy"] == amount(row[alone]) - amount(row[group])
        assert amount(row[cumulative]) == year["cumulative_saving_jpy"]

    _text(data, html.unescape(re.sub(r"<[^>]+>", "", page)), lang)


# --- Markdown ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_markdown_card_tables_and_text_share_the_sign(lang: str) -> None:
    data, text = result(lang), views(lang)["report.md"].decode("utf-8")
    cost = data["cost"]
    (card,) = re.findall(rf"^- {re.escape(t('group.report.summary.npv', lang))}: \*\*(.+?)\*\*", text, re.M)
    same(card, cost["npv_saving_jpy"], "card")
    assert signed(card)
    _members(md_table(text, t("group.report.members.table", lang)), data, lang)
    _members(md_table(text, t(C + "members", lang)), data, lang)
    head, rows = md_table(text, t(C + "years", lang))
    saving = head.index(t(C + "col_saving", lang))
    assert [amount(row[saving]) for row in rows] == [y["saving_jpy"] for y in cost["years"]]
    _text(data, text, lang)


# --- Workbook ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_workbook_figures_formulas_and_text_share_the_sign(lang: str) -> None:
    data = result(lang)
    cost = data["cost"]
    raw = views(lang)["report.xlsx"]
    values = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)
    formulas = openpyxl.load_workbook(io.BytesIO(raw))

    summary = values.worksheets[0]
    rows = [row for row in summary.iter_rows(values_only=True) if row[0]]
    figures = {row[0]: row[1] for row in rows}
    assert figures[t("group.report.summary.sheet_npv", lang)] == cost["npv_saving_jpy"]
    said = " ".join(str(row[1]) for row in rows if row[0] == t("group.report.summary.sentences", lang))
    _text(data, said, lang)

    (name,) = [n for n in values.sheetnames if values[n]["A1"].value == t(C + "years", lang)]
    head = [c.value for c in values[name][2]]
    saving, alone, group = (head.index(t(C + k, lang)) for k in ("col_saving", "col_alone_year", "col_group_year"))
    cumulative = head.index(t("report.cost.col_cumulative", lang))
    letters = [c.column_letter for c in values[name][2]]
    for r, year in enumerate(cost["years"], start=3):
        assert values[name].cell(r, saving + 1).value == year["saving_jpy"]
        assert values[name].cell(r, cumulative + 1).value == year["cumulative_saving_jpy"]
        assert formulas[name].cell(r, saving + 1).value == f"={letters[alone]}{r}-{letters[group]}{r}"
