"""What every command shares: the parser that exits 2 on a usage error, the project, language codes, options."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from angio_print.findings import UserError
from angio_print.model.languages import UnknownLanguage, get_language
from angio_print.model.project import Project, load_project

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors exit 2 with one line, like argparse, never a traceback
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"angio-print: error: {message}\n")


def project(args) -> Project:
    return load_project(args.project)


def language_codes(project: Project, codes, label: str = "--lang") -> list[str] | None:
    """The canonical codes of the languages named, or None when none were.

    Takes the loaded project because its [languages.CODE] overrides are known only then.
    """
    if not codes:
        return None
    try:
        return [get_language(code).code for code in codes]
    except UnknownLanguage as error:
        raise UserError.single(label, None, str(error)) from None


def migrated(project: Project) -> None:
    """Catalogs still in the one-catalog layout are split per leaflet first (nothing is lost)."""
    from angio_print.i18n.migrate import migrate, needs_migration

    if needs_migration(project):
        for line in migrate(project).lines():
            print(f"migrate: {line}")


def leaflet_option(parser, help_text: str = "only this leaflet (repeatable)") -> None:
    parser.add_argument("--leaflet", action="append", metavar="NAME", help=help_text)


def lang_option(parser) -> None:
    parser.add_argument("--lang", action="append", metavar="CODE", help="only this language (repeatable)")


def out_option(parser, default: Path | None = Path("dist"), help_text: str = "output folder (default: dist)") -> None:
    parser.add_argument("--out", type=Path, default=default, help=help_text)
