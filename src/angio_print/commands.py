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


def _migrated(project) -> None:
    """Catalogs still in the one-catalog layout are split per leaflet first (nothing is lost)."""
    from angio_print.migrate import migrate, needs_migration

    if needs_migration(project):
        for line in migrate(project).lines():
            print(f"migrate: {line}")


def migrate(args) -> int:
    from angio_print.migrate import migrate as run_migration

    for line in run_migration(_project(args)).lines():
        print(line)
    return 0


def extract(args) -> int:
    project = _project(args)
    _migrated(project)
    written, problems = catalogs.extract(project, args.leaflet)
    for domain, template in written.items():
        print(f"wrote {display_path(catalogs.pot_path(project, domain))}: {sum(1 for m in template if m.id)} messages")
    if problems:
        raise UserError(problems, exit_code=1)
    return 0


def init(args) -> int:
    project = _project(args)
    lang = _languages([args.lang], "LANG")[0]
    for path in catalogs.init(project, lang):
        print(f"created {display_path(path)}")
    return 0


def update(args) -> int:
    project = _project(args)
    _migrated(project)
    for report in catalogs.update(project, _languages(args.lang), args.leaflet):
        print(report)
    return 0


def new(args) -> int:
    from angio_print.scaffold import scaffold

    project = _project(args)
    path = scaffold(project, args.name)
    print(f"created {display_path(path)}: fill in each section, then run `angio-print check --leaflet {args.name}`")
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
            labels = {review_status(project, lang, name, catalogs.Translations.load(project, lang, name)).label
                      for name in catalogs.leaflet_ids(project)
                      if catalogs.po_path(project, lang, name).exists()}
            status = labels.pop() if len(labels) == 1 else "mixed" if labels else "draft"
        name = f"{language.english_name} ({language.own_name})" if language.own_name != language.english_name else language.english_name
        print(f"{lang:<8} {name[:34]:<34} {language.script.name[:20]:<20} {language.direction:<4} {measure[:28]:<28} "
              f"{status:<9} {', '.join(language.font_families)}")
    return 0


def stats(args) -> int:
    """A leaflet × language matrix: per pair the share translated (fuzzy counts as not) and its review status."""
    from angio_print.review import review_status

    project = _project(args)
    chosen = catalogs.choose_leaflets(project, args.leaflet)
    langs = _languages(args.lang) or catalogs.catalog_languages(project)
    tool = {}
    for lang in langs:
        path = catalogs.po_path(project, lang, catalogs.TOOL_DOMAIN)
        tool[lang] = catalogs.read_catalog(path) if path.exists() else None
    width = max(len("leaflet"), *(len(name) for name in chosen))
    print(f"{'leaflet':<{width}} " + " ".join(f"{lang:>9}" for lang in langs))
    for name in chosen:
        cells = []
        for lang in langs:
            path = catalogs.po_path(project, lang, name)
            if not path.exists() or tool[lang] is None:
                cells.append(f"{'-':>9}")
                continue
            catalog = catalogs.read_catalog(path)
            counts = [catalogs.stats(catalog, lang), catalogs.stats(tool[lang], lang)]
            total = sum(c.total for c in counts)
            percent = 100.0 * sum(c.translated for c in counts) / total if total else 100.0
            status = review_status(project, lang, name, catalogs.Translations.from_catalog(lang, catalog, tool[lang]))
            mark = {"reviewed": "R", "draft": "d"}.get(status.label, "?")
            cells.append(f"{percent:>7.1f}%{mark}")
        print(f"{name:<{width}} " + " ".join(cells))
    print("% translated (fuzzy counts as not translated), with the tool's own strings; R reviewed, d draft, - no catalog")
    return 0


def review(args) -> int:
    from angio_print.review import mark_draft, mark_reviewed

    project = _project(args)
    lang = _languages([args.lang])[0]
    chosen = [name for name in catalogs.choose_leaflets(project, args.leaflet)
              if args.leaflet or catalogs.po_path(project, lang, name).exists()]
    if args.draft:
        for name in chosen:
            mark_draft(project, lang, name)
            print(f"{name}/{lang}: set back to draft")
        return 0
    try:
        date = dt.date.fromisoformat(args.date) if args.date else None
    except ValueError:
        raise UserError.single("--date", None, f"'{args.date}' is not a date: write YYYY-MM-DD") from None
    if date is None:
        raise UserError.single("--date", None, "a review needs the date it was done: --date YYYY-MM-DD")
    for name in chosen:
        mark_reviewed(project, lang, name, args.reviewer, date)
        print(f"{name}/{lang}: reviewed by {args.reviewer} on {date.isoformat()}")
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
        leaflets=args.leaflet,
        shard=args.shard,
    )
    return run_build(project, options)


def merge(args) -> int:
    from angio_print.merge import merge_outputs

    project = _project(args)
    manifest = merge_outputs(project, args.folders, args.out)
    print(f"merged {len(args.folders)} folder(s) into {display_path(args.out)}: {len(manifest['artifacts'])} PDFs")
    return 0


def check(args) -> int:
    from angio_print.report import run_check

    return run_check(_project(args), _languages(args.lang), args.format, args.strict, args.output, args.pdf,
                     args.leaflet)


def bench(args) -> int:
    from angio_print.bench import run_benchmark

    return run_benchmark(_project(args), args.out)
