"""The copy-fitting search finds what trying every rung would find, with few layouts.

The search only asks a layout how many pages it took, whether the text reaches
the last page, the room left below it and the lines beyond one sheet; here a
leaflet is described by those answers per rung, so every outcome of the ladder
is covered in milliseconds. Real layouts are in test_one_sheet.py.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from angio_print.build.worker import FitHint, _fitted, _Search
from angio_print.build.plan import Target
from angio_print.render.fitting import LADDER, NOTES_LINES_MM, ROOMY

RUNGS = len(LADDER)


@dataclass(frozen=True)
class Leaflet:
    """A standard leaflet as layouts report it."""
    fits_from: int      # the first rung whose text fits one sheet; RUNGS: none
    notes_fit: bool     # whether the notes space fits there too
    room_mm: float      # room below the text on the last page, where it fits

    def expected(self):
        if self.fits_from == RUNGS:  # no rung: roomy, with the notes space, on two sheets
            return ROOMY, True, 7
        return LADDER[self.fits_from], self.notes_fit, 0


@dataclass
class Described:
    leaflet: Leaflet
    rung: int
    notes_space: bool

    @property
    def pages(self) -> int:
        if self.rung < self.leaflet.fits_from:
            return 3
        return 3 if self.notes_space and not self.leaflet.notes_fit else 2

    def page_has_tag(self, index: int, tag: str) -> bool:
        return self.rung < self.leaflet.fits_from

    def room_below(self, tag: str) -> float:
        return self.leaflet.room_mm

    def lines_beyond(self, pages: int) -> int:
        return 7 if self.pages > pages else 0


LEAFLETS = [Leaflet(fits_from, notes_fit, room)
            for fits_from in range(RUNGS + 1)
            for notes_fit, room in ((True, NOTES_LINES_MM + 12), (False, NOTES_LINES_MM + 3), (False, NOTES_LINES_MM - 5))]


def _lay_out(leaflet: Leaflet, made: list):
    def lay_out(fit, notes_space):
        made.append((fit.name, notes_space))
        return Described(leaflet, LADDER.index(fit), notes_space)
    return lay_out


def _decision(found):
    layout, fit, notes_space, lines_over = found
    assert (layout.rung, layout.notes_space) == (LADDER.index(fit), notes_space)  # the layout printed is the one chosen
    return fit, notes_space, lines_over


@pytest.mark.parametrize("leaflet", LEAFLETS)
def test_the_most_generous_rung_that_fits_then_the_notes_space_if_it_fits(leaflet):
    made = []
    assert _decision(_Search(_lay_out(leaflet, made)).run()) == leaflet.expected()
    assert len(made) <= RUNGS
    if leaflet.fits_from == RUNGS - 1 and leaflet.room_mm < NOTES_LINES_MM:
        assert len(made) == 2  # the tightest rung, no room for the notes: two layouts


STANDARD = Target("angioleiomyoma", "en", "a4", "standard")


@pytest.mark.parametrize("leaflet", LEAFLETS)
@pytest.mark.parametrize("hint_rung", range(RUNGS))
@pytest.mark.parametrize("hint_notes", [True, False])
def test_a_changed_target_reaches_the_same_decision_from_any_hint(leaflet, hint_rung, hint_notes):
    hint = FitHint(LADDER[hint_rung].name, True, hint_notes, 0, same_inputs=False)
    made = []
    assert _decision(_fitted(STANDARD, _lay_out(leaflet, made), hint)) == leaflet.expected()
    if hint_rung == leaflet.fits_from:
        assert len(made) <= 3  # the hinted rung, the one above it, then the notes space
