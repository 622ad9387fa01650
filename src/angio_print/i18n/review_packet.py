"""The review packet: an HTML page and a PDF for a qualified medical reviewer.

Per message its id, the English, the translation, the translator notes and
termbase entries, and a blank column for the reviewer's comment; at the top,
what changed since the last recorded review, and a sign-off box. Every text
from a catalog is escaped (Jinja2 autoescape): the packet never renders markup
from a translation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import jinja2

from angio_print.i18n import catalogs
from angio_print.atomic import write_atomic
from angio_print.checks.termbase import Termbase
from angio_print.model.project import Project
from angio_print.findings import UserError, display_path
from angio_print.model.languages import LATIN, SOURCE_LANGUAGE, get_language
from angio_print.printing.fonts import FontsError
from angio_print.printing.pdf import Printer
from angio_print.i18n.review import review_status, reviewed_messages
from angio_print.i18n.review_changes import changes_since
from angio_print.i18n.scope import context_filter, message_filter

TEMPLATE_DIR = "review"


@dataclass(frozen=True)
class Row:
    number: int
    context: str
    source: str
    translation: str
    state: str  # "translated", "fuzzy" or "untranslated"
    notes: list[str]
    terms: list[tuple[str, str]]  # (English term, approved forms)


def _terms(termbase: Termbase, source: str) -> list[tuple[str, str]]:
    return [(term, " / ".join(forms)) for term, forms in termbase.terms.items()
            if re.search(rf"\b{re.escape(term)}", source, re.IGNORECASE)]


def packet_context(project: Project, lang: str, leaflet: str | None) -> dict:
    """Everything the packet template shows, as plain data."""
    language = get_language(lang)
    known = catalogs.leaflet_ids(project)
    if leaflet is None and len(known) != 1:
        raise UserError.single("--leaflet", None, f"a review is of one leaflet: choose it with --leaflet NAME "
                               f"({', '.join(known)})")
    leaflet_id = leaflet or known[0]
    selected = message_filter(project, leaflet_id)
    paths = [catalogs.po_path(project, language.code, d) for d in (leaflet_id, catalogs.TOOL_DOMAIN)]
    missing = [p for p in paths if not p.exists()]
    if language.code == SOURCE_LANGUAGE or missing:
        raise UserError.single(display_path(missing[0] if missing else paths[0]), None,
                               f"no catalog for '{lang}': only translations are reviewed")
    parts = [catalogs.read_catalog(path) for path in paths]
    path = paths[0]
    messages = [m for part in parts for m in part if selected(m)]
    termbase = Termbase.load(project, language.code, leaflet_id)
    rows = [
        Row(number, m.context or "", m.id, m.string or "",
            "untranslated" if not m.string else "fuzzy" if m.fuzzy else "translated",
            [" ".join(m.auto_comments)] * bool(m.auto_comments) + list(m.user_comments), _terms(termbase, m.id))
        for number, m in enumerate(messages, 1)
    ]
    record, reviewed = reviewed_messages(project, language.code, leaflet_id)
    in_scope = context_filter(leaflet_id)
    changes = None if reviewed is None else changes_since(
        {c: v for c, v in reviewed.items() if in_scope(c)}, messages)
    return {
        "language": language,
        "leaflet": leaflet,
        "catalog": path.relative_to(project.root).as_posix(),
        "status": review_status(project, language.code, leaflet_id,
                                catalogs.Translations.from_catalog(language.code, *parts)),
        "last_review": record,
        "changes": changes,
        "rows": rows,
        "counts": {state: sum(1 for r in rows if r.state == state) for state in ("translated", "fuzzy", "untranslated")},
        "latin_fonts": LATIN,
    }


def render_packet(project: Project, context: dict) -> str:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(project.templates_dir / TEMPLATE_DIR), autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return environment.get_template("packet.html").render(**context)


def write_packet(project: Project, lang: str, leaflet: str | None, out: Path) -> tuple[Path, Path]:
    """Write `review-LANG[-NAME].html` and `.pdf` into `out`; the PDF is printed like the leaflets."""
    context = packet_context(project, lang, leaflet)
    html = render_packet(project, context)
    try:
        printer = Printer(project.root, project.templates_dir / TEMPLATE_DIR)
    except FontsError as error:
        raise UserError.single(display_path(error.path), None, error.message) from None
    families = list(dict.fromkeys(["Noto Sans", *context["language"].font_families]))
    printed = printer.print_pdf(html, families)
    if printed.missing_glyphs:
        raise UserError.single(display_path(project.root / context["catalog"]), None,
                               f"no font has these characters: {' '.join(printed.missing_glyphs)}", exit_code=1)
    stem = f"review-{context['language'].code}" + (f"-{leaflet}" if leaflet else "")
    html_path, pdf_path = out / f"{stem}.html", out / f"{stem}.pdf"
    write_atomic(html_path, html.encode("utf-8"))
    write_atomic(pdf_path, printed.pdf)
    return html_path, pdf_path
