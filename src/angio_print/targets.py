"""What a build makes: one target per leaflet, language, paper and variant."""

from __future__ import annotations

from dataclasses import dataclass

from angio_print.languages import SOURCE_LANGUAGE


@dataclass(frozen=True, order=True)
class Target:
    leaflet: str
    lang: str
    paper: str
    variant: str

    @property
    def langs(self) -> tuple[str, ...]:
        return (self.lang, SOURCE_LANGUAGE) if self.variant == "bilingual" else (self.lang,)

    @property
    def filename(self) -> str:
        if self.variant == "standard":
            return f"{self.leaflet}-{self.lang}-{self.paper}.pdf"
        if self.variant == "bilingual":
            return f"{self.leaflet}-{self.lang}-{SOURCE_LANGUAGE}-{self.paper}-bilingual.pdf"
        return f"{self.leaflet}-{self.lang}-{self.paper}-{self.variant}.pdf"

    @property
    def thumbnail(self) -> str:
        return "thumbnails/" + self.filename.removesuffix(".pdf") + ".png"


def plan(leaflet_ids, langs, papers, variants) -> list[Target]:
    return [
        Target(leaflet_id, lang, paper, variant)
        for leaflet_id in leaflet_ids
        for lang in langs
        for paper in papers
        for variant in variants
        if not (variant == "bilingual" and lang == SOURCE_LANGUAGE)
    ]
