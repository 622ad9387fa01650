"""`angio-print review-packet LANG`: an HTML page and a PDF for a language's reviewer."""

from __future__ import annotations

from angio_print.cli.common import language_codes, out_option, project
from angio_print.findings import display_path

NAME = "review-packet"
HELP = "write an HTML page and a PDF for a language's reviewer"


def add_arguments(parser) -> None:
    parser.add_argument("lang", metavar="LANG")
    parser.add_argument("--leaflet", metavar="NAME", help="only this leaflet's messages (and the shared ones)")
    out_option(parser)


def run(args) -> int:
    from angio_print.i18n.review_packet import write_packet

    chosen = project(args)
    lang = language_codes(chosen, [args.lang])[0]
    for path in write_packet(chosen, lang, args.leaflet, args.out):
        print(f"wrote {display_path(path)}")
    return 0
