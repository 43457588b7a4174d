"""Reading the official CISA KEV catalog (known_exploited_vulnerabilities.json) given with `--kev`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from hismigrate.errors import ConfigError, Location
from hismigrate.model.kev import CatalogEntry, KevCatalog


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def load_kev_catalog(path: Path) -> KevCatalog:
    """Read the official CISA KEV JSON (known_exploited_vulnerabilities.json); ConfigError naming the place if not."""
    from hismigrate.i18n import t

    where = Location(str(path))
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ConfigError(t("exposure.kev.unreadable", "en", detail=exc.strerror or str(exc)), location=where) from None
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
