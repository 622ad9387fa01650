"""Using a catalog: the usable translations of a language, and how far it is translated."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from babel.messages.catalog import Catalog

from angio_print.i18n.locations import TOOL_DOMAIN, po_path
from angio_print.i18n.pofile import read_catalog_shared
from angio_print.model.languages import SOURCE_LANGUAGE
from angio_print.model.project import Project


@dataclass(frozen=True)
class Translations:
    """The usable translations of one language: translated and not fuzzy."""

    lang: str
    strings: dict[tuple[str | None, str], str]

    @classmethod
    def load(cls, project: Project, lang: str, leaflet: str) -> "Translations":
        """A leaflet's translations with the tool's own (footer, draft notice): what its pages print."""
        if lang == SOURCE_LANGUAGE:
            return cls(lang, {})
        return cls.from_catalog(lang, *(read_catalog_shared(po_path(project, lang, d)) for d in (leaflet, TOOL_DOMAIN)))

    @classmethod
    def from_catalog(cls, lang: str, *catalogs: Catalog) -> "Translations":
        return cls(lang, {(m.context, m.id): m.string for catalog in catalogs for m in catalog
                          if m.id and m.string and not m.fuzzy})

    def get(self, context: str | None, source: str) -> str:
        return self.strings.get((context, source), source)

    def has(self, context: str | None, source: str) -> bool:
        return (context, source) in self.strings

    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for (context, source), string in sorted(self.strings.items(), key=lambda kv: (kv[0][0] or "", kv[0][1])):
            digest.update(f"{context}\x04{source}\x00{string}\x01".encode())
        return digest.hexdigest()


@dataclass(frozen=True)
class Stats:
    lang: str
    translated: int
    fuzzy: int
    untranslated: int
    translated_words: int
    fuzzy_words: int
    untranslated_words: int

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        """Fuzzy counts as untranslated, as `msgfmt --statistics` does."""
        return 100.0 * self.translated / self.total if self.total else 100.0


def stats(catalog: Catalog, lang: str) -> Stats:
    counts = {"translated": [0, 0], "fuzzy": [0, 0], "untranslated": [0, 0]}
    for message in catalog:
        if not message.id:
            continue
        kind = "fuzzy" if message.fuzzy and message.string else "translated" if message.string else "untranslated"
        counts[kind][0] += 1
        counts[kind][1] += len(message.id.split())
    return Stats(lang, counts["translated"][0], counts["fuzzy"][0], counts["untranslated"][0],
                 counts["translated"][1], counts["fuzzy"][1], counts["untranslated"][1])
