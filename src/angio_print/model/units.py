"""How each language writes the units a leaflet uses, by CLDR (through Babel)."""

from __future__ import annotations

import re
from functools import lru_cache

import babel
import babel.units

from angio_print.model.languages import get_language

# Units the source may use, by their CLDR names: a translation may write a unit
# the international way, as CLDR writes it for that language (short, long or
# narrow: "3 см", "3 سم", "3 ሴሜ"), or as the language's termbase approves.
CLDR_UNITS = {"cm": "length-centimeter", "mm": "length-millimeter", "mg": "mass-milligram",
              "inch": "length-inch"}
PERCENT_SIGNS = ("%", "٪", "％", "؉")


@lru_cache(maxsize=None)
def unit_forms(unit: str, lang: str) -> frozenset[str]:
    """Every way `lang` may write `unit`, by CLDR."""
    if unit == "%":
        return frozenset(PERCENT_SIGNS)
    forms = {unit}
    locale = get_language(lang).babel_locale
    for length in ("short", "long", "narrow") if locale else ():
        for count in (1, 3):  # singular and plural: "1 inch", "3 inches"
            try:
                written = babel.units.format_unit(count, CLDR_UNITS[unit], locale=locale, length=length)
            except (ValueError, KeyError, babel.UnknownLocaleError):
                continue
            form = re.sub(r"[\d\s\u00a0\u202f]+", " ", written).strip()
            if form and CLDR_UNITS[unit] not in form:
                forms.add(form)
    return frozenset(forms)


@lru_cache(maxsize=None)
def number_unit_gap(lang: str) -> re.Pattern:
    """The space between a number and a unit that follows it, in `lang`: a line must never break there."""
    forms = sorted({form for unit in CLDR_UNITS for form in unit_forms(unit, lang)}, key=len, reverse=True)
    return re.compile(rf"(?<=\d)[ \u202f]+(?=(?:{'|'.join(map(re.escape, forms))})(?!\w))")
