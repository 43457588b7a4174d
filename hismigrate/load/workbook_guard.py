"""Look at a workbook before any reader does: refuse a zip bomb, and measure each sheet's real extent.

A workbook is a zip of XML parts. Every part is unpacked once here, by Python's zipfile, which never gives more
than a part declares and checks its CRC: a part that unpacks beyond its limit, far beyond its packed size, or to
more than it declares is refused before python-calamine (which trusts the declarations) sees it. Each sheet's
cells are then counted and its used range measured from its XML, so that a sheet with a stray cell at row
1,048,576 is read cell by cell (load.workbook_cells) instead of as a million-row grid. Formula cells without a
saved result and cells showing an Excel error are flagged for the reader to place.

Importers of other tools' workbooks call `check_workbook` before they open one.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hismigrate.errors import InventoryError, Location
from hismigrate.load.input_files import open_regular

MAX_PARTS = 10_000
MAX_PART_BYTES = 256 * 1024**2
"""One unpacked part: five times the servers sheet of the synthetic 60,000-server estate."""
MAX_TOTAL_BYTES = 512 * 1024**2
MAX_RATIO = 200
"""Unpacked size over packed size: workbooks' XML packs 10-25 to 1; whitespace or repeated rows pack 1,000 to 1."""
RATIO_FROM_BYTES = 1024**2  # small parts may pack as tightly as they like: they cannot grow far
DENSE_CELLS = 1_000_000
"""A sheet whose used range holds more cells than this, and four times more than it really has, is read cell by
cell: a grid of its used range would cost time and memory for cells that are not there."""
MAX_ROW, MAX_COLUMN = 1_048_576, 16_384
MAX_CELLS = 10_000_000
"""Cells in one sheet: four times those of the servers sheet of a 60,000-server estate (or of a 10,000-VM RVTools
vInfo sheet); reading more would take gigabytes for what no hospital's inventory holds."""

_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")  # compound file: an encrypted workbook or an old .xls
_ZIP_MAGIC = b"PK\x03\x04"
_MAIN_NS = re.compile(rb'xmlns(?::([A-Za-z_][\w.\-]*))?="http://schemas.openxmlformats.org/spreadsheetml/2006/main"')
_ROW_NUMBER = re.compile(rb' r="(\d{1,9})"')  # <row r="12">: digits only (a cell's r starts with letters)
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_DOC_RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass(frozen=True)
class SheetFacts:
    """What the guard learnt of one worksheet from its XML."""

    title: str
    part: str  # e.g. xl/worksheets/sheet3.xml
    cells: int  # <c> elements, values or not
    rows: int  # the last row any cell or row element names (1-based)
    columns: int  # the last column any cell names (1-based)
    marked: bool  # has cells showing an Excel error or formulas without a saved result

    @property
    def sparse(self) -> bool:
        """Read cell by cell: its used range is large and mostly empty (or names a place beyond Excel's grid)."""
        area = self.rows * self.columns
        too_far = self.rows > MAX_ROW or self.columns > MAX_COLUMN
        return too_far or (area > DENSE_CELLS and area > 4 * self.cells)


@dataclass(frozen=True)
class WorkbookFacts:
    """A workbook that passed the guard: its worksheets in workbook order, and what reading cells needs."""

    path: Path
    sheets: tuple[SheetFacts, ...]
    shared_strings: str | None = None  # part names
    styles: str | None = None
    date1904: bool = False


def check_workbook(path: Path) -> WorkbookFacts:
    """The workbook's sheets and their extents; InventoryError (naming the file and the part) for a file that is
    not a workbook, is damaged, or unpacks beyond the limits above."""
    where = Location(str(path))
    with open_regular(path, limit=MAX_TOTAL_BYTES) as handle:
        head = handle.read(8)
        if head.startswith(_OLE_MAGIC):
            raise InventoryError.single(where, "excel_encrypted")
        if not head.startswith(_ZIP_MAGIC):
            raise InventoryError.single(where, "excel_not_workbook")
        return _check_archive(path, handle, where)


def _check_archive(path: Path, handle: Any, where: Location) -> WorkbookFacts:
    try:
        with zipfile.ZipFile(handle) as archive:
            infos = archive.infolist()
            _check_sizes(where, infos)
            parts = _workbook_parts(archive)
            facts = []
            for title, part in parts.sheets:
                body = _unpacked(archive, part, where) if part in archive.NameToInfo else b""
                facts.append(_measure(title, part, body))
                if facts[-1].cells > MAX_CELLS:
                    cells, limit = f"{facts[-1].cells:,}", f"{MAX_CELLS:,}"
                    raise InventoryError.single(
                        Location(str(path), sheet=title), "workbook_too_many_cells", cells=cells, limit=limit
                    )
            read = {part for _, part in parts.sheets}
            for info in infos:  # every other part unpacks within its declaration too (checked by its CRC)
                if info.filename not in read:
                    _drain(archive, info, where)
            return WorkbookFacts(path, tuple(facts), parts.shared_strings, parts.styles, parts.date1904)
    except DAMAGED as exc:
        raise InventoryError.single(where, "excel_corrupt", detail=str(exc) or type(exc).__name__) from None


# What a damaged zip raises from Python's zipfile: its own errors, and those of zlib and struct beneath it.
DAMAGED = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    struct.error,
    EOFError,
    NotImplementedError,
    ValueError,
    KeyError,
    OverflowError,
)


def _check_sizes(where: Location, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_PARTS:
        raise InventoryError.single(where, "workbook_too_many_parts", count=f"{len(infos):,}", limit=f"{MAX_PARTS:,}")
    total = 0
    for info in infos:
        size = info.file_size
        if size > MAX_PART_BYTES:
            raise InventoryError.single(
                where, "workbook_part_too_large", part=info.filename, size=_mib(size), limit=_mib(MAX_PART_BYTES)
            )
        if size >= RATIO_FROM_BYTES and size > MAX_RATIO * max(info.compress_size, 1):
            ratio = f"{size / max(info.compress_size, 1):,.0f}"
            raise InventoryError.single(where, "workbook_ratio", part=info.filename, ratio=ratio, limit=MAX_RATIO)
        total += size
    if total > MAX_TOTAL_BYTES:
        raise InventoryError.single(where, "workbook_too_large", size=_mib(total), limit=_mib(MAX_TOTAL_BYTES))


def _unpacked(archive: zipfile.ZipFile, part: str, where: Location) -> bytes:
    """A part's bytes: at most what it declares (zipfile stops there and checks the CRC over them)."""
    body = archive.read(part)
    if b"<!DOCTYPE" in body[:4096] or b"<!ENTITY" in body[:4096]:  # no part of a workbook has one
        raise InventoryError.single(where, "excel_corrupt", detail=f"{part}: a document type declaration")
    return body


def _drain(archive: zipfile.ZipFile, info: zipfile.ZipInfo, where: Location) -> None:
    with archive.open(info) as stream:
        head = stream.read(4096)
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise InventoryError.single(where, "excel_corrupt", detail=f"{info.filename}: a document type declaration")
        while stream.read(1024**2):
            pass


@dataclass(frozen=True)
class _Parts:
    sheets: list[tuple[str, str]]  # (title, part) of each worksheet, in workbook order
    shared_strings: str | None
    styles: str | None
    date1904: bool


def _workbook_parts(archive: zipfile.ZipFile) -> _Parts:
    from xml.etree import ElementTree

    try:
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    except (KeyError, ElementTree.ParseError) as exc:
        raise zipfile.BadZipFile(f"no readable workbook part ({exc})") from None
    targets: dict[str | None, tuple[str, str]] = {}
    for rel in rels.iter(f"{_PACKAGE_RELS}Relationship"):
        target = rel.get("Target", "")
        part = _normal(target.lstrip("/") if target.startswith("/") else f"xl/{target}")
        targets[rel.get("Id")] = (rel.get("Type", "").rsplit("/", 1)[-1], part)
    sheets = []
    for sheet in book.iter(f"{MAIN}sheet"):
        kind, part = targets.get(sheet.get(f"{_DOC_RELS}id"), ("", ""))
        if kind == "worksheet":  # chart and dialog sheets hold no cells
            sheets.append((sheet.get("name", ""), part))
    by_kind = {kind: part for kind, part in targets.values()}
    properties = book.find(f"{MAIN}workbookPr")
    date1904 = properties is not None and properties.get("date1904", "0").lower() in ("1", "true")
    return _Parts(sheets, by_kind.get("sharedStrings"), by_kind.get("styles"), date1904)


def _normal(part: str) -> str:
    """`xl/worksheets/../worksheets/sheet1.xml` -> `xl/worksheets/sheet1.xml`."""
    out: list[str] = []
    for piece in part.split("/"):
        if piece == "..":
            if out:
                out.pop()
        elif piece not in ("", "."):
            out.append(piece)
    return "/".join(out)


def _measure(title: str, part: str, body: bytes) -> SheetFacts:
    """A sheet's cells and a bound on its used range from its XML, without parsing it: counts and one search, at
    memory speed; the bound is made exact only where it matters (a range larger than SheetFacts.sparse allows for a
    grid). Rows the XML lists without cells (LibreOffice lists all 1,048,576) do not count."""
    found = _MAIN_NS.search(body, 0, 4096)
    prefix = (found.group(1) + b":") if found and found.group(1) else b""
    cell = b"<" + prefix + b"c"
    cells = body.count(cell + b" ")
    unreferenced = re.compile(re.escape(cell) + rb'(?:>|/| (?!r="))')  # a cell without its reference first
    if unreferenced.search(body):  # cells without a reference: each follows the one before
        numbered = _ROW_NUMBER.findall(body)
        unnumbered = body.count(b"<" + prefix + b"row") - len(numbered)
        rows = max(map(int, numbered), default=0) + max(unnumbered, 0)
        columns = max(_columns(body), cells)
    else:
        enough = max(DENSE_CELLS, 4 * cells) // 26
        digits = len(str(enough))
        # one search: a cell beyond column Z, or in a row whose number is as long as `enough`
        if re.search(rb' r="(?:[A-Z]{2,}\d|[A-Z]\d{%d,}")' % digits, body) is None:
            rows, columns = 10 ** (digits - 1) - 1, 26
        else:
            columns = _columns(body)
            rows = _rows(body, max(DENSE_CELLS, 4 * cells) // max(columns, 1))
    formula = b"<" + prefix + b"f"
    marked = b't="e"' in body or (formula in body and _uncached(prefix).search(body) is not None)
    return SheetFacts(title, part, cells, rows, columns, marked)


def _columns(body: bytes) -> int:
    """The last column any cell names (1-based; beyond MAX_COLUMN for a reference Excel cannot have), or 26 when
    every cell is in A..Z."""
    if not re.search(rb' r="[A-Z]{2,}\d', body):
        return 26
    if re.search(rb' r="[A-Z]{4,}\d', body):
        return MAX_COLUMN + 1
    letters = 3 if re.search(rb' r="[A-Z]{3}\d', body) else 2
    return max(column_index(name) for name in set(re.findall(rb' r="([A-Z]{%d})\d' % letters, body))) + 1


def _rows(body: bytes, enough: int) -> int:
    """The last row any cell names, or a number at most `enough` when every cell names a row up to it (one search
    for row numbers as long as `enough`'s finds none)."""
    digits = len(str(max(enough, 1)))
    if not re.search(rb' r="[A-Z]{1,3}\d{%d,}"' % digits, body):
        return min(enough, 10 ** (digits - 1) - 1)
    return max(int(n) for n in re.findall(rb' r="[A-Z]{1,3}(\d{%d,})"' % digits, body))


def _uncached(prefix: bytes) -> re.Pattern[bytes]:
    """A formula cell without its saved result: the formula followed by no value, or an empty one (openpyxl
    writes `<v/>`), in a cell not typed as text (Excel saves an empty text result as `t="str"` with `<v></v>`)."""
    p = re.escape(prefix)
    return re.compile(
        rb"<" + p + rb"c\s(?![^>]*\bt=\"str\")[^>]*>\s*<" + p + rb"f(?:\s[^>]*)?(?:/>|>[^<]*</" + p + rb"f>)\s*"
        rb"(?:<" + p + rb"v\s*/>|<" + p + rb"v>\s*</" + p + rb"v>)?\s*</" + p + rb"c>"
    )


def split_reference(reference: str) -> tuple[int, int] | None:
    """`B3` -> (2, 1), 0-based row and column; None when it is not a cell reference."""
    letters = reference.rstrip("0123456789")
    digits = reference[len(letters) :]
    if not letters or not digits or not letters.isalpha() or not letters.isupper() or len(letters) > 3:
        return None
    return int(digits) - 1, column_index(letters)


def column_index(letters: bytes | str) -> int:
    """`A` -> 0, `XFD` -> 16383."""
    index = 0
    for letter in letters.decode() if isinstance(letters, bytes) else letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def _mib(size: int) -> str:
    return f"{size / 1024**2:,.1f} MiB"


__all__ = [
    "DAMAGED",
    "DENSE_CELLS",
    "MAIN",
    "SheetFacts",
    "WorkbookFacts",
    "check_workbook",
    "column_index",
    "split_reference",
]
