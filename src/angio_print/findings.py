"""One shape for every problem the tool reports: content, catalogs, checks, builds."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int | None
    message: str
    severity: str = ERROR
    lang: str | None = None
    section: str | None = None
    check: str = ""

    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def format(self) -> str:
        where = self.location()
        lang = f" [{self.lang}]" if self.lang else ""
        return f"{where}:{lang} {self.severity}: {self.message}"

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "lang": self.lang,
            "section": self.section,
            "severity": self.severity,
            "check": self.check,
            "message": self.message,
        }


def display_path(path: Path | str, root: Path | None = None) -> str:
    path = Path(path)
    for base in filter(None, (root, Path.cwd())):
        try:
            return str(path.resolve().relative_to(base.resolve()))
        except ValueError:
            continue
    return str(path)


@dataclass
class UserError(Exception):
    """A mistake in the user's input or command: reported, never a traceback."""

    findings: list[Finding] = field(default_factory=list)
    exit_code: int = 2

    @classmethod
    def single(cls, path, line, message, exit_code: int = 2) -> "UserError":
        return cls([Finding(str(path), line, message)], exit_code)

    def __str__(self) -> str:
        return "\n".join(f.format() for f in self.findings)


def did_you_mean(name: str, choices) -> str:
    """" (did you mean 'x'?)" when one of `choices` is close to a misspelt `name`, else ""."""
    close = difflib.get_close_matches(name, list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""
