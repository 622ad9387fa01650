"""Message checks that warn of a translation that may be unfinished: identical, too long or short, other end mark."""

from __future__ import annotations

import re

from angio_print.checks.registry import WARNING, MessagePair, message_check
from angio_print.model import markup
from angio_print.model.languages import get_language

_END_MARKS = {".": ".", "。": ".", "．": ".", "।": ".", "۔": ".", "።": ".", "။": ".", "։": ".", "។": ".",
              "?": "?", "？": "?", "؟": "?", "፧": "?", "՞": "?", "!": "!", "！": "!", "՜": "!",
              ":": ":", "：": ":", "፥": ":"}
_TRAILING = "\"'”’»)]） \u00a0"


def _end_mark(text: str) -> str:
    stripped = markup.plain_text(text).rstrip(_TRAILING)
    return _END_MARKS.get(stripped[-1:], "") if stripped else ""


@message_check("identical", WARNING)
def identical(pair: MessagePair):
    """A translation identical to the English was probably not translated."""
    letters = re.sub(r"[\W\d_]", "", markup.plain_text(pair.source))
    if pair.translation.strip() == pair.source.strip() and len(letters) > 3 and not letters.isupper():
        yield "translation is identical to the English source: translate it"


@message_check("length", WARNING)
def length(pair: MessagePair):
    """A length outside the script's usual ratio to the English may miss or add something."""
    ratio = len(markup.plain_text(pair.translation)) / max(len(markup.plain_text(pair.source)), 1)
    low, high = get_language(pair.lang).script.length_ratio
    if len(pair.source) > 20 and not low <= ratio <= high:
        yield f"translation is {ratio:.1f}× the source length: check nothing is missing or added (a layout risk too)"


@message_check("punctuation", WARNING)
def end_mark(pair: MessagePair):
    """A sentence ends with the same kind of mark as the source (a full stop, question mark…)."""
    source, translation = _end_mark(pair.source), _end_mark(pair.translation)
    if source != translation:
        yield f"sentence ends with '{translation or 'nothing'}' where the source ends with '{source or 'nothing'}'"
