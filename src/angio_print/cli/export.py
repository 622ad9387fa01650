"""`angio-print export LANG`: a language's messages as XLIFF 1.2 for a CAT tool."""

from __future__ import annotations

from pathlib import Path

from angio_print.cli.common import language_codes, project
from angio_print.findings import display_path

HELP = "write a language's messages as XLIFF for a CAT tool"


def add_arguments(parser) -> None:
    parser.add_argument("lang", metavar="LANG")
    parser.add_argument("--leaflet", metavar="NAME", help="only this leaflet's messages (and the shared ones)")
    parser.add_argument("--format", choices=["xliff"], default="xliff", help="file format (default: xliff, version 1.2)")
    parser.add_argument("--out", type=Path, help="output file (default: LANG.xlf, or NAME-LANG.xlf with --leaflet)")


def run(args) -> int:
    from angio_print.i18n.xliff import write_export

    chosen = project(args)
    lang = language_codes(chosen, [args.lang])[0]
    out = args.out or Path(f"{args.leaflet}-{lang}.xlf" if args.leaflet else f"{lang}.xlf")
    count = write_export(chosen, lang, args.leaflet, out)
    print(f"wrote {display_path(out)}: {count} units")
    return 0
