"""The copy-fitting search finds what trying every rung would find, with few layouts.

The search only asks a layout how many pages it took, whether the text reaches
the last page, the room left below it and the lines beyond one sheet; here a
leaflet is described by those answers per rung, so every outcome of the ladder
is covered in milliseconds. Real layouts are in test_one_sheet.py.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from angio_print.build.worker import _Search
from angio_print.render.fitting import LADDER, NOTES_LINES_MM, ROOMY


@dataclass
class Described:
    """What a layout of a leaflet whose text first fits on rung `fits_from` reports."""
    rung: int
    notes_space: bool
    fits_from: int         # len(LADDER): on no rung
    notes_fit: bool

    @property
    def pages(self) -> int:
        if self.rung < self.fits_from:
            return 3
        return 3 if self.notes_space and not self.notes_fit else 2

    def page_has_tag(self, index: int, tag: str) -> bool:
        return self.rung < self.fits_from

    def room_below(self, tag: str) -> float:
        return NOTES_LINES_MM + 12 if self.notes_fit else NOTES_LINES_MM - 5

    def lines_beyond(self, pages: int) -> int:
        return 7 if self.pages > pages else 0


def _search(fits_from: int, notes_fit: bool):
    made = []

    def lay_out(fit, notes_space):
        made.append((fit.name, notes_space))
        return Described(LADDER.index(fit), notes_space, fits_from, notes_fit)

    return _Search(lay_out).run(), made


@pytest.mark.parametrize("fits_from", range(len(LADDER) + 1))
@pytest.mark.parametrize("notes_fit", [True, False])
def test_the_most_generous_rung_that_fits_then_the_notes_space_if_it_fits(fits_from, notes_fit):
    (layout, fit, notes_space, lines_over), made = _search(fits_from, notes_fit)
    if fits_from == len(LADDER):  # no rung: roomy, with the notes space, on two sheets
        assert (fit, notes_space, lines_over) == (ROOMY, True, 7)
    else:
        assert (fit, notes_space, lines_over) == (LADDER[fits_from], notes_fit, 0)
    assert (layout.rung, layout.notes_space) == (LADDER.index(fit), notes_space)
    assert len(made) == len(set(made)) <= 4   # no layout made twice
    if fits_from == len(LADDER) - 1 and not notes_fit:
        assert len(made) == 2                  # the tightest rung, no room for notes: two layouts
