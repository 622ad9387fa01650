"""Each reach into WeasyPrint's internals, on a real tiny document: a WeasyPrint that moves one fails here by name."""

from __future__ import annotations

import io

import pikepdf
import pytest
import weasyprint

from pdf_structure import structure_languages

from angio_print.printing import weasyprint_internals as internals
from angio_print.printing import pdf  # noqa: F401  (installs the passage-language hook)

TWO_PAGES = """<html lang="en"><head><style>
@page { size: 100mm 60mm; margin: 10mm; @bottom-center { content: "footer" } }
p { margin: 0; font-size: 12pt; line-height: 1.3 }
</style></head><body>""" + "".join(f"<p>Line {n}</p>" for n in range(12)) + \
    '<p lang="fr" id="passage">Une phrase en français.</p></body></html>'


def _document():
    return weasyprint.HTML(string=TWO_PAGES).render()


def test_the_pinned_weasyprint_is_the_one_these_reaches_were_written_for():
    assert weasyprint.__version__ == internals.PINNED_FOR


def test_page_boxes_and_their_content_lines():
    document = _document()
    assert len(document.pages) >= 2
    for page in document.pages:
        assert internals.page_box(page).descendants()
    lines = [box for page in document.pages for box in internals.page_content_boxes(page) if internals.is_line_box(box)]
    assert len(lines) == 13, "one line box per paragraph, and none from the footer margin box"


def test_page_margins_in_millimetres():
    assert internals.page_margins_mm(_document().pages[0]) == (10.0, 10.0, 10.0, 10.0)


def test_where_the_content_area_and_a_box_end():
    page = _document().pages[0]
    assert internals.content_bottom_mm(page) == pytest.approx(50.0, abs=0.01)  # 60 mm page, 10 mm margins
    paragraphs = [box for box in internals.page_box(page).descendants() if getattr(box, "element_tag", "") == "p"]
    assert paragraphs and all(10 < internals.box_bottom_mm(p) <= 50.01 for p in paragraphs)
    blocks = list({id(p.element): p for p in reversed(paragraphs)}.values())[::-1]  # each paragraph's outer box
    # one line each: the second paragraph ends one line height below the first
    assert internals.box_bottom_mm(blocks[1]) - internals.box_bottom_mm(blocks[0]) == pytest.approx(
        12 * 1.3 * 25.4 / 72, abs=0.01)


def test_layout_box_behind_a_wrapper_and_the_box_itself():
    box = next(internals.page_content_boxes(_document().pages[0]))
    assert internals.layout_box(box) is box

    class Wrapper:
        _box = box
    assert internals.layout_box(Wrapper()) is box


def test_the_structure_hook_tags_a_passage_with_its_own_language():
    data = _document().write_pdf(pdf_variant="pdf/ua-1")
    with pikepdf.open(io.BytesIO(data)) as document:
        langs = structure_languages(document)
    assert "fr" in langs, "the passage in French lost its /Lang: the hook on _build_box_tree no longer runs"


# Two columns filled in order, with a rounded box too tall for what is left of page 1's second column: it
# is cut there and goes on at the top of page 2.
SPLIT_ROUNDED_BOX = """<html lang="en"><head><style>
@page { size: 120mm 70mm; margin: 8mm }
main { columns: 2; column-gap: 5mm; column-fill: auto }
p { margin: 0 0 2pt; font-size: 11pt; line-height: 1.3 }
.box { border: 1.5pt solid black; border-radius: 6pt; padding: 3pt }
.total::after { content: " of " counter(pages) }
</style></head><body><main>""" + "".join(f"<p>Line {n}</p>" for n in range(13)) + "{first_line}" + \
    '<div class="box">' + "".join(f"<p>Boxed line {n}</p>" for n in range(10)) + "</div>" + \
    "".join(f"<p>After {n}</p>" for n in range(12)) + "</main></body></html>"
# The second asks for the page count on page 1, so WeasyPrint lays page 1 out again after page 2.
DOCUMENTS = {"once": SPLIT_ROUNDED_BOX.replace("{first_line}", "<p>Line 13</p>"),
             "repaginated": SPLIT_ROUNDED_BOX.replace("{first_line}", '<p class="total">Page 1</p>')}


def _box_fragments(document) -> list:
    return [box for page in document.pages for box in internals.page_box(page).descendants()
            if getattr(box, "element_tag", "") == "div"]


def _column_layouts(monkeypatch) -> list:
    """Counts each time WeasyPrint lays out a column box."""
    from weasyprint.layout import block
    calls = []
    original = block.block_box_layout

    def counted(context, box, *args, **kwargs):
        if getattr(box, "is_column", False):
            calls.append(box)
        return original(context, box, *args, **kwargs)
    monkeypatch.setattr(block, "block_box_layout", counted)
    return calls


def test_the_layout_fixes_take_on_the_pinned_weasyprint():
    assert internals.install_layout_fixes(), "WeasyPrint's column layout changed: the fixes no longer apply"
    assert internals.layout_fixes_installed()
    with internals.bare_weasyprint():
        assert not internals.layout_fixes_installed()
    assert internals.layout_fixes_installed()


@pytest.mark.parametrize("document", DOCUMENTS.values(), ids=DOCUMENTS.keys())
def test_columns_filled_in_order_are_laid_out_once_to_the_same_bytes(monkeypatch, document):
    internals.install_layout_fixes()
    calls = _column_layouts(monkeypatch)
    fixed = weasyprint.HTML(string=document).write_pdf()
    fixed_layouts = len(calls)
    calls.clear()
    with internals.bare_weasyprint():
        bare = weasyprint.HTML(string=document).write_pdf()
    assert fixed_layouts < len(calls) / 1.5, "the measuring pass still runs"
    assert fixed == bare


@pytest.mark.parametrize("document", DOCUMENTS.values(), ids=DOCUMENTS.keys())
def test_a_box_cut_by_a_page_break_keeps_the_corners_of_its_uncut_sides(document):
    internals.install_layout_fixes()
    first, second = _box_fragments(weasyprint.HTML(string=document).render())
    assert first.border_top_left_radius[0] > 0 and first.border_top_right_radius[0] > 0
    assert first.border_bottom_left_radius == (0, 0) and first.border_bottom_width == 0
    assert second.border_top_left_radius == (0, 0) and second.border_top_width == 0
    assert second.border_bottom_left_radius[0] > 0
