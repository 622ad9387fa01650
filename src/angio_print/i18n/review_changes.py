"""What changed in a language since its last recorded review: new, changed, removed.

Compares the messages signed off in `review.json` with the catalog now. Text
is compared word by word, so a reviewer sees exactly which words moved.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from babel.messages.catalog import Message

_WORDS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Piece:
    """A run of text in a diff: kind is 'same', 'old' (removed) or 'new' (added)."""

    kind: str
    text: str


def word_diff(old: str, new: str) -> list[Piece]:
    before, after = _WORDS.findall(old), _WORDS.findall(new)
    pieces: list[Piece] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", "".join(before[a1:a2])))
            continue
        if a2 > a1:
            pieces.append(Piece("old", "".join(before[a1:a2])))
        if b2 > b1:
            pieces.append(Piece("new", "".join(after[b1:b2])))
    return pieces


@dataclass(frozen=True)
class Change:
    context: str
    kind: str  # "new", "changed" or "removed"
    source: list[Piece] = field(default_factory=list)
    translation: list[Piece] = field(default_factory=list)


def changes_since(reviewed: dict[str, dict], messages: list[Message]) -> list[Change]:
    """Changes from the signed-off snapshot to `messages`, in catalog order, removals last.

    `reviewed` holds only the messages in the packet's scope."""
    found: list[Change] = []
    current = {m.context: m for m in messages}
    for context, message in current.items():
        old = reviewed.get(context)
        if old is None:
            found.append(Change(context, "new", [Piece("same", message.id)], [Piece("same", message.string or "")]))
        elif old["source"] != message.id or old["translation"] != (message.string or ""):
            found.append(Change(context, "changed", word_diff(old["source"], message.id),
                                word_diff(old["translation"], message.string or "")))
    for context, old in reviewed.items():
        if context not in current:
            found.append(Change(context, "removed", [Piece("old", old["source"])], [Piece("old", old["translation"])]))
    return found
