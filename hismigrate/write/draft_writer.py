"""The files of an import: a YAML fragment's header (what was imported, skipped and how it was sized), and the
files of a draft inventory folder (hospital, segments, servers, systems, TODO.md)."""

from __future__ import annotations

from pathlib import Path

from hismigrate import __version__
from hismigrate.i18n import t
from hismigrate.load.importers.draft_inventory import DraftInventory
from hismigrate.load.importers.result import ImportResult
from hismigrate.load.importers.todo import todo_markdown
from hismigrate.write.yaml_writer import dump_yaml, inventory_document


def import_header(result: ImportResult, lang: str) -> list[str]:
    """Where the servers came from, what was skipped (named) and the import's remarks (the storage rule...)."""
    header = [
        t(
            "imports.summary.header",
            lang,
            source=t(f"imports.source.{result.source}", lang),
            file=Path(result.file).name,
            version=__version__,
            servers=len(result.servers),
            rows=result.rows,
        )
    ]
    if result.hosts:
        header.append(t("imports.summary.header_hosts", lang, count=len(result.hosts)))
    for reason in result.skipped_counts():
        names = ", ".join(s.name for s in result.skipped if s.reason == reason)
        header.append(
            t("imports.summary.header_skipped", lang, reason=t(f"imports.skip_reason.{reason}", lang), names=names)
        )
    header += [t(f"imports.remark.{key}", lang, **params) for key, params in result.remarks]
    return header


def draft_files(result: ImportResult, draft: DraftInventory, todo: list[str], lang: str) -> dict[str, str]:
    """File name -> text: one YAML file per part (the folder loads as one inventory) and TODO.md."""
    document = inventory_document(draft.inventory)
    draft_note = t("imports.init.header", lang)
    files = {
        "hospital.yaml": dump_yaml({"hospital": document["hospital"]}, draft_note),
        "segments.yaml": dump_yaml({"segments": document.get("segments", [])}, draft_note),
        "servers.yaml": dump_yaml({"servers": document.get("servers", [])}, "\n".join(import_header(result, lang))),
        "systems.yaml": dump_yaml({"systems": document.get("systems", [])}, draft_note),
        "TODO.md": todo_markdown(todo, t("imports.todo.title", lang)),
    }
    return files
