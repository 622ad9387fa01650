"""`angio-print languages`: each language with a catalog, how it is set in type, measured and reviewed."""

from __future__ import annotations

from angio_print.cli.common import project
from angio_print.i18n import catalogs
from angio_print.model.languages import get_language

HELP = "each language: script, direction, fonts, readability measure, status"


def add_arguments(parser) -> None:
    pass


def _status(chosen, lang: str) -> str:
    from angio_print.i18n.review import review_status

    if lang == "en":
        return "source"
    labels = {review_status(chosen, lang, name, catalogs.Translations.load(chosen, lang, name)).label
              for name in catalogs.leaflet_ids(chosen) if catalogs.po_path(chosen, lang, name).exists()}
    return labels.pop() if len(labels) == 1 else "mixed" if labels else "draft"


def run(args) -> int:
    from angio_print.checks.readability import character_based, formulas_for

    chosen = project(args)
    print(f"{'code':<8} {'name':<34} {'script':<20} {'dir':<4} {'readability':<28} {'status':<9} fonts")
    for lang in ["en", *catalogs.catalog_languages(chosen)]:
        language = get_language(lang)
        formulas = ", ".join(f.name for f in formulas_for(lang))
        measure = formulas or ("characters per sentence" if character_based(lang) else "words per sentence")
        name = language.english_name
        if language.own_name != language.english_name:
            name = f"{language.english_name} ({language.own_name})"
        print(f"{lang:<8} {name[:34]:<34} {language.script.name[:20]:<20} {language.direction:<4} {measure[:28]:<28} "
              f"{_status(chosen, lang):<9} {', '.join(language.font_families)}")
    return 0
