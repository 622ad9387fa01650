from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from angio_print.build.pipeline import BuildOptions, build
from angio_print.model.project import load_project

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def project():
    return load_project(ROOT)


@pytest.fixture(scope="session")
def built(tmp_path_factory, project):
    """Real PDFs of English and French in every paper and variant."""
    out = tmp_path_factory.mktemp("dist")
    summary = build(project, BuildOptions(out=out, langs=["en", "fr"], papers=("a4", "letter"),
                                          variants=("standard", "large", "bilingual"), jobs=2, quiet=True))
    assert summary.exit_code == 0, summary
    return out


@pytest.fixture(scope="session")
def standard_everywhere(tmp_path_factory, project):
    """The standard leaflet of every language with a catalog, on every paper."""
    from angio_print.i18n import catalogs

    out = tmp_path_factory.mktemp("standard")
    langs = ["en", *catalogs.catalog_languages(project)]
    summary = build(project, BuildOptions(out=out, langs=langs, papers=project.default_papers,
                                          variants=("standard",), jobs=2, quiet=True))
    assert summary.failed == 0 and not summary.blocked, summary
    return out


@pytest.fixture
def project_copy(tmp_path):
    """A throw-away copy of the project to break on purpose."""
    copy = tmp_path / "project"
    for name in ("leaflet", "locales", "templates", "angio-print.toml"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name)
        else:
            shutil.copy(source, copy / name)
    (copy / ".fonts").symlink_to(ROOT / ".fonts")  # the pinned fonts, installed once by scripts/setup.sh
    return copy
