"""The languages the project prints, and how each one is set in type.

Identifiers are gettext/Babel locale codes (`zh_Hans`, `pa`); `bcp47` is what
HTML `lang` and PDF `/Lang` get. Fonts are named per script because
fontconfig alone picks wrong faces (DejaVu for Arabic, Japanese for Chinese).
"""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale

SOURCE_LANGUAGE = "en"
LATIN = '"Noto Sans"'


@dataclass(frozen=True)
class Language:
    code: str
    bcp47: str
    english_name: str
    fonts: str  # CSS font-family list, script face first
    babel_locale: str
    rtl: bool = False
    cjk: bool = False
    own_name_override: str | None = None
    line_height: float = 1.3

    @property
    def heading_line_height(self) -> float:
        """Tall scripts (Nastaliq) need room above headings too, or lines overlap."""
        return max(1.2, round(self.line_height - 0.3, 2))

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.babel_locale)

    @property
    def own_name(self) -> str:
        if self.own_name_override:
            return self.own_name_override
        name = self.locale.get_display_name(self.locale)
        return name[:1].upper() + name[1:]

    @property
    def font_families(self) -> list[str]:
        return [f.strip().strip('"') for f in self.fonts.split(",")]


def _latin(code, name, **kw):
    return Language(code, code.replace("_", "-"), name, LATIN, code, **kw)


LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        _latin("en", "English"),
        _latin("fr", "French"),
        _latin("es", "Spanish"),
        _latin("pt", "Portuguese"),
        _latin("de", "German"),
        _latin("pl", "Polish"),
        _latin("ru", "Russian"),
        _latin("uk", "Ukrainian"),
        Language("tl", "tl", "Tagalog", LATIN, "fil", own_name_override="Tagalog"),
        _latin("vi", "Vietnamese"),
        Language("zh_Hans", "zh-Hans", "Chinese (Simplified)", f'"Noto Sans SC", {LATIN}', "zh_Hans", cjk=True),
        Language("zh_Hant", "zh-Hant", "Chinese (Traditional)", f'"Noto Sans TC", {LATIN}', "zh_Hant", cjk=True),
        Language("ko", "ko", "Korean", f'"Noto Sans KR", {LATIN}', "ko", cjk=True),
        Language("ar", "ar", "Arabic", f'"Noto Naskh Arabic", {LATIN}', "ar", rtl=True, line_height=1.5),
        Language("fa", "fa", "Persian", f'"Noto Naskh Arabic", {LATIN}', "fa", rtl=True, line_height=1.5),
        Language("ur", "ur", "Urdu", f'"Noto Nastaliq Urdu", {LATIN}', "ur", rtl=True, line_height=1.9),
        Language("hi", "hi", "Hindi", f'"Noto Sans Devanagari", {LATIN}', "hi", line_height=1.45),
        Language("pa", "pa", "Punjabi (Gurmukhi)", f'"Noto Sans Gurmukhi", {LATIN}', "pa_Guru", line_height=1.45),
    )
}

ALIASES = {"zh-Hans": "zh_Hans", "zh_CN": "zh_Hans", "zh-CN": "zh_Hans",
           "zh-Hant": "zh_Hant", "zh_TW": "zh_Hant", "zh-TW": "zh_Hant", "pa_Guru": "pa", "fil": "tl", "fil_PH": "tl"}


class UnknownLanguage(ValueError):
    pass


def get_language(code: str) -> Language:
    code = ALIASES.get(code, code)
    try:
        return LANGUAGES[code]
    except KeyError:
        known = ", ".join(LANGUAGES)
        raise UnknownLanguage(f"unknown language code '{code}' (known: {known})") from None
