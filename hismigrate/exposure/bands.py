"""The exposure index's five bands and their calibration.

The index (0-100) is 100 x the criticality-weighted mean, over every system, of the likelihood of its most likely
attack path (exposure.index). Read it as "how likely, on average and weighting the systems care depends on, an
attacker's way in reaches a system". Its bands (thresholds in data/attack_likelihoods.yaml, `index.bands`):

| band | index | in words |
| --- | --- | --- |
| low | 0 - 10 | the MHLW checklist and guideline 6.0 are followed; a way in is unlikely at every step |
| moderate | 10 - 25 | controls hold on the main ways in; some steps are weak |
| high | 25 - 40 | an attacker who gets in has likely steps to systems care depends on |
| very_high | 40 - 55 | likely ways in and likely steps to critical systems |
| critical | 55 - 100 | the pattern of the 2021 and 2022 hospital ransomware cases: a way in that is being exploited and a short, likely path to the systems care stops without |

Calibration (tests/exposure/test_calibration.py keeps it; as of the dates of the cases, likelihoods of 2026-12):
- tests/scenarios/handa_2021 (the 2021 town hospital as DOMAIN.md and the public report describe it: a FortiGate
  with CVE-2018-13379 always on into a flat clinical LAN, an out-of-support OS without antivirus, one local
  administrator password, online backups only): index 84.9, `critical`; its EMR 0.88.
- tests/scenarios/osaka_2022 (the 2022 general hospital: the catering contractor's always-on VPN trusted as a closed
  network, any-to-any into the core, RDP on the catering server, one local administrator password, no antivirus on
  the EMR servers): index 66.8, `critical`; its EMR 0.70, reached through the route (rank 1) and through the shared
  password (ranks 2 and 3).
- tests/scenarios/well_run (a hospital following the checklist and guideline 6.0: personal vendor accounts with MFA,
  on-demand source-restricted lines, current firmware, EDR, LAPS, RDP off, offline backups, filtered segments):
  index 0.1, `low`.
- Fixing the entry line of either case (firmware, MFA, on demand, source restriction, personal accounts) at least
  halves the EMR's likelihood and lowers the band.
- The critical threshold (55) sits about twelve points below the 2022 case: a hospital built like it is named
  critical even when a few facts differ (the case's line was a carrier closed network, which lowers every way in). The low threshold (10) sits far above the well-run hospital, so
  that a hospital with a single weak line (say one always-on vendor line without MFA into a filtered segment) is still
  `low` or `moderate` rather than alarming the board.
Bands are for reading the index, not a separate scale: the same index always gives the same band.
"""

from __future__ import annotations

from hismigrate.exposure.likelihoods import Likelihoods, load_likelihoods
from hismigrate.model.exposure import Band, BandThreshold, Calibration, ControlFactor


def band_of(index: float, lk: Likelihoods | None = None) -> Band:
    """The band an index falls in (a band holds the indexes from its threshold up to the next one's)."""
    bands = (lk or load_likelihoods()).bands
    found = bands[0][0]
    for name, lowest in bands:
        if index >= lowest:
            found = name
    return Band(found)


def band_rank(band: Band | None) -> int:
    """0 for low ... 4 for critical (an unknown band ranks above every other: unknown is never safe)."""
    return len(Band) if band is None else list(Band).index(band)


def thresholds(lk: Likelihoods | None = None) -> tuple[tuple[Band, float], ...]:
    """(band, lowest index in it), lowest first, for the report's appendix."""
    return tuple((Band(name), lowest) for name, lowest in (lk or load_likelihoods()).bands)


def calibration(lk: Likelihoods | None = None) -> Calibration:
    """The bands and control factors in force, for the report's appendix."""
    lk = lk or load_likelihoods()
    return Calibration(
        likelihoods=lk.id,
        bands=tuple(BandThreshold(band=b, lowest=x) for b, x in thresholds(lk)),
        controls=tuple(ControlFactor(control=c.name, factor=c.factor, source=c.source) for c in lk.controls.values()),
    )
