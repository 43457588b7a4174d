"""Reading the official CISA KEV catalog (known_exploited_vulnerabilities.json) given with `--kev`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from hismigrate.errors import ConfigError, InventoryError, Location
from hismigrate.load.input_files import read_bytes
from hismigrate.model.kev import CatalogEntry, KevCatalog

MAX_KEV_BYTES = 64 * 1024**2
"""Fifty times the catalog of 2026."""


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def load_kev_catalog(path: Path) -> KevCatalog:
    """Read the official CISA KEV JSON (known_exploited_vulnerabilities.json); ConfigError naming the place if not."""
    from hismigrate.i18n import t

    where = Location(str(path))
    try:  # a regular file of bounded size (the catalog is about 1.3 MB), read as the inventory is
        text = read_bytes(path, MAX_KEV_BYTES).decode("utf-8-sig")
        document = json.loads(text)
    except InventoryError as exc:
        raise ConfigError.from_problems(exc.problems) from None
    except RecursionError:  # nesting deeper than any catalog: json gives up
        raise ConfigError(t("exposure.kev.not_json", "en", detail="nested too deeply"), location=where) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line = exc.lineno if isinstance(exc, json.JSONDecodeError) else None
        raise ConfigError(
            t("exposure.kev.not_json", "en", detail=str(exc)), location=Location(str(path), line=line)
        ) from None
    items = document.get("vulnerabilities") if isinstance(document, dict) else None
    if not isinstance(items, list):
        raise ConfigError(t("exposure.kev.not_catalog", "en"), location=where)
    entries = []
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not all(k in item for k in ("cveID", "vendorProject", "product")):
            raise ConfigError(
                t("exposure.kev.bad_entry", "en", index=i), location=Location(str(path), path=f"vulnerabilities[{i}]")
            )
        use = str(item.get("knownRansomwareCampaignUse", "")).strip().lower()
        entries.append(
            CatalogEntry(
                cve=str(item["cveID"]),
                vendor_project=str(item["vendorProject"]),
                product=str(item["product"]),
                date_added=_day(item.get("dateAdded")),
                ransomware=True if use == "known" else None,
            )
        )
    version = str(document.get("catalogVersion") or "unversioned")
    return KevCatalog(version=version, entries=tuple(sorted(entries, key=lambda e: e.cve)))
