"""Readability of a leaflet, per section and as a whole, in one language."""

from __future__ import annotations

from dataclasses import dataclass

from angio_print.model import markup

from angio_print.checks import readability
from angio_print.i18n.catalogs import Translations
from angio_print.model.leaflet import Figure, Leaflet, Section


@dataclass(frozen=True)
class SectionScore:
    section: str
    score: readability.Score
    hardest: tuple[str, ...]


@dataclass(frozen=True)
class LeafletScore:
    lang: str
    whole: readability.Score
    sections: tuple[SectionScore, ...]


def _body(section: Section, translations: Translations) -> str:
    """The running text of a section: headings, glossary terms and figure labels are not sentences."""
    labels = {label.context for block in section.blocks if isinstance(block, Figure) for _, label in block.labels}
    parts = []
    for message in list(section.messages())[1:]:
        if message.context.endswith("/term") or message.context in labels:
            continue
        text = markup.plain_text(translations.get(message.context, message.text)).strip()
        if text and not readability.split_sentences(text[-1:] + " ") and text[-1].isalnum():
            text += "."  # a list item without a full stop is still one sentence
        parts.append(text)
    return " ".join(parts)


def score_leaflet(leaflet: Leaflet, translations: Translations, lang: str, hardest: int = 2) -> LeafletScore:
    sections = []
    texts = []
    for section in leaflet.sections:
        text = _body(section, translations)
        texts.append(text)
        sentences = sorted(readability.split_sentences(text),
                           key=lambda s: -readability.sentence_difficulty(s, lang))
        sections.append(SectionScore(section.id, readability.score(text, lang), tuple(sentences[:hardest])))
    return LeafletScore(lang, readability.score(" ".join(texts), lang), tuple(sections))
