"""One style in each language, in what a report prints (its appendix aside, which holds the data as it is): one
date style, one name for each thing (a server by its host name, a system by its name), words rather than keys."""

from __future__ import annotations

import re
from functools import cache

import pytest

from hismigrate.i18n import LANGUAGES, t
from hismigrate.load import load_inventory
from hismigrate.model.assessment import Assessment
from hismigrate.model.inventory import Inventory
from hismigrate.report.writers import as_bytes, render
from tests.conftest import REPO, SAMPLE_REPORTS

SAMPLES = ("sakura-general", "minato-university")
ISO_DATE = re.compile(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])")
ENGLISH_DATE = re.compile(r"\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b")
JAPANESE_DATE = re.compile(r"\d{4}年\d{1,2}月")
KEYS = re.compile(r"\b[a-z_]+=|\b(True|False|None)\b|: (pass|fail|unknown) \(")


@cache
def _printed(hospital: str, lang: str) -> tuple[str, Inventory]:
    """The report's Markdown without its appendix (the part a reader prints)."""
    assessment = Assessment.model_validate_json((SAMPLE_REPORTS / hospital / "assessment.json").read_bytes())
    inventory = load_inventory([REPO / "inventories" / hospital])
    ((_, data),) = render(assessment, inventory, lang, ["md"])
    text = as_bytes(data).decode("utf-8")
    text = re.sub(r'<a id="[^"]*"></a>', "", text)  # the Markdown's section anchors
    return text.split(f"## {t('report.appendix.title', lang)}")[0], inventory


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("hospital", SAMPLES)
def test_one_date_style_per_language(hospital: str, lang: str) -> None:
    text, _ = _printed(hospital, lang)
    assert ISO_DATE.findall(text) == []
    other = ENGLISH_DATE if lang == "ja" else JAPANESE_DATE
    assert other.findall(text) == []
    assert (JAPANESE_DATE if lang == "ja" else ENGLISH_DATE).search(text)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("hospital", SAMPLES)
def test_servers_and_systems_are_named_one_way(hospital: str, lang: str) -> None:
    text, inventory = _printed(hospital, lang)
    ids = {s.id for s in inventory.servers if s.id != s.hostname}
    if lang == "ja":  # in English a system id may be a word of the text (`identity`)
        ids |= {s.id for s in inventory.systems if s.id != s.name}
    spelled = sorted(i for i in ids if re.search(rf"(?<![\w.-]){re.escape(i)}(?![\w-])", text))
    assert spelled == []


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("hospital", SAMPLES)
def test_facts_are_words_not_keys(hospital: str, lang: str) -> None:
    text, _ = _printed(hospital, lang)
    assert [m.group(0) for m in KEYS.finditer(text)] == []
