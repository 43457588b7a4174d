"""Loading workbooks as people really fill them: a messy workbook equals its clean twin; round trips are lossless."""

from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from openpyxl import Workbook

from hismigrate.errors import Location
from hismigrate.load import load_inventory
from hismigrate.load.excel_layout import TABLE_PARTS, fields_of, header_table, match_header
from hismigrate.load.excel_source import load_excel, read_excel
from hismigrate.load.validate import to_inventory
from hismigrate.write.excel_writer import write_excel
from hismigrate.write.yaml_writer import inventory_yaml
from tests.conftest import FIXTURES, SAMPLES, SMALL_HOSPITAL
from tests.strategies import inventories

ROUND_TRIP = [*SAMPLES, SMALL_HOSPITAL, FIXTURES / "excel" / "every_field"]


def write_book(path: Path, sheets: dict[str, list[list[Any]]], merges: dict[str, list[str]] | None = None) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        sheet = wb.create_sheet(title)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    sheet.cell(row=r, column=c).value = value
        for cells in (merges or {}).get(title, []):
            sheet.merge_cells(cells)
    wb.save(path)
    return path


CLEAN = {
    "hospital": {
        "id": "messy",
        "name": "みどり病院",
        "beds": 1200,
        "type": "acute",
        "prefecture": "tokyo",
        "founder": "public",
    },
    "segments": [
        {"id": "emr-lan", "name": "電子カルテ系", "zone": "clinical", "routes": [{"to": "dmz", "ports": ["443"]}]},
        {"id": "dmz", "name": "DMZ", "zone": "dmz", "routes": [{"to": "emr-lan", "filtered": False}]},
    ],
    "servers": [
        {
            "id": "srv1",
            "hostname": "SRV1",
            "segment": "emr-lan",
            "vcpu": 16,
            "memory_gb": 1024,
            "last_patched": "2024-04-01",
            "purchase_date": "2019-04-01",
            "physical": True,
            "remote_desktop": True,
            "purchase_price_jpy": 1200000,
        },
        {
            "id": "srv2",
            "hostname": "SRV2",
            "segment": "dmz",
            "vcpu": 4,
            "memory_gb": 8.5,
            "last_patched": "2024-04-01",
            "purchase_date": "2024-04-01",
            "physical": False,
            "remote_desktop": False,
        },
        {
            "id": "srv3",
            "hostname": "SRV3",
            "segment": "dmz",
            "last_patched": "2019-04-01",
            "physical": True,
            "backup_offline": False,
        },
    ],
    "systems": [
        {"id": "emr", "name": "電子カルテ", "category": "emr", "servers": ["srv1", "srv2"], "criticality": 1},
        {"id": "web", "name": "Web", "category": "other", "servers": ["srv3"], "criticality": 3, "fee_revision": True},
    ],
    "practices": {"security_manager": "yes", "asset_register": "no", "cyber_bcp": "no"},
}


def messy_book(path: Path) -> Path:
    """The clean twin as typed by hand: a title row, merged two-row headers, shuffled columns, full-width digits,
    era dates, 〇/×, thousands separators, stray spaces, blank rows, an extra column, English headers on one sheet."""
    sheets: dict[str, list[list[Any]]] = {
        "病院": [
            ["病院の基本情報"],
            [],
            ["項目", "値"],
            [" 病院ID ", "messy"],
            ["病院名", "　みどり病院　"],
            ["許可病床数", "１，２００床"],
            ["病院種別", "急性期"],
            ["都道府県", 13],
            ["設置主体", "公的"],
        ],
        "ｾｸﾞﾒﾝﾄ": [
            ["セグメントＩＤ", "セグメント名", "ゾーン"],
            ["emr-lan", "電子カルテ系", "診療系"],
            [],
            ["dmz", "DMZ", "DMZ"],
        ],
        "経路": [
            ["送信元セグメント", "宛先セグメント", "通信制限", "許可ポート"],
            ["emr-lan", "dmz", None, 443],
            ["dmz", " emr-lan", "×", None],
        ],
        "サーバー": [
            ["サーバー台帳（2024年度）"],
            [
                "セグメント",
                "性能",
                None,
                "サーバーID",
                "ホスト名",
                "最終パッチ適用日",
                "物理サーバー",
                "メモ",
                "購入日",
            ],
            [None, "CPUコア数", "メモリ(GB)"],
            [" emr-lan", "１６", "1,024", "srv1", "SRV1", "令和6年4月1日", "〇", "本番", "2019/4/1"],
            [],
            ["dmz", 4, "8.5GB", "srv2", "SRV2", "R6.4.1", "×", None, datetime(2024, 4, 1)],
            ["dmz", None, None, "srv3", "SRV3", "平成31年4月1日", "有", None, None],
        ],
        "Systems": [
            ["Criticality", "System ID", "System name", "Category", "Servers", "Fee revision"],
            ["１", "emr", "電子カルテ", "電カル", "srv1、srv2", None],
            [3, "web", "Web", "その他", "srv3", "yes"],
        ],
        "運用チェック": [
            ["項目", "値"],
            ["1-(1)", "〇"],
            ["2-(1) サーバ・端末PC・ネットワーク機器の台帳管理", "×"],
            ["3-(3)", False],
        ],
    }
    # The last columns carry what the twin has and the columns above do not show: yes/no in many spellings.
    sheets["サーバー"][1] += ["リモートデスクトップ", "オフラインバックアップ", "購入価格(円)"]
    sheets["サーバー"][3] += ["はい", None, "1,200,000円"]
    sheets["サーバー"][5] += [0, None, None]
    sheets["サーバー"][6] += [None, "無", None]
    merges = {"サーバー": ["A1:L1", "A2:A3", "B2:C2", "D2:D3", "E2:E3"], "病院": ["A1:B1"]}
    return write_book(path, sheets, merges)


def test_messy_workbook_loads_to_its_clean_twin(tmp_path: Path) -> None:
    twin = to_inventory(CLEAN, lambda loc: Location("clean"))
    result = read_excel(messy_book(tmp_path / "messy.xlsx"))
    assert result.inventory == twin
    assert [(w.key, w.location.sheet, w.location.column) for w in result.warnings] == [
        ("excel_extra_column", "サーバー", "メモ")
    ]


def test_warnings_go_to_the_log(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = messy_book(tmp_path / "messy.xlsx")
    with caplog.at_level(logging.WARNING):
        load_excel(path)
    assert any("[サーバー]" in r.getMessage() and "メモ" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("source", ROUND_TRIP, ids=[p.name for p in ROUND_TRIP])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_yaml_to_excel_to_yaml_is_lossless(tmp_path: Path, source: Path, lang: str) -> None:
    inventory = load_inventory([source])
    book = tmp_path / "inventory.xlsx"
    write_excel(book, inventory, lang)
    result = read_excel(book)
    assert result.inventory == inventory
    assert result.warnings == []
    back = tmp_path / "back.yaml"
    back.write_text(inventory_yaml(result.inventory), encoding="utf-8")
    assert load_inventory([back]) == inventory


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=inventories(max_servers=6))
def test_any_valid_inventory_survives_a_workbook(tmp_path: Path, data: dict[str, Any]) -> None:
    inventory = to_inventory(data, lambda loc: Location("generated"))
    book = tmp_path / "generated.xlsx"
    write_excel(book, inventory, "ja")
    assert read_excel(book).inventory == inventory


@pytest.mark.parametrize("part", [*TABLE_PARTS, "routes", "hospital", "practices"])
def test_every_label_names_its_own_field(part: str) -> None:
    from hismigrate.i18n import t

    for name in fields_of(part):
        for lang in ("ja", "en"):
            assert match_header(part, t(f"field.{part}.{name}", lang)) == name
        assert match_header(part, name) == name
    assert set(header_table(part).values()) == set(fields_of(part))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [(date(2024, 4, 1), date(2024, 4, 1)), (45383, date(2024, 4, 1)), ("2024-04-01", date(2024, 4, 1))],
)
def test_date_cells_in_any_form(tmp_path: Path, typed: Any, expected: date) -> None:
    data = {k: v for k, v in CLEAN.items() if k in ("hospital", "segments")}
    inventory = to_inventory(data, lambda loc: Location("clean"))
    path = tmp_path / "dates.xlsx"
    write_excel(path, inventory, "en")
    from openpyxl import load_workbook

    wb = load_workbook(path)
    sheet = wb["Servers"]
    for c, value in enumerate(["srv1", "SRV1", "emr-lan"], start=1):
        sheet.cell(row=2, column=c).value = value
    column = next(cell.column for cell in sheet[1] if cell.value == "Last patched")
    sheet.cell(row=2, column=column).value = typed  # a serial number: a date cell whose format was lost
    wb.save(path)
    assert read_excel(path).inventory.servers[0].last_patched == expected
