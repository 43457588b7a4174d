"""One word for each thing: every catalog and shipped data file uses the terms of the terminology table
(hismigrate/i18n/terms.yaml), in each language, never an avoided spelling; and report text is phrases, not keys."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import yaml

from hismigrate.i18n import LANGUAGES, catalog, terminology, with_terms
from tests.conftest import REPO

PACKAGE = REPO / "hismigrate"
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _strings(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)
    elif isinstance(node, str):
        yield node


def _data_strings() -> Iterator[tuple[str, str]]:
    """Every text of the shipped data files and the sample inventories (what reports show), with its file."""
    for folder in (PACKAGE / "data", REPO / "inventories"):
        for path in sorted(folder.rglob("*.yaml")):
            for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
                yield str(path.relative_to(REPO)), text


PLACEHOLDER = re.compile(r"\{[^}]*\}")


def _violations(texts: Iterator[tuple[str, str]], lang: str) -> list[str]:
    return [
        f"{where}: {avoid.pattern!r} in {text!r} (write {term})"
        for where, text in texts
        for avoid, term in terminology(lang)
        if avoid.search(PLACEHOLDER.sub("", text))
    ]


def test_the_table_names_each_term_once_and_never_avoids_its_own_term() -> None:
    table = yaml.safe_load((PACKAGE / "i18n" / "terms.yaml").read_text(encoding="utf-8"))
    assert set(table) == set(LANGUAGES)
    for lang, entries in table.items():
        terms = [e["term"] for e in entries]
        assert len(terms) == len(set(terms)), lang
        for entry in entries:
            assert all(not re.search(avoid, entry["term"]) for avoid in entry["avoid"]), entry


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_catalog_uses_the_terms(lang: str) -> None:
    assert _violations(((key, text) for key, text in catalog(lang).items()), lang) == []


def test_shipped_data_and_samples_use_the_japanese_terms() -> None:
    japanese = ((where, text) for where, text in _data_strings() if JAPANESE.search(text))
    assert _violations(japanese, "ja") == []


def test_the_check_can_fail() -> None:
    assert _violations(iter([("x", "サーバ台帳とベンダ")]), "ja") == [
        "x: 'サーバ(?!ー)' in 'サーバ台帳とベンダ' (write サーバー)",
        "x: 'ベンダ(?!ー)' in 'サーバ台帳とベンダ' (write ベンダー)",
    ]
    assert with_terms("サーバIDとベンダー名") == "サーバーIDとベンダー名"


# The texts a report shows (field help and messages may name the YAML keys a user writes).
REPORT_TEXTS = ("report.", "phrase.", "plan.reason.", "plan.scenario.", "cost.", "exposure.check.", "note.")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_report_texts_are_words_not_keys(lang: str) -> None:
    """No `key=value`, no Python literal, no snake_case key where a reader of the report expects words."""
    bad = re.compile(r"\w=\S|\b(True|False|None)\b|\b[a-z]+_[a-z_]+\b")
    fields = _inventory_fields()  # a field the user writes may be named, to say what to fill in
    found = [
        f"{key}: {text!r}"
        for key, text in catalog(lang).items()
        if key.startswith(REPORT_TEXTS)
        and not key.startswith("cost.prices.")
        and any(m.group(0) not in fields for m in bad.finditer(PLACEHOLDER.sub("", text)))
    ]
    assert found == []


def _inventory_fields() -> set[str]:
    from hismigrate.model import inventory

    models = (inventory.Hospital, inventory.Segment, inventory.Server, inventory.System, inventory.Connection)
    return {name for model in models for name in model.model_fields}
