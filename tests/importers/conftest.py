"""Fixtures for the importer tests: small workbooks and CSVs built in the test, and a small hospital directory."""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
RVTOOLS_DIR = SHARED_DATA / "rvtools"

HOSPITAL_YAML = """\
hospital:
  id: test-general
  name: テスト総合病院
  beds: 320
  type: acute
  prefecture: 東京都
  founder: medical_corporation
segments:
  - {id: server-lan, name: サーバセグメント, zone: clinical}
  - {id: office-lan, name: 情報系, zone: office}
"""

SERVERS_YAML = """\
servers:
  - id: emr-db01
    hostname: emr-db01.hosp.local
    segment: server-lan
    role: database
    os_name: Windows Server
    os_version: 2012 R2
    vcpu: 4
    memory_gb: 16
    protection: antivirus
    notes: 電子カルテDB
  - id: file01
    hostname: file01
    segment: office-lan
    role: file
"""


def write_workbook(path: Path, sheets: dict[str, Sequence[Sequence[Any]]]) -> Path:
    """An .xlsx with the given sheets (first row of each is its header)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


def write_csv(path: Path, rows: Sequence[Sequence[Any]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.fixture
def hospital_dir(tmp_path: Path) -> Path:
    """A small hospital inventory directory: hospital and segments, and (in servers.yaml) two servers."""
    folder = tmp_path / "hospital"
    folder.mkdir()
    (folder / "hospital.yaml").write_text(HOSPITAL_YAML, encoding="utf-8")
    (folder / "servers.yaml").write_text(SERVERS_YAML, encoding="utf-8")
    return folder


@pytest.fixture
def workbook(tmp_path: Path) -> Callable[..., Path]:
    def make(sheets: dict[str, Sequence[Sequence[Any]]], name: str = "rvtools.xlsx") -> Path:
        return write_workbook(tmp_path / name, sheets)

    return make


@pytest.fixture
def csv_file(tmp_path: Path) -> Callable[..., Path]:
    def make(rows: Sequence[Sequence[Any]], name: str = "servers.csv", encoding: str = "utf-8") -> Path:
        return write_csv(tmp_path / name, rows, encoding)

    return make


@pytest.fixture
def rvtools_dir() -> Path:
    if not RVTOOLS_DIR.is_dir() or not list(RVTOOLS_DIR.glob("*.xlsx")):
        pytest.skip("real RVTools exports (shared/data/rvtools) are not present")
    return RVTOOLS_DIR
