"""How close lines of a language can be set before the marks of one touch the next, measured on real ink.

Each text is printed at a line height far larger than any script needs, so
every line's ink stands apart; then, for each pair of adjacent lines in one
paragraph and for each pixel column, the lowest ink of the upper line and the
highest ink of the lower line give the smallest pitch at which they keep
clear. Line breaks do not depend on line height, so the pairs are the ones a
paragraph of that width really has.
"""

from __future__ import annotations

import html
import re

import numpy as np
import pypdfium2

from angio_print.model.languages import Language
from angio_print.printing.pdf import Printer
from angio_print.printing.weasyprint_internals import is_line_box, page_box

SPREAD = 6.0          # line height of the measuring print, in em
DPI = 216
CLEARANCE_EM = 0.03   # ink closer than this (0.36 pt at 12 pt), above or to the side, counts as touching
COLUMN_MM = 88        # a column of the standard leaflet on A4


def _document(language: Language, texts: list[str], bold: bool) -> str:
    stack = ", ".join(f'"{family}"' for family in language.font_families)
    paragraphs = "".join(f"<p>{html.escape(re.sub(r'<[^>]+>', '', text))}</p>" for text in texts)
    return (f'<html lang="{language.bcp47}" dir="{language.direction}"><style>@page {{ size: A4; margin: 10mm }}'
            f" body {{ font-family: {stack}; font-size: 12pt; line-height: {SPREAD}; width: {COLUMN_MM}mm;"
            f" font-weight: {700 if bold else 400} }} p {{ margin: 0 }}</style><body>{paragraphs}</body></html>")


def _line_bands(printer: Printer, language: Language, texts: list[str], bold: bool):
    """(paragraph, ink rows around the baseline) for every line, the baseline at the band's middle row."""
    layout = printer.layout(_document(language, texts, bold), language.font_families)
    pdf = pypdfium2.PdfDocument(layout.write().pdf)
    scale = DPI / 96  # pixels per CSS px
    half = int(SPREAD / 2 * 16 * scale) - 2
    for number, page in enumerate(layout.document.pages):
        ink = np.asarray(pdf[number].render(scale=DPI / 72).to_pil().convert("L")) < 160
        for box in page_box(page).descendants():
            if is_line_box(box):
                baseline = int(round((box.position_y + box.baseline) * scale))
                yield box.element, ink[baseline - half:baseline + half]


def closest_line_height(printer: Printer, language: Language, texts: list[str], bold: bool = False) -> float:
    """The smallest line height (in em of 12 pt text) at which no two adjacent lines of these texts touch."""
    em = 16 * DPI / 96
    side = int(CLEARANCE_EM * em) + 1
    bands = list(_line_bands(printer, language, texts, bold))
    needed = 0.0
    for (paragraph, upper), (next_paragraph, lower) in zip(bands, bands[1:]):
        if paragraph is not next_paragraph or not upper.any() or not lower.any():
            continue
        middle = upper.shape[0] // 2
        below = np.where(upper.any(0), upper.shape[0] - 1 - np.argmax(upper[::-1], 0) - middle, -10**6)
        above = np.where(lower.any(0), middle - np.argmax(lower, 0), -10**6)
        above = np.max([np.roll(above, shift) for shift in range(-side, side + 1)], axis=0)
        needed = max(needed, (below + above).max() / em + CLEARANCE_EM)
    return needed
