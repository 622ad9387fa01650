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
