"""Which files an input names, and their bytes, within limits: only regular files are read, links only where they
lead to one, and no file or folder is larger than a hospital's inventory can be.

A link that leads nowhere (dangling, or round in a loop), a link to a folder, and a device or pipe named like an
inventory file are located errors, never skipped: a skipped `practices.yaml` would make the practices vanish
without a word.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from hismigrate.errors import InventoryError, Location, Problem

MAX_FILE_BYTES = 512 * 1024**2
"""One inventory, settings or price file: ten times the YAML of the largest synthetic estate (60,000 servers)."""
MAX_FILES = 10_000
"""Inventory files in one folder (with its subfolders): one file per server of a large estate would be 10,000."""
MAX_SETTINGS_BYTES = 8 * 1024**2
"""A settings file or a user's price catalog: a few kilobytes in practice."""


def _link_problem(path: Path) -> Problem | None:
    """Why the link `path` cannot be followed to a regular file, or None when it can."""
    try:
        target = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Problem(Location(str(path)), "link_loop", {"target": _target(path)})
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return Problem(Location(str(path)), "link_dangling", {"target": _target(path)})
        return Problem(Location(str(path)), "unreadable", {"detail": exc.strerror or str(exc)})
    if stat.S_ISDIR(target.st_mode):
        return Problem(Location(str(path)), "link_to_folder", {"target": _target(path)})
    if not stat.S_ISREG(target.st_mode):
        return Problem(Location(str(path)), "not_regular_file", {})
    return None


def _target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"


def inventory_files(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """The files with one of `suffixes` in `folder` and its subfolders, sorted by path; raise InventoryError for
    every link or special file among them that cannot be read as a file (a link to a folder is not followed)."""
    found: list[Path] = []
    problems: list[Problem] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as exc:
            problems.append(Problem(Location(str(current)), "unreadable", {"detail": exc.strerror or str(exc)}))
            continue
        for entry in entries:
            path = Path(entry.path)
            wanted = path.suffix.lower() in suffixes
            if entry.is_symlink():
                problem = _link_problem(path)
                if problem is None and wanted:
                    found.append(path)
                elif problem is not None and (wanted or problem.key == "link_to_folder"):
                    problems.append(problem)
            elif entry.is_dir(follow_symlinks=False):
                pending.append(path)
            elif wanted:
                if entry.is_file(follow_symlinks=False):
                    found.append(path)
                else:
                    problems.append(Problem(Location(str(path)), "not_regular_file", {}))
            if len(found) > MAX_FILES:
                raise InventoryError.single(Location(str(folder)), "too_many_files", limit=f"{MAX_FILES:,}")
    if problems:
        raise InventoryError(problems)
    return sorted(found)


def open_regular(path: Path, limit: int = MAX_FILE_BYTES) -> BinaryIO:
    """The regular file `path` (through links) opened for reading; InventoryError naming the file when it is
    missing, not a regular file (a device such as /dev/zero, a pipe, a folder), a broken link or larger than
    `limit` bytes."""
    where = Location(str(path))
    try:
        # O_NONBLOCK: opening a pipe must not wait for a writer (it is refused below); no effect on a regular file
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        if os.path.islink(path):
            problem = _link_problem(path)
            if problem is not None:
                raise InventoryError([problem]) from None
        if exc.errno == errno.ENOENT:
            raise InventoryError.single(where, "file_not_found") from None
        if exc.errno == errno.EISDIR:
            raise InventoryError.single(where, "not_regular_file") from None
        raise InventoryError.single(where, "unreadable", detail=exc.strerror or str(exc)) from None
    handle = os.fdopen(fd, "rb")
    info = os.fstat(handle.fileno())
    if not stat.S_ISREG(info.st_mode):
        handle.close()
        raise InventoryError.single(where, "not_regular_file")
    if info.st_size > limit:
        handle.close()
        raise InventoryError.single(where, "file_too_large", size=_megabytes(info.st_size), limit=_megabytes(limit))
    return handle


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file (see `open_regular`), at most `limit` of them."""
    with open_regular(path, limit) as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise InventoryError.single(Location(str(path)), "unreadable", detail=exc.strerror or str(exc)) from None
    if len(data) > limit:  # it grew while it was read
        size = f"> {_megabytes(limit)}"
        raise InventoryError.single(Location(str(path)), "file_too_large", size=size, limit=_megabytes(limit))
    return data


def read_text(path: Path, limit: int = MAX_FILE_BYTES) -> str:
    """`read_bytes` as UTF-8 text (a byte-order mark is dropped)."""
    data = read_bytes(path, limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InventoryError.single(Location(str(path)), "not_utf8", position=exc.start) from None


def _megabytes(size: int) -> str:
    return f"{size / 1024**2:,.1f} MiB"
