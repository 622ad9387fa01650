"""Every check the tool runs, declared once: its name, what it looks at, how serious it is, whether it stops a build.

A message check is a function from a MessagePair to the problems it finds (one
sentence each, saying what to do); registering it with @message_check is all
it takes for `check`, the build's gate and XLIFF import to run it. Checks of
other scopes are declared here by name, where the code that runs them lives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from angio_print.findings import ERROR, WARNING, Finding

SCOPES = ("source", "message", "catalog", "pdf")


@dataclass(frozen=True)
class MessagePair:
    """One English message and its translation, with what the checks need to judge it."""

    source: str
    translation: str
    lang: str
    termbase: object | None = None  # a Termbase, or None when the language has none


@dataclass(frozen=True)
class Check:
    name: str
    scope: str
    severity: str
    doc: str
    stops_build: bool
    run: Callable[[MessagePair], Iterable[str]] | None = None
    exclusive: bool = False  # when it finds something, the other message checks are skipped


CHECKS: dict[str, Check] = {}


def declare(name: str, scope: str, severity: str, doc: str, *, stops_build: bool | None = None,
            run=None, exclusive: bool = False) -> Check:
    """Add a check to the registry; by default an error stops a build, except in a printed PDF (already built)."""
    if scope not in SCOPES:
        raise ValueError(f"check {name}: scope must be one of {SCOPES}")
    if name in CHECKS and CHECKS[name].scope == scope and CHECKS[name].run is not run:
        raise ValueError(f"check {name} is declared twice")
    stops = severity == ERROR and scope != "pdf" if stops_build is None else stops_build
    CHECKS[name] = Check(name, scope, severity, doc, stops, run, exclusive)
    return CHECKS[name]


def message_check(name: str, severity: str = ERROR, *, exclusive: bool = False, stops_build: bool | None = None):
    """Register the decorated function as a check of every translated message; its docstring is the check's doc."""
    def register(function):
        declare(name, "message", severity, (function.__doc__ or "").strip(), stops_build=stops_build,
                run=function, exclusive=exclusive)
        return function
    return register


def message_checks() -> list[Check]:
    return [check for check in CHECKS.values() if check.scope == "message"]


def stops_build(finding: Finding) -> bool:
    """An error of a check that stops builds; an error of an undeclared check stops it too."""
    check = CHECKS.get(finding.check)
    return finding.severity == ERROR and (check is None or check.stops_build)


__all__ = ["CHECKS", "ERROR", "WARNING", "Check", "MessagePair", "declare", "message_check", "message_checks",
           "stops_build"]
