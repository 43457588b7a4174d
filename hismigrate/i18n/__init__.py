"""User-facing text in Japanese and English.

Catalogs are YAML files under `i18n/<lang>/`, one per area (core, problem, exposure, cost, report...).
Each file's nested keys are flattened with dots and prefixed by nothing: the file name is only a way to
keep areas apart, so a key must be unique across files. `t(key, lang, **params)` formats with str.format.
"""

from __future__ import annotations

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


@cache
def catalog(lang: str) -> dict[str, str]:
    """Every key of one language's catalog, flattened."""
    import yaml

    from hismigrate.yaml_lean import load_lean  # the catalogs are read on every start: the fast reader

    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    out: dict[str, str] = {}
    folder = resources.files("hismigrate.i18n").joinpath(lang)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            data = load_lean(entry.read_text(encoding="utf-8"), yaml.CSafeLoader) or {}
            _flatten("", data, out, f"{lang}/{entry.name}")
    return out


def has(key: str, lang: str = DEFAULT_LANGUAGE) -> bool:
    return key in catalog(lang)


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: Any) -> str:
    """The text of `key` in `lang`, formatted with `params`. A missing key is a bug: it raises KeyError."""
    text = catalog(lang)[key]
    return text.format(**params) if params else text


def label(enum_value: Any, lang: str = DEFAULT_LANGUAGE) -> str:
    """The display label of an enumeration member (`enum.<EnumClass>.<value>`)."""
    return t(f"enum.{type(enum_value).__name__}.{enum_value.value}", lang)
