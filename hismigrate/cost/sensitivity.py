"""Sensitivity tornado: the plan's NPV with one driver at a low and a high value, everything else unchanged."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from hismigrate.cost.context import Context, Timing, make_context, settings_paths
from hismigrate.cost.flats import CLOUD, COMMON
from hismigrate.cost.ledger import BASELINE, Ledger
from hismigrate.cost.subjects import Affected, Subjects
from hismigrate.cost.totals import plan_npv
from hismigrate.model.cost import TornadoBar
from hismigrate.model.plan import MigrationPlan
from hismigrate.model.prices import PriceCatalog
from hismigrate.model.settings import CostSettings

Variant = Callable[[CostSettings, PriceCatalog], tuple[CostSettings, PriceCatalog]]

CLOUD_KINDS = {"compute", "block_storage", "object_storage", "egress", "platform"}


def _section(cost: CostSettings, name: str, **changes: object) -> CostSettings:
    return cost.model_copy(update={name: getattr(cost, name).model_copy(update=changes)})


def _rate(value: float) -> Variant:
    return lambda c, cat: (c.model_copy(update={"jpy_per_usd": {min(c.jpy_per_usd): value}}), cat)


def _prices(kinds: set[str], factor: float) -> Variant:
    return lambda c, cat: (c, cat.with_prices(kinds, factor))


def _egress(factor: float) -> Variant:
    return lambda c, cat: (_section(c, "cloud", egress_volume_factor=c.cloud.egress_volume_factor * factor), cat)


def _maintenance_share(value: float) -> Variant:
    return lambda c, cat: (_section(c, "maintenance", hardware_share=value), cat)


def _refresh(years: int) -> Variant:
    return lambda c, cat: (_section(c, "refresh", emr_class_years=years), cat)


def _revision(factor: float) -> Variant:
    def apply(c: CostSettings, cat: PriceCatalog) -> tuple[CostSettings, PriceCatalog]:
        table = {k: v * factor for k, v in c.revision.jpy_by_customisation.items()}
        return _section(c, "revision", jpy_by_customisation=table), cat

    return apply


def _staff(value: float) -> Variant:
    return lambda c, cat: (_section(c, "staff", cloud_share_iaas=value), cat)


# driver, (low label, variant), (high label, variant). Ranges follow issue 5 and the pilot report (139-180 JPY/USD).
DRIVERS: tuple[tuple[str, tuple[str, Variant], tuple[str, Variant]], ...] = (
    ("exchange_rate", ("139", _rate(139.0)), ("180", _rate(180.0))),
    ("cloud_prices", ("-20%", _prices(CLOUD_KINDS, 0.8)), ("+20%", _prices(CLOUD_KINDS, 1.2))),
    ("egress_volume", ("x0.5", _egress(0.5)), ("x3", _egress(3.0))),
    ("line_costs", ("x0.5", _prices({"line"}, 0.5)), ("x2", _prices({"line"}, 2.0))),
    ("maintenance_share", ("5%", _maintenance_share(0.05)), ("15%", _maintenance_share(0.15))),
    ("refresh_cycle", ("5y", _refresh(5)), ("7y", _refresh(7))),
    ("revision_rework", ("x0.5", _revision(0.5)), ("x2", _revision(2.0))),
    ("staff_savings", ("40%", _staff(0.6)), ("0%", _staff(1.0))),
)


# reference -> per scenario (baseline, plan) and part (on premises, cloud), the subjects whose lines name it
Dependencies = dict[str, Affected]


def subject_dependencies(ledger: Ledger) -> Dependencies:
    """For each setting or catalog reference named in a full run's bases, the subjects whose baseline and plan
    lines, on premises and in the cloud, name it (the lines no subject owns are rebooked in every run)."""
    deps: Dependencies = {}
    # The subjects of each scenario and part, by the settings and items their bases name: a basis object is shared
    # by many rows (alive in the ledger here), and many bases name the same settings, so each is read once.
    named: dict[int, tuple[str, ...]] = {}
    groups: dict[tuple[str, ...], tuple[tuple[list[str], list[str]], tuple[list[str], list[str]]]] = {}
    for (scenario, category, subject, _cash), basis in ledger.bases.items():
        refs = named.get(id(basis))
        if refs is None:
            refs = named[id(basis)] = tuple([r for r in basis if r.startswith(("setting:", "catalog:"))])
        group = groups.get(refs)
        if group is None:
            group = groups[refs] = (([], []), ([], []))
            for ref in refs:
                if ref not in deps:
                    deps[ref] = ((set(), set()), (set(), set()))
        if category not in COMMON:
            group[0 if scenario == BASELINE else 1][1 if category in CLOUD else 0].append(subject)
    for refs, group in groups.items():
        for ref in refs:
            found = deps[ref]
            for scenario in (0, 1):
                for part in (0, 1):
                    found[scenario][part].update(group[scenario][part])
    return deps


def changed_refs(reference: Context, variant: Context) -> set[str] | None:
    """The basis references a variant changes: settings paths that differ, and every item of a kind one of whose
    prices differs (the cheapest fitting item of a kind may change). None when items were added or removed."""
    before = {f"setting:{k}": v for k, v in settings_paths(reference.settings).items()}
    after = {f"setting:{k}": v for k, v in settings_paths(variant.settings).items()}
    refs = {k for k in before.keys() | after.keys() if before.get(k, _MISSING) != after.get(k, _MISSING)}
    old = {it.id: it for it in reference.catalog.items}
    new = {it.id: it for it in variant.catalog.items}
    if old.keys() != new.keys():
        return None
    kinds = {new[i].kind for i in new if new[i] != old[i]}
    refs.update(f"catalog:{it.id}" for it in new.values() if it.kind in kinds)
    return refs


_MISSING = object()


def _hit(refs: Iterable[str], changed: set[str]) -> set[str]:
    """The references that name a changed one, a part of one (`a.b` when `a.b.c` changed) or a whole that holds
    one (`a.b.c` when `a.b` changed)."""
    wholes = {c[:k] for c in changed for k, char in enumerate(c) if char == "."}
    return {
        ref
        for ref in refs
        if ref in changed or ref in wholes or any(ref[:k] in changed for k, char in enumerate(ref) if char == ".")
    }


def reuse(reference: Context, variant: Context, deps: Dependencies) -> None:
    """Give `variant` the reference's subject totals that the variant cannot change: those of every subject whose
    bases name none of the changed settings and items. This relies on every line's basis naming each setting and
    catalog item its amount depends on (tests compare every driver with a full recomputation)."""
    changed = changed_refs(reference, variant)
    if changed is None:
        return
    hit = _hit(deps, changed)
    affected: Affected = ((set(), set()), (set(), set()))
    for ref in hit:
        for scenario in (0, 1):
            for part in (0, 1):
                affected[scenario][part].update(deps[ref][scenario][part])
    # Before the subjects' totals, which book with them: the one-time lines of a system when none of their bases is
    # hit, and the servers' right-sized instances when the sizing settings and the compute items are the same.
    same_fit = variant.settings.sizing == reference.settings.sizing
    same_fit = same_fit and variant.of_kind("compute") == reference.of_kind("compute")
    kept = {"egress_gb", "fit"} if same_fit else {"egress_gb"}  # egress volumes are kept by the settings they read
    memo = variant.memo
    for key, value in reference.memo.items():
        if type(key) is not tuple:
            continue
        kind = key[0]
        if kind == "one_time":  # the key of a SystemOneTime (system_one_time)
            if hit.isdisjoint(value.refs):
                memo.setdefault(key, value)
        elif kind in kept:
            memo.setdefault(key, value)
    source = Subjects.of(reference)
    subjects = variant.memo.get("subjects")
    if subjects is None:
        subjects = variant.memo["subjects"] = Subjects(variant, like=source)
    subjects.adopt(source, affected)


def variant_npvs(ctx: Context, plan: MigrationPlan, deps: Dependencies, timing: Timing) -> list[Callable[[], int]]:
    """One task per driver and side (low, high, in the order of DRIVERS): the plan's NPV in that variant. Each books
    only the subjects the variant can change (`deps`: the subjects naming each setting and item, from the full run in
    `ctx`); `timing` is the plan's, the same in every variant (it reads the plan and the inventory only)."""
    return [
        partial(_variant_npv, ctx, plan, deps, timing, variant)
        for _driver, (_low_label, low), (_high_label, high) in DRIVERS
        for variant in (low, high)
    ]


def _variant_npv(ctx: Context, plan: MigrationPlan, deps: Dependencies, timing: Timing, variant: Variant) -> int:
    c, cat = variant(ctx.settings, ctx.catalog)
    other = make_context(ctx.inventory, c, cat, ctx.as_of, like=ctx)
    reuse(ctx, other, deps)
    value = plan_npv(other, plan, timing)[0]
    # The memo holds the subjects, which hold the context: a cycle, freed only by the cyclic collector (paused
    # during a run). Emptied here, each variant's totals go as soon as its figure is out.
    other.memo.clear()
    return value


def tornado_bars(values: list[int]) -> list[TornadoBar]:
    """The bars from the variants' NPVs (as `variant_npvs` orders them), widest swing first."""
    bars = [
        TornadoBar(driver=driver, low=low_label, high=high_label, npv_low_jpy=low, npv_high_jpy=high)
        for (driver, (low_label, _), (high_label, _)), low, high in zip(DRIVERS, values[::2], values[1::2], strict=True)
    ]
    return sorted(bars, key=lambda b: (-b.swing, b.driver))
