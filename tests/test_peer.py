"""The benchmark's comparison pipeline gets the same leaflet text and translations that a build prints."""

from __future__ import annotations

from babel.messages.pofile import read_po

from angio_print.build.peer import make_project
from angio_print.i18n import catalogs


def test_sphinx_project_holds_every_section_and_its_translation(project, tmp_path):
    leaflet = catalogs.leaflet_ids(project)[0]
    make_project(project, leaflet, ["de"], tmp_path)
    page = (tmp_path / "index.rst").read_text(encoding="utf-8")
    pot = catalogs.read_catalog(catalogs.pot_path(project, leaflet))
    headings = [m.id for m in pot if m.context and m.context.endswith("/heading")]
    assert headings and all(f"{heading}\n---" in page for heading in headings)
    assert "**not cancer**" in page and "<strong>" not in page
    with (tmp_path / "locales/de/LC_MESSAGES/index.po").open("rb") as po:
        sphinx_catalog = read_po(po)
    german = catalogs.read_catalog(catalogs.po_path(project, "de", leaflet))
    assert sphinx_catalog[headings[0]].string == next(m.string for m in german if m.id == headings[0])
    # every paragraph the page holds has its German text, so the peer prints German, not English
    paragraphs = [block for block in page.split("\n\n") if block and not block.startswith(("=", "- ")) and
                  "\n" not in block]
    assert paragraphs and all(sphinx_catalog.get(text) and sphinx_catalog[text].string for text in paragraphs)
