"""Every registered message check, run on one translated message."""

from __future__ import annotations

from angio_print.checks import facts, safety, style
from angio_print.checks.registry import MessagePair, message_checks
from angio_print.checks.termbase import Termbase

# Each family registers its checks on import. Safety runs first, so that a
# runaway paste or broken markup is what a translator is told about first.
FAMILIES = (safety, facts, style)


def _in_order():
    rank = {family.__name__: index for index, family in enumerate(FAMILIES)}
    return sorted(message_checks(), key=lambda check: rank.get(check.run.__module__, len(FAMILIES)))


def check_message(source: str, translation: str, lang: str, termbase: Termbase | None = None) -> list[tuple[str, str, str]]:
    """(severity, check, message) for one translated message."""
    pair = MessagePair(source, translation, lang, termbase)
    found: list[tuple[str, str, str]] = []
    for check in _in_order():
        problems = [(check.severity, check.name, text) for text in check.run(pair)]
        if problems and check.exclusive:
            return problems
        found += problems
    return found
