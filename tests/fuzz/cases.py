"""Broken inputs for the fuzz run: the small hospital's YAML and workbook mutated at random (with a fixed seed, so
that a run is the same every time), and the known attacks and accidents named in issue 21, each as a case that
runs one command."""

from __future__ import annotations

import io
import os
import random
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

SEED = 21

# Scalar texts a mutation puts in place of a value: extremes, wrong kinds, and text that other tools would run.
EXTREMES = [
    ".inf",
    "-.inf",
    ".nan",
    "1e400",
    "-1",
    "1e308",
    "1e-320",
    "99999999999999999999999999999999",
    "9" * 5000,
    "0x1F",
    "''",
    "null",
    "[]",
    "{}",
    "[[[[[[]]]]]]",
    "!!binary AAAA",
    "!!int '12a'",
    "!!float ''",
    "2024-13-45",
    "0001-01-01",
    "9999-12-31",
    "令和99年1月1日",
    "１２３４５６７８９０１２３４５６７８９０",
    "'=1+2'",
    "'@SUM(A1)'",
    "'<script>alert(1)</script>'",
    "'" + "長" * 3000 + "'",
    "'" + "x" * 100_000 + "'",
    "&a [1, 2]",
    "*undefined",
    "'\\u0000'",
    '"\\ud800"',
]


@dataclass
class Case:
    """One command to run, from `cwd`; on failure (exit 2) none of `outputs` may exist."""

    id: str
    argv: list[str]
    cwd: str
    outputs: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=lambda: {"HISMIGRATE_LANG": "en", "COLUMNS": "200"})


def _scalar_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every plain value (not a key) in a YAML text."""
    spans: list[tuple[int, int]] = []
    pending = [yaml.compose(text, Loader=yaml.SafeLoader)]
    while pending:
        node = pending.pop()
        if isinstance(node, yaml.MappingNode):
            pending.extend(value for _, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
        elif isinstance(node, yaml.ScalarNode):
            spans.append((node.start_mark.index, node.end_mark.index))
    return sorted(spans)


def yaml_cases(rng: random.Random, base: Path, work: Path, count: int) -> list[Case]:
    """`count` copies of the inventory folder `base`, each with one to three values replaced by an extreme, or
    bytes flipped, or the file cut short; every other one assessed, the rest validated."""
    files = sorted(base.glob("*.yaml"))
    cases = []
    for k in range(count):
        folder = work / f"yaml-{k:03d}"
        shutil.copytree(base, folder)
        target = folder / rng.choice(files).name
        text = target.read_text(encoding="utf-8")
        kind = rng.random()
        if kind < 0.75:
            spans = _scalar_spans(text)
            for start, end in sorted(rng.sample(spans, min(len(spans), rng.randint(1, 3))), reverse=True):
                text = text[:start] + rng.choice(EXTREMES) + text[end:]
            target.write_text(text, encoding="utf-8")
        elif kind < 0.9:
            data = bytearray(text.encode("utf-8"))
            for _ in range(rng.randint(1, 8)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            target.write_bytes(bytes(data))
        else:
            target.write_bytes(text.encode("utf-8")[: rng.randrange(len(text))])
        cases.append(_inventory_case(f"yaml-{k:03d}", folder, assess=k % 2 == 0))
    return cases


def _inventory_case(name: str, inventory: Path, assess: bool) -> Case:
    out = inventory.parent / f"{name}.out"
    if assess:
        argv = ["assess", str(inventory), "-o", str(out), "--format", "json,md", "--as-of", "2026-12-01"]
        return Case(name, argv, str(inventory.parent), [str(out)])
    return Case(name, ["validate", str(inventory)], str(inventory.parent))


def rewrite_workbook(
    source: bytes, change: Callable[[str, bytes], bytes | None], extra: dict[str, bytes] | None = None
) -> bytes:
    """A workbook with each entry passed through `change(name, data)` (None drops it), plus `extra` entries."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info.filename))
            if data is not None:
                new.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            new.writestr(name, data)
    return out.getvalue()


def _sheet(name: str) -> Callable[[Callable[[bytes], bytes]], Callable[[str, bytes], bytes]]:
    """A change applied to one worksheet part only."""

    def wrap(edit: Callable[[bytes], bytes]) -> Callable[[str, bytes], bytes]:
        return lambda part, data: edit(data) if part == name else data

    return wrap


SERVERS = "xl/worksheets/sheet5.xml"  # the Servers sheet of the workbook hismigrate writes (after 4 others)


def _rows_bomb() -> bytes:
    rows = b"".join(b"<row><c><v>1</v></c><c><v>2</v></c></row>" for _ in range(200_000))
    return (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + rows
        + b"</sheetData></worksheet>"
    )


def _lying_zip(source: bytes) -> bytes:
    """The servers sheet replaced by 40 MB of zeros that its zip entry declares as 4 KB (a reader that trusts the
    declaration unpacks all of it)."""
    import struct

    big = b"0" * (40 * 1024**2)
    data = rewrite_workbook(source, lambda part, d: big if part == SERVERS else d)
    # patch the declared uncompressed size of that entry, in the local header and the central directory
    out = bytearray(data)
    name = SERVERS.encode()
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = 0
        while (at := out.find(signature, at)) >= 0:
            start = at + (30 if signature == b"PK\x03\x04" else 46)
            if out[start : start + len(name)] == name:
                out[at + offset : at + offset + 4] = struct.pack("<I", 4096)
            at += 4
    return bytes(out)


def workbook_cases(rng: random.Random, source: bytes, work: Path, count: int) -> list[Case]:
    """Hand-made attacks and accidents on the workbook, then `count` random byte and XML mutations."""
    made: dict[str, bytes] = {
        "xlsx-whitespace-bomb": rewrite_workbook(
            source, _sheet(SERVERS)(lambda d: d.replace(b"<sheetData>", b"<sheetData>" + b" " * (64 * 1024**2)))
        ),
        "xlsx-rows-bomb": rewrite_workbook(source, lambda part, d: _rows_bomb() if part == SERVERS else d),
        "xlsx-lying-size": _lying_zip(source),
        "xlsx-stray-cell": rewrite_workbook(
            source,
            _sheet(SERVERS)(
                lambda d: d.replace(
                    b"</sheetData>",
                    b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
                )
            ),
        ),
        "xlsx-stray-far": rewrite_workbook(
            source,
            _sheet(SERVERS)(
                lambda d: d.replace(
                    b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
                )
            ),
        ),
        "xlsx-beyond-grid": rewrite_workbook(
            source,
            _sheet(SERVERS)(
                lambda d: d.replace(
                    b"</sheetData>", b'<row r="99999999"><c r="ZZZZ99999999"><v>1</v></c></row></sheetData>'
                )
            ),
        ),
        "xlsx-uncached-formula": rewrite_workbook(
            source, _sheet(SERVERS)(lambda d: d.replace(b"<v>8</v>", b"<f>4*2</f>", 1))
        ),
        "xlsx-entity-bomb": rewrite_workbook(
            source,
            _sheet(SERVERS)(
                lambda d: (
                    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
                    + d
                )
            ),
        ),
        "xlsx-infinite-number": rewrite_workbook(
            source, _sheet(SERVERS)(lambda d: d.replace(b"<v>8</v>", b"<v>1e400</v>", 1))
        ),
        "xlsx-nan-number": rewrite_workbook(
            source, _sheet(SERVERS)(lambda d: d.replace(b"<v>8</v>", b"<v>NaN</v>", 1))
        ),
        "xlsx-many-parts": rewrite_workbook(
            source, lambda part, d: d, {f"xl/media/x{k}.bin": b"" for k in range(10_050)}
        ),
        "xlsx-not-xml": rewrite_workbook(source, _sheet(SERVERS)(lambda d: d[: len(d) // 2])),
        "xlsx-truncated": source[: len(source) // 3],
        "xlsx-no-workbook-part": rewrite_workbook(source, lambda part, d: None if part == "xl/workbook.xml" else d),
    }
    for k in range(count):
        data = bytearray(source)
        if k % 2 == 0:  # bytes flipped anywhere: the zip's structure or its compressed streams
            for _ in range(rng.randint(1, 6)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            made[f"xlsx-bytes-{k:03d}"] = bytes(data)
        else:  # one value of the servers sheet replaced by an extreme number or text
            choice = rng.choice([b"1e400", b"-1e308", b"NaN", b"99999999999", b"2958466", b"-700000", b"x"])
            made[f"xlsx-value-{k:03d}"] = rewrite_workbook(
                source, _sheet(SERVERS)(lambda d, c=choice: d.replace(b"<v>", b"<v>" + c + b"0", 1))
            )
    cases = []
    for name, data in made.items():
        path = work / f"{name}.xlsx"
        path.write_bytes(data)
        cases.append(Case(name, ["validate", str(path)], str(work)))
    return cases


def alias_bomb(key: str) -> str:
    """A "billion laughs": nine lines whose aliases expand to 10^9 values under `key`."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    return "\n".join(lines) + f"\n{key}\n"


def named_cases(base: Path, work: Path) -> list[Case]:
    """The cases issue 21 names, one each."""
    cases: list[Case] = []

    def folder(name: str) -> Path:
        target = work / name
        shutil.copytree(base, target)
        return target

    def assess(name: str, inventory: Path, *extra: str) -> Case:
        out = work / f"{name}.out"
        argv = ["assess", str(inventory), "-o", str(out), "--format", "json", "--as-of", "2026-12-01", *extra]
        return Case(name, argv, str(work), [str(out)])

    # numbers beyond what assess can compute
    for name, old, new in (
        ("memory-inf", "memory_gb: 32\n", "memory_gb: .inf\n"),
        ("memory-1e300", "memory_gb: 32\n", "memory_gb: 1e300\n"),
        ("price-1e29", "purchase_price_jpy: 4,000,000\n", "purchase_price_jpy: 1e29\n"),
    ):
        inventory = folder(name)
        servers = inventory / "servers.yaml"
        servers.write_text(servers.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        cases.append(assess(name, inventory))
    # settings and prices files
    plain = folder("plain")
    for name, text in (
        ("settings-alias-bomb", alias_bomb("cost:\n  sources: *a8")),
        ("settings-nan-rate", "cost:\n  jpy_per_usd: {2025: .nan}\n"),
        ("settings-unknown-key", "cost:\n  discount_rat: 0.05\n"),
        ("settings-huge", "cost:\n  staff: {jpy_per_fte_year: 1e300}\nplan: {lead_months: 99999999}\n"),
        ("settings-not-mapping", "- 1\n- 2\n"),
        ("settings-deep", "cost:\n  sources: " + "[" * 5000 + "]" * 5000 + "\n"),
    ):
        path = work / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        cases.append(assess(name, plain, "--settings", str(path)))
    for name, text in (
        ("prices-alias-bomb", alias_bomb("items: *a8")),
        (
            "prices-inf",
            "id: p\nprovider: u\nas_of: 2026-01-01\nitems:\n  - {id: a, kind: line, unit: month, price: .inf, currency: JPY, source: q}\n",
        ),
    ):
        path = work / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        cases.append(assess(name, plain, "--prices", str(path)))
    deep = work / "kev-deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    cases.append(assess("kev-deep", plain, "--kev", str(deep)))
    cases.append(assess("kev-device", plain, "--kev", "/dev/zero"))
    # alias bombs, deep nesting and loops inside an inventory
    inventory = folder("inventory-alias-bomb")
    (inventory / "bomb.yaml").write_text(alias_bomb("flows: *a8"), encoding="utf-8")
    cases.append(Case("inventory-alias-bomb", ["validate", str(inventory)], str(work)))
    inventory = folder("inventory-alias-loop")
    (inventory / "loop.yaml").write_text("flows: &f [*f]\n", encoding="utf-8")
    cases.append(Case("inventory-alias-loop", ["validate", str(inventory)], str(work)))
    inventory = folder("inventory-deep")
    (inventory / "deep.yaml").write_text("flows: " + "[" * 20000 + "]" * 20000 + "\n", encoding="utf-8")
    cases.append(Case("inventory-deep", ["validate", str(inventory)], str(work)))
    # links and special files in a directory input
    inventory = folder("dangling-link")
    hospital = (inventory / "hospital.yaml").read_text(encoding="utf-8")
    (inventory / "hospital.yaml").write_text(hospital.split("practices:")[0], encoding="utf-8")
    os.symlink(work / "nowhere" / "practices.yaml", inventory / "practices.yaml")
    cases.append(assess("dangling-link", inventory))
    inventory = folder("link-loop")
    os.symlink("b.yaml", inventory / "a.yaml")
    os.symlink("a.yaml", inventory / "b.yaml")
    os.symlink(".", inventory / "self")
    cases.append(Case("link-loop", ["validate", str(inventory)], str(work)))
    inventory = folder("fifo")
    os.mkfifo(inventory / "flows.yaml")
    cases.append(Case("fifo", ["validate", str(inventory)], str(work)))
    inventory = folder("device-link")
    os.symlink("/dev/zero", inventory / "zero.yaml")
    cases.append(Case("device-link", ["validate", str(inventory)], str(work)))
    cases.append(Case("device-given", ["validate", "/dev/zero"], str(work)))
    inventory = folder("empty-hospital")
    (inventory / "hospital.yaml").write_text("", encoding="utf-8")
    cases.append(Case("empty-hospital", ["validate", str(inventory)], str(work)))
    # outputs that cannot be written
    blocker = work / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    argv = ["assess", str(plain), "-o", str(blocker / "out"), "--format", "json", "--as-of", "2026-12-01"]
    cases.append(Case("output-under-a-file", argv, str(work)))
    fifo = work / "graph-pipe.graphml"
    os.mkfifo(fifo)
    cases.append(Case("graph-into-a-pipe", ["graph", str(plain), "-o", str(fifo)], str(work)))
    os.symlink("/dev/null", work / "null.yaml")  # `-o /dev/null` itself is refused first for its suffix
    cases.append(Case("convert-onto-a-device", ["convert", str(plain), "-o", str(work / "null.yaml")], str(work)))
    return cases
