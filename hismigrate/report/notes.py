"""An assessment's notes (what its figures could not rest on) in words, for the report's summary and the CLI."""

from __future__ import annotations

from hismigrate.i18n import t
from hismigrate.model.completeness import DRAFT_PARTS, Note


def note_text(note: Note, lang: str) -> str:
    """`draft_inventory` names how many items of each part are drafts; the others are one sentence each."""
    if note.key != "draft_inventory":
        return t(f"note.{note.key}", lang)
    parts = [
        t(f"note.part.{part}", lang, count=note.params[part]) for part in DRAFT_PARTS if note.params.get(part, 0) > 0
    ]
    return t("note.draft_inventory", lang, parts=t("note.separator", lang).join(parts))
