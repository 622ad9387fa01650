"""The `angio-print` command line: parse, call one function, map errors to exit codes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from angio_print.findings import UserError
from angio_print.formats import PAPERS, VARIANTS

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
COMMANDS = {"import": "import_", "review-packet": "review_packet"}  # command names that are not Python names


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors exit 2 with one line, like argparse, never a traceback
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"angio-print: error: {message}\n")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of workers: give a whole number of 1 or more")
    return value


def _shard(text: str) -> tuple[int, int]:
    parts = text.split("/")
    try:
        index, count = (int(p) for p in parts)
    except ValueError:
        index = count = 0
    if len(parts) != 2 or not 1 <= index <= count:
        raise argparse.ArgumentTypeError(f"'{text}' is not a shard: write K/N with 1 <= K <= N, like 2/3")
    return index, count


def _leaflet_option(parser) -> None:
    parser.add_argument("--leaflet", action="append", metavar="NAME", help="only this leaflet (repeatable)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="angio-print", description="Print patient leaflets in many languages.")
    parser.add_argument("--project", type=Path, default=Path("."), help="project folder (default: current folder)")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    build = commands.add_parser("build", help="print the leaflets to PDF")
    build.add_argument("--out", type=Path, default=Path("dist"), help="output folder (default: dist)")
    build.add_argument("--lang", action="append", metavar="CODE", help="only this language (repeatable)")
    build.add_argument("--paper", action="append", choices=list(PAPERS), help="paper size (repeatable)")
    build.add_argument("--variant", action="append", choices=list(VARIANTS),
                       help="leaflet variant (repeatable)")
    build.add_argument("--clinic", type=Path, help="clinic settings file (default: clinic.yaml if present)")
    build.add_argument("--jobs", type=_positive, default=None, help="parallel workers (default: number of cores)")
    build.add_argument("--force", action="store_true", help="rebuild every target, even if unchanged")
    _leaflet_option(build)
    build.add_argument("--shard", type=_shard, metavar="K/N", help="build only the K-th of N balanced shares of the targets")

    check = commands.add_parser("check", help="check content, catalogs and readability")
    check.add_argument("--lang", action="append", metavar="CODE", help="only this language (repeatable)")
    check.add_argument("--format", choices=["text", "json", "html"], default="text")
    check.add_argument("--output", type=Path, help="write the report to this file instead of the screen")
    check.add_argument("--strict", action="store_true", help="warnings count as errors")
    check.add_argument("--pdf", type=Path, metavar="DIR", help="also read back the PDFs in DIR")
    _leaflet_option(check)

    extract = commands.add_parser("extract", help="write locales/LEAFLET.pot per leaflet and locales/angio_print.pot")
    _leaflet_option(extract)
    init = commands.add_parser("init", help="start a language's catalogs")
    init.add_argument("lang", metavar="LANG")
    update = commands.add_parser("update", help="merge the templates into every catalog")
    update.add_argument("--lang", action="append", metavar="CODE")
    _leaflet_option(update)
    commands.add_parser("migrate", help="split one-for-everything catalogs into one per leaflet (nothing is lost)")
    new = commands.add_parser("new", help="start leaflet/NAME.yaml from a commented template")
    new.add_argument("name", metavar="NAME")
    merge = commands.add_parser("merge", help="join the outputs of sharded builds into one folder, manifest and index")
    merge.add_argument("folders", type=Path, nargs="+", metavar="DIR")
    merge.add_argument("--out", type=Path, default=Path("dist"), help="output folder (default: dist)")
    commands.add_parser("languages", help="each language: script, direction, fonts, readability measure, status")
    stats = commands.add_parser("stats", help="translation progress: leaflet × language")
    stats.add_argument("--lang", action="append", metavar="CODE")
    _leaflet_option(stats)

    review = commands.add_parser("review", help="record that a qualified reviewer checked a language")
    review.add_argument("lang", metavar="LANG")
    review.add_argument("--leaflet", action="append", metavar="NAME",
                        help="only this leaflet (repeatable; default: every leaflet with a catalog in LANG)")
    who = review.add_mutually_exclusive_group(required=True)
    who.add_argument("--reviewer", help="the reviewer's name")
    who.add_argument("--draft", action="store_true", help="set the language back to draft")
    review.add_argument("--date", help="date of the review, YYYY-MM-DD")

    export = commands.add_parser("export", help="write a language's messages as XLIFF for a CAT tool")
    export.add_argument("lang", metavar="LANG")
    export.add_argument("--leaflet", metavar="NAME", help="only this leaflet's messages (and the shared ones)")
    export.add_argument("--format", choices=["xliff"], default="xliff", help="file format (default: xliff, version 1.2)")
    export.add_argument("--out", type=Path, help="output file (default: LANG.xlf, or NAME-LANG.xlf with --leaflet)")
    import_ = commands.add_parser("import", help="merge a translated XLIFF file back into its catalog")
    import_.add_argument("file", type=Path, metavar="FILE")

    packet = commands.add_parser("review-packet", help="write an HTML page and a PDF for a language's reviewer")
    packet.add_argument("lang", metavar="LANG")
    packet.add_argument("--leaflet", metavar="NAME", help="only this leaflet's messages (and the shared ones)")
    packet.add_argument("--out", type=Path, default=Path("dist"), help="output folder (default: dist)")

    bench = commands.add_parser("bench", help="measure build speed and print the figures")
    bench.add_argument("--out", type=Path, default=None, help="scratch folder (default: a temporary one)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from angio_print import commands

    try:
        return getattr(commands, COMMANDS.get(args.command, args.command))(args)
    except UserError as error:
        for finding in error.findings:
            print(f"angio-print: {finding.format()}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("angio-print: interrupted; finished files are complete, nothing half-written was kept", file=sys.stderr)
        return 130
