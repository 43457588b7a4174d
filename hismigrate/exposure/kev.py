"""Known-exploited vulnerabilities: the shipped facts table, the official CISA KEV catalog, and device matching.

The CISA catalog names a vendor and product per CVE but no affected versions. A device on a connection is therefore
matched in two steps: its vendor/product words select a product family of the shipped facts table
(data/kev_remote_access.yaml), and the family's version ranges (from the vendors' advisories) decide whether its
version is affected. Catalog entries of the family with no version facts cannot be decided and become a gap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property

from hismigrate.model.inventory import Connection
from hismigrate.model.kev import CatalogEntry, KevCatalog
from hismigrate.model.text import clean, fold

Version = tuple[int, ...]
_NUMBERS = re.compile(r"[0-9]+")
# The version proper: digits joined by . - R or -h (9.0R3.3, 13.0-47.24, 10.2.9-h1); "build0231" etc. is dropped.
_VERSION = re.compile(r"[0-9]+(?:(?:\.|-h|-|R|r)[0-9]+)*")
_BOUND = re.compile(r"^\s*(>=|<=|>|<|==)?\s*(\S+)\s*$")


def parse_version(text: str | None) -> Version | None:
    """The numbers of a version (`v6.0.4 build0231` -> (6, 0, 4)); None when there are none."""
    if not text:
        return None
    m = _VERSION.search(clean(text))  # full-width digits as typed in Excel ledgers become ASCII
    return tuple(int(n) for n in _NUMBERS.findall(m.group(0))) if m else None


@dataclass(frozen=True)
class VersionRange:
    """Comma-joined bounds, e.g. `>=6.0.0,<=6.0.4`; a bare version means exactly that release."""

    bounds: tuple[tuple[str, Version], ...]

    @classmethod
    def parse(cls, spec: str) -> VersionRange:
        bounds = []
        for part in spec.split(","):
            m = _BOUND.match(part)
            version = parse_version(m.group(2)) if m else None
            if m is None or version is None:
                raise ValueError(f"bad version bound {part!r} in {spec!r}")
            bounds.append((m.group(1) or "==", version))
        return cls(tuple(bounds))

    def contains(self, version: Version) -> bool:
        for op, bound in self.bounds:
            # `<=` and `==` compare as many numbers as the bound has: 6.0.4.231 (a build) is within <=6.0.4
            cut = version[: len(bound)] if op in ("<=", "==") else version
            ok = {">=": cut >= bound, ">": cut > bound, "<=": cut <= bound, "<": cut < bound, "==": cut == bound}[op]
            if not ok:
                return False
        return True


@dataclass(frozen=True)
class KevFact:
    cve: str
    family: str
    vendor: str
    product: str
    affected: tuple[VersionRange, ...]
    date_added: date | None
    ransomware: bool | None
    source: str

    def affects(self, version: Version) -> bool:
        return any(r.contains(version) for r in self.affected)


@dataclass(frozen=True)
class Family:
    key: str
    name: str
    device_vendor: tuple[str, ...]
    device_product: tuple[str, ...]
    catalog_vendor: tuple[str, ...]
    catalog_product: tuple[str, ...]

    def matches_device(self, conn: Connection) -> bool:
        product = fold(conn.device_product or "")
        vendor = fold(conn.device_vendor or "")
        if not product or not any(w in product for w in self.device_product):
            return False
        return not vendor or any(w in vendor for w in self.device_vendor)

    def matches_catalog(self, vendor_project: str, product: str) -> bool:
        v, p = fold(vendor_project), fold(product)
        return any(w in v for w in self.catalog_vendor) and any(w in p for w in self.catalog_product)


@dataclass(frozen=True)
class KevMatch:
    """A KEV entry that concerns a device: `affected` (version in range), `version_unknown` (no version given),
    or `unversioned` (in the catalog for the product, no version facts shipped)."""

    cve: str
    status: str
    family: str
    date_added: date | None
    ransomware: bool | None
    source: str


@dataclass(frozen=True)
class KevKnowledge:
    """The facts table, optionally joined with an official catalog."""

    families: tuple[Family, ...]
    facts: tuple[KevFact, ...]
    catalog: KevCatalog | None
    source: str
    # a device's matches by (vendor, product, version): every state of a plan asks again for every line
    _matched: dict[tuple[str | None, str | None, str | None], list[KevMatch]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def family_of(self, conn: Connection) -> Family | None:
        return next((f for f in self.families if f.matches_device(conn)), None)

    def match(self, conn: Connection) -> list[KevMatch]:
        key = (conn.device_vendor, conn.device_product, conn.device_version)
        found = self._matched.get(key)
        if found is None:
            found = self._matched[key] = self._match(conn)
        return list(found)

    def _match(self, conn: Connection) -> list[KevMatch]:
        family = self.family_of(conn)
        if family is None:
            return []
        catalog = self._catalog_by_family.get(family.key, {})
        version = parse_version(conn.device_version)
        out: list[KevMatch] = []
        for fact in self.facts:
            if fact.family != family.key:
                continue
            official = catalog.get(fact.cve)
            added = official.date_added if official else fact.date_added
            ransomware = official.ransomware if official else fact.ransomware
            if version is None:
                out.append(KevMatch(fact.cve, "version_unknown", family.key, added, ransomware, fact.source))
            elif fact.affects(version):
                out.append(KevMatch(fact.cve, "affected", family.key, added, ransomware, fact.source))
        known = {f.cve for f in self.facts}
        for cve, entry in sorted(catalog.items()):
            if cve not in known:
                source = f"CISA KEV {self.catalog.version if self.catalog else ''}".strip()
                out.append(KevMatch(cve, "unversioned", family.key, entry.date_added, entry.ransomware, source))
        return sorted(out, key=lambda m: m.cve)

    def fixed_version(self, conn: Connection) -> str | None:
        """A version past every affected range the facts table holds for the device's family (the highest bound,
        its last number raised by one), for an estate in which the device has been updated; None when the device
        is of no family or an open range leaves no such version."""
        family = self.family_of(conn)
        if family is None:
            return None
        facts = [f for f in self.facts if f.family == family.key]
        bounds = [bound for f in facts for r in f.affected for _, bound in r.bounds]
        if not bounds:
            return None
        top = max(bounds)
        version = (*top[:-1], top[-1] + 1)
        if any(f.affects(version) for f in facts):
            return None
        return ".".join(str(n) for n in version)

    @cached_property
    def _catalog_by_family(self) -> dict[str, dict[str, CatalogEntry]]:
        out: dict[str, dict[str, CatalogEntry]] = {}
        for entry in self.catalog.entries if self.catalog else ():
            for family in self.families:
                if family.matches_catalog(entry.vendor_project, entry.product):
                    out.setdefault(family.key, {})[entry.cve] = entry
                    break
        return out


@cache
def shipped_facts() -> tuple[tuple[Family, ...], tuple[KevFact, ...], str]:
    from hismigrate.data import load_data

    data = load_data("kev_remote_access.yaml")
    families = tuple(
        Family(
            key=key,
            name=str(f["name"]),
            device_vendor=tuple(fold(w) for w in f["device"]["vendor"]),
            device_product=tuple(fold(w) for w in f["device"]["product"]),
            catalog_vendor=tuple(fold(w) for w in f["catalog"]["vendor"]),
            catalog_product=tuple(fold(w) for w in f["catalog"]["product"]),
        )
        for key, f in data["families"].items()
    )
    facts = tuple(
        KevFact(
            cve=e["cve"],
            family=e["family"],
            vendor=e["vendor"],
            product=e["product"],
            affected=tuple(VersionRange.parse(str(r)) for r in e["affected"]),
            date_added=e.get("date_added"),
            ransomware=e.get("ransomware"),
            source=e["source"],
        )
        for e in data["entries"]
    )
    return families, facts, str(data["id"])


def kev_knowledge(catalog: KevCatalog | None = None) -> KevKnowledge:
    families, facts, facts_id = shipped_facts()
    source = facts_id + (f" + CISA KEV {catalog.version}" if catalog else "")
    return KevKnowledge(families=families, facts=facts, catalog=catalog, source=source)
