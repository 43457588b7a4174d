"""`hismigrate import rvtools|azure-migrate|aws-migration-hub`: discovery-tool exports -> a `servers:` fragment."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hismigrate.cli.common import console, guarded, message_language
from hismigrate.cli.help import CliTyper
from hismigrate.i18n import t
from hismigrate.parallel import large_heap

if TYPE_CHECKING:
    from hismigrate.load.importers.result import ImportResult

app = CliTyper(no_args_is_help=True)

_PLACEHOLDER_SEGMENT = "unassigned"  # only for servers that --merge matches (they keep their own segment)

OutputOpt = Annotated[Path, typer.Option("-o", "--output")]
SegmentOpt = Annotated[
    str | None,
    typer.Option(
        "--segment",
    ),
]
MergeOpt = Annotated[
    Path | None,
    typer.Option(
        "--merge",
    ),
]
LangOpt = Annotated[str | None, typer.Option("--lang")]


@app.command("rvtools")
@guarded
def rvtools(
    file: Annotated[Path, typer.Argument()],
    output: OutputOpt,
    segment: SegmentOpt = None,
    include_powered_off: Annotated[bool, typer.Option("--include-powered-off")] = False,
    include_templates: Annotated[bool, typer.Option("--include-templates")] = False,
    merge: MergeOpt = None,
    lang: LangOpt = None,
) -> None:
    """Import the VMs of an RVTools export: powered-on, non-template VMs become servers naming their hypervisor
    host; the hosts of vHost become servers of role hypervisor, a cluster's hosts sharing its name as redundancy
    group."""
    from hismigrate.load.importers.rvtools import RvtoolsOptions, import_rvtools

    language = message_language(lang)
    options = RvtoolsOptions(_segment(segment, merge), include_powered_off, include_templates, language)
    _finish(import_rvtools(file, options), output, segment, merge, language)


@app.command("azure-migrate")
@guarded
def azure_migrate(
    file: Annotated[Path, typer.Argument()],
    output: OutputOpt,
    segment: SegmentOpt = None,
    merge: MergeOpt = None,
    lang: LangOpt = None,
) -> None:
    """Import the servers of an Azure Migrate import CSV."""
    from hismigrate.load.importers.azure_migrate import import_azure_migrate

    language = message_language(lang)
    _finish(import_azure_migrate(file, _segment(segment, merge)), output, segment, merge, language)


@app.command("aws-migration-hub")
@guarded
def aws_migration_hub(
    file: Annotated[Path, typer.Argument()],
    output: OutputOpt,
    segment: SegmentOpt = None,
    merge: MergeOpt = None,
    lang: LangOpt = None,
) -> None:
    """Import the servers of an AWS Migration Hub import CSV."""
    from hismigrate.load.importers.aws_migration_hub import import_aws_migration_hub

    language = message_language(lang)
    result = import_aws_migration_hub(file, _segment(segment, merge), language)
    _finish(result, output, segment, merge, language)


def _segment(segment: str | None, merge: Path | None) -> str | None:
    """--segment; with --merge, new servers need it (matched ones keep their own); else None: from the networks."""
    if segment is None and merge is not None:
        return _PLACEHOLDER_SEGMENT
    return segment


@large_heap()
def _finish(result: ImportResult, output: Path, segment: str | None, merge: Path | None, lang: str) -> None:
    """Merge if asked, write the fragment atomically with a header that counts what was skipped, print a summary."""
    from hismigrate.atomic import write_text
    from hismigrate.load.importers.draft_inventory import draft_segments
    from hismigrate.write.draft_writer import import_header
    from hismigrate.write.yaml_writer import dump_yaml

    source = t(f"imports.source.{result.source}", lang)
    servers = list(result.all_servers())
    header = import_header(result, lang)
    merged = None
    if merge is not None:
        from hismigrate.load import load_inventory
        from hismigrate.load.importers.merge import merge_servers
        from hismigrate.load.validate import check_inventory

        inventory = load_inventory(merge)
        merged = merge_servers(inventory, result.all_servers(), segment, result.file)
        check_inventory(inventory.model_copy(update={"servers": list(merged.servers)}), str(output))
        servers = list(merged.servers)
        header.append(
            t(
                "imports.summary.header_merged",
                lang,
                inventory=str(merge),
                updated=merged.updated,
                added=merged.added,
                kept=merged.kept,
            )
        )
    document: dict[str, object] = {}
    if segment is None and merge is None:  # the servers' own segments, derived from their networks
        document["segments"] = [
            s.model_dump(mode="json", exclude_defaults=True) for s in draft_segments(result.segments, lang)
        ]
    document["servers"] = [s.model_dump(mode="json", by_alias=True, exclude_defaults=True) for s in servers]
    write_text(output, dump_yaml(document, "\n".join(header)))
    _say(
        t(
            "imports.summary.written",
            lang,
            path=str(output),
            servers=len(result.servers),
            rows=result.rows,
            source=source,
            file=result.file,
        ),
    )
    say_skipped_and_remarks(result, lang)
    if merged is not None:
        _say(
            t(
                "imports.summary.merged",
                lang,
                inventory=str(merge),
                updated=merged.updated,
                added=merged.added,
                kept=merged.kept,
            ),
        )


def say_skipped_and_remarks(result: ImportResult, lang: str) -> None:
    """What was skipped (with the option that brings it back) and the import's remarks."""
    options = {
        "template": "--include-templates",
        "powered_off": "--include-powered-off",
        "suspended": "--include-powered-off",
    }
    for reason, count in result.skipped_counts().items():
        label = t(f"imports.skip_reason.{reason}", lang)
        if reason in options:
            _say(t("imports.summary.skipped", lang, count=count, reason=label, option=options[reason]))
        else:
            _say(t("imports.summary.skipped_always", lang, count=count, reason=label))
    for key, params in result.remarks:
        _say("  " + t(f"imports.remark.{key}", lang, **params))


def _say(text: str) -> None:
    """Print a line as it is: file names may hold brackets that rich would take for markup."""
    console.print(text, markup=False, soft_wrap=True)
