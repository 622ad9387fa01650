"""`angio-print init LANG`: start a language's catalogs."""

from __future__ import annotations

from angio_print.cli.common import language_codes, project
from angio_print.findings import display_path
from angio_print.i18n import catalogs

HELP = "start a language's catalogs"


def add_arguments(parser) -> None:
    parser.add_argument("lang", metavar="LANG")


def run(args) -> int:
    chosen = project(args)
    lang = language_codes(chosen, [args.lang], "LANG")[0]
    for path in catalogs.init(chosen, lang):
        print(f"created {display_path(path)}")
    return 0
