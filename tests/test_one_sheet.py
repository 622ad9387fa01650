"""The standard leaflet of every language and paper: one sheet, pinned fonts, 12 pt, whole words, figures."""

from __future__ import annotations

import json
from pathlib import Path
import re
import subprocess

import pdfplumber
import pikepdf

from angio_print.i18n import catalogs
from angio_print.i18n.catalogs import Translations
from angio_print.model.leaflet import Figure
from angio_print.model.leaflet_file import load_leaflets
from angio_print.build.plan import plan
from angio_print.build.worker import Job, render_html
from angio_print.printing import weasyprint_internals as internals
from angio_print.printing.pdf import Printer
from angio_print.render.fitting import LADDER, STANDARD_PAGES
from angio_print.model.languages import get_language
from fonts_in_pdf import unpinned
import pytest

pytestmark = pytest.mark.system  # real PDFs, Chromium or the whole command line

LEAFLET = "angioleiomyoma"


def _standard_pdfs(folder):
    manifest = json.loads((folder / "manifest.json").read_text())
    return [a for a in manifest["artifacts"] if a["variant"] == "standard"], manifest


def test_every_language_and_paper_was_printed(standard_everywhere, project):
    artifacts, _ = _standard_pdfs(standard_everywhere)
    expected = {(lang, paper) for lang in ["en", *catalogs.catalog_languages(project)] for paper in project.default_papers}
    assert {(a["lang"], a["paper"]) for a in artifacts} == expected


def test_every_language_fits_one_sheet_on_every_paper(standard_everywhere):
    artifacts, _ = _standard_pdfs(standard_everywhere)
    longer = []
    for artifact in artifacts:
        with pikepdf.open(standard_everywhere / artifact["path"]) as pdf:
            if len(pdf.pages) != STANDARD_PAGES:
                longer.append(f"{artifact['path']}: {len(pdf.pages)} pages, {artifact.get('lines_over_one_sheet')} lines over")
    assert not longer, "shorten these translations (every fact kept): " + "; ".join(longer)


def test_the_manifest_tells_the_truth_about_one_sheet(standard_everywhere):
    artifacts, manifest = _standard_pdfs(standard_everywhere)
    for artifact in artifacts:
        with pikepdf.open(standard_everywhere / artifact["path"]) as pdf:
            pages = len(pdf.pages)
        assert artifact["pages"] == pages
        assert artifact["fits_one_sheet"] == (pages <= STANDARD_PAGES), artifact["path"]
        assert artifact["fit"] in {fit.name for fit in LADDER}
        if not artifact["fits_one_sheet"]:
            assert artifact["lang"] in manifest["standard_needs_more_than_one_sheet"]


def test_the_form_to_fill_in_is_whole_in_every_language(standard_everywhere):
    artifacts, _ = _standard_pdfs(standard_everywhere)
    split = [a["path"] for a in artifacts if any("form to fill in" in w for w in a["warnings"])]
    assert not split


@pytest.mark.parametrize("fields, pieces", [(3, 0), (40, 1)])
def test_a_form_taller_than_a_column_is_found_split(project, fields, pieces):
    rows = "".join(f"<li>Field {n}</li>" for n in range(fields))
    html = ('<html><style>@page { size: A6; margin: 10mm } main { columns: 2; column-fill: auto } li { padding-bottom: 13pt }</style>'
            f'<main><section class="section-form box box-fill-in"><ul>{rows}</ul></section></main></html>')
    layout = Printer(project.root, project.assets_dir).layout(html, ["Noto Sans"])
    assert layout.split_boxes("box-fill-in") == ["section-form box box-fill-in"] * pieces


@pytest.mark.parametrize("fit", LADDER, ids=lambda fit: fit.name)
def test_page_margins_are_10mm_or_more_on_every_rung(project, fit):
    target = next(t for t in plan(["angioleiomyoma"], ["en"], ["letter"], ["standard"]))
    html = render_html(Job(project.root, target, Path("."), None, ("margins",)), True, fit)
    layout = Printer(project.root, project.assets_dir).layout(html, fit.families(get_language("en")))
    for index in range(layout.pages):
        assert min(layout.page_margins_mm(index)) >= 10, (fit.name, index, layout.page_margins_mm(index))


def _lonely_words(layout) -> list[str]:
    """Lines inside a paragraph (not its last) that hold a single short word: a line broken too early."""
    lonely = []
    for index in range(layout.pages):
        for box in internals.page_content_boxes(layout.document.pages[index]):
            lines = [child for child in getattr(box, "children", ()) if internals.is_line_box(child)]
            for line in lines[:-1]:
                words = "".join(b.text for b in line.descendants() if type(b).__name__ == "TextBox").split()
                if len(words) == 1 and len(words[0]) < 15:
                    lonely.append(words[0])
    return lonely


@pytest.mark.parametrize("fit", LADDER, ids=lambda fit: fit.name)
def test_no_line_is_broken_too_early_on_any_rung(project, fit):
    for paper in project.default_papers:
        target = next(t for t in plan(["angioleiomyoma"], ["en"], [paper], ["standard"]))
        html = render_html(Job(project.root, target, Path("."), None, ("lonely",)), False, fit)
        layout = Printer(project.root, project.assets_dir).layout(html, fit.families(get_language("en")))
        assert not _lonely_words(layout), (paper, _lonely_words(layout))


def test_body_text_is_at_least_12pt_in_every_language(standard_everywhere):
    artifacts, _ = _standard_pdfs(standard_everywhere)
    for artifact in artifacts:
        with pdfplumber.open(standard_everywhere / artifact["path"]) as pdf:
            sizes = [round(c["size"], 1) for page in pdf.pages for c in page.chars if c["text"].strip()]
        assert max(set(sizes), key=sizes.count) >= 12, artifact["path"]


def test_only_pinned_fonts_are_embedded_in_every_language(standard_everywhere, project):
    artifacts, _ = _standard_pdfs(standard_everywhere)
    for artifact in artifacts:
        assert unpinned(standard_everywhere / artifact["path"], project.root, [artifact["lang"]]) == set(), artifact["path"]


def test_every_extracted_character_is_the_one_in_the_catalog(standard_everywhere, project):
    """Glyphs of one subset file must never be drawn from another: the printed text reads back as written."""
    leaflet = load_leaflets(project.leaflet_dir)[0]
    for lang in ("pl", "ru", "zh_Hant"):  # (Vietnamese stacked marks come out of text extraction reordered)
        translations = Translations.load(project, lang, LEAFLET)
        with pdfplumber.open(standard_everywhere / f"{leaflet.id}-{lang}-a4.pdf") as pdf:
            text = "".join(page.extract_text() or "" for page in pdf.pages)
        printed = set(text.split()) if get_language(lang).spaces else re.sub(r"\s", "", text)
        for section in leaflet.sections:
            heading = translations.get(section.heading.context, section.heading.text)
            if get_language(lang).spaces:
                assert set(heading.split()) <= printed, (lang, heading)  # word by word: columns may interleave lines
            else:
                assert re.sub(r"\s", "", heading) in printed, (lang, heading)


def _source_words(project, lang: str) -> str:
    leaflet = load_leaflets(project.leaflet_dir)[0]
    translations = Translations.load(project, lang, LEAFLET)
    return " ".join(translations.get(m.context, m.text) for m in leaflet.messages())


def test_no_word_is_broken_across_lines(standard_everywhere, project):
    """A line may end with a hyphen only where the text itself has one (h-caldesmon), never inside a word."""
    artifacts, _ = _standard_pdfs(standard_everywhere)
    for artifact in artifacts:
        text = subprocess.run(["pdftotext", "-layout", str(standard_everywhere / artifact["path"]), "-"],
                              capture_output=True, text=True, check=True).stdout
        source = _source_words(project, artifact["lang"])
        for column_line in text.splitlines():
            for piece in re.split(r"\s{3,}", column_line.strip()):
                match = re.search(r"(\w+)[-\u2010]$", piece)
                if match:
                    assert f"{match.group(1)}-" in source, (artifact["path"], piece)


def test_figures_carry_alternative_text_and_translated_labels(standard_everywhere, project):
    leaflet = load_leaflets(project.leaflet_dir)[0]
    figures = [b for s in leaflet.sections for b in s.blocks if isinstance(b, Figure)]
    assert figures
    for lang in ("en", "de", "ar", "zh_Hans"):
        translations = Translations.load(project, lang, LEAFLET)
        path = standard_everywhere / f"{leaflet.id}-{lang}-a4.pdf"
        alts = []
        with pikepdf.open(path) as pdf:
            stack = [pdf.Root.StructTreeRoot]
            while stack:
                node = stack.pop()
                if isinstance(node, pikepdf.Dictionary):
                    if node.get("/S") == pikepdf.Name.Figure:
                        alts.append(" ".join(str(node.get("/Alt", "")).split()))
                    kids = node.get("/K")
                    if isinstance(kids, pikepdf.Array):
                        stack.extend(kids)
                    elif isinstance(kids, pikepdf.Dictionary):
                        stack.append(kids)
        expected = {" ".join(re.sub(r"<[^>]+>", "", translations.get(f.alt.context, f.alt.text)).split()) for f in figures}
        assert expected <= set(alts), lang
        if get_language(lang).rtl or not get_language(lang).spaces:
            continue  # extraction reorders right-to-left text and side-by-side labels: the alt text check covers them
        with pdfplumber.open(path) as pdf:
            printed = set("".join(page.extract_text() or "" for page in pdf.pages).split())
        for figure in figures:
            for _, label in figure.labels:
                words = re.sub(r"<[^>]+>", "", translations.get(label.context, label.text)).split()
                assert set(words) <= printed, (lang, label.context)


def test_check_reads_every_heading_back_in_every_language(standard_everywhere, project, tmp_path):
    from angio_print.checks.report import gather

    langs = ["en", *catalogs.catalog_languages(project)]
    report = gather(project, langs, standard_everywhere)
    assert not [f for f in report.findings if f.check == "read-back"], "every heading is found in every PDF"

    swapped = tmp_path / "swapped"
    swapped.mkdir()
    (swapped / "angioleiomyoma-ar-a4.pdf").write_bytes((standard_everywhere / "angioleiomyoma-fa-a4.pdf").read_bytes())
    report = gather(project, ["ar"], swapped)
    assert [f for f in report.findings if f.check == "read-back" and f.lang == "ar"], \
        "a Persian PDF in the Arabic leaflet's place is caught"
