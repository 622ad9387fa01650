"""Real PDFs, read back: size, pages, language, tags, text, fonts."""

from __future__ import annotations

import json
import re

import pdfplumber
import pikepdf
import pytest
from pypdf import PdfReader

from angio_print.i18n.catalogs import Translations
from angio_print.model.leaflet_file import load_leaflet
from pdf_structure import structure_languages
from fonts_in_pdf import embedded_font_names, unpinned

pytestmark = pytest.mark.system  # real PDFs, Chromium or the whole command line

A4 = (595, 842)
LETTER = (612, 792)

LEAFLET = "angioleiomyoma"


def _text(path):
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


def _squeeze(text):
    """Line breaks and hyphenation differ between layout and text; words do not."""
    return re.sub(r"[\s\-\u00ad]", "", text)


def _size(path):
    box = PdfReader(path).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


@pytest.mark.parametrize("name, size", [
    ("angioleiomyoma-en-a4.pdf", A4), ("angioleiomyoma-en-letter.pdf", LETTER),
    ("angioleiomyoma-fr-a4-large.pdf", A4), ("angioleiomyoma-fr-en-letter-bilingual.pdf", LETTER),
])
def test_page_size(built, name, size):
    assert _size(built / name) == size


def test_manifest_lists_every_pdf_with_its_hash(built):
    import hashlib

    manifest = json.loads((built / "manifest.json").read_text())
    paths = {a["path"] for a in manifest["artifacts"]}
    assert "angioleiomyoma-en-a4.pdf" in paths and "angioleiomyoma-fr-a4.pdf" in paths
    for artifact in manifest["artifacts"]:
        data = (built / artifact["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == artifact["sha256"]
        assert len(PdfReader(built / artifact["path"]).pages) == artifact["pages"]
        assert artifact["variant"] in ("standard", "large", "bilingual")
    assert manifest["languages"]["fr"]["status"] == "draft"


def test_english_standard_fits_one_sheet(built):
    assert len(PdfReader(built / "angioleiomyoma-en-a4.pdf").pages) == 2


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_section_heading_is_printed(built, project, lang):
    leaflet = load_leaflet(project.leaflet_dir / "angioleiomyoma.yaml")
    translations = Translations.load(project, lang, LEAFLET)
    text = _squeeze(_text(built / f"angioleiomyoma-{lang}-a4.pdf"))
    for section in leaflet.sections:
        heading = translations.get(section.heading.context, section.heading.text)
        assert _squeeze(heading) in text, heading


def test_language_tags_and_metadata(built):
    with pikepdf.open(built / "angioleiomyoma-fr-a4.pdf") as pdf:
        assert str(pdf.Root.Lang) == "fr"
        assert "/StructTreeRoot" in pdf.Root
        assert pdf.Root.MarkInfo.Marked
        assert str(pdf.docinfo["/Title"]).startswith("Angioléiomyome")
        # The publisher is the author of the leaflet; the article it adapts is its source.
        assert str(pdf.docinfo["/Author"]) == "angio-print patient leaflets"
        assert "Wasserman" in str(pdf.docinfo["/Subject"]) and "Wasserman" in str(pdf.docinfo["/Keywords"])
        assert str(pdf.docinfo["/Subject"])


def test_all_fonts_are_embedded(built):
    with pikepdf.open(built / "angioleiomyoma-fr-a4.pdf") as pdf:
        fonts = [f for page in pdf.pages for f in page.Resources.Font.values()]
        assert fonts
        for font in fonts:
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = descendant.FontDescriptor
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font


def test_only_the_pinned_fonts_of_each_language_are_embedded(built, project):
    for pdf in sorted(built.glob("*.pdf")):
        langs = [lang for lang in ("en", "fr") if f"-{lang}-" in pdf.name]
        assert embedded_font_names(pdf), pdf.name
        assert unpinned(pdf, project.root, langs) == set(), pdf.name


def test_french_says_it_is_a_draft_in_french_and_english(built):
    text = _text(built / "angioleiomyoma-fr-a4.pdf")
    assert "Traduction provisoire" in text
    assert "has not yet been checked by a qualified medical translator" in text
    assert "qualified medical translator" not in _text(built / "angioleiomyoma-en-a4.pdf")


def test_bilingual_passages_carry_their_own_language(built):
    with pikepdf.open(built / "angioleiomyoma-fr-en-a4-bilingual.pdf") as pdf:
        langs = structure_languages(pdf)
    assert {"fr", "en"} <= langs
    text = _text(built / "angioleiomyoma-fr-en-a4-bilingual.pdf")
    assert "Qu’est-ce qu’un angioléiomyome" in text or "Qu'est-ce qu'un angioléiomyome" in text
    assert "What is angioleiomyoma?" in text


def test_large_print_body_text_is_at_least_16pt(built):
    with pdfplumber.open(built / "angioleiomyoma-en-a4-large.pdf") as pdf:
        sizes = [round(c["size"], 1) for c in pdf.pages[1].chars if c["text"].strip()]
    body = max(set(sizes), key=sizes.count)
    assert body >= 16


def test_standard_body_text_is_at_least_12pt(built):
    with pdfplumber.open(built / "angioleiomyoma-en-a4.pdf") as pdf:
        sizes = [round(c["size"], 1) for c in pdf.pages[1].chars if c["text"].strip()]
    assert max(set(sizes), key=sizes.count) >= 12


def test_second_build_is_byte_identical_and_skips_everything(built, project, tmp_path):
    from angio_print.build.pipeline import BuildOptions, build

    again = build(project, BuildOptions(out=built, langs=["en", "fr"], papers=("a4", "letter"),
                                        variants=("standard", "large", "bilingual"), quiet=True))
    assert again.printed == 0 and again.skipped > 0
    other = build(project, BuildOptions(out=tmp_path, langs=["fr"], papers=("a4",), variants=("standard",),
                                        jobs=1, quiet=True))
    assert other.exit_code == 0
    assert (tmp_path / "angioleiomyoma-fr-a4.pdf").read_bytes() == (built / "angioleiomyoma-fr-a4.pdf").read_bytes()


def test_contact_sheet_and_index_are_written(built):
    assert (built / "contact-sheet.png").stat().st_size > 1000
    # one leaflet: its own sheet is the sheet of everything
    assert (built / "contact-sheet-angioleiomyoma.png").read_bytes() == (built / "contact-sheet.png").read_bytes()
    index = (built / "index.html").read_text()
    assert "angioleiomyoma-fr-a4.pdf" in index and "Français" in index


def test_clinic_details_appear_only_with_settings(project, built, tmp_path):
    from PIL import Image

    from angio_print.build.pipeline import BuildOptions, build

    Image.new("RGB", (120, 60), "#1d4e89").save(tmp_path / "logo.png")
    (tmp_path / "clinic.yaml").write_text(
        "name: Riverside Dermatology Clinic\nphone: +1 555 010 0199\n"
        "website: https://riverside.example.org\nlogo: logo.png\n")
    out = tmp_path / "out"
    summary = build(project, BuildOptions(out=out, langs=["en", "ar"], papers=("letter",), variants=("standard",),
                                          clinic=tmp_path / "clinic.yaml", jobs=1, quiet=True))
    assert summary.exit_code == 0
    for name in ("angioleiomyoma-en-letter.pdf", "angioleiomyoma-ar-letter.pdf"):
        text = _text(out / name)
        assert "Riverside Dermatology Clinic" in text and "555 010 0199" in text
        with pdfplumber.open(out / name) as pdf:
            page = pdf.pages[0]
            assert len(page.images) == 1  # the logo
            assert len(page.objects.get("line", [])) > 50  # the QR code, drawn as vector modules
    with pdfplumber.open(built / "angioleiomyoma-en-letter.pdf") as pdf:
        assert not pdf.pages[0].images and len(pdf.pages[0].objects.get("line", [])) < 10
    assert "Riverside" not in _text(built / "angioleiomyoma-en-letter.pdf")
