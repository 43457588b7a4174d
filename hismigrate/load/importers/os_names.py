"""An operating system as discovery tools spell it -> name, version and edition.

`Microsoft Windows Server 2003 Standard (32-bit)` -> (`Microsoft Windows Server`, `2003`, `Standard`);
`Red Hat Enterprise Linux 8.6 (Ootpa)` -> (`Red Hat Enterprise Linux`, `8.6`, None). The version keeps what decides
the support date (`2012 R2`, `12 SP5`, `10 LTSC 2019`, `2016 or later`, `4/5 or later`); the edition is the rest
(`Datacenter`, `Pro`). A text without a release number (`Ubuntu Linux (64-bit)`, `Other 3.x or later Linux`) keeps
its whole name and no version: the export does not say which release it is.

The patterns are tried in order (`PATTERNS`); tests/importers/test_os_names.py holds the real-world strings each
one is for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hismigrate.model.text import clean


@dataclass(frozen=True)
class OsName:
    name: str | None
    version: str | None = None
    edition: str | None = None


_ARCH = re.compile(r"\s*[(\[]?\s*(?:32|64)\s*-?\s*(?:bit|ビット)\s*[)\]]?", re.IGNORECASE)
_BUILD = re.compile(r"[\s,]+(?:build|ビルド)[\s\-:]*[\d.]+\s*$", re.IGNORECASE)
# A release codename in brackets at the end: (Ootpa), (Core), (Final), (buster), (Jammy Jellyfish).
_CODENAME = re.compile(r"\s*\(\s*[A-Za-z][A-Za-z .\-]*\)\s*$")
_SPACES = re.compile(r"\s+")
_NUMBER = r"\d+(?:\.(?:\d+|x))*"

# Windows: the version is a year (with R2), a client release or a name (XP, Vista, NT 4.0).
_WINDOWS = re.compile(
    r"^(?P<name>(?:Microsoft\s+)?Windows(?:\s+(?:Server|Small\s+Business\s+Server|Storage\s+Server|"
    r"Essential\s+Business\s+Server|Embedded(?:\s+Standard)?|IoT(?:\s+Enterprise)?))?)\s*,?\s+"
    r"(?P<version>\d{4}(?:\s+R2)?|XP|Vista|NT(?:\s+\d(?:\.\d+)?)?|\d+(?:\.\d+)?)(?=$|[\s,])(?P<rest>.*)$",
    re.IGNORECASE,
)
# A kernel string that names its distribution after the kernel: `Linux 4.18.0-477.el8.x86_64 AlmaLinux 8.8 ...`.
_KERNEL_FIRST = re.compile(r"^Linux\s+\d\S*\s+(?P<inner>.+)$", re.IGNORECASE)
# VMware's generic guest types carry a kernel series, not a release: no version.
_NO_RELEASE = re.compile(r"^(?:Other\b|VMware\s+Photon)", re.IGNORECASE)
# Anything else: a name, an optional `release`, then a number (`7`, `8.10`, `4/5/6`, `6.x`, `13 or later`).
_GENERIC = re.compile(
    rf"^(?P<name>[^\d]*?[^\d\s-])(?:\s+release)?\s+(?P<version>{_NUMBER}(?:\s*/\s*{_NUMBER})*(?:\s+or\s+later)?)"
    r"(?=$|[\s,(])(?P<rest>.*)$",
    re.IGNORECASE,
)
# Parts of the rest that belong to the version: they decide the support date.
_VERSION_PARTS = (
    re.compile(r"^\s*(?P<part>or\s+later)\b", re.IGNORECASE),
    re.compile(r"^\s*(?P<part>R2)\b", re.IGNORECASE),
    re.compile(r"^\s*(?P<part>LTS)\b", re.IGNORECASE),
)
# `Enterprise LTSC 2019` and `Enterprise 2016 LTSB` both give `LTSC 2019` / `LTSB 2016`.
_LTSC = re.compile(r"\b(?:(?P<before>\d{4})\s+)?(?P<kind>LTS[BC])(?:\s+(?P<after>\d{4}))?\b", re.IGNORECASE)
_SERVICE_PACK = re.compile(r",?\s*\b(?:Service\s+Pack|SP)\s*(?P<sp>\d+)\b", re.IGNORECASE)
# Not an edition: punctuation, the words "Edition" / "versions", a build number (`Standard 10.0.14393`).
_EDITION_NOISE = re.compile(r"^[\s,]+|[\s,]+$|\bEdition\b|\bversions?\b|\b\d+(?:\.\d+)+\b", re.IGNORECASE)

PATTERNS = (_WINDOWS, _GENERIC)
"""Name-version patterns in the order they are tried (after `_KERNEL_FIRST` and `_NO_RELEASE`)."""


def parse_os(text: str | None) -> OsName:
    """Split an OS text into name, version and edition; (None, None, None) for a blank text."""
    if not text:
        return OsName(None)
    bare = _bare(text)
    if not bare:
        return OsName(None)
    kernel = _KERNEL_FIRST.match(bare)
    if kernel:  # the kernel's own number is no release; what follows it repeats itself
        inner = parse_os(kernel.group("inner"))
        return OsName(inner.name, inner.version) if inner.version is not None else OsName(bare)
    if _NO_RELEASE.match(bare):
        return OsName(bare)
    for pattern in PATTERNS:
        m = pattern.match(bare)
        if m:
            version, edition = _version_and_edition(m.group("version"), m.group("rest"))
            return OsName(_squash(m.group("name")), version, edition)
    return OsName(bare)


def _bare(text: str) -> str:
    """Without the architecture, the build number and a trailing codename; single spaces."""
    out = _SPACES.sub(" ", clean(text))
    out = _ARCH.sub(" ", out)
    out = _BUILD.sub("", out)
    previous = None
    while previous != out:  # `(Ootpa)` after `(64-bit)` was removed
        previous, out = out, _CODENAME.sub("", out).strip()
    return _SPACES.sub(" ", out).strip(" ,")


def _version_and_edition(version: str, rest: str) -> tuple[str, str | None]:
    parts = [_SPACES.sub(" ", version.strip())]
    rest = rest or ""
    moved = True
    while moved:
        moved = False
        for pattern in _VERSION_PARTS:
            m = pattern.match(rest)
            if m:
                parts.append(m.group("part"))
                rest = rest[m.end() :]
                moved = True
    # LTSC and service packs decide the support date wherever they stand (`Enterprise LTSC 2019`).
    ltsc = _LTSC.search(rest)
    if ltsc:
        year = ltsc.group("after") or ltsc.group("before")
        parts.append(ltsc.group("kind").upper() + (f" {year}" if year else ""))
        rest = rest[: ltsc.start()] + rest[ltsc.end() :]
    service_pack = _SERVICE_PACK.search(rest)
    if service_pack:
        parts.append(f"SP{service_pack.group('sp')}")
        rest = rest[: service_pack.start()] + rest[service_pack.end() :]
    edition = _squash(_EDITION_NOISE.sub(" ", rest))
    return " ".join(parts), edition or None


def _squash(text: str) -> str:
    return _SPACES.sub(" ", text).strip(" ,")
