"""`angio-print update`: merge the templates into every catalog."""

from __future__ import annotations

from angio_print.cli.common import lang_option, language_codes, leaflet_option, migrated, project
from angio_print.i18n import catalogs

HELP = "merge the templates into every catalog"


def add_arguments(parser) -> None:
    lang_option(parser)
    leaflet_option(parser)


def run(args) -> int:
    chosen = project(args)
    migrated(chosen)
    for report in catalogs.update(chosen, language_codes(chosen, args.lang), args.leaflet):
        print(report)
    return 0
