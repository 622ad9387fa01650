"""Message checks that keep medical facts exact: numbers, units, marker names, addresses, approved terms."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter

from angio_print.checks.registry import MessagePair, message_check
from angio_print.model import markup
from angio_print.model.units import unit_forms

_UNIT = re.compile(r"(?<=\d)\s?(cm|mm|mg|%)(?![A-Za-z])")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_URL = re.compile(r"https?://[^\s<>\"]+|www\.[^\s<>\"]+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_PHONE = re.compile(r"\+?\d[\d\s().-]{6,}\d")


def _unit_key(text: str) -> str:
    """Abbreviation dots and spaces do not make a unit different: "ሴ.ሜ" is "ሴሜ"."""
    return re.sub(r"[.\u0970·\s\u200c\u00a0\u202f]", "", text.lower())


def _ascii_digits(number: str) -> str:
    """Every Unicode decimal digit (Arabic-Indic, Devanagari, Bengali, Myanmar, full-width …) as 0-9."""
    return number if number.isascii() else "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in number)


def _numbers(text: str) -> Counter:
    """The numbers in a text, in ASCII digits (`\\d` matches every script's decimal digits)."""
    return Counter(_ascii_digits(n).replace(",", ".") for n in _NUMBER.findall(text))


@message_check("numbers")
def numbers(pair: MessagePair):
    """The same numbers as the source, in any of the language's digits."""
    wanted, got = _numbers(markup.plain_text(pair.source)), _numbers(markup.plain_text(pair.translation))
    if wanted != got:
        yield (f"numbers differ: source has {sorted(wanted.elements()) or 'none'}, translation has "
               f"{sorted(got.elements()) or 'none'}: medical numbers must be exact")


@message_check("units")
def units(pair: MessagePair):
    """Every unit of the source, as CLDR writes it for the language or as its termbase approves."""
    for unit in _UNIT.findall(pair.source):
        forms = (*sorted(unit_forms(unit, pair.lang)), *(pair.termbase.terms.get(unit, ()) if pair.termbase else ()))
        if not any(_unit_key(form) in _unit_key(pair.translation) for form in forms):
            yield (f"the unit '{unit}' is missing: write it as {' or '.join(forms)} "
                   "(or add this language's form to its termbase)")


@message_check("names")
def exact_names(pair: MessagePair):
    """Marker and gene names the leaflet keeps exact (keep_exact) stay as they are."""
    for name in pair.termbase.keep_exact if pair.termbase else ():
        # "Desmin" opening an English sentence is still the name desmin; either spelling may stand in the translation
        used = set(_name_pattern(name).findall(pair.source))
        if used and not any(form in pair.translation for form in used | {name}):
            yield f"'{name}' is a marker or gene name: keep it exactly as '{name}'"


@functools.cache
def _name_pattern(name: str) -> re.Pattern:
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", re.IGNORECASE)


@message_check("identifiers")
def identifiers(pair: MessagePair):
    """Web addresses, e-mail addresses and phone numbers appear unchanged."""
    for pattern, what in ((_URL, "web address"), (_EMAIL, "e-mail address"), (_PHONE, "phone number")):
        for item in pattern.findall(pair.source):
            if item not in pair.translation:
                yield f"the {what} '{item}' must appear unchanged"


@message_check("terms")
def approved_terms(pair: MessagePair):
    """The language's approved terms (locales/LANG/termbase.yaml) are used."""
    for miss in pair.termbase.misses(pair.source, pair.translation) if pair.termbase else ():
        yield f"use the approved term {miss} (see {pair.termbase.path})"
