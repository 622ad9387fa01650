"""`angio-print review LANG`: record that a qualified reviewer checked a language, or set it back to draft."""

from __future__ import annotations

import datetime as dt

from angio_print.cli.common import language_codes, leaflet_option, project
from angio_print.findings import UserError
from angio_print.i18n import catalogs

HELP = "record that a qualified reviewer checked a language"


def add_arguments(parser) -> None:
    parser.add_argument("lang", metavar="LANG")
    leaflet_option(parser, "only this leaflet (repeatable; default: every leaflet with a catalog in LANG)")
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--reviewer", help="the reviewer's name")
    who.add_argument("--draft", action="store_true", help="set the language back to draft")
    parser.add_argument("--date", help="date of the review, YYYY-MM-DD")


def _date(text: str | None) -> dt.date:
    if text is None:
        raise UserError.single("--date", None, "a review needs the date it was done: --date YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UserError.single("--date", None, f"'{text}' is not a date: write YYYY-MM-DD") from None


def run(args) -> int:
    from angio_print.i18n.review import mark_draft, mark_reviewed

    chosen = project(args)
    lang = language_codes(chosen, [args.lang])[0]
    names = [name for name in catalogs.choose_leaflets(chosen, args.leaflet)
             if args.leaflet or catalogs.po_path(chosen, lang, name).exists()]
    if args.draft:
        for name in names:
            mark_draft(chosen, lang, name)
            print(f"{name}/{lang}: set back to draft")
        return 0
    date = _date(args.date)
    for name in names:
        mark_reviewed(chosen, lang, name, args.reviewer, date)
        print(f"{name}/{lang}: reviewed by {args.reviewer} on {date.isoformat()}")
    return 0
