"""What a build makes: one target per leaflet, language, paper and variant."""

from __future__ import annotations

from dataclasses import dataclass

from angio_print.model.formats import VARIANTS
from angio_print.model.languages import SOURCE_LANGUAGE


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


def expected_cost(target: Target) -> float:
    """A target's relative printing time: pages to lay out, times how heavy its script is to shape."""
    from angio_print.model.languages import get_language

    pages = {"standard": 2.0, "large": 4.0, "bilingual": 4.0}.get(target.variant, 3.0)
    weight = 1.0 if get_language(target.lang).spaces else 1.6
    return pages * weight


def shard(targets: list[Target], index: int, count: int) -> list[Target]:
    """The `index`-th (1-based) of `count` shares of `targets`, balanced by expected cost.

    Deterministic: every machine given the same targets computes the same
    shares (longest first, each to the least-loaded share, ties by number), so
    the shares together are every target exactly once.
    """
    loads = [0.0] * count
    mine = []
    for target in sorted(targets, key=lambda t: (-expected_cost(t), t.filename)):
        share = min(range(count), key=lambda i: (loads[i], i))
        loads[share] += expected_cost(target)
        if share == index - 1:
            mine.append(target)
    return sorted(mine)
