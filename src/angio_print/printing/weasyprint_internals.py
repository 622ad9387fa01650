"""Every reach into WeasyPrint's internals, in one place, each covered by tests/test_weasyprint_internals.py.

WeasyPrint's public API prints; measuring a layout (lines past a page,
labels that overlap, which element sits on which page) and tagging each
passage with its own language need its box tree and its tag builder. If a
new WeasyPrint renames one of these, those tests fail by name.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

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
