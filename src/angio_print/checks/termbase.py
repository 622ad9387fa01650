"""A language's approved terms (locales/LANG/termbase.yaml) and the names each leaflet keeps exact."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from angio_print.findings import UserError, display_path
from angio_print.i18n import catalogs
from angio_print.model.leaflet import Leaflet
from angio_print.model.leaflet_file import load_leaflet
from angio_print.model.project import Project
from angio_print.model.sourcefile import file_version, parse_yaml, read_text


def termbase_path(project: Project, lang: str) -> Path:
    return project.locales_dir / lang / "termbase.yaml"


@dataclass(frozen=True)
class Termbase:
    """A language's approved terms, and the names every leaflet keeps exactly in every language (`keep_exact`)."""

    terms: Mapping[str, tuple[str, ...]]
    path: str
    keep_exact: tuple[str, ...] = ()

    @classmethod
    def load(cls, project: Project, lang: str, leaflet: str | None = None) -> "Termbase":
        """The language's terms, with the names `leaflet` keeps exact (every leaflet's that loads when None)."""
        path = termbase_path(project, lang)
        keep_exact = tuple(dict.fromkeys(name for item in _loadable(project, leaflet) for name in item.keep_exact))
        if not path.exists():
            return cls({}, display_path(path), keep_exact)
        return cls(_terms(path, file_version(path)), display_path(path), keep_exact)

    def misses(self, source: str, translation: str) -> list[str]:
        text = translation.lower()
        wanted = []
        for term, forms in self.terms.items():
            if _term_pattern(term).search(source) and not any(f in text for f in forms):
                wanted.append(f"'{term}' → {' / '.join(forms)}")
        return wanted


@functools.lru_cache(maxsize=256)
def _terms(path: Path, version: tuple) -> MappingProxyType:
    """A termbase file's terms, parsed once per process while the file stays the same (callers only read them)."""
    data = parse_yaml(read_text(path, "termbase"), path, "the termbase", construct=True) or {}
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise UserError.single(display_path(path), None, "termbase must map each English term to a list of forms")
    return MappingProxyType({str(k).lower(): tuple(str(f).lower() for f in v) for k, v in data.items()})


@functools.cache
def _term_pattern(term: str) -> re.Pattern:
    return re.compile(rf"\b{re.escape(term)}", re.IGNORECASE)


def _loadable(project: Project, leaflet: str | None) -> list[Leaflet]:
    found = []
    for name in [leaflet] if leaflet else catalogs.leaflet_ids(project):
        try:
            found.append(load_leaflet(project.leaflet_dir / f"{name}.yaml"))
        except UserError:
            continue  # its own errors are reported by the check of its source
    return found
