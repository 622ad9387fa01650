"""`angio-print new NAME`: start a leaflet from a commented template."""

from __future__ import annotations

from angio_print.cli.common import project
from angio_print.findings import display_path

HELP = "start leaflet/NAME.yaml from a commented template"


def add_arguments(parser) -> None:
    parser.add_argument("name", metavar="NAME")


def run(args) -> int:
    from angio_print.model.scaffold import scaffold

    path = scaffold(project(args), args.name)
    print(f"created {display_path(path)}: fill in each section, then run `angio-print check --leaflet {args.name}`")
    return 0
