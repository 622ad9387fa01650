"""The print forms a leaflet comes in: papers and variants, declared once, as data.

The command line's choices, the settings check, target planning, file names,
page size, copy-fitting, the index page's filters and the tests all read
these tables; adding a paper size or a variant is one entry here (and, for a
variant, its `.variant-NAME` rules in the print CSS).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Paper:
    name: str  # in file names and on the command line
    size: str  # the CSS page size


@dataclass(frozen=True)
class Variant:
    name: str
    file_name: str  # pattern with {leaflet}, {lang}, {source} (English) and {paper}
    with_source: bool = False  # the patient's language, then English, passage by passage
    one_sheet: bool = False  # copy-fitted to one sheet (two pages)
    line_scale: float = 1.0  # multiplies each script's line height


PAPERS: dict[str, Paper] = {paper.name: paper for paper in (
    Paper("a4", "A4"),
    Paper("letter", "letter"),
)}

VARIANTS: dict[str, Variant] = {variant.name: variant for variant in (
    Variant("standard", "{leaflet}-{lang}-{paper}.pdf", one_sheet=True),
    Variant("large", "{leaflet}-{lang}-{paper}-large.pdf", line_scale=1.15),
    Variant("bilingual", "{leaflet}-{lang}-{source}-{paper}-bilingual.pdf", with_source=True),
)}
