"""Cut a large inventory file into pieces that parse on their own, so that one file can be parsed on several cores.

Only the plain shape that inventory files have is cut: comments and blank lines, one top-level key of a list part
(`servers:`), then its items, each starting with `- ` at one indentation. A piece is that key line followed by a run
of whole items. Where the shape is anything else, the file is not cut.

Cutting at a line that starts an item at the list's indentation cannot change what an item means, with two
exceptions that the pieces then report themselves: a quoted text or a `[...]`/`{...}` running over several lines
(the piece before the cut ends inside it: a syntax error), and an alias to an anchor in an earlier piece (an
undefined alias). So the caller parses the pieces, and when any piece fails, parses the whole file instead: the
result, or the error and its line, is always that of the whole file.
"""

from __future__ import annotations

import re

_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*):[ \t]*(?:#.*)?$")
_CONTENT = re.compile(r"^[ \t]*[^ \t\r\n#]", re.MULTILINE)  # a line that is not blank or a comment


def split_items(text: str, parts: frozenset[str] | set[str], pieces: int) -> list[str] | None:
    """`text` as up to `pieces` texts of whole items and of about equal size, each `<key line>` + items, in order;
    None when `text` is not one list part's key followed by its items (see the module's description)."""
    if pieces < 2:
        return None
    head = _CONTENT.search(text)
    if head is None:
        return None
    line_end = text.find("\n", head.start())
    line_end = len(text) if line_end < 0 else line_end + 1
    key = _KEY.match(text[head.start() : line_end].rstrip("\r\n"))
    if key is None or key.group(1) not in parts or head.start() != text.rfind("\n", 0, head.start()) + 1:
        return None
    key_line, body = key.group(), text[line_end - 1 :]  # from the key line's break
    first = _CONTENT.search(body)
    if first is None:
        return None
    indent = len(first.group()) - 1  # the first item's indentation
    # Patterns start at a line break, not at `^`: the engine then skips from one line break to the next.
    item = re.compile(rf"\n {{{indent}}}-[ \t\r\n]")
    if not item.match(body, first.start() - 1):
        return None
    # Any line left of the items, or at their indentation but not an item, that is not blank or a comment: another
    # key, a document marker, a directive, a tab where an indentation should be. Then the file is not cut.
    left = rf" {{0,{indent - 1}}}[^ \t\r\n#]|" if indent else ""
    stray = re.compile(rf"\n(?: {{0,{indent}}}\t|{left} {{{indent}}}(?!-[ \t\r\n])[^ \t\r\n#])")
    if stray.search(body, first.start() - 1):
        return None
    out: list[str] = []
    begin, size = first.start(), len(body) - first.start()
    for k in range(1, pieces):
        cut = item.search(body, max(begin, first.start() + size * k // pieces))
        if cut is None:
            break
        out.append(key_line + "\n" + body[begin : cut.start() + 1])
        begin = cut.start() + 1
    out.append(key_line + "\n" + body[begin:])
    return out if len(out) > 1 else None


__all__ = ["split_items"]
