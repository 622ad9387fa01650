"""Copy-fitting: the most generous typography with which a standard leaflet fits one sheet.

The ladder runs from roomy to tight, within accessible bounds: body text
stays 12 pt, line spacing never goes below 1.15 (nor below the script's
minimum, at which marks of adjacent lines would touch), page margins stay 10 mm or
more. Each rung is a class on <html> (spacing, in leaflet.css) plus a line
height and, on the last rungs, the SemiCondensed width of Noto Sans and of
Noto Sans Myanmar: instances of their variable fonts' width axis, made when
the fonts are installed (templates/fonts/fonts.toml). Large print and bilingual
handouts take as many pages as they need and use the first rung.
"""

from __future__ import annotations

from dataclasses import dataclass

from angio_print.model.languages import Language, get_language

STANDARD_PAGES = 2  # one sheet, two sides
NOTES_LINES_MM = 30  # the ruled lines of the notes space: the least room it can take below the text
CONDENSED = {"Noto Sans": "Noto Sans SemiCondensed", "Noto Sans Myanmar": "Noto Sans Myanmar SemiCondensed"}


@dataclass(frozen=True)
class Fit:
    name: str
    leading: float  # multiplies the script's line height
    condensed: bool = False

    def families(self, language: Language) -> list[str]:
        families = language.font_families
        return [CONDENSED.get(f, f) for f in families] if self.condensed else families

    def families_of(self, langs) -> list[str]:
        """The families a page in these languages is set in on this rung, each once."""
        return list(dict.fromkeys(family for lang in langs for family in self.families(get_language(lang))))

    def line_height(self, language: Language, scale: float = 1.0) -> float:
        """The body line height on this rung: the ladder's leading, never below the script's minimum."""
        return round(max(language.line_height * scale * self.leading, language.min_line_height), 3)

    def font_stack(self, language: Language) -> str:
        return ", ".join(f'"{family}"' for family in self.families(language))


LADDER: tuple[Fit, ...] = (
    Fit("roomy", 1.0),
    Fit("snug", 0.94),
    Fit("condensed", 0.94, condensed=True),
    Fit("tight", 0.885, condensed=True),
)
ROOMY = LADDER[0]


def get_fit(name: str) -> Fit:
    return next(fit for fit in LADDER if fit.name == name)
