"""Checks a clinic and a translator can trust: completeness and translation quality.

Every problem is a Finding with file, line, language, section, severity and a
message that says what to do.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import babel
import babel.units
from babel.messages.catalog import Catalog

from angio_print.i18n import catalogs

from angio_print.model import markup
from angio_print.model.project import Project
from angio_print.model.leaflet import Leaflet, load_leaflet
from angio_print.findings import ERROR, WARNING, Finding, UserError, display_path
from angio_print.model.languages import UnknownLanguage, get_language
from angio_print.i18n.review import review_problems
from angio_print.model.sourcefile import parse_yaml, read_text


# Units the source may use, by their CLDR names: a translation may write a unit
# the international way, as CLDR writes it for that language (short, long or
# narrow: "3 см", "3 سم", "3 ሴሜ"), or as the language's termbase approves.
CLDR_UNITS = {"cm": "length-centimeter", "mm": "length-millimeter", "mg": "mass-milligram"}
PERCENT_SIGNS = ("%", "٪", "％", "؉")
_UNIT = re.compile(r"(?<=\d)\s?(cm|mm|mg|%)(?![A-Za-z])")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_URL = re.compile(r"https?://[^\s<>\"]+|www\.[^\s<>\"]+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_PHONE = re.compile(r"\+?\d[\d\s().-]{6,}\d")
_END_MARKS = {".": ".", "。": ".", "．": ".", "।": ".", "۔": ".", "።": ".", "။": ".", "։": ".", "។": ".",
              "?": "?", "？": "?", "؟": "?", "፧": "?", "՞": "?", "!": "!", "！": "!", "՜": "!",
              ":": ":", "：": ":", "፥": ":"}
RUNAWAY_RATIO, RUNAWAY_CHARS = 10, 3000  # longer is a paste by mistake, and layout would run for minutes
_TRAILING = "\"'”’»)]） \u00a0"


def _section_of(context: str | None) -> str | None:
    if not context:
        return None
    parts = context.split("/")
    return parts[1] if len(parts) > 1 and parts[0] != "ui" else parts[0]


@dataclass(frozen=True)
class Termbase:
    """A language's approved terms, and the names every leaflet keeps exactly in every language (`keep_exact`)."""

    terms: dict[str, tuple[str, ...]]
    path: str
    keep_exact: tuple[str, ...] = ()

    @classmethod
    def load(cls, project: Project, lang: str, leaflet: str | None = None) -> "Termbase":
        """The language's terms, with the names `leaflet` keeps exact (every leaflet's that loads when None)."""
        path = project.locales_dir / lang / "termbase.yaml"
        keep_exact = tuple(dict.fromkeys(name for item in _loadable(project, leaflet) for name in item.keep_exact))
        if not path.exists():
            return cls({}, display_path(path), keep_exact)
        data = parse_yaml(read_text(path, "termbase"), path, "the termbase", construct=True) or {}
        if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
            raise UserError.single(display_path(path), None, "termbase must map each English term to a list of forms")
        return cls({str(k).lower(): tuple(str(f).lower() for f in v) for k, v in data.items()}, display_path(path),
                   keep_exact)

    def misses(self, source: str, translation: str) -> list[str]:
        text = translation.lower()
        wanted = []
        for term, forms in self.terms.items():
            if re.search(rf"\b{re.escape(term)}", source, re.IGNORECASE) and not any(f in text for f in forms):
                wanted.append(f"'{term}' → {' / '.join(forms)}")
        return wanted


def _loadable(project: Project, leaflet: str | None) -> list[Leaflet]:
    found = []
    for name in [leaflet] if leaflet else catalogs.leaflet_ids(project):
        try:
            found.append(load_leaflet(project.leaflet_dir / f"{name}.yaml"))
        except UserError:
            continue  # its own errors are reported by the check of its source
    return found


@lru_cache(maxsize=None)
def unit_forms(unit: str, lang: str) -> frozenset[str]:
    """Every way `lang` may write `unit`, by CLDR."""
    if unit == "%":
        return frozenset(PERCENT_SIGNS)
    forms = {unit}
    locale = get_language(lang).babel_locale
    for length in ("short", "long", "narrow") if locale else ():
        try:
            written = babel.units.format_unit(3, CLDR_UNITS[unit], locale=locale, length=length)
        except (ValueError, KeyError, babel.UnknownLocaleError):
            continue
        form = re.sub(r"[\d\s\u00a0\u202f]+", " ", written).strip()
        if form and CLDR_UNITS[unit] not in form:
            forms.add(form)
    return frozenset(forms)


def _unit_key(text: str) -> str:
    """Abbreviation dots and spaces do not make a unit different: "ሴ.ሜ" is "ሴሜ"."""
    return re.sub(r"[.\u0970·\s\u200c\u00a0\u202f]", "", text.lower())


def _ascii_digits(text: str) -> str:
    """Every Unicode decimal digit (Arabic-Indic, Devanagari, Bengali, Myanmar, full-width …) as 0-9."""
    return "".join(str(unicodedata.digit(c)) if c.isdigit() and unicodedata.category(c) == "Nd" else c for c in text)


def _numbers(text: str) -> Counter:
    return Counter(n.replace(",", ".") for n in _NUMBER.findall(_ascii_digits(text)))


def _end_mark(text: str) -> str:
    stripped = markup.plain_text(text).rstrip(_TRAILING)
    return _END_MARKS.get(stripped[-1:], "") if stripped else ""


def check_message(source: str, translation: str, lang: str, termbase: Termbase | None = None) -> list[tuple[str, str, str]]:
    """(severity, check, message) for one translated message."""
    found: list[tuple[str, str, str]] = []
    language = get_language(lang)
    if len(translation) > RUNAWAY_CHARS and len(translation) > RUNAWAY_RATIO * len(source):
        return [(ERROR, "length", f"the translation is {len(translation):,} characters, {len(translation) / max(len(source), 1):.0f}× "
                                  "its source: something was pasted in by mistake; translate only this message")]

    wanted, got = Counter(catalogs.PLACEHOLDER.findall(source)), Counter(catalogs.PLACEHOLDER.findall(translation))
    if wanted != got:
        missing = ", ".join(sorted((wanted - got).elements())) or "none"
        extra = ", ".join(sorted((got - wanted).elements())) or "none"
        found.append((ERROR, "placeholders", f"placeholders differ from the source (missing: {missing}; unknown: {extra}): copy them exactly, e.g. {{date}}"))

    controls = sorted({c for c in translation if unicodedata.category(c) in ("Cc", "Zl", "Zp") and c not in source})
    if controls:
        found.append((ERROR, "control", f"the translation holds the control character(s) {', '.join(f'U+{ord(c):04X}' for c in controls)} "
                                        "(a line break, carriage return or form feed): remove them"))

    foreign = markup.foreign_tags(translation)
    if foreign:
        found.append((ERROR, "markup", f"markup {', '.join(foreign)} is not allowed (only <strong> and <em>): remove it"))
    try:
        markup.parse(translation)
        if markup.tag_sequence(source) != markup.tag_sequence(translation):
            found.append((ERROR, "markup", f"inline markup differs from the source ({' '.join(markup.tag_sequence(source)) or 'none'}): keep the same tags around the matching words"))
    except markup.MarkupError as error:
        found.append((ERROR, "markup", f"broken markup: {error}"))

    source_numbers, translated_numbers = _numbers(markup.plain_text(source)), _numbers(markup.plain_text(translation))
    if source_numbers != translated_numbers:
        found.append((ERROR, "numbers", f"numbers differ: source has {sorted(source_numbers.elements()) or 'none'}, translation has {sorted(translated_numbers.elements()) or 'none'}: medical numbers must be exact"))
    for unit in _UNIT.findall(source):
        forms = (*sorted(unit_forms(unit, lang)), *(termbase.terms.get(unit, ()) if termbase else ()))
        if not any(_unit_key(form) in _unit_key(translation) for form in forms):
            found.append((ERROR, "units", f"the unit '{unit}' is missing: write it as {' or '.join(forms)} "
                                          f"(or add this language's form to its termbase)"))

    for name in termbase.keep_exact if termbase else ():
        # "Desmin" opening an English sentence is still the name desmin; either spelling may stand in the translation
        used = {m.group(0) for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", source, re.IGNORECASE)}
        if used and not any(form in translation for form in used | {name}):
            found.append((ERROR, "names", f"'{name}' is a marker or gene name: keep it exactly as '{name}'"))

    for pattern, what in ((_URL, "web address"), (_EMAIL, "e-mail address"), (_PHONE, "phone number")):
        for item in pattern.findall(source):
            if item not in translation:
                found.append((ERROR, "identifiers", f"the {what} '{item}' must appear unchanged"))

    if termbase:
        for miss in termbase.misses(source, translation):
            found.append((ERROR, "terms", f"use the approved term {miss} (see {termbase.path})"))

    letters = re.sub(r"[\W\d_]", "", markup.plain_text(source))
    if translation.strip() == source.strip() and len(letters) > 3 and not letters.isupper():
        found.append((WARNING, "identical", "translation is identical to the English source: translate it"))
    ratio = len(markup.plain_text(translation)) / max(len(markup.plain_text(source)), 1)
    low, high = language.script.length_ratio
    if len(source) > 20 and not low <= ratio <= high:
        found.append((WARNING, "length", f"translation is {ratio:.1f}× the source length: check nothing is missing or added (a layout risk too)"))
    if _end_mark(source) != _end_mark(translation):
        found.append((WARNING, "punctuation", f"sentence ends with '{_end_mark(translation) or 'nothing'}' where the source ends with '{_end_mark(source) or 'nothing'}'"))
    return found


def check_catalog(project: Project, lang: str, domain: str, template: Catalog) -> list[Finding]:
    """Header, freshness, completeness and quality of one catalog: a leaflet's (or the tool's) in one language."""
    path = catalogs.po_path(project, lang, domain)
    shown = display_path(path)
    if not path.exists():
        command = f"angio-print update --lang {lang}" + (f" --leaflet {domain}" if domain != catalogs.TOOL_DOMAIN else "")
        return [Finding(shown, None, f"no {domain} catalog for {lang}: run `{command}`", ERROR, lang, None, "complete")]
    try:
        catalog = catalogs.read_catalog(path)
    except UserError as error:
        return [Finding(f.path, f.line, f.message, ERROR, lang, None, "syntax") for f in error.findings]
    findings: list[Finding] = []

    def add(line, message, severity=ERROR, context=None, check="catalog"):
        findings.append(Finding(shown, line, message, severity, lang, _section_of(context), check))

    header = catalogs.raw_header(path)
    declared = re.search(r"^Language:\s*(\S*)", header, re.MULTILINE)
    try:
        declared_code = get_language(declared.group(1)).code if declared and declared.group(1) else None
    except UnknownLanguage:
        declared_code = None
    if declared_code != lang:
        add(1, f"header 'Language: {declared.group(1) if declared else ''}' does not match the folder '{lang}': set it to {lang}")
    if "Plural-Forms:" not in header and get_language(lang).babel_locale:  # CLDR knows its plurals
        add(1, "header has no Plural-Forms line: run `angio-print update` to restore the header")
    if not re.search(r"charset=utf-8", header, re.IGNORECASE):
        add(1, "header charset is not UTF-8: save the catalog as UTF-8 and set charset=UTF-8")

    expected = {(m.context, m.id) for m in template if m.id}
    present = {(m.context, m.id) for m in catalog if m.id}
    stale = len(expected - present) + len(present - expected)
    if stale:
        add(None, f"catalog is out of date with the template ({len(expected - present)} new or changed, "
                  f"{len(present - expected)} removed): run `angio-print update`", check="up-to-date")

    if domain != catalogs.TOOL_DOMAIN:
        findings += review_problems(project, lang, domain)
    try:
        termbase = Termbase.load(project, lang, None if domain == catalogs.TOOL_DOMAIN else domain)
    except UserError as error:
        if domain != catalogs.TOOL_DOMAIN:  # said once, with the leaflet's catalog
            findings += [Finding(f.path, f.line, f.message, ERROR, lang, None, "termbase") for f in error.findings]
        termbase = None
    for message in catalog:
        if not message.id:
            continue
        if not message.string:
            add(message.lineno, f"{message.context}: not translated yet", context=message.context, check="complete")
            continue
        if message.fuzzy:
            why = " (the English changed; the old English is the #| msgid)" if message.previous_id else ""
            add(message.lineno, f"{message.context}: fuzzy{why}: check the translation and remove the fuzzy flag",
                context=message.context, check="complete")
            continue
        for severity, check, text in check_message(message.id, message.string, lang, termbase):
            add(message.lineno, f"{message.context}: {text}", severity, message.context, check)
    return findings


def check_source(project: Project, leaflet: Leaflet) -> list[Finding]:
    """Every required section is present and non-empty."""
    from angio_print.model.scaffold import TO_WRITE

    findings = []
    shown = display_path(leaflet.path)
    for message in leaflet.messages():
        if TO_WRITE in message.text:
            findings.append(Finding(shown, message.line, f"{message.context}: still the template's text: "
                                    "replace it with your own", WARNING, "en", message.section, "to-write"))
        for placeholder in catalogs.PLACEHOLDER.findall(message.text):
            findings.append(Finding(shown, message.line, f"{message.context}: {placeholder} is not filled in for leaflet text "
                                    "and would print as it is: write the words themselves", ERROR, "en", message.section,
                                    "placeholders"))
    present = {s.id: s for s in leaflet.sections}
    for required in leaflet.required_sections or project.required_sections.get(leaflet.id, ()):
        section = present.get(required)
        if section is None:
            findings.append(Finding(shown, None, f"required section '{required}' is missing: add it "
                                    "(see required_sections in this file or in angio-print.toml)",
                                    ERROR, "en", required, "required-section"))
        elif not section.blocks or not any(True for _ in list(section.messages())[1:]):
            findings.append(Finding(shown, section.line, f"required section '{required}' is empty: write its text",
                                    ERROR, "en", required, "required-section"))
    return findings
