"""`angio-print extract`: write each leaflet's template and the tool's own."""

from __future__ import annotations

from angio_print.cli.common import leaflet_option, migrated, project
from angio_print.findings import UserError, display_path
from angio_print.i18n import catalogs

HELP = "write locales/LEAFLET.pot per leaflet and locales/angio_print.pot"


def add_arguments(parser) -> None:
    leaflet_option(parser)


def run(args) -> int:
    chosen = project(args)
    migrated(chosen)
    written, problems = catalogs.extract(chosen, args.leaflet)
    for domain, template in written.items():
        print(f"wrote {display_path(catalogs.pot_path(chosen, domain))}: {sum(1 for m in template if m.id)} messages")
    if problems:
        raise UserError(problems, exit_code=1)
    return 0
