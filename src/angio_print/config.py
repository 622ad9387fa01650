"""The project's layout and settings, read once from `angio-print.toml`."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from angio_print.findings import UserError, display_path

CONFIG_NAME = "angio-print.toml"
PAPERS = ("a4", "letter")
VARIANTS = ("standard", "large", "bilingual")


@dataclass(frozen=True)
class ReadabilityGoals:
    leaflet_grade: float = 6.0
    section_grade: float = 8.0
    hardest_sentences: int = 2


@dataclass(frozen=True)
class Project:
    root: Path
    required_sections: dict[str, tuple[str, ...]] = field(default_factory=dict)
    readability: ReadabilityGoals = ReadabilityGoals()
    default_papers: tuple[str, ...] = PAPERS
    default_variants: tuple[str, ...] = VARIANTS

    @property
    def leaflet_dir(self) -> Path:
        return self.root / "leaflet"

    @property
    def locales_dir(self) -> Path:
        return self.root / "locales"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def assets_dir(self) -> Path:
        return self.templates_dir / "assets"

    @property
    def pot_path(self) -> Path:
        return self.locales_dir / "angio_print.pot"


def load_project(root: Path) -> Project:
    path = root / CONFIG_NAME
    if not path.exists():
        return Project(root.resolve())
    shown = display_path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise UserError.single(shown, getattr(error, "lineno", None), f"TOML syntax error: {error}") from None
    problems = []
    unknown = set(data) - {"leaflets", "readability", "build"}
    if unknown:
        problems.append(f"unknown table(s): {', '.join(sorted(unknown))}")
    required = {
        leaflet_id: tuple(table.get("required_sections", ()))
        for leaflet_id, table in data.get("leaflets", {}).items()
    }
    goals = ReadabilityGoals(**data.get("readability", {}))
    build = data.get("build", {})
    papers = tuple(build.get("papers", PAPERS))
    variants = tuple(build.get("variants", VARIANTS))
    for value, allowed, name in ((papers, PAPERS, "papers"), (variants, VARIANTS, "variants")):
        wrong = [v for v in value if v not in allowed]
        if wrong:
            problems.append(f"build.{name} has {', '.join(wrong)}; allowed: {', '.join(allowed)}")
    if problems:
        raise UserError.single(shown, None, "; ".join(problems))
    return Project(root.resolve(), required, goals, papers, variants)
