"""Keys for incremental builds: a hash of everything a target is made from."""

from __future__ import annotations

import hashlib
import stat
from functools import cached_property
from importlib import metadata
from pathlib import Path

from angio_print import DATA_DIR, PACKAGE_DIR, __version__
from angio_print.i18n.catalogs import TOOL_DOMAIN, po_path
from angio_print.model.project import CONFIG_NAME, Project
from angio_print.i18n.review import review_path
from angio_print.build.plan import Target

PACKAGES = ("weasyprint", "pydyf", "jinja2", "babel", "pyphen", "segno", "tinycss2", "cssselect2", "fonttools")
LAYOUT_PACKAGES = ("weasyprint", "pydyf", "pyphen", "tinycss2", "cssselect2", "fonttools")
# The code that turns a target's HTML into pages and chooses its fitting rung (the HTML itself is hashed apart).
LAYOUT_CODE = ("render", "printing", "model", "build/worker.py")


class InputHasher:
    def __init__(self, project: Project, clinic: Path | None):
        self.project = project
        self.clinic = clinic
        self._files: dict[Path, str] = {}

    def file(self, path: Path) -> str:
        """The file's sha256; a FIFO, device or folder in an input's place is never read (the checks name it)."""
        if path not in self._files:
            try:
                if not stat.S_ISREG(path.stat().st_mode):
                    self._files[path] = "not a regular file"
                else:
                    with path.open("rb") as handle:
                        self._files[path] = hashlib.file_digest(handle, "sha256").hexdigest()
            except OSError:
                self._files[path] = "absent"
        return self._files[path]

    @cached_property
    def common(self) -> str:
        """Inputs shared by every target: templates, styles, the font lock, settings, this tool's code, versions."""
        project = self.project
        files = sorted(project.templates_dir.rglob("*"))
        files += sorted(PACKAGE_DIR.rglob("*.py")) + sorted(DATA_DIR.iterdir())
        files += [project.root / CONFIG_NAME, *self._clinic_files()]
        return self._digest(files, [*(f"{name}=={_version(name)}" for name in PACKAGES), f"angio-print=={__version__}"])

    @cached_property
    def layout_inputs(self) -> str:
        """What lays a target out besides its HTML: templates, styles, fonts, script data, settings, layout code.

        A fitting decision keyed by this and the target's HTML holds on any
        machine with the pinned fonts and the same Pango and HarfBuzz, and
        outlives changes to the rest of the tool.
        """
        project = self.project
        files = sorted(project.templates_dir.rglob("*")) + sorted(DATA_DIR.iterdir())
        for name in LAYOUT_CODE:
            path = PACKAGE_DIR / name
            files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
        files += [project.root / CONFIG_NAME, *self._clinic_files()]
        return self._digest(files, [f"{name}=={_version(name)}" for name in LAYOUT_PACKAGES])

    def _digest(self, files: list[Path], versions: list[str]) -> str:
        """The files by name and content, the versions given, and the Pango and HarfBuzz that shape text
        (system libraries: another Debian release may shape the same text differently)."""
        from angio_print.printing.weasyprint_internals import text_library_versions

        parts = [f"{self._name(p)}:{self.file(p)}" for p in files if p.is_file() or not p.exists()]
        return hashlib.sha256("\n".join([*parts, *versions, text_library_versions()]).encode()).hexdigest()

    def _clinic_files(self) -> list[Path]:
        if not self.clinic:
            return []
        from angio_print.model.clinic import load_clinic

        logo = load_clinic(self.clinic).logo
        return [self.clinic, logo] if logo else [self.clinic]

    def _name(self, path: Path) -> str:
        """A file's name in a key: relative, so that keys match between clones and installs, wherever they are."""
        if path.is_relative_to(PACKAGE_DIR):
            return f"angio_print/{path.relative_to(PACKAGE_DIR)}"
        if path.is_relative_to(self.project.root):
            return str(path.relative_to(self.project.root))
        return str(path)

    def language_key(self, leaflet: str, lang: str) -> str:
        """Everything one leaflet in one language is made from: its source, its catalog, the tool's, its review."""
        project = self.project
        return hashlib.sha256("\n".join([
            self.common, self.file(project.leaflet_dir / f"{leaflet}.yaml"), self.file(po_path(project, lang, leaflet)),
            self.file(po_path(project, lang, TOOL_DOMAIN)), self.file(review_path(project, lang, leaflet)),
        ]).encode()).hexdigest()

    def leaflet_key(self, leaflet: str, langs: list[str]) -> str:
        """One leaflet's source and its catalogs in these languages (the titles the index page searches)."""
        project = self.project
        return hashlib.sha256("\n".join([
            self.common, self.file(project.leaflet_dir / f"{leaflet}.yaml"), *langs,
            *(self.file(po_path(project, lang, leaflet)) for lang in langs),
        ]).encode()).hexdigest()

    def target_key(self, target: Target) -> str:
        parts = [self.common, repr(target)]
        for lang in target.langs:
            parts.append(self.language_key(target.leaflet, lang))
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    @cached_property
    def stamp(self) -> tuple:
        """Changes when any input changes: keeps a worker's in-memory caches honest."""
        locales = sorted(p for p in self.project.locales_dir.rglob("*") if p.is_file())
        return (self.common, hashlib.sha256("".join(self.file(p) for p in locales).encode()).hexdigest())


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"
