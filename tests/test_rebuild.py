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


def _build(project, out, force=False, save_fitting=False):
    return build(project, BuildOptions(out=out, langs=["en", "de"], papers=("letter",), variants=("standard",),
                                       jobs=1, force=force, quiet=True, save_fitting=save_fitting))


def test_a_forced_rebuild_lays_out_each_unchanged_target_once(project_copy, tmp_path, layouts):
    (project_copy / "leaflet" / "angioleiomyoma.fitting.json").unlink(missing_ok=True)
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


def _record(project_copy) -> dict:
    import json

    return json.loads((project_copy / "leaflet" / "angioleiomyoma.fitting.json").read_text(encoding="utf-8"))["targets"]


def test_the_fitting_record_beside_the_leaflet_makes_a_fresh_output_folder_one_layout_per_target(
        project_copy, tmp_path, layouts):
    """As on a fresh clone: no build cache, only the committed record. A changed catalog is fitted again."""
    (project_copy / "leaflet" / "angioleiomyoma.fitting.json").unlink(missing_ok=True)
    project = load_project(project_copy)
    _build(project, tmp_path / "first", save_fitting=True)
    record = _record(project_copy)
    assert sorted(record) == ["angioleiomyoma-de-letter.pdf", "angioleiomyoma-en-letter.pdf"]
    first = {path.name: path.read_bytes() for path in (tmp_path / "first").glob("*.pdf")}

    layouts[0] = 0
    _build(project, tmp_path / "fresh")
    assert layouts[0] == 2, "one layout per target"
    assert {path.name: path.read_bytes() for path in (tmp_path / "fresh").glob("*.pdf")} == first

    catalog = project_copy / "locales" / "de" / "LC_MESSAGES" / "angioleiomyoma.po"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace('msgstr "Angioleiomyom"', 'msgstr "Angioleiomyom der Haut"', 1), encoding="utf-8")
    _build(project, tmp_path / "changed")
    assert _record(project_copy) == record, "a build changes no input unless asked to"
    _build(project, tmp_path / "saved", save_fitting=True)
    after = _record(project_copy)
    assert after["angioleiomyoma-en-letter.pdf"] == record["angioleiomyoma-en-letter.pdf"]
    assert after["angioleiomyoma-de-letter.pdf"]["layout"] != record["angioleiomyoma-de-letter.pdf"]["layout"]


def test_a_damaged_fitting_record_is_named_and_written_anew(project_copy, tmp_path, capsys):
    path = project_copy / "leaflet" / "angioleiomyoma.fitting.json"
    path.write_text('{"targets": [', encoding="utf-8")
    project = load_project(project_copy)
    options = dict(langs=["en"], papers=("a4",), variants=("standard",), jobs=1)
    assert build(project, BuildOptions(out=tmp_path / "out", **options)).exit_code == 0
    assert "angioleiomyoma.fitting.json: warning: not a fitting record" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == '{"targets": ['
    assert build(project, BuildOptions(out=tmp_path / "saved", save_fitting=True, **options)).exit_code == 0
    assert list(_record(project_copy)) == ["angioleiomyoma-en-a4.pdf"]


def test_a_build_told_to_ignore_the_fitting_records_fits_from_scratch(project_copy, tmp_path, layouts):
    """As `bench` times a build with no record: a current record is not read."""
    project = load_project(project_copy)
    options = dict(langs=["en"], papers=("a4",), variants=("standard",), jobs=1, quiet=True)
    build(project, BuildOptions(out=tmp_path / "saved", save_fitting=True, **options))
    layouts[0] = 0
    build(project, BuildOptions(out=tmp_path / "with", **options))
    assert layouts[0] == 1
    layouts[0] = 0
    build(project, BuildOptions(out=tmp_path / "without", fitting_records=False, **options))
    assert layouts[0] > 1


def test_save_fitting_records_targets_the_build_did_not_need_to_print_again(project_copy, tmp_path, capsys):
    (project_copy / "leaflet" / "angioleiomyoma.fitting.json").unlink(missing_ok=True)
    project = load_project(project_copy)
    _build(project, tmp_path / "out")
    summary = _build(project, tmp_path / "out", save_fitting=True)
    assert summary.printed == 0 and summary.skipped == 2
    assert sorted(_record(project_copy)) == ["angioleiomyoma-de-letter.pdf", "angioleiomyoma-en-letter.pdf"]


def test_a_build_says_when_the_fitting_record_is_out_of_date(project_copy, tmp_path, capsys):
    project = load_project(project_copy)
    options = dict(langs=["en", "de"], papers=("letter",), variants=("standard",), jobs=1)
    build(project, BuildOptions(out=tmp_path / "saved", save_fitting=True, **options))
    capsys.readouterr()
    build(project, BuildOptions(out=tmp_path / "current", **options))
    assert "fitted anew" not in capsys.readouterr().err
    catalog = project_copy / "locales" / "de" / "LC_MESSAGES" / "angioleiomyoma.po"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace('msgstr "Angioleiomyom"', 'msgstr "Angioleiomyom der Haut"', 1), encoding="utf-8")
    build(project, BuildOptions(out=tmp_path / "changed", **options))
    assert "1 standard leaflet(s) fitted anew" in capsys.readouterr().err
