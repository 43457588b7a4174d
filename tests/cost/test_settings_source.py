"""Settings and user price catalogs from files: merged onto defaults; mistakes name the file and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from hismigrate.errors import ConfigError
from hismigrate.load.settings_source import load_price_catalog, load_settings
from hismigrate.model.enums import Customisation
from hismigrate.model.prices import merge_catalogs, shipped_catalog


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file() -> None:
    settings = load_settings(None)
    assert settings.cost.horizon_years == 10
    assert settings.cost.refresh.emr_class_years == 7 and settings.cost.refresh.server_years == 5
    assert settings.cost.revision.jpy_by_customisation[Customisation.high] == 8_000_000


def test_a_file_overrides_keys_and_keeps_other_sections(tmp_path: Path) -> None:
    path = write(tmp_path, "s.yaml", "cost:\n  discount_rate: 0.07\n  power: {pue: 1.5}\nplan: {systems_per_wave: 3}\n")
    settings = load_settings(path)
    assert settings.cost.discount_rate == 0.07
    assert settings.cost.power.pue == 1.5
    assert settings.cost.power.jpy_per_kwh == 27.0  # untouched default
    assert settings.plan.systems_per_wave == 3
    assert settings.plan.months_between_waves == 6  # untouched default


def test_an_unknown_section_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_settings(write(tmp_path, "s.yaml", "cost:\n  discount_rate: 0.07\nplam: {systems_per_wave: 3}\n"))
    assert info.value.location is not None and info.value.location.line == 3


@pytest.mark.parametrize(
    ("text", "line", "where"),
    [
        ("cost:\n  horizon_years: 10\n  power:\n    pue: lots\n", 4, "cost.power.pue"),
        ("cost:\n  discount_rat: 0.1\n", 2, "cost.discount_rat"),
        ("cost:\n  horizon_years: 0\n", 2, "cost.horizon_years"),
        ("cost: [1, 2\n", 2, None),
        ('cost:\n  horizon_years: !!int ""\n', 2, None),
        ('cost:\n  revision:\n    month: !!bool ""\n', 3, None),
    ],
)
def test_mistakes_name_file_and_line(tmp_path: Path, text: str, line: int, where: str | None) -> None:
    path = write(tmp_path, "s.yaml", text)
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert info.value.location is not None
    assert info.value.location.file == str(path)
    assert info.value.location.line == line
    if where:
        assert info.value.location.path == where
        assert str(path) in info.value.render() and f"line {line}" in info.value.render()


def test_missing_file_and_non_mapping(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        load_settings(tmp_path / "absent.yaml")
    with pytest.raises(ConfigError):
        load_settings(write(tmp_path, "s.yaml", "- a\n- b\n"))


PRICES = """\
id: my-quotes-2026-08
provider: user
as_of: 2026-08-01
items:
  - {id: line.closed_network, kind: line, unit: month, price: 380000, currency: JPY, quantity: 2, source: "NTT quote 2026-07", manual: true}
  - {id: saas.pacs, kind: saas, unit: year, price: 12000000, currency: JPY, category: pacs, source: "vendor quote", manual: true}
"""


def test_user_catalog_overrides_and_adds(tmp_path: Path) -> None:
    user = load_price_catalog(write(tmp_path, "p.yaml", PRICES))
    merged = merge_catalogs(shipped_catalog("aws"), user)
    assert merged.item("line.closed_network").price == 380000  # type: ignore[union-attr]
    assert merged.item("saas.pacs") is not None
    assert merged.item("ec2.m7i.large") is not None
    assert merged.id.endswith("+my-quotes-2026-08")


def test_user_catalog_mistake_names_line(tmp_path: Path) -> None:
    bad = PRICES.replace("unit: year", "unit: fortnight")
    with pytest.raises(ConfigError) as info:
        load_price_catalog(write(tmp_path, "p.yaml", bad))
    assert info.value.location is not None and info.value.location.line == 6
    assert info.value.location.path == "items[1].unit"
