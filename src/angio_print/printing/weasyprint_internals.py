"""Every reach into WeasyPrint's internals, in one place, each covered by tests/test_weasyprint_internals.py.

WeasyPrint's public API prints; measuring a layout (lines past a page,
labels that overlap, which element sits on which page) and tagging each
passage with its own language need its box tree and its tag builder. Two
layout fixes (at the end) save a layout pass in columns. If a new
WeasyPrint renames one of these, those tests fail by name.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import weasyprint
from weasyprint.formatting_structure import boxes as _boxes
from weasyprint.layout import block as _block
from weasyprint.layout import column as _column
from weasyprint.pdf import tags as _tags

PINNED_FOR = "70.0"  # the WeasyPrint version these reaches were written against (pyproject.toml pins it)


def page_box(page):
    """The root box of a laid-out page (`Page._page_box`)."""
    return page._page_box


def page_margins_mm(page) -> tuple[float, float, float, float]:
    """Top, right, bottom and left margin of a laid-out page, in mm (WeasyPrint lays out in CSS px, 96 per inch)."""
    box = page_box(page)
    return tuple(round(value * 25.4 / 96, 2) for value in
                 (box.margin_top, box.margin_right, box.margin_bottom, box.margin_left))


def content_bottom_mm(page) -> float:
    """Where the page's content area ends, in mm from the top of the page."""
    box = page_box(page)
    return _mm(box.content_box_y() + box.height)


def box_bottom_mm(box) -> float:
    """Where a laid-out box ends, margins included, in mm from the top of its page."""
    return _mm(box.position_y + box.margin_height())


def _mm(px: float) -> float:
    return px * 25.4 / 96


def page_content_boxes(page) -> Iterator:
    """Every box inside the page's content area, without its margin boxes (running head and footer)."""
    return page_box(page).children[0].descendants()


def is_line_box(box) -> bool:
    return type(box).__name__ == "LineBox"


def layout_box(box):
    """The layout box behind a tag-tree wrapper (`_box`), or the box itself."""
    return getattr(box, "_box", box)


def wrap_structure_builder(wrapper: Callable) -> None:
    """Let `wrapper(original, box, parent, pdf, *args)` build each structure element of a tagged PDF.

    Wraps `weasyprint.pdf.tags._build_box_tree`, once per process.
    """
    original = _tags._build_box_tree
    if getattr(original, "wrapped_by_angio_print", False):
        return

    def build_box_tree(box, parent, pdf, *args):
        return wrapper(original, box, parent, pdf, *args)

    build_box_tree.wrapped_by_angio_print = True
    _tags._build_box_tree = build_box_tree


@functools.cache
def text_library_versions() -> str:
    """The Pango and HarfBuzz that shape text (system libraries, not pinned with the Python packages)."""
    import ctypes
    import ctypes.util

    from weasyprint.text.ffi import pango

    harfbuzz = "unknown"
    name = ctypes.util.find_library("harfbuzz")
    if name:
        try:
            library = ctypes.CDLL(name)
            library.hb_version_string.restype = ctypes.c_char_p
            harfbuzz = library.hb_version_string().decode()
        except (OSError, AttributeError):
            pass
    return f"pango={pango.pango_version()} harfbuzz={harfbuzz}"


# Two layout fixes. WeasyPrint lays out the columns of `column-fill: auto`
# twice: once to measure and once to place, and the measuring pass changes
# nothing it places. It cannot simply be left out, because of a second fault:
# the fragments of a box share one set of removed sides (the sides cut by a
# page or column break), and laying out a continuation adds its cut top to
# that set in place, squaring the first fragment's corners too. The
# measuring pass used to absorb that: its fragment was the one spoiled.
# With the set replaced rather than changed in place, the measuring pass can
# go, and the PDFs are the same bytes (tests/test_weasyprint_internals.py
# checks both on real documents, repaginated ones too, and every leaflet was
# compared).

_MEASURING_LOOP = "        page_is_empty = stop_rendering = balancing = False\n        while True:\n"
_MEASURE_ONLY_TO_BALANCE = (
    "        page_is_empty = stop_rendering = balancing = False\n"
    "        filled_in_order = (\n"
    "            style['column_fill'] != 'balance' and index == columns_and_blocks[-1][0] and\n"
    "            not (context.footnotes or context.current_page_footnotes or context.reported_footnotes))\n"
    "        while not filled_in_order:\n")

_ORIGINALS = {"reset_spacing": _boxes.ParentBox._reset_spacing, "columns_layout": _column.columns_layout}
_FIXED: dict[str, Callable] = {}


def _reset_spacing_in_a_new_set(self, side):
    """`ParentBox._reset_spacing`, except that the removed sides are a new set, not the one fragments share."""
    self.remove_decoration_sides = self.remove_decoration_sides | {side}
    setattr(self, f"margin_{side}", 0)
    setattr(self, f"padding_{side}", 0)
    setattr(self, f"border_{side}_width", 0)


def _columns_layout_measuring_only_to_balance():
    """WeasyPrint's `columns_layout` without the measuring pass where it only feeds balancing, or None.

    None when this WeasyPrint's source is not the one the change was written
    for: its layout is then left as it is.
    """
    if weasyprint.__version__ != PINNED_FOR:
        return None
    source = inspect.getsource(_column)
    if source.count(_MEASURING_LOOP) != 1:
        return None
    namespace = dict(vars(_column))
    exec(compile(source.replace(_MEASURING_LOOP, _MEASURE_ONLY_TO_BALANCE), _column.__file__, "exec"), namespace)
    return namespace["columns_layout"]


def install_layout_fixes() -> bool:
    """Lay columns out once where they are not balanced, with fragments that keep their own corners.

    Once per process; True when this WeasyPrint takes both fixes.
    """
    if not _FIXED:
        columns_layout = _columns_layout_measuring_only_to_balance()
        if columns_layout is None:
            return False
        _FIXED.update(reset_spacing=_reset_spacing_in_a_new_set, columns_layout=columns_layout)
    _use(_FIXED)
    return True


def layout_fixes_installed() -> bool:
    return _block.columns_layout is not _ORIGINALS["columns_layout"]


@contextmanager
def bare_weasyprint():
    """WeasyPrint as released, for the benchmark's floor; the fixes come back afterwards if they were in."""
    installed = layout_fixes_installed()
    _use(_ORIGINALS)
    try:
        yield
    finally:
        if installed:
            _use(_FIXED)


def _use(functions: dict[str, Callable]) -> None:
    _boxes.ParentBox._reset_spacing = functions["reset_spacing"]
    _block.columns_layout = functions["columns_layout"]
