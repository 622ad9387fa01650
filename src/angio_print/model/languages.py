"""The languages the project prints, and how each one is set in type.

A language is data, never code: its facts come from CLDR through Babel (its
own name, direction, script, plural forms, dates, digits, units); how its
script is set in type comes from `data/scripts.toml`; and `[languages.CODE]`
in `angio-print.toml` overrides any of these, or describes a language CLDR
does not have. Identifiers are gettext/Babel locale codes (`zh_Hans`, `pa`);
`bcp47` is what HTML `lang` and PDF `/Lang` get.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from angio_print import DATA_DIR

SOURCE_LANGUAGE = "en"
LATIN = '"Noto Sans"'
SCRIPTS_FILE = DATA_DIR / "scripts.toml"
ALIASES = {"zh-Hans": "zh_Hans", "zh_CN": "zh_Hans", "zh-CN": "zh_Hans", "zh-Hant": "zh_Hant", "zh_TW": "zh_Hant",
           "zh-TW": "zh_Hant", "pa_Guru": "pa", "fil": "tl", "fil_PH": "tl"}
# What [languages.CODE] in angio-print.toml may set.
# CLDR numbering systems and the CSS counter style that writes the same digits (page numbers).
COUNTER_STYLES = {"arab": "arabic-indic", "arabext": "persian", "beng": "bengali", "deva": "devanagari",
                  "gujr": "gujarati", "guru": "gurmukhi", "khmr": "khmer", "knda": "kannada", "laoo": "lao",
                  "mlym": "malayalam", "mymr": "myanmar", "orya": "oriya", "taml": "tamil", "telu": "telugu",
                  "thai": "thai", "tibt": "tibetan"}


class UnknownLanguage(ValueError):
    pass


@dataclass(frozen=True)
class Script:
    code: str
    name: str
    fonts: tuple[str, ...]
    line_height: float
    spaces: bool
    sentence_end: str
    languages: tuple[str, ...] = ()
    length_ratio: tuple[float, float] = (0.45, 2.2)  # usual translation length against the English
    min_line_height: float = 1.0  # below it, marks of one line touch the next (tests/test_line_spacing.py)


@lru_cache(maxsize=1)
def scripts() -> dict[str, Script]:
    data = tomllib.loads(SCRIPTS_FILE.read_text(encoding="utf-8"))
    return {code: Script(code, s["name"], tuple(s["fonts"]), s["line_height"], s["spaces"], s["sentence_end"],
                         tuple(s.get("languages", ())), tuple(s.get("length_ratio", (0.45, 2.2))),
                         s.get("min_line_height", 1.0))
            for code, s in data.items()}


@dataclass(frozen=True)
class Language:
    code: str
    bcp47: str
    english_name: str
    own_name: str
    script: Script
    direction: str
    babel_locale: str | None  # None: CLDR does not know the language; dates fall back to English
    fonts: str  # CSS font-family list, script face first
    line_height: float
    min_line_height: float  # the copy-fitting never sets lines closer than this

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"

    @property
    def spaces(self) -> bool:
        """Whether words are separated by spaces (Han, Kana, Thai, Khmer, Myanmar are not)."""
        return self.script.spaces

    @property
    def heading_line_height(self) -> float:
        """A little less than body text, but never so little that the marks of a wrapped heading touch."""
        return max(1.2, round(self.line_height - 0.3, 2), self.min_line_height)

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.babel_locale or SOURCE_LANGUAGE)

    @property
    def counter_style(self) -> str:
        """How page numbers are written: the language's own digits where CLDR says it uses them."""
        numbering = self.locale.default_numbering_system if self.babel_locale else "latn"
        return COUNTER_STYLES.get(numbering, "decimal")

    @property
    def font_families(self) -> list[str]:
        return [f.strip().strip('"') for f in self.fonts.split(",")]


_overrides: dict[str, dict] = {}


def use_overrides(overrides: dict[str, dict]) -> None:
    """The project's [languages.CODE] tables (angio-print.toml), applied to every language looked up after."""
    _overrides.clear()
    _overrides.update(overrides)
    get_language.cache_clear()


def _script_code(code: str, locale: Locale | None) -> str | None:
    for script in scripts().values():
        if code in script.languages:
            return script.code
    if locale is None:
        return None
    if locale.script:
        return locale.script
    likely = get_global("likely_subtags")
    for key in (str(locale), locale.language):
        if key in likely:
            parts = likely[key].split("_")
            return next((p for p in parts[1:] if len(p) == 4), None)
    return None


@lru_cache(maxsize=None)
def get_language(code: str) -> Language:
    code = ALIASES.get(code, code)
    override = _overrides.get(code, {})
    babel_code = override.get("babel_locale", code)
    try:
        locale = Locale.parse(babel_code)
    except (UnknownLocaleError, ValueError):
        locale = None
    if locale is None and not {"name", "script"} <= override.keys():
        raise UnknownLanguage(
            f"unknown language code '{code}': CLDR (through Babel) does not know it; describe it in "
            f"angio-print.toml as [languages.{code}] with name = \"…\" and script = \"Latn\" (or another script "
            f"of {', '.join(scripts())})")
    script_code = override.get("script") or _script_code(code, locale)
    if script_code not in scripts():
        raise UnknownLanguage(
            f"language '{code}' is written in the script '{script_code}', which has no fonts yet: add it to "
            f"src/angio_print/data/scripts.toml and its fonts to templates/fonts/fonts.toml")
    script = scripts()[script_code]
    own = override.get("name") or _capitalised(locale.get_display_name(locale))
    english = override.get("english_name") or override.get("name") or locale.get_display_name("en")
    direction = override.get("direction") or ("rtl" if locale and locale.character_order == "right-to-left" else "ltr")
    fonts = ", ".join(f'"{f}"' for f in override.get("fonts", script.fonts))
    return Language(code, code.replace("_", "-"), english, own, script, direction,
                    str(locale) if locale else None, fonts, override.get("line_height", script.line_height),
                    override.get("min_line_height", script.min_line_height))


def _capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]
