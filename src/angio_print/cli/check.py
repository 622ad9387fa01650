"""`angio-print check`: check content, catalogs, readability and, with --pdf, the printed files."""

from __future__ import annotations

from pathlib import Path

from angio_print.cli.common import lang_option, language_codes, leaflet_option, project

HELP = "check content, catalogs and readability"


def add_arguments(parser) -> None:
    lang_option(parser)
    parser.add_argument("--format", choices=["text", "json", "html"], default="text")
    parser.add_argument("--output", type=Path, help="write the report to this file instead of the screen")
    parser.add_argument("--strict", action="store_true", help="warnings count as errors")
    parser.add_argument("--pdf", type=Path, metavar="DIR", help="also read back the PDFs in DIR")
    leaflet_option(parser)


def run(args) -> int:
    from angio_print.checks.report import run_check

    chosen = project(args)
    return run_check(chosen, language_codes(chosen, args.lang), args.format, args.strict, args.output, args.pdf,
                     args.leaflet)
