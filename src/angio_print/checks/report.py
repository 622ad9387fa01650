"""`angio-print check`: gather every finding and readability figure, then report."""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import jinja2

from angio_print.i18n import catalogs
from angio_print.atomic import write_atomic
from angio_print.checks.catalog import check_catalog
from angio_print.checks.registry import declare
from angio_print.checks.source import check_source
from angio_print.model.project import Project
from angio_print.model.leaflet_file import load_library
from angio_print.i18n.migrate import needs_migration
from angio_print.findings import ERROR, WARNING, Finding, UserError, display_path
from angio_print.render.fitting import STANDARD_PAGES
from angio_print.model.formats import PAPERS
from angio_print.build.plan import plan
from angio_print.model.languages import SOURCE_LANGUAGE, get_language
from angio_print.i18n.review import review_status
from angio_print.checks.scores import LeafletScore, score_leaflet

declare("readability", "source", ERROR, "the English reads at the project's grade goals, whole and per section",
        stops_build=False)
declare("read-back", "pdf", ERROR, "a printed PDF can be read and holds every section heading")
declare("one-sheet", "pdf", WARNING, "a standard leaflet is one sheet, two pages")
declare("printing", "pdf", WARNING, "what WeasyPrint or the fitting warned about while printing (the manifest keeps it)")


@dataclass
class LanguageReport:
    lang: str
    name: str
    status: str
    percent: float
    score: LeafletScore
    leaflet: str = ""


@dataclass
class CheckReport:
    languages: list[LanguageReport]
    findings: list[Finding]

    def errors(self, strict: bool) -> int:
        return sum(1 for f in self.findings if f.severity == ERROR or (strict and f.severity == WARNING))


def gather(project: Project, langs: list[str] | None, pdf_dir: Path | None = None,
           leaflets: list[str] | None = None) -> CheckReport:
    """Completeness, translation quality and readability of every chosen leaflet in every chosen language."""
    chosen = catalogs.choose_leaflets(project, leaflets)
    try:
        library, source_problems = load_library(project.leaflet_dir)
    except UserError as error:
        return CheckReport([], error.findings)
    stale_layout = needs_migration(project)
    if stale_layout:
        return CheckReport([], [Finding(display_path(stale_layout[0]), None, "catalogs are still one for every "
                                        "leaflet: run `angio-print migrate` (nothing is lost)")])
    loaded = {leaflet.id: leaflet for leaflet in library}
    findings: list[Finding] = [f for name in chosen for f in source_problems.get(name, [])]
    languages = []
    codes = langs or [SOURCE_LANGUAGE, *catalogs.catalog_languages(project)]
    if not langs:
        findings += catalogs.unknown_catalogs(project)
    tool = catalogs.build_template(project, catalogs.TOOL_DOMAIN)
    broken_tool: set[str] = set()
    for lang in codes:
        if lang != SOURCE_LANGUAGE:
            tool_findings = check_catalog(project, lang, catalogs.TOOL_DOMAIN, tool)
            findings += tool_findings
            if any(f.check == "syntax" for f in tool_findings) or not catalogs.po_path(
                    project, lang, catalogs.TOOL_DOMAIN).exists():
                broken_tool.add(lang)
    for name in chosen:
        leaflet = loaded.get(name)
        if leaflet is None:
            continue
        findings += check_source(project, leaflet)
        template = catalogs.build_template(project, name)
        for lang in codes:
            if lang == SOURCE_LANGUAGE:
                translations, percent = catalogs.Translations(lang, {}), 100.0
            else:
                lang_findings = check_catalog(project, lang, name, template)
                findings += lang_findings
                if lang in broken_tool or any(f.check in ("syntax",) for f in lang_findings) or \
                        not catalogs.po_path(project, lang, name).exists():
                    continue
                parts = [catalogs.read_catalog_shared(catalogs.po_path(project, lang, d)) for d in (name, catalogs.TOOL_DOMAIN)]
                translations = catalogs.Translations.from_catalog(lang, *parts)
                counts = [catalogs.stats(part, lang) for part in parts]
                total = sum(c.total for c in counts)
                percent = 100.0 * sum(c.translated for c in counts) / total if total else 100.0
            score = score_leaflet(leaflet, translations, lang, project.readability.hardest_sentences)
            try:
                label = review_status(project, lang, name, translations).label
            except UserError:
                label = "unknown"  # the review record's problem is one of this pair's findings
            languages.append(LanguageReport(lang, get_language(lang).own_name, label, percent, score, name))
            if lang == SOURCE_LANGUAGE:
                findings += _readability_goals(project, leaflet, score)
            if pdf_dir:
                findings += _read_back(pdf_dir, leaflet, lang, translations)
    if pdf_dir:
        findings += _printing_warnings(pdf_dir)
    return CheckReport(languages, findings)


def _printing_warnings(pdf_dir: Path) -> list[Finding]:
    """Each warning the build printed for a PDF in `pdf_dir`, from its manifest: `--strict` makes them errors."""
    try:
        artifacts = json.loads((pdf_dir / "manifest.json").read_text(encoding="utf-8")).get("artifacts", [])
    except (OSError, ValueError, AttributeError):
        return []
    return [Finding(display_path(pdf_dir / str(artifact.get("path"))), None, str(warning), WARNING,
                    str(artifact.get("lang")), None, "printing")
            for artifact in artifacts if isinstance(artifact, dict) for warning in artifact.get("warnings") or ()]


def _readability_goals(project: Project, leaflet, score: LeafletScore) -> list[Finding]:
    goals = project.readability
    shown = display_path(leaflet.path)
    found = []
    whole = score.whole.figures["fk_grade"]
    if whole > goals.leaflet_grade:
        found.append(Finding(shown, None, f"whole leaflet reads at Flesch-Kincaid grade {whole}, above the goal of "
                             f"{goals.leaflet_grade}: use shorter sentences and everyday words", ERROR, "en", None, "readability"))
    for section in score.sections:
        grade = section.score.figures["fk_grade"]
        if grade > goals.section_grade:
            line = leaflet.section(section.section).line
            hardest = " / ".join(section.hardest)
            found.append(Finding(shown, line, f"section reads at grade {grade}, above {goals.section_grade}; hardest: {hardest}",
                                 ERROR, "en", section.section, "readability"))
    return found


def _read_back(pdf_dir: Path, leaflet, lang: str, translations) -> list[Finding]:
    from pypdf import PdfReader

    found = []
    standard_names = {target.filename for target in plan([leaflet.id], [lang], PAPERS, ["standard"])
                      if target.one_sheet}
    for pdf in sorted(pdf_dir.glob(f"{leaflet.id}-{lang}-*.pdf")):
        try:
            reader = PdfReader(pdf, strict=False)
            pages = reader.pages
            printed = _squeeze(" ".join(page.extract_text() or "" for page in pages))
            bookmarks = {_squeeze(title) for title in _outline_titles(reader.outline)}
        except Exception as error:  # noqa: BLE001 - any failure to parse an untrusted file is this one finding
            found.append(Finding(display_path(pdf), None, f"cannot be read as a PDF ({type(error).__name__}): "
                                 "it is truncated or not a PDF; rebuild it with `angio-print build`", ERROR, lang, None, "read-back"))
            continue
        if pdf.name in standard_names and len(pages) > STANDARD_PAGES:
            found.append(Finding(display_path(pdf), None, f"the standard leaflet takes {len(pages)} pages, more than one "
                                 "sheet: shorten the source text or this translation", WARNING, lang, None, "one-sheet"))
        for section in leaflet.sections:
            heading = translations.get(section.heading.context, section.heading.text)
            # Text extraction reorders or splits the glyphs of complex scripts (Arabic, Bengali, Burmese…);
            # the bookmarks WeasyPrint makes from the printed headings keep their text exactly.
            if _squeeze(heading) not in bookmarks and _squeeze(heading) not in printed:
                found.append(Finding(display_path(pdf), None, f"heading '{heading}' not found in the PDF: rebuild it",
                                     ERROR, lang, section.id, "read-back"))
    return found


def _outline_titles(outline) -> list[str]:
    titles = []
    for item in outline:
        titles += _outline_titles(item) if isinstance(item, list) else [str(item.title)]
    return titles


def _squeeze(text: str) -> str:
    """Line breaks and hyphenation differ between layout and extracted text; words do not."""
    return re.sub(r"[\s\-\u00ad]", "", text)


def run_check(project: Project, langs, output_format: str, strict: bool, output: Path | None, pdf_dir: Path | None,
              leaflets: list[str] | None = None) -> int:
    if output and (output.is_dir() or not output.parent.is_dir()):
        problem = "is a folder: give a file name, like report.html" if output.is_dir() else \
            f"is in a folder that does not exist ({display_path(output.parent)}): create it or choose another place"
        raise UserError.single(display_path(output), None, f"--output {problem}")
    if pdf_dir and not pdf_dir.is_dir():
        raise UserError.single(display_path(pdf_dir), None, "--pdf must be the folder a build printed into (its --out)")
    report = gather(project, langs, pdf_dir, leaflets)
    text = {"text": format_text, "json": format_json, "html": format_html}[output_format](report, project)
    if output:
        write_atomic(output, text.encode("utf-8"))
        print(f"wrote {display_path(output)}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 1 if report.errors(strict) else 0


def _headline(score) -> str:
    name, value = score.headline
    return f"{name.replace('_', ' ')} {value}"


def format_text(report: CheckReport, project: Project) -> str:
    width = max([len("leaflet"), *(len(item.leaflet) for item in report.languages)])
    lines = [f"{'leaflet':<{width}} {'language':<9} {'status':<9} {'translated':>10}  readability (whole leaflet)"]
    for item in report.languages:
        lines.append(f"{item.leaflet:<{width}} {item.lang:<9} {item.status:<9} {item.percent:>9.1f}%  "
                     f"{_headline(item.score.whole)}")
    errors = sum(1 for f in report.findings if f.severity == ERROR)
    warnings = len(report.findings) - errors
    lines.append("")
    for finding in sorted(report.findings, key=lambda f: (f.lang or "", f.path, f.line or 0)):
        lines.append(finding.format())
    lines.append(f"{errors} error(s), {warnings} warning(s)")
    return "\n".join(lines) + "\n"


def _as_json(report: CheckReport) -> dict:
    return {
        "languages": [
            {
                "leaflet": item.leaflet,
                "lang": item.lang,
                "name": item.name,
                "status": item.status,
                "translated_percent": round(item.percent, 1),
                "readability": {
                    "whole": item.score.whole.figures,
                    "note": item.score.whole.note,
                    "sections": {
                        s.section: {"figures": s.score.figures, "hardest": list(s.hardest)} for s in item.score.sections
                    },
                },
            }
            for item in report.languages
        ],
        "findings": [f.as_dict() for f in report.findings],
    }


def format_json(report: CheckReport, project: Project) -> str:
    return json.dumps(_as_json(report), indent=2, ensure_ascii=False) + "\n"


def format_html(report: CheckReport, project: Project) -> str:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(project.templates_dir / "site"), autoescape=True)
    data = _as_json(report)
    groups = []
    for name in dict.fromkeys(item.leaflet for item in report.languages):
        items = [(item, entry) for item, entry in zip(report.languages, data["languages"]) if item.leaflet == name]
        groups.append({"leaflet": name, "languages": [entry for _, entry in items],
                       "sections": [s.section for s in items[0][0].score.sections]})
    return environment.get_template("report.html").render(data=data, groups=groups)
