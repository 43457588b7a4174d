"""Workbooks are looked at before they are read: a zip bomb is refused by the size and packing of its parts, a sheet
is read in proportion to the cells it has (not to its used range), and a formula without a saved result is a
located error instead of a blank."""

from __future__ import annotations

import io
import resource
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from hismigrate.errors import InventoryError
from hismigrate.load import load_inventory, workbook_guard
from hismigrate.load.excel_read import read_sheets
from hismigrate.load.workbook_guard import check_workbook
from hismigrate.write.excel_writer import inventory_workbook
from tests.conftest import SMALL_HOSPITAL
from tests.fuzz.cases import rewrite_workbook

SERVERS = "xl/worksheets/sheet5.xml"


@pytest.fixture(scope="module")
def book() -> bytes:
    return inventory_workbook(load_inventory(SMALL_HOSPITAL), "en")


def _servers(edit: Callable[[bytes], bytes]) -> Callable[[str, bytes], bytes]:
    return lambda part, data: edit(data) if part == SERVERS else data


def _problems(tmp_path: Path, data: bytes) -> list[tuple[str | None, int | None, str | None, str]]:
    path = tmp_path / "book.xlsx"
    path.write_bytes(data)
    with pytest.raises(InventoryError) as caught:
        load_inventory(path)
    return [(p.location.sheet, p.location.row, p.location.column, p.key) for p in caught.value.problems]


def test_the_servers_part_is_where_the_tests_think(book: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        assert b"Server ID" in archive.read(SERVERS)


def test_a_whitespace_bomb_is_refused_by_its_packing(tmp_path: Path, book: bytes) -> None:
    data = rewrite_workbook(book, _servers(lambda d: d.replace(b"<sheetData>", b"<sheetData>" + b" " * (32 * 1024**2))))
    assert len(data) < 200_000  # 32 MB of blanks pack into a few dozen kilobytes
    start = time.process_time()
    assert [key for *_, key in _problems(tmp_path, data)] == ["workbook_ratio"]
    assert time.process_time() - start < 2


def test_a_part_too_large_or_too_many_parts_or_cells(
    tmp_path: Path, book: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workbook_guard, "MAX_PART_BYTES", 5_000)
    assert [key for *_, key in _problems(tmp_path, book)] == ["workbook_part_too_large"]
    monkeypatch.setattr(workbook_guard, "MAX_PART_BYTES", 256 * 1024**2)
    monkeypatch.setattr(workbook_guard, "MAX_TOTAL_BYTES", 100_000)
    assert [key for *_, key in _problems(tmp_path, book)] == ["workbook_too_large"]
    monkeypatch.setattr(workbook_guard, "MAX_TOTAL_BYTES", 512 * 1024**2)
    monkeypatch.setattr(workbook_guard, "MAX_PARTS", 20)
    assert [key for *_, key in _problems(tmp_path, book)] == ["workbook_too_many_parts"]
    monkeypatch.setattr(workbook_guard, "MAX_PARTS", 10_000)
    monkeypatch.setattr(workbook_guard, "MAX_CELLS", 50)
    assert _problems(tmp_path, book)[0][0] is not None  # the sheet is named
    assert [key for *_, key in _problems(tmp_path, book)] == ["workbook_too_many_cells"]


def test_a_part_that_unpacks_beyond_its_declared_size_is_damaged(tmp_path: Path, book: bytes) -> None:
    """python-calamine trusts the sizes a zip declares; Python's zipfile stops at them and checks the CRC."""
    import struct

    data = bytearray(rewrite_workbook(book, _servers(lambda d: d + b" " * 200_000)))
    name = SERVERS.encode()
    for signature, header, size_at in ((b"PK\x03\x04", 30, 22), (b"PK\x01\x02", 46, 24)):
        at = data.find(signature)
        while at >= 0:
            if data[at + header : at + header + len(name)] == name:
                data[at + size_at : at + size_at + 4] = struct.pack("<I", 1000)
            at = data.find(signature, at + 4)
    assert [key for *_, key in _problems(tmp_path, bytes(data))] == ["excel_corrupt"]


def test_a_document_type_declaration_is_refused(tmp_path: Path, book: bytes) -> None:
    entities = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    data = rewrite_workbook(book, _servers(lambda d: entities + d))
    assert [key for *_, key in _problems(tmp_path, data)] == ["excel_corrupt"]


def _peak_memory_after(call: Callable[[], object]) -> tuple[float, int]:
    start = time.process_time()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    call()
    return time.process_time() - start, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024


@pytest.mark.parametrize(
    ("cell", "row", "column"),
    [
        (b'<c r="A1048576" t="inlineStr"><is><t>x</t></is></c>', 1048576, "Hostname"),
        (b'<c r="XFD1048576"><v>1</v></c>', None, None),
    ],
)
def test_a_stray_cell_far_away_costs_what_the_cells_cost(
    tmp_path: Path, book: bytes, cell: bytes, row: int | None, column: str | None
) -> None:
    data = rewrite_workbook(
        book, _servers(lambda d: d.replace(b"</sheetData>", b'<row r="1048576">' + cell + b"</row></sheetData>"))
    )
    path = tmp_path / "stray.xlsx"
    path.write_bytes(data)
    (servers,) = [s for s in check_workbook(path).sheets if s.title == "Servers"]
    assert servers.sparse  # read cell by cell: its grid would be a million rows
    seconds, grown = _peak_memory_after(lambda: read_sheets(path))
    assert seconds < 2 and grown < 100 * 1024**2
    if row is None:  # a value beyond every column: ignored as any extra cell
        assert len(load_inventory(path).servers) == 4
    else:  # a value in a known column: the row it is in is reported, as any incomplete row
        assert (("Servers", row, column, "missing")) in _problems(tmp_path, data)


def test_a_libreoffice_sheet_listing_every_row_is_read_as_a_grid(tmp_path: Path, book: bytes) -> None:
    """LibreOffice writes all 1,048,576 rows of a sheet with a height: rows without cells do not count."""
    empty_rows = b"".join(b'<row r="%d" ht="12.75" customHeight="true"/>' % r for r in range(100, 20000))
    data = rewrite_workbook(book, _servers(lambda d: d.replace(b"</sheetData>", empty_rows + b"</sheetData>")))
    path = tmp_path / "lo.xlsx"
    path.write_bytes(data)
    (servers,) = [s for s in check_workbook(path).sheets if s.title == "Servers"]
    assert not servers.sparse
    assert len(load_inventory(path).servers) == 4


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        (b"<f>4*2</f>", "workbook_uncached_formula"),  # no <v>: a program wrote it
        (b"<f>4*2</f><v/>", "workbook_uncached_formula"),  # openpyxl writes an empty value
        (b"<f>4*2</f><v>8</v>", None),  # saved by Excel: its result is read
    ],
)
def test_a_formula_without_a_saved_result_is_located(
    tmp_path: Path, book: bytes, formula: bytes, expected: str | None
) -> None:
    data = rewrite_workbook(book, _servers(lambda d: d.replace(b"<v>8</v>", formula, 1)))
    path = tmp_path / "f.xlsx"
    path.write_bytes(data)
    if expected is None:
        assert load_inventory(path).servers[0].vcpu == 8
    else:
        assert _problems(tmp_path, data) == [("Servers", 2, "CPU cores", expected)]


def test_a_sparse_sheet_reads_the_values_a_grid_would(tmp_path: Path, book: bytes) -> None:
    """The cell-by-cell reader gives what python-calamine gives: shared strings, numbers, dates, flags."""
    path = tmp_path / "book.xlsx"
    path.write_bytes(book)
    dense = {s.title: s.cells for s in read_sheets(path)}
    forced = tmp_path / "forced.xlsx"
    forced.write_bytes(
        rewrite_workbook(
            book,
            lambda part, d: (
                d.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" s="0"/></row></sheetData>')
                if part.startswith("xl/worksheets/")
                else d
            ),
        )
    )
    for sheet in check_workbook(forced).sheets:
        assert sheet.sparse
    sparse = {s.title: s.cells for s in read_sheets(forced)}
    for title, cells in dense.items():
        assert {r: {c: _same(v) for c, v in row.items()} for r, row in sparse[title].items()} == {
            r: {c: _same(v) for c, v in row.items()} for r, row in cells.items()
        }, title


def _same(value: object) -> object:
    """Integral floats and ints are one value (the readers differ only there)."""
    from datetime import date, datetime

    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, date):
        return value
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else value
