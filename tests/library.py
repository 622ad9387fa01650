"""A small leaflet library for tests: three leaflets (tests/fixtures/library) and a French translation.

alpha: complete in French; beta: other sections, French only partly done;
gamma: a source error (a required section is missing). The tool's own strings
come from the project's French catalog.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from angio_print.i18n import catalogs
from angio_print.model.project import load_project

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "library"

SETTINGS = """\
[build]
papers = ["a4"]
variants = ["standard", "large"]
"""


def _french_ui(path: Path) -> None:
    """The project's French translation of the tool's own strings (ui/...), in either catalog layout."""
    source = ROOT / "locales" / "fr" / "LC_MESSAGES" / "angio_print.po"
    catalog = catalogs.read_catalog(source)
    for message in list(catalog):
        if message.id and not (message.context or "").startswith("ui/"):
            catalog.delete(message.id, message.context)
    catalog.obsolete.clear()
    catalogs.write_catalog(path, catalog)


def french(source: str) -> str:
    """A stand-in translation that passes every check (same numbers, marks and tags)."""
    return f"FR {source}"


def make_library(folder: Path, translate_beta: int = 2) -> Path:
    """A project with the three leaflets; alpha fully and beta partly (`translate_beta` messages) in French."""
    shutil.copytree(ROOT / "templates", folder / "templates")
    shutil.copytree(FIXTURES, folder / "leaflet")
    (folder / "angio-print.toml").write_text(SETTINGS)
    (folder / ".fonts").symlink_to(ROOT / ".fonts")
    _french_ui(folder / "locales" / "fr" / "LC_MESSAGES" / "angio_print.po")
    project = load_project(folder)
    written, problems = catalogs.extract(project)
    assert set(written) == {"alpha", "beta", "gamma", "angio_print"} and not problems
    catalogs.update(project, ["fr"])
    for name, count in (("alpha", None), ("beta", translate_beta), ("gamma", None)):
        path = catalogs.po_path(project, "fr", name)
        catalog = catalogs.read_catalog(path)
        for number, message in enumerate(m for m in catalog if m.id):
            if count is None or number < count:
                message.string = french(message.id)
        catalogs.write_catalog(path, catalog)
    return folder

