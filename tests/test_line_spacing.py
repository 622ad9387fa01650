"""No mark of one line touches the next, in any language with a catalog, on the tightest rung and in headings."""

from __future__ import annotations

import pytest

from angio_print.i18n import catalogs
from angio_print.model.languages import get_language, use_overrides
from angio_print.model.project import load_project
from angio_print.printing.pdf import Printer
from angio_print.render.fitting import LADDER
from conftest import ROOT
from line_ink import closest_line_height

pytestmark = pytest.mark.system  # prints and rasterises every catalog


@pytest.fixture(scope="module")
def printer():
    return Printer(ROOT, load_project(ROOT).assets_dir)


def _texts(project, lang: str) -> list[str]:
    texts = []
    for domain in catalogs.domains(project):
        path = catalogs.pot_path(project, domain) if lang == "en" else catalogs.po_path(project, lang, domain)
        texts += [m.string or m.id for m in catalogs.read_catalog(path) if m.id and (m.string or lang == "en")]
    return texts


@pytest.mark.parametrize("lang", ["en", *catalogs.catalog_languages(load_project(ROOT))])
def test_marks_of_adjacent_lines_never_touch(printer, lang):
    project = load_project(ROOT)  # its language overrides, whatever project an earlier test loaded
    language = get_language(lang)
    texts = _texts(project, lang)
    body = LADDER[-1].line_height(language)
    regular = closest_line_height(printer, language, texts)
    bold = closest_line_height(printer, language, texts, bold=True)  # headings, and bold words in the body
    advice = f"raise min_line_height of [{language.script.code}] in src/angio_print/data/scripts.toml"
    assert body >= max(regular, bold), f"{lang}: body lines at {body} touch below {max(regular, bold):.2f}: {advice}"
    assert language.heading_line_height >= bold, f"{lang}: headings at {language.heading_line_height} touch: {advice}"


def test_nastaliq_needs_more_than_twice_its_type_size(printer):
    """What the measure found: Urdu in Nastaliq at line height 2.0 has lines whose marks touch."""
    project = load_project(ROOT)
    use_overrides({"ur": {"script": "Aran"}})
    try:
        urdu = get_language("ur")
        assert urdu.font_families[0] == "Noto Nastaliq Urdu"
        assert closest_line_height(printer, urdu, _texts(project, "ur")) > 2.0
        assert LADDER[-1].line_height(urdu) >= 3.0
    finally:
        load_project(ROOT)
