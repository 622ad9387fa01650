"""`angio-print stats`: a leaflet × language matrix of translation progress and review status."""

from __future__ import annotations

from angio_print.cli.common import lang_option, language_codes, leaflet_option, project
from angio_print.i18n import catalogs

HELP = "translation progress: leaflet × language"


def add_arguments(parser) -> None:
    lang_option(parser)
    leaflet_option(parser)


def _cell(chosen, name: str, lang: str, tool) -> str:
    """The share translated (fuzzy counts as not), with the tool's own strings, and the review mark."""
    from angio_print.i18n.review import review_status

    path = catalogs.po_path(chosen, lang, name)
    if not path.exists() or tool is None:
        return f"{'-':>9}"
    catalog = catalogs.read_catalog(path)
    counts = [catalogs.stats(catalog, lang), catalogs.stats(tool, lang)]
    total = sum(c.total for c in counts)
    percent = 100.0 * sum(c.translated for c in counts) / total if total else 100.0
    status = review_status(chosen, lang, name, catalogs.Translations.from_catalog(lang, catalog, tool))
    mark = {"reviewed": "R", "draft": "d"}.get(status.label, "?")
    return f"{percent:>7.1f}%{mark}"


def run(args) -> int:
    chosen = project(args)
    names = catalogs.choose_leaflets(chosen, args.leaflet)
    langs = language_codes(chosen, args.lang) or catalogs.catalog_languages(chosen)
    tool = {}
    for lang in langs:
        path = catalogs.po_path(chosen, lang, catalogs.TOOL_DOMAIN)
        tool[lang] = catalogs.read_catalog(path) if path.exists() else None
    width = max(len("leaflet"), *(len(name) for name in names))
    print(f"{'leaflet':<{width}} " + " ".join(f"{lang:>9}" for lang in langs))
    for name in names:
        print(f"{name:<{width}} " + " ".join(_cell(chosen, name, lang, tool[lang]) for lang in langs))
    print("% translated (fuzzy counts as not translated), with the tool's own strings; R reviewed, d draft, - no catalog")
    return 0
