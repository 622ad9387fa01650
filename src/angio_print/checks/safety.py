"""Message checks that keep untrusted text text: no runaway pastes, control characters or foreign markup."""

from __future__ import annotations

import unicodedata
from collections import Counter

from angio_print.checks.registry import MessagePair, message_check
from angio_print.i18n.pofile import PLACEHOLDER
from angio_print.model import markup

RUNAWAY_RATIO, RUNAWAY_CHARS = 10, 3000  # longer is a paste by mistake, and layout would run for minutes


@message_check("runaway", exclusive=True)
def runaway(pair: MessagePair):
    """A translation many times longer than its source was pasted by mistake."""
    source, translation = pair.source, pair.translation
    if len(translation) > RUNAWAY_CHARS and len(translation) > RUNAWAY_RATIO * len(source):
        yield (f"the translation is {len(translation):,} characters, {len(translation) / max(len(source), 1):.0f}× "
               "its source: something was pasted in by mistake; translate only this message")


@message_check("placeholders")
def placeholders(pair: MessagePair):
    """Placeholders such as {date} are copied exactly."""
    wanted, got = Counter(PLACEHOLDER.findall(pair.source)), Counter(PLACEHOLDER.findall(pair.translation))
    if wanted != got:
        missing = ", ".join(sorted((wanted - got).elements())) or "none"
        extra = ", ".join(sorted((got - wanted).elements())) or "none"
        yield (f"placeholders differ from the source (missing: {missing}; unknown: {extra}): "
               "copy them exactly, e.g. {date}")


@message_check("control")
def control_characters(pair: MessagePair):
    """No line breaks, carriage returns or form feeds the source does not have."""
    controls = sorted({c for c in pair.translation if unicodedata.category(c) in ("Cc", "Zl", "Zp")
                       and c not in pair.source})
    if controls:
        yield (f"the translation holds the control character(s) {', '.join(f'U+{ord(c):04X}' for c in controls)} "
               "(a line break, carriage return or form feed): remove them")


@message_check("markup")
def inline_markup(pair: MessagePair):
    """Only <strong> and <em>, around the same words as in the source."""
    foreign = markup.foreign_tags(pair.translation)
    if foreign:
        yield f"markup {', '.join(foreign)} is not allowed (only <strong> and <em>): remove it"
    try:
        markup.parse(pair.translation)
    except markup.MarkupError as error:
        yield f"broken markup: {error}"
        return
    if markup.tag_sequence(pair.source) != markup.tag_sequence(pair.translation):
        yield (f"inline markup differs from the source ({' '.join(markup.tag_sequence(pair.source)) or 'none'}): "
               "keep the same tags around the matching words")
