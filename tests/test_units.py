"""Units as each language writes them (CLDR): the checks accept them, and a line never breaks before one."""

from __future__ import annotations

import pytest

from angio_print.model.units import number_unit_gap, unit_forms

NBSP = "\u00a0"


@pytest.mark.parametrize("lang, text, bound", [
    ("en", "smaller than 3 cm (about 1 inch) across", "smaller than 3\u00a0cm (about 1\u00a0inch) across"),
    ("ru", "меньше 3 см", "меньше 3\u00a0см"),
    ("ar", "أقل من ٣ سم", "أقل من ٣\u00a0سم"),
    ("zh_Hans", "小于 3 厘米", "小于 3\u00a0厘米"),
    ("de", "Chromosomen 6, 13 und 21", "Chromosomen 6, 13 und 21"),
    ("en", "3 cmx and 3 centimeters", "3 cmx and 3\u00a0centimeters"),
])
def test_a_number_and_its_unit_are_bound(lang, text, bound):
    assert number_unit_gap(lang).sub(NBSP, text) == bound


def test_singular_and_plural_unit_forms():
    assert {"inch", "inches"} <= unit_forms("inch", "en")
    assert "cm" in unit_forms("cm", "fr")
