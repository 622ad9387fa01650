"""The index page, opened in a real headless browser from the file system."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from angio_print.model.leaflet_file import load_leaflets

pytestmark = pytest.mark.system  # real PDFs, Chromium or the whole command line

CHROMIUM = shutil.which("chromium")


@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is installed by scripts/setup.sh")
def test_index_lists_every_leaflet_in_a_browser(built, tmp_path):
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path}",
         "--dump-dom", (built / "index.html").as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    dom = result.stdout
    manifest = json.loads((built / "manifest.json").read_text())
    assert dom.count('class="pdf"') == len(manifest["artifacts"])
    assert dom.count('class="card"') == len({a["leaflet"] for a in manifest["artifacts"]})
    for artifact in manifest["artifacts"]:
        assert f'href="{artifact["path"]}"' in dom
        assert (built / artifact["thumbnail"]).exists()
    assert "Français" in dom and "draft" in dom and "Angioléiomyome" in dom


@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is installed by scripts/setup.sh")
def test_check_report_shows_every_language_in_a_browser(project, tmp_path):
    from angio_print.i18n.catalogs import catalog_languages
    from angio_print.checks.report import run_check

    report = tmp_path / "report.html"
    assert run_check(project, None, "html", False, report, None) == 0
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
         "--dump-dom", report.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    dom = result.stdout
    languages = ["en", *catalog_languages(project)]
    header = dom.split('<table id="chart">', 1)[1].split("</tr>", 1)[0]
    for lang in languages:
        assert f"<th>{lang}</th>" in header
    sections = len(load_leaflets(project.leaflet_dir)[0].sections)
    assert dom.count('class="bar"') == len(languages) * sections  # one bar per section and language
