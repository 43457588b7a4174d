"""The report as a reader prints it (Chromium, A4, the print CSS): page counts within the limits of issue 19, the
summary on pages 1-2 with nothing empty before it, every diagram label inside its box, no id, number, date or card's
figure broken across lines (a "-" alone on one), no word spilling out of its cell or card and no table wider than the
page. One page load per report and language measures all of it."""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

from hismigrate.i18n import t
from hismigrate.load import load_inventory
from hismigrate.model.assessment import Assessment
from hismigrate.report.writers import as_bytes, render
from tests.conftest import REPO, SAMPLE_REPORTS

from .chromium import PageReport, find_chromium, load_page

pytestmark = pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed")

# Printed A4 pages at most, by sample (issue 19: the general hospital 30, the university 60).
PAGE_LIMITS = {"aozora-chronic": 30, "sakura-general": 30, "minato-university": 60}
A4_CONTENT_WIDTH = 718  # CSS pixels between the page margins (210 mm - 2 x 11 mm at 96 dpi)

MEASURE = """(() => {
  const out = {labels: 0, overflow: [], broken: [], spilled: [], wide: []};
  for (const g of document.querySelectorAll('svg g.label-box')) {
    out.labels += 1;
    const box = g.querySelector('rect').getBBox();
    for (const t of g.querySelectorAll('text')) {
      const b = t.getBBox();
      if (b.x < box.x - 0.5 || b.x + b.width > box.x + box.width + 0.5 || b.y < box.y - 0.5 ||
          b.y + b.height > box.y + box.height + 0.5) out.overflow.push(t.textContent);
    }
  }
  const range = document.createRange();
  for (const cell of document.querySelectorAll('table.data td.code, table.data td.num, table.data td.date, .check-id, .subject')) {
    if (!cell.getClientRects().length) continue;  // not laid out (the folded appendix)
    range.selectNodeContents(cell);
    const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    if (tops.size > 1) out.broken.push(cell.textContent);
  }
  for (const value of document.querySelectorAll('.key-figure .value')) {  // a card's figure on one line, sign and all
    range.selectNodeContents(value);
    const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
    if (lines > 1 && !value.classList.contains('words')) out.broken.push(value.textContent);
    if (value.scrollWidth > value.clientWidth + 1) out.spilled.push(value.textContent);
  }
  for (const cell of document.querySelectorAll('table.data td, table.data th')) {
    if (cell.getClientRects().length && cell.scrollWidth > cell.clientWidth + 1) out.spilled.push(cell.textContent.slice(0, 60));
  }
  for (const table of document.querySelectorAll('table.data, svg')) {
    if (table.getClientRects().length && table.getBoundingClientRect().width > document.body.clientWidth + 1)
      out.wide.push((table.querySelector('caption, title') || {}).textContent || table.tagName);
  }
  return out;
})()"""


@cache
def _sample(hospital: str) -> tuple[Assessment, object]:
    assessment = Assessment.model_validate_json((SAMPLE_REPORTS / hospital / "assessment.json").read_bytes())
    return assessment, load_inventory([REPO / "inventories" / hospital])


def _report_html(hospital: str, lang: str, folder: Path) -> Path:
    """The sample's report in `lang`, from its committed assessment (test_sample_reports keeps the committed HTML
    equal to this)."""
    assessment, inventory = _sample(hospital)
    ((_, data),) = render(assessment, inventory, lang, ["html"])  # type: ignore[arg-type]
    target = folder / f"{hospital}-{lang}.html"
    target.write_bytes(as_bytes(data))
    return target


def _pages_text(pdf: bytes, folder: Path) -> list[str]:
    """The text of each page (poppler's pdftotext), or [] without it."""
    if shutil.which("pdftotext") is None:
        return []
    path = folder / "report.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return [re.sub(r"\s+", "", page) for page in done.stdout.split("\f")[:-1]]  # words may wrap anywhere


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.fixture(scope="module", params=[(h, lang) for h in PAGE_LIMITS for lang in ("ja", "en")], ids=str)
def printed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, str, PageReport, list[str]]:
    hospital, lang = request.param
    folder = tmp_path_factory.mktemp(f"{hospital}-{lang}")
    page = load_page(
        _report_html(hospital, lang, folder), width=A4_CONTENT_WIDTH, evaluate=MEASURE, media="print", print_pdf=True
    )
    return hospital, lang, page, _pages_text(page.pdf, folder)


def test_printed_pages_within_the_limit(printed: tuple[str, str, PageReport, list[str]]) -> None:
    hospital, lang, page, _ = printed
    pages = _page_count(page.pdf)
    assert 5 <= pages <= PAGE_LIMITS[hospital], f"{hospital} ({lang}) prints {pages} A4 pages"


def test_summary_is_pages_one_and_two_and_page_one_is_not_empty(
    printed: tuple[str, str, PageReport, list[str]],
) -> None:
    hospital, lang, _, texts = printed
    if not texts:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    assessment, _ = _sample(hospital)
    first = texts[0]
    assert _squeezed(assessment.hospital.name) in first and _squeezed(t("report.summary.title", lang)) in first
    assert _squeezed(t("report.summary.exposure", lang)) in first  # the figures, not a table of contents
    assert len(first) > 600, "page 1 is nearly empty"
    findings_title = _squeezed(t("report.findings.title", lang))
    start = next(i for i, text in enumerate(texts) if text.startswith(findings_title))
    assert start <= 2, f"the summary runs to page {start}"  # the next section starts on page 2 or 3
    summary = "\n".join(texts[:start])
    for heading in ("cost_heading", "exposure_heading", "steps_heading", "basis_heading"):
        assert _squeezed(t(f"report.summary.{heading}", lang)) in summary


def test_diagram_labels_fit_their_boxes(printed: tuple[str, str, PageReport, list[str]]) -> None:
    _, _, page, _ = printed
    assert page.value["labels"] > 20
    assert page.value["overflow"] == []


def test_tables_keep_words_whole_and_stay_on_the_page(printed: tuple[str, str, PageReport, list[str]]) -> None:
    _, _, page, _ = printed
    assert page.value["broken"] == []
    assert page.value["spilled"] == []
    assert page.value["wide"] == []


CARDS = """(() => [...document.querySelectorAll('.key-figure .value')].map(v => {
  const range = document.createRange();
  range.selectNodeContents(v);
  return {text: v.textContent, words: v.classList.contains('words'), spilled: v.scrollWidth > v.clientWidth + 1,
          lines: new Set([...range.getClientRects()].map(r => Math.round(r.top))).size};
}))()"""


@pytest.mark.parametrize("hospital", list(PAGE_LIMITS))
def test_cards_keep_their_figures_whole_on_a_narrow_screen(hospital: str, tmp_path: Path) -> None:
    """On a screen, too, the English card's "-¥131.7 million" never leaves its "-" alone on a line, and no value
    spills out of its card (a value in words wraps instead)."""
    page = load_page(_report_html(hospital, "en", tmp_path), width=900, evaluate=CARDS)
    assert len(page.value) == 5
    for card in page.value:
        assert not card["spilled"], card["text"]
        assert card["words"] or card["lines"] == 1, card["text"]
