"""Rendered HTML per language against golden files.

Regenerate after an intended change with `./run golden`, then review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from angio_print.i18n import catalogs
from angio_print.model.project import load_project
from angio_print.build.plan import Target
from angio_print.build.worker import Job, render_html

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("ANGIO_UPDATE_GOLDEN") == "1"
LANGUAGES = ["en", *catalogs.catalog_languages(load_project(GOLDEN.parent.parent))]


@pytest.mark.parametrize("lang, variant", [(lang, "standard") for lang in LANGUAGES]
                         + [("fr", "bilingual"), ("ar", "bilingual"), ("de", "large")])
def test_rendered_html_matches_golden(project, lang, variant):
    target = Target("angioleiomyoma", lang, "a4", variant)
    html = render_html(Job(project.root, target, Path("."), None, ("golden",)))
    golden = GOLDEN / (target.filename.removesuffix(".pdf") + ".html")
    if UPDATE:
        golden.write_text(html, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}: run ./run golden"
    assert html == golden.read_text(encoding="utf-8"), f"{golden.name} differs: review, then ./run golden"
