"""Measure the Excel reading engines (python-calamine vs openpyxl read-only) on a large generated workbook.

Usage: python bench/excel_read.py [ROWS]   (default 60,000 server rows; the workbook is written to a temp dir)
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HEADERS = [
    "サーバーID",
    "ホスト名",
    "セグメント",
    "役割",
    "OS",
    "OSバージョン",
    "CPUコア数",
    "メモリ(GB)",
    "ストレージ(GB)",
    "CPU使用率(%)",
    "物理サーバー",
    "購入日",
    "ウイルス対策",
    "最終パッチ適用日",
    "備考",
]


def generate(path: Path, rows: int) -> None:
    """A workbook in the template's layout: a hospital, 40 segments and `rows` servers typed with messy values."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    hospital = wb.create_sheet("病院")
    for row in (
        ["項目", "値"],
        ["病院ID", "bench"],
        ["病院名", "ベンチ病院"],
        ["許可病床数", "１，２００"],
        ["病院種別", "大学病院"],
        ["都道府県", 13],
        ["設置主体", "国"],
    ):
        hospital.append(row)
    segments = wb.create_sheet("セグメント")
    segments.append(["セグメントID", "セグメント名", "ゾーン"])
    for i in range(40):
        segments.append([f"seg{i}", f"セグメント{i}", "診療系"])
    ws = wb.create_sheet("サーバー")
    ws.append(HEADERS)
    for i in range(rows):
        ws.append(
            [
                f"srv{i:05d}",
                f"host{i:05d}",
                f"seg{i % 40}",
                "DB" if i % 3 else "アプリケーション",
                "Windows Server",
                "2016",
                4 + i % 8,
                16.0,
                200.5,
                "３５",
                "×" if i % 2 else "〇",
                date(2020, 1 + i % 12, 1),
                "ウイルス対策ソフト",
                "令和6年4月1日",
                f"cluster {i % 7}",
            ]
        )
    wb.save(path)


def read_calamine(path: Path) -> int:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    return len(wb.get_sheet_by_name("サーバー").to_python(skip_empty_area=False))


def read_openpyxl(path: Path) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    n = sum(1 for _ in wb["サーバー"].iter_rows(values_only=True))
    wb.close()
    return n


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 60_000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "servers.xlsx"
        start = time.perf_counter()
        generate(path, rows)
        print(f"generated {rows} rows, {path.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - start:.1f} s")
        for name, reader in (("python-calamine", read_calamine), ("openpyxl read-only", read_openpyxl)):
            best = float("inf")
            for _ in range(3):
                start = time.perf_counter()
                n = reader(path)
                best = min(best, time.perf_counter() - start)
            print(f"{name:20s} {n} rows in {best:.2f} s (best of 3)")
        from hismigrate.load.excel_source import load_excel

        start = time.perf_counter()
        inventory = load_excel(path)
        print(f"load_excel (read + validate) {len(inventory.servers)} servers in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
