"""The official CISA catalog of known-exploited vulnerabilities, as the exposure analysis reads it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class CatalogEntry:
    cve: str
    vendor_project: str
    product: str
    date_added: date | None
    ransomware: bool | None  # knownRansomwareCampaignUse: Known -> True, Unknown -> None


@dataclass(frozen=True)
class KevCatalog:
    """The official CISA KEV catalog, as read from its JSON file."""

    version: str
    entries: tuple[CatalogEntry, ...]
