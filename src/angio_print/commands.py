"""One function per sub-command; each returns an exit code."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from angio_print import catalogs
from angio_print.config import load_project
from angio_print.findings import UserError, display_path
from angio_print.languages import UnknownLanguage, get_language


def _project(args):
    return load_project(args.project)


def _languages(codes, label: str = "--lang") -> list[str] | None:
    if not codes:
        return None
    try:
        return [get_language(code).code for code in codes]
    except UnknownLanguage as error:
        raise UserError.single(label, None, str(error)) from None


def extract(args) -> int:
    project = _project(args)
    template = catalogs.extract(project)
    count = sum(1 for m in template if m.id)
    print(f"wrote {display_path(project.pot_path)}: {count} messages")
    return 0


def init(args) -> int:
    project = _project(args)
    lang = _languages([args.lang], "LANG")[0]
    path = catalogs.init(project, lang)
    print(f"created {display_path(path)}")
    return 0


def update(args) -> int:
    project = _project(args)
    for report in catalogs.update(project, _languages(args.lang)):
        print(report)
    return 0


def languages(args) -> int:
    """Each language with a catalog: how it is set in type, measured and reviewed."""
    from angio_print.readability import character_based, formulas_for
    from angio_print.review import review_status

    project = _project(args)
    print(f"{'code':<8} {'name':<34} {'script':<20} {'dir':<4} {'readability':<28} {'status':<9} fonts")
    for lang in ["en", *catalogs.catalog_languages(project)]:
        language = get_language(lang)
        formulas = ", ".join(f.name for f in formulas_for(lang))
        measure = formulas or ("characters per sentence" if character_based(lang) else "words per sentence")
        if lang == "en":
            status = "source"
        else:
            status = review_status(project, lang, catalogs.Translations.load(project, lang)).label
        name = f"{language.english_name} ({language.own_name})" if language.own_name != language.english_name else language.english_name
        print(f"{lang:<8} {name[:34]:<34} {language.script.name[:20]:<20} {language.direction:<4} {measure[:28]:<28} "
              f"{status:<9} {', '.join(language.font_families)}")
    return 0


def stats(args) -> int:
    from angio_print.review import review_status

    project = _project(args)
    print(f"{'language':<10} {'status':<9} {'translated':>10} {'fuzzy':>6} {'untransl.':>9} {'%':>6}  words t/f/u")
    for lang in _languages(args.lang) or catalogs.catalog_languages(project):
        catalog = catalogs.read_catalog(catalogs.po_path(project, lang))
        s = catalogs.stats(catalog, lang)
        status = review_status(project, lang, catalogs.Translations.from_catalog(lang, catalog))
        print(f"{lang:<10} {status.label:<9} {s.translated:>10} {s.fuzzy:>6} {s.untranslated:>9} "
              f"{s.percent:>5.1f}%  {s.translated_words}/{s.fuzzy_words}/{s.untranslated_words}")
    return 0


def review(args) -> int:
    from angio_print.review import mark_draft, mark_reviewed

    project = _project(args)
    lang = _languages([args.lang])[0]
    if args.draft:
        mark_draft(project, lang)
        print(f"{lang}: set back to draft")
        return 0
    try:
        date = dt.date.fromisoformat(args.date) if args.date else None
    except ValueError:
        raise UserError.single("--date", None, f"'{args.date}' is not a date: write YYYY-MM-DD") from None
    if date is None:
        raise UserError.single("--date", None, "a review needs the date it was done: --date YYYY-MM-DD")
    mark_reviewed(project, lang, args.reviewer, date)
    print(f"{lang}: reviewed by {args.reviewer} on {date.isoformat()}")
    return 0


def export(args) -> int:
    from angio_print.xliff import write_export

    project = _project(args)
    lang = _languages([args.lang])[0]
    out = args.out or Path(f"{args.leaflet}-{lang}.xlf" if args.leaflet else f"{lang}.xlf")
    count = write_export(project, lang, args.leaflet, out)
    print(f"wrote {display_path(out)}: {count} units")
    return 0


def import_(args) -> int:
    from angio_print.xliff import import_xliff

    project = _project(args)
    report = import_xliff(project, args.file)
    for finding in report.findings:
        print(finding.format(), file=sys.stderr)
    for uid in report.changed:
        print(f"{report.lang}: {uid}: updated")
    print(f"{display_path(report.catalog)}: {len(report.changed)} updated, {report.unchanged} unchanged, "
          f"{len(report.refused)} refused (nothing written for those)")
    return 1 if report.refused else 0


def review_packet(args) -> int:
    from angio_print.review_packet import write_packet

    project = _project(args)
    lang = _languages([args.lang])[0]
    for path in write_packet(project, lang, args.leaflet, args.out):
        print(f"wrote {display_path(path)}")
    return 0


def build(args) -> int:
    from angio_print.build import BuildOptions, run_build

    project = _project(args)
    options = BuildOptions(
        out=args.out,
        langs=_languages(args.lang),
        papers=tuple(args.paper) if args.paper else project.default_papers,
        variants=tuple(args.variant) if args.variant else project.default_variants,
        clinic=args.clinic,
        jobs=args.jobs,
        force=args.force,
    )
    return run_build(project, options)


def check(args) -> int:
    from angio_print.report import run_check

    return run_check(_project(args), _languages(args.lang), args.format, args.strict, args.output, args.pdf)


def bench(args) -> int:
    from angio_print.bench import run_benchmark

    return run_benchmark(_project(args), args.out)
