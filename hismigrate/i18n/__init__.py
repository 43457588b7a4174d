"""User-facing text in Japanese and English.

Catalogs are YAML files under `i18n/<lang>/`, one per area (core, problem, exposure, cost, report...).
Each file's nested keys are flattened with dots and prefixed by nothing: the file name is only a way to
keep areas apart, so a key must be unique across files. `t(key, lang, **params)` formats with str.format.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

LANGUAGES = ("ja", "en")
DEFAULT_LANGUAGE = "ja"


def _flatten(prefix: str, node: Any, out: dict[str, str], origin: str) -> None:
    if isinstance(node, dict):
        for k, v in node.items():
            _flatten(f"{prefix}.{k}" if prefix else str(k), v, out, origin)
    else:
        if prefix in out:
            raise ValueError(f"i18n key {prefix!r} defined twice ({origin})")
        out[prefix] = str(node)


def _check(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")


@cache
def area(lang: str, name: str) -> dict[str, str]:
    """The keys of one catalog file (`core` holds the enumeration labels: loading an inventory reads only it)."""
    import yaml

    from hismigrate.yaml_lean import load_lean  # the catalogs are read on every start: the fast reader

    _check(lang)
    entry = resources.files("hismigrate.i18n").joinpath(lang, f"{name}.yaml")
    out: dict[str, str] = {}
    _flatten("", load_lean(entry.read_text(encoding="utf-8"), yaml.CSafeLoader) or {}, out, f"{lang}/{name}.yaml")
    return out


@cache
def catalog(lang: str) -> dict[str, str]:
    """Every key of one language's catalog, flattened."""
    _check(lang)
    out: dict[str, str] = {}
    folder = resources.files("hismigrate.i18n").joinpath(lang)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            for key, text in area(lang, entry.name.removesuffix(".yaml")).items():
                if key in out:
                    raise ValueError(f"i18n key {key!r} defined twice ({lang}/{entry.name})")
                out[key] = text
    return out


@cache
def terminology(lang: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The terminology table of one language (i18n/terms.yaml): each spelling to avoid, with the term to use."""
    import yaml

    _check(lang)
    table = yaml.safe_load(resources.files("hismigrate.i18n").joinpath("terms.yaml").read_text(encoding="utf-8"))
    return tuple((re.compile(avoid), entry["term"]) for entry in table[lang] for avoid in entry["avoid"])


def with_terms(text: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """`text` with every avoided spelling replaced by the term (`サーバID` -> `サーバーID`)."""
    for avoid, term in terminology(lang):
        text = avoid.sub(term, text)
    return text


def has(key: str, lang: str = DEFAULT_LANGUAGE) -> bool:
    return key in catalog(lang)


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: Any) -> str:
    """The text of `key` in `lang`, formatted with `params`. A missing key is a bug: it raises KeyError."""
    text = catalog(lang)[key]
    return text.format(**params) if params else text


def label(enum_value: Any, lang: str = DEFAULT_LANGUAGE) -> str:
    """The display label of an enumeration member (`enum.<EnumClass>.<value>`)."""
    return t(f"enum.{type(enum_value).__name__}.{enum_value.value}", lang)
