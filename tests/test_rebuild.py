"""Copy-fitting decisions are cached with a target's inputs: a forced rebuild of an unchanged target lays out once."""

from __future__ import annotations

import pytest

from angio_print.build.pipeline import BuildOptions, build
from angio_print.model.project import load_project
from angio_print.printing.pdf import Printer

pytestmark = pytest.mark.system  # real PDFs, Chromium or the whole command line


@pytest.fixture
def layouts(monkeypatch):
    """How many times a document is laid out, in this process (builds run inline with jobs=1)."""
    count = [0]
    original = Printer.layout

    def counting(self, *args, **kwargs):
        count[0] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Printer, "layout", counting)
    return count


def _build(project, out, force=False):
    return build(project, BuildOptions(out=out, langs=["en", "de"], papers=("letter",), variants=("standard",),
                                       jobs=1, force=force, quiet=True))


def test_a_forced_rebuild_lays_out_each_unchanged_target_once(project_copy, tmp_path, layouts):
    project = load_project(project_copy)
    out = tmp_path / "out"
    _build(project, out)
    first = {path.name: path.read_bytes() for path in out.glob("*.pdf")}
    cold = layouts[0]
    assert cold > 2, "the cold build climbs the fitting ladder"

    layouts[0] = 0
    summary = _build(project, out, force=True)
    assert summary.printed == 2 and layouts[0] == 2
    assert {path.name: path.read_bytes() for path in out.glob("*.pdf")} == first


def test_the_check_gate_is_cached_with_its_catalogs_and_termbase(project_copy, tmp_path):
    project = load_project(project_copy)
    out = tmp_path / "out"
    assert not _build(project, out).blocked
    catalog = project_copy / "locales" / "de" / "LC_MESSAGES" / "angioleiomyoma.po"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace("6, 13 und 21", "6, 13 und 22", 1), encoding="utf-8")
    assert _build(project, out).blocked == (("angioleiomyoma", "de"),)

    catalog.write_text(text, encoding="utf-8")
    assert not _build(project, out).blocked
    termbase = project_copy / "locales" / "de" / "termbase.yaml"
    termbase.write_text(termbase.read_text(encoding="utf-8") + "\nlump: [Beule]\n", encoding="utf-8")
    assert _build(project, out).blocked == (("angioleiomyoma", "de"),), "a new approved term is checked at once"


def test_the_manifest_follows_a_changed_title(project_copy, tmp_path):
    """The manifest's per-language records are cached with their catalogs: a changed catalog is read again."""
    import json

    project = load_project(project_copy)
    out = tmp_path / "out"
    _build(project, out)
    before = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["leaflets"]["angioleiomyoma"]
    assert before["titles"]["de"] == before["languages"]["de"]["title"] == "Angioleiomyom"
    catalog = project_copy / "locales" / "de" / "LC_MESSAGES" / "angioleiomyoma.po"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace('msgstr "Angioleiomyom"', 'msgstr "Angioleiomyom der Haut"', 1), encoding="utf-8")
    _build(project, out)
    after = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["leaflets"]["angioleiomyoma"]
    assert after["titles"]["de"] == after["languages"]["de"]["title"] == "Angioleiomyom der Haut"
