"""Papers and variants are data: a new one is one entry in angio_print.model.formats, and it builds."""

from __future__ import annotations

import pytest

import pikepdf

from angio_print.model import formats
from angio_print.build.pipeline import BuildOptions, build


@pytest.mark.system
def test_a_paper_is_one_entry(project, tmp_path, monkeypatch):
    monkeypatch.setitem(formats.PAPERS, "a5", formats.Paper("a5", "A5"))
    summary = build(project, BuildOptions(out=tmp_path, langs=["en"], papers=("a5",), variants=("large",), jobs=1,
                                          quiet=True))
    assert summary.exit_code == 0 and summary.printed == 1
    with pikepdf.open(tmp_path / "angioleiomyoma-en-a5-large.pdf") as pdf:
        assert [round(float(v)) for v in pdf.pages[0].mediabox] == [0, 0, 420, 595]


@pytest.mark.system
def test_a_variant_is_one_entry(project, tmp_path, monkeypatch):
    monkeypatch.setitem(formats.VARIANTS, "roomy", formats.Variant("roomy", "{leaflet}-{lang}-{paper}-roomy.pdf",
                                                                  line_scale=1.3))
    summary = build(project, BuildOptions(out=tmp_path, langs=["fr"], papers=("a4",), variants=("roomy", "standard"),
                                          jobs=1, quiet=True))
    assert summary.exit_code == 0 and summary.printed == 2
    with pikepdf.open(tmp_path / "angioleiomyoma-fr-a4-roomy.pdf") as roomy, \
            pikepdf.open(tmp_path / "angioleiomyoma-fr-a4.pdf") as standard:
        assert len(roomy.pages) > len(standard.pages)  # not copy-fitted, and more leading
    assert (tmp_path / "index.html").read_text().count('data-variant="roomy"') == 1
