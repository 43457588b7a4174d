"""Checks on systems: standards for the national EMR information-sharing service, hosting and recovery targets."""

from __future__ import annotations

from collections.abc import Iterator

from hismigrate.exposure.check import Check, Context, Hit, subject
from hismigrate.model.enums import Standard
from hismigrate.model.exposure import Severity


def no_fhir(ctx: Context) -> Iterator[Hit]:
    """The service exchanges 3 documents and 6 items in HL7 FHIR: the systems that produce them need it."""
    needed = ctx.thresholds.fhir_categories
    for system in ctx.systems:
        if system.category.value in needed and Standard.fhir not in system.standards:
            yield Hit(
                subject("system", system.id),
                {"category": system.category.value, "standards": ", ".join(s.value for s in system.standards) or None},
            )


def no_known_host(ctx: Context) -> Iterator[Hit]:
    for system in ctx.on_prem_systems:
        if not system.servers:
            yield Hit(subject("system", system.id), {"servers": None, "in_cloud": False})


def critical_without_rto(ctx: Context) -> Iterator[Hit]:
    for system in ctx.systems:
        if system.criticality == 1 and system.rto_hours is None:
            yield Hit(subject("system", system.id), {"criticality": 1, "rto_hours": None})


CHECKS: tuple[Check, ...] = (
    Check(
        "HIS-SYS-001",
        Severity.info,
        "systems",
        "system",
        ("EMR information-sharing service (HL7 FHIR)",),
        no_fhir,
        "static",
    ),
    Check("HIS-SYS-002", Severity.low, "systems", "system", ("MHLW-R6 2-(1)",), no_known_host, "on_prem_system"),
    Check("HIS-SYS-003", Severity.medium, "systems", "system", ("MHLW-R6 3-(3)",), critical_without_rto, "static"),
)
