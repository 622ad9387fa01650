"""`angio-print migrate`: split one-for-everything catalogs into one per leaflet."""

from __future__ import annotations

from angio_print.cli.common import project

HELP = "split one-for-everything catalogs into one per leaflet (nothing is lost)"


def add_arguments(parser) -> None:
    pass


def run(args) -> int:
    from angio_print.i18n.migrate import migrate

    for line in migrate(project(args)).lines():
        print(line)
    return 0
