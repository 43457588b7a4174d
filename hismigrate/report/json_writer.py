"""assessment.json: the Assessment as schema-versioned JSON (its JSON Schema: `hismigrate schema --result`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from pydantic import BaseModel

from hismigrate.model.assessment import Assessment

Buffer = bytes | memoryview

# pydantic's Rust serializer writes floats below 1e-4 as `0.00001` or `1e-7`; Python's json (the format's reference,
# and the bytes of every earlier assessment.json) writes `1e-05` and `1e-07`. Only these tails can start such a
# number, and each literal prefix lets the regex engine skip through megabytes of text at once. Indented JSON puts
# every scalar on its own line, so a number is always followed by an optional comma and a line break; a string
# never is (it ends with its quote).
_SMALL_FLOAT_TAILS = (re.compile(rb"e-\d+(?=,?\n)"), re.compile(rb"0\.0000\d*(?=,?\n)"))
_NUMBER_BYTES = frozenset(b"0123456789.-e")
_BEFORE_VALUE = frozenset(b" [")


def assessment_json(assessment: Assessment) -> bytes:
    """Deterministic JSON text: model field order, two-space indent, UTF-8 without escapes, final newline."""
    return model_json(assessment)


# From this many runs of items (see json_stream.RUN) the text is made on several cores: below, forking workers
# costs more than it saves.
PARALLEL_FROM_RUNS = 8


def assessment_json_parts(assessment: Assessment, jobs: int = 1) -> Iterator[Buffer]:
    """The bytes of `assessment_json`, produced part by part as they are written: a 100x estate's text is 700 MB,
    and pydantic would hold it twice at once (its buffer and the bytes made from it). A large assessment's parts
    are made by `jobs` forked workers, in order, while this process writes out those already made."""
    from hismigrate.parallel import can_fork
    from hismigrate.report.json_stream import long_runs, model_pieces

    pieces = model_pieces(assessment, b"")
    if jobs > 1 and can_fork() and long_runs(assessment) >= PARALLEL_FROM_RUNS:
        yield from _made_by_workers(list(pieces), jobs)
    else:
        for piece in pieces:
            yield from _float_parts(piece())
    yield b"\n"


def _made_by_workers(pieces: list[Callable[[], bytes]], jobs: int) -> Iterator[Buffer]:
    """The pieces' final bytes, made by forked workers. A worker writes each piece to a scratch file and this process
    maps it: the text is copied once on its way to the output, not four times through a pipe and pickle."""
    import mmap

    from hismigrate.atomic import scratch_dir
    from hismigrate.parallel import imap_tasks

    with scratch_dir("json-") as scratch:
        tasks = [partial(_piece_to_file, piece, scratch / f"{k}.json") for k, piece in enumerate(pieces)]
        for path, size in imap_tasks(tasks, jobs):
            if not size:
                continue
            with (
                open(path, "rb") as made,
                mmap.mmap(made.fileno(), 0, access=mmap.ACCESS_READ) as mapped,
                memoryview(mapped) as view,  # valid until the next part is asked for
            ):
                yield view
            path.unlink()


def _piece_to_file(piece: Callable[[], bytes], path: Path) -> tuple[Path, int]:
    """A piece's bytes, small floats in Python's notation, written to `path`: (path, size)."""
    with open(path, "wb") as out:
        size = sum(out.write(part) for part in _float_parts(piece()))
    return path, size


def model_json(model: BaseModel) -> bytes:
    """`json.dumps(model.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\\n"` in UTF-8, byte for byte,
    at the speed of pydantic's serializer (about 5x faster; bytes throughout, as a 10x estate writes 240 MB)."""
    return b"".join(model_json_parts(model))


def model_json_parts(model: BaseModel) -> list[Buffer]:
    """`model_json(model)` as consecutive parts (see `assessment_json_parts`)."""
    data = type(model).__pydantic_serializer__.to_json(model, indent=2)
    return _python_float_parts(data)


def _python_floats(data: bytes) -> bytes:
    """`data` with its small floats in Python's notation and a final line break (see `_python_float_parts`)."""
    return b"".join(_python_float_parts(data))


def _python_float_parts(data: bytes) -> list[Buffer]:
    """`data` with its small floats in Python's notation and a final line break, as parts (see `_float_parts`)."""
    return [*_float_parts(data), b"\n"]


def _float_parts(data: bytes) -> list[Buffer]:
    """Rewrite the small floats of pydantic's JSON in Python's notation (`1e-05`), the values unchanged: as views
    into `data` between the rewritten numbers, so that nothing is copied. A number must be followed by its comma or
    line break within `data`."""
    spans: set[tuple[int, int]] = set()
    for tail in _SMALL_FLOAT_TAILS:
        for match in tail.finditer(data):
            start = match.start()
            while start > 0 and data[start - 1] in _NUMBER_BYTES:
                start -= 1
            if start > 0 and data[start - 1] in _BEFORE_VALUE:  # after `": ` or an indent, never inside a string
                spans.add((start, match.end()))
    view = memoryview(data)
    pieces: list[Buffer] = []
    done = 0
    for start, end in sorted(spans):
        if start < done:  # overlapping matches cannot come from one number; keep the first
            continue
        try:
            number = repr(float(data[start:end])).encode("ascii")
        except ValueError:  # not a number after all: leave it as it is
            continue
        pieces += [view[done:start], number]
        done = end
    pieces.append(view[done:])
    return pieces


def result_schema() -> dict:  # type: ignore[type-arg]
    schema = Assessment.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "hismigrate assessment"
    return schema
