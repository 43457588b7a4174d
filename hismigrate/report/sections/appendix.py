"""The appendix: every finding row by row, every attack path hop by hop, the inventory as assessed (segments,
servers, systems, connections, flows) and every assumption, price and data source the figures rest on. It is data
for whoever checks a figure: folded on screen and not printed unless the reader unfolds it."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from hismigrate.report.formats import format_date
from hismigrate.report.sections.attack_paths import ordered_paths, path_views
from hismigrate.report.sections.calibration import calibration_parts
from hismigrate.report.sections.context import ReportContext
from hismigrate.report.sections.findings import all_findings_tables
from hismigrate.report.sections.model import AttackPaths, Heading, Paragraph, Part, Section, TablePart
from hismigrate.report.sections.plan import strategy_tables
from hismigrate.report.tables import Column, ColumnKind, Table

C = "report.appendix."
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _flag(ctx: ReportContext, value: bool | None) -> str | None:
    if value is None:
        return None
    return ctx.t("report.flag_yes") if value else ctx.t("report.flag_no")


def _label(ctx: ReportContext, value: Any) -> str | None:
    return None if value is None else ctx.label(value)


def _cols(ctx: ReportContext, *spec: tuple[str, ColumnKind]) -> list[Column]:
    return [Column(ctx.t(C + name), kind) for name, kind in spec]


T, INT, D, DEC, CODE, MBPS = (
    ColumnKind.text,
    ColumnKind.int,
    ColumnKind.date,
    ColumnKind.decimal,
    ColumnKind.code,
    ColumnKind.mbps,
)


def _segment(ctx: ReportContext, segment_id: str) -> str:
    return ctx.node_name(f"segment:{segment_id}")


def _server(ctx: ReportContext, server_id: str) -> str:
    return ctx.node_name(f"server:{server_id}")


def _inventory_tables(ctx: ReportContext) -> list[Table]:
    inv = ctx.inventory
    sep = ctx.t("phrase.list_separator")
    segments = Table(
        ctx.t(C + "segments"),
        _cols(ctx, ("col_id", CODE), ("col_name", T), ("col_zone", T), ("col_routes", T)),
        [[s.id, s.name, ctx.label(s.zone), sep.join(_segment(ctx, r.to) for r in s.routes)] for s in inv.segments],
        sheet=ctx.t("report.sheet.segments"),
    )
    servers = Table(
        ctx.t(C + "servers"),
        _cols(
            ctx,
            ("col_id", CODE),
            ("col_hostname", CODE),
            ("col_segment", T),
            ("col_role", T),
            ("col_os", T),
            ("col_eos", D),
            ("col_vcpu", INT),
            ("col_memory", DEC),
            ("col_storage", DEC),
            ("col_protection", T),
            ("col_patched", D),
        ),
        [
            [
                s.id,
                s.hostname,
                _segment(ctx, s.segment),
                ctx.label(s.role),
                " ".join(p for p in (s.os_name, s.os_version) if p) or None,
                s.end_of_support,
                s.vcpu,
                s.memory_gb,
                s.storage_gb,
                ctx.label(s.protection),
                s.last_patched,
            ]
            for s in inv.servers
        ],
        sheet=ctx.t("report.sheet.servers"),
    )
    systems = Table(
        ctx.t(C + "systems"),
        _cols(
            ctx,
            ("col_id", CODE),
            ("col_name", T),
            ("col_category", T),
            ("col_vendor", T),
            ("col_criticality", INT),
            ("col_servers", T),
        ),
        [
            [s.id, s.name, ctx.label(s.category), s.vendor, s.criticality, sep.join(_server(ctx, x) for x in s.servers)]
            for s in inv.systems
        ],
        sheet=ctx.t("report.sheet.systems"),
    )
    connections = Table(
        ctx.t(C + "connections"),
        _cols(
            ctx,
            ("col_id", CODE),
            ("col_kind", T),
            ("col_operator", T),
            ("col_device", T),
            ("col_version", T),
            ("col_lands_in", T),
            ("col_serves", T),
            ("col_mfa", T),
            ("col_always_on", T),
            ("col_closed", T),
            ("col_bandwidth", MBPS),
        ),
        [
            [
                c.id,
                ctx.label(c.kind),
                c.operator,
                " ".join(p for p in (c.device_vendor, c.device_product) if p) or None,
                c.device_version,
                _segment(ctx, c.lands_in),
                sep.join(ctx.system_name(x) for x in c.serves),
                _flag(ctx, c.mfa),
                _flag(ctx, c.always_on),
                _flag(ctx, c.closed_network),
                c.bandwidth_mbps,
            ]
            for c in inv.connections
        ],
        sheet=ctx.t("report.sheet.connections"),
    )
    flows = Table(
        ctx.t(C + "flows"),
        _cols(ctx, ("col_from", T), ("col_to", T), ("col_protocol", T), ("col_mbps", MBPS)),
        [[ctx.system_name(f.source), ctx.system_name(f.target), ctx.label(f.protocol), f.mbps] for f in inv.flows],
        sheet=ctx.t("report.sheet.flows"),
    )
    return [segments, servers, systems, connections, flows]


def _setting_source(sources: dict[str, str], key: str) -> str | None:
    # Settings are listed with their section (`cost.power.pue`); sources may be keyed with or without it.
    return sources.get(key) or sources.get(key.partition(".")[2]) or None


def _value_text(value: Any, lang: str) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        return format_date(date.fromisoformat(value), lang)
    if isinstance(value, list | tuple):
        return ", ".join(_value_text(v, lang) for v in value)
    return str(value)


def _assumption_tables(ctx: ReportContext) -> list[Table]:
    a = ctx.assessment
    cost = a.cost
    settings = Table(
        ctx.t(C + "settings"),
        _cols(ctx, ("col_key", CODE), ("col_value", T), ("col_source", T)),
        [
            [key, _value_text(value, ctx.lang), _setting_source(cost.setting_sources, key)]
            for key, value in sorted(cost.settings_used.items())
        ],
        sheet=ctx.t("report.sheet.settings"),
    )
    items = Table(
        ctx.t(C + "items"),
        _cols(
            ctx,
            ("col_item", CODE),
            ("col_kind", T),
            ("col_unit", T),
            ("col_price", DEC),
            ("col_currency", T),
            ("col_manual", T),
            ("col_source", T),
        ),
        [
            [i.id, str(i.kind), str(i.unit), i.price, str(i.currency), _flag(ctx, i.manual), i.source]
            for i in sorted(cost.items_used, key=lambda i: i.id)
        ],
        sheet=ctx.t("report.sheet.prices"),
    )
    s = a.sources
    sources = Table(
        ctx.t(C + "sources"),
        _cols(ctx, ("col_data", T), ("col_version_id", T)),
        [
            [ctx.t(C + "source_as_of"), format_date(a.as_of, ctx.lang)],
            [ctx.t(C + "source_tool"), a.tool_version],
            [ctx.t(C + "source_kev"), s.kev],
            [ctx.t(C + "source_likelihoods"), s.likelihoods],
            [ctx.t(C + "source_os"), s.os_lifecycle],
            [ctx.t(C + "source_fee_revisions"), s.fee_revisions],
            [ctx.t(C + "source_catalog"), s.price_catalog],
            [ctx.t(C + "source_catalog_as_of"), format_date(s.price_catalog_as_of, ctx.lang)],
            [ctx.t(C + "source_settings"), s.settings_file],
            [ctx.t(C + "source_prices"), s.prices_file],
        ],
        sheet=ctx.t("report.sheet.sources"),
    )
    return [sources, settings, items]


def build(ctx: ReportContext) -> Section:
    findings, gaps = all_findings_tables(ctx)
    parts: list[Part] = [
        Paragraph(ctx.t(C + "intro")),
        *calibration_parts(ctx),  # what the exposure index's bands mean and rest on
        TablePart(findings, sheet=False),  # the workbook has them with the findings
        TablePart(gaps, sheet=False),
    ]
    parts.append(TablePart(strategy_tables(ctx)[1], sheet=False))  # the workbook has it with the plan
    paths = ordered_paths(ctx)
    if paths:
        parts += [Heading(ctx.t(C + "paths")), AttackPaths(path_views(ctx, paths))]
    parts += [TablePart(t) for t in _assumption_tables(ctx) + _inventory_tables(ctx)]
    return Section("appendix", ctx.t(C + "title"), parts, printed=False)
