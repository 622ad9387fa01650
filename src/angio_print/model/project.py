"""The project's layout and settings, read once from `angio-print.toml`."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from angio_print.findings import Finding, UserError, did_you_mean, display_path
from angio_print.model.formats import PAPERS, VARIANTS
from angio_print.model.languages import use_overrides
from angio_print.model.sourcefile import read_text

CONFIG_NAME = "angio-print.toml"


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
    build_papers: tuple[str, ...] = ()  # [build] papers; empty: every registered paper (formats.PAPERS)
    build_variants: tuple[str, ...] = ()  # [build] variants; empty: every registered variant
    languages: dict[str, dict] = field(default_factory=dict)  # [languages.CODE] overrides

    @property
    def default_papers(self) -> tuple[str, ...]:
        return self.build_papers or tuple(PAPERS)

    @property
    def default_variants(self) -> tuple[str, ...]:
        return self.build_variants or tuple(VARIANTS)

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


# Every setting, with its type: (check, what to write).
_NUMBER = (lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0, "a number, like 6.0")
_COUNT = (lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 20, "a whole number from 0 to 20")
_WORDS = (lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v), 'a list of names, like ["a4"]')
_TEXT = (lambda v: isinstance(v, str) and v.strip() != "", 'text, like "Hmoob"')
_DIRECTION = (lambda v: v in ("ltr", "rtl"), '"ltr" or "rtl"')
_LINE_HEIGHT = (lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and 1.0 <= v <= 4.0,
                "a number from 1.0 to 4.0, like 1.4")
SETTINGS = {
    "readability": {"leaflet_grade": _NUMBER, "section_grade": _NUMBER, "hardest_sentences": _COUNT},
    "build": {"papers": _WORDS, "variants": _WORDS},
    "leaflets.*": {"required_sections": _WORDS},
    "languages.*": {"name": _TEXT, "english_name": _TEXT, "script": _TEXT, "direction": _DIRECTION,
                    "fonts": _WORDS, "line_height": _LINE_HEIGHT, "min_line_height": _LINE_HEIGHT,
                    "babel_locale": _TEXT},
}
TABLES = ("leaflets", "languages")  # tables of tables: [leaflets.ID], [languages.CODE]


def load_project(root: Path) -> Project:
    path = root / CONFIG_NAME
    if not path.exists() and not path.is_symlink():
        return Project(root.resolve())
    shown = display_path(path)
    text = read_text(path, "settings file")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise UserError.single(shown, getattr(error, "lineno", None), f"TOML syntax error: {error}") from None
    lines = text.splitlines()
    problems: list[Finding] = []

    def problem(table: str, key: str | None, message: str) -> None:
        problems.append(Finding(shown, _line_of(lines, table, key), message))

    leaflets = data.get("leaflets", {})
    languages = data.get("languages", {})
    tables = {name: data.get(name) for name in ("readability", "build")}
    for group, members in (("leaflets", leaflets), ("languages", languages)):
        if isinstance(members, dict):
            tables.update({f"{group}.{name}": value for name, value in members.items()})
        else:
            problem("", group, f"'{group}' must be a table: [{group}.NAME] with its settings")
    known = ["leaflets", "languages", "readability", "build"]
    for name in sorted(set(data) - set(known)):
        problem("", name, f"unknown setting '{name}'{did_you_mean(name, known)}: remove it")
    for table, values in tables.items():
        if values is None:
            continue
        group = table.split(".", 1)[0]
        allowed = SETTINGS[f"{group}.*" if group in TABLES else table]
        if not isinstance(values, dict):
            problem("", table, f"'{table}' must be a table of settings ({', '.join(allowed)})")
            continue
        for key, value in values.items():
            if key not in allowed:
                problem(table, key, f"unknown setting '{table}.{key}'{did_you_mean(key, allowed)}: remove it")
            elif not allowed[key][0](value):
                problem(table, key, f"'{table}.{key}' must be {allowed[key][1]}, not {value!r}")
    build = tables["build"] if isinstance(tables["build"], dict) else {}
    for name, allowed_values in (("papers", tuple(PAPERS)), ("variants", tuple(VARIANTS))):
        wrong = [v for v in build.get(name, ()) if v not in allowed_values] if isinstance(build.get(name), list) else []
        if wrong:
            problem("build", name, f"build.{name} has {', '.join(map(str, wrong))}; allowed: {', '.join(allowed_values)}")
    if isinstance(leaflets, dict) and (root / "leaflet").is_dir():
        known = sorted(p.stem for p in (root / "leaflet").glob("*.yaml"))
        for name in leaflets:
            if name not in known:
                problem("", f"leaflets.{name}", f"[leaflets.{name}] names no leaflet (there is no leaflet/{name}.yaml)"
                        f"{did_you_mean(name, known)}: fix the name or remove the table")
    if problems:
        raise UserError(problems)
    goals = ReadabilityGoals(**(tables["readability"] or {}))
    required = {leaflet_id: tuple(table.get("required_sections", ())) for leaflet_id, table in leaflets.items()}
    use_overrides(languages)
    return Project(root.resolve(), required, goals, tuple(build.get("papers", ())),
                   tuple(build.get("variants", ())), languages)




def _line_of(lines: list[str], table: str, key: str | None) -> int | None:
    """The line where `key` is set inside `[table]` ("" is the top level), or the table's header."""
    current = ""
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        header = re.match(r"^\[+\s*([^\]]+?)\s*\]", stripped)
        if header:
            current = header.group(1).replace('"', "").replace(" ", "")
            if not table and key and (current == key or current.startswith(key + ".")):
                return number
            continue
        if key and current == table and re.match(rf'^"?{re.escape(key)}"?\s*=', stripped):
            return number
    return None
