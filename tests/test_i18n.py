"""The catalogs stay in step: every key in both languages, every enumeration member labelled."""

from __future__ import annotations

import inspect
import string

from hismigrate.i18n import area, catalog
from hismigrate.model import enums


def test_same_keys_in_every_language() -> None:
    ja, en = set(catalog("ja")), set(catalog("en"))
    assert sorted(ja - en) == [] and sorted(en - ja) == []


def test_same_placeholders_in_every_language() -> None:
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    ja, en = catalog("ja"), catalog("en")
    assert [k for k in ja if fields(ja[k]) != fields(en[k])] == []


def test_every_enum_member_has_labels() -> None:
    classes = [
        c
        for _, c in inspect.getmembers(enums, inspect.isclass)
        if issubclass(c, enums.AliasedEnum) and c is not enums.AliasedEnum
    ]
    missing = [
        f"enum.{c.__name__}.{m.value}"
        for c in classes
        for m in c
        for lang in ("ja", "en")
        if f"enum.{c.__name__}.{m.value}" not in catalog(lang)
    ]
    assert missing == []


def test_enumeration_labels_are_all_in_core() -> None:
    """Loading an inventory reads only core.yaml for the enumerations' aliases."""
    for lang in ("ja", "en"):
        elsewhere = [k for k in catalog(lang) if k.startswith("enum.") and k not in area(lang, "core")]
        assert elsewhere == []
