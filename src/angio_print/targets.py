"""What a build makes: one target per leaflet, language, paper and variant."""

from __future__ import annotations

from dataclasses import dataclass

from angio_print.formats import VARIANTS
from angio_print.languages import SOURCE_LANGUAGE


@dataclass(frozen=True, order=True)
class Target:
    leaflet: str
    lang: str
    paper: str
    variant: str

    @property
    def one_sheet(self) -> bool:
        """Whether this target is copy-fitted to one sheet (the standard leaflet)."""
        return VARIANTS[self.variant].one_sheet

    @property
    def langs(self) -> tuple[str, ...]:
        return (self.lang, SOURCE_LANGUAGE) if VARIANTS[self.variant].with_source else (self.lang,)

    @property
    def filename(self) -> str:
        return VARIANTS[self.variant].file_name.format(leaflet=self.leaflet, lang=self.lang, source=SOURCE_LANGUAGE,
                                                       paper=self.paper)

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
        if not (VARIANTS[variant].with_source and lang == SOURCE_LANGUAGE)
    ]
