"""A finding's evidence, its references and a checklist item's outcomes as phrases of the report's language.

Evidence is stored as facts (`last_patched: "2022-03-10"`, `mfa: False`); a reader gets `最終パッチ適用日: 2022年3月10日`
and `多要素認証: なし`, with ids turned into the names used everywhere else in the report (a server by its host name).
The words are in the catalogs (`phrase.*`); this module only knows how each fact's value is written.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from hismigrate import i18n
from hismigrate.exposure.checklist import read_outcome
from hismigrate.report.formats import MISSING, format_date, format_number
from hismigrate.report.sections.context import ReportContext

# How an evidence value is written, by its key (a key not listed is shown as it is: a name, a version, ports).
DATES = frozenset({"backup_restore_tested", "end_of_support", "firmware_updated", "last_patched"})
DAYS = frozenset({"age_days", "days_left", "limit_days"})
FLAGS = frozenset(
    {
        "always_on",
        "backup_offline",
        "backup_online",
        "closed_network",
        "filtered",
        "in_cloud",
        "all_in_one_segment",
        "vendor_line_lands_here",
        "office_zone",
        "logs_kept",
        "logs_reviewed",
        "mfa",
        "ransomware_use",
        "remote_desktop",
        "shared_credentials",
        "source_ip_restricted",
    }
)
SERVERS = frozenset({"production_servers", "servers"})  # ids, or (servers) a count
ENUMS = {
    "zone": "Zone",
    "from_zone": "Zone",
    "to_zone": "Zone",
    "protection": "Protection",
    "counted_as": "Protection",
    "category": "SystemCategory",
    "kind": "ConnectionKind",
    "standards": "Standard",
}
SEGMENTS = frozenset({"segment", "lands_in"})
CODES = frozenset({"reason", "source"})  # a word of the analysis: phrase.code.<value>
ANSWERS = frozenset({"yes", "no", "unknown"})  # the practices answers

_SLUG = re.compile(r"[^a-z0-9]+")
_MHLW = re.compile(r"^MHLW-R(\d+) (\d-\(\d+\))$")


def _list(ctx: ReportContext, items: list[str]) -> str:
    return ctx.t("phrase.list_separator").join(items)


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def evidence_value(ctx: ReportContext, key: str, value: Any) -> str:
    """One fact's value as the report writes it."""
    if value is None:
        return ctx.t("phrase.unknown")
    if isinstance(value, bool):
        return ctx.t("phrase.flag_yes" if value else "phrase.flag_no")
    if key in DATES:
        try:
            return format_date(date.fromisoformat(str(value)), ctx.lang)
        except ValueError:
            return str(value)
    if key in DAYS:
        return ctx.t("phrase.days", count=format_number(value))
    if isinstance(value, int | float):
        return format_number(value)
    text = str(value)
    if text in ANSWERS and key not in ENUMS:
        return ctx.label_of("Answer", text)
    if key in ENUMS:
        return _list(ctx, [ctx.label_of(ENUMS[key], part) for part in _split(text)])
    if key in SEGMENTS:
        return ctx.node_name(f"segment:{text}")
    if key in SERVERS:
        return _list(ctx, [ctx.node_name(f"server:{part}") for part in _split(text)])
    if key == "connections":
        return _list(ctx, _split(text))
    if key in CODES:
        code_key = f"phrase.code.{text}"
        return ctx.t(code_key) if i18n.has(code_key, ctx.lang) else text
    return text


def evidence_label(ctx: ReportContext, key: str) -> str:
    return ctx.t(f"phrase.evidence.{key}")


def evidence_text(ctx: ReportContext, evidence: dict[str, Any]) -> str:
    """Every fact of a finding: `label: value` phrases, in the order of their keys."""
    return ctx.t("phrase.fact_separator").join(
        ctx.t("phrase.fact", label=evidence_label(ctx, key), value=evidence_value(ctx, key, value))
        for key, value in sorted(evidence.items())
    )


def reference_text(ctx: ReportContext, reference: str) -> str:
    """A check's reference in words: the MHLW checklist item with its title, the guideline section, a CVE as is."""
    if reference.startswith("CVE-"):
        return reference
    match = _MHLW.match(reference)
    if match:
        edition, item = match.groups()
        titles = ctx.checklist_titles
        if item in titles:
            return ctx.t("phrase.reference.mhlw_item", edition=edition, item=item, title=titles[item])
        return ctx.t("phrase.reference.mhlw_item_untitled", edition=edition, item=item)
    return ctx.t(f"phrase.reference.{_SLUG.sub('_', reference.lower()).strip('_')}")


def references_text(ctx: ReportContext, references: tuple[str, ...] | list[str]) -> str:
    return ctx.t("phrase.fact_separator").join(reference_text(ctx, r) for r in references)


def checklist_outcome(ctx: ReportContext, entry: str) -> str:
    """One check's outcome behind a checklist decision, e.g. `HIS-SRV-003 …: 該当 45件`."""
    check_id, outcome, count = read_outcome(entry)
    title = ctx.check_title(check_id)
    return ctx.t(f"phrase.outcome.{outcome}", check=check_id, title=title, count=count)


def dash_if_empty(text: str) -> str:
    return text or MISSING
