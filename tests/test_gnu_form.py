"""Every catalog the tool writes is in GNU normal form: real `msgcat` changes nothing."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from angio_print.i18n import catalogs
from angio_print.cli import main
from angio_print.model.project import load_project

ROOT = Path(__file__).resolve().parent.parent

LEAFLET = "angioleiomyoma"


def msgcat_output(path: Path) -> bytes:
    """What a translator's tool following GNU gettext would save: `msgcat FILE`, as a user runs it."""
    result = subprocess.run(["msgcat", str(path)], capture_output=True)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


def assert_gnu_normal(path: Path) -> None:
    text = path.read_bytes()
    normal = msgcat_output(path)
    if text != normal:
        old, new = text.decode().splitlines(), normal.decode().splitlines()
        first = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
        pytest.fail(f"{path}:{first + 1}: msgcat rewrites this line: {old[first:first + 2]} -> {new[first:first + 2]}")


def committed_catalogs() -> list[Path]:
    return [*sorted((ROOT / "locales").glob("*.pot")), *sorted((ROOT / "locales").glob("*/LC_MESSAGES/*.po"))]


@pytest.mark.parametrize("path", committed_catalogs(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_msgcat_changes_nothing_in_committed_catalogs(path):
    assert_gnu_normal(path)


def test_extract_init_and_update_write_gnu_normal_form(project_copy):
    project = load_project(project_copy)
    source = project.leaflet_dir / "angioleiomyoma.yaml"
    text = source.read_text()
    # A long changed text (fuzzy, with a long `#| msgid` to wrap) and a removed one (obsolete `#~`).
    old = "It grows slowly, over months or years."
    assert old in text
    text = text.replace(old, "It grows slowly, over months or years, and it is often found by chance "
                             "when the skin is examined for another reason by a doctor or a nurse.")
    removed = text[text.index("      - id: injury-3\n"):text.index("  - id: diagnosis\n")]
    source.write_text(text.replace(removed, ""))
    catalogs.po_path(project, "de", LEAFLET).unlink()

    assert main(["--project", str(project_copy), "extract"]) == 0
    assert main(["--project", str(project_copy), "init", "de"]) == 0
    assert main(["--project", str(project_copy), "update"]) == 0

    french = catalogs.po_path(project, "fr", LEAFLET).read_text()
    assert "#, fuzzy" in french and "#| msgid" in french and "#~ msgctxt" in french
    long_previous = [line for line in french.splitlines() if line.startswith('#| "')]
    assert long_previous, "the long previous msgid should be wrapped over several #| lines"
    written = [*(catalogs.pot_path(project, d) for d in catalogs.domains(project)),
               *(catalogs.po_path(project, lang, d) for lang in catalogs.catalog_languages(project)
                 for d in catalogs.domains(project))]
    assert "de" in catalogs.catalog_languages(project)
    for path in written:
        assert_gnu_normal(path)


def test_a_second_update_changes_no_byte(project_copy):
    project = load_project(project_copy)
    catalogs.extract(project)
    catalogs.update(project)
    first = {p: p.read_bytes() for p in project.locales_dir.rglob("*.po*")}
    catalogs.extract(project)
    catalogs.update(project)
    assert {p: p.read_bytes() for p in project.locales_dir.rglob("*.po*")} == first


def test_a_percent_sign_does_not_become_python_format(project_copy):
    project = load_project(project_copy)
    source = project.leaflet_dir / "angioleiomyoma.yaml"
    text = source.read_text()
    old = "It grows slowly, over months or years."
    source.write_text(text.replace(old, "About 50% grow slowly, over months or years."))
    catalogs.po_path(project, "de", LEAFLET).unlink()
    catalogs.extract(project)
    catalogs.init(project, "de")
    catalogs.update(project, ["fr"])
    for path in (catalogs.pot_path(project, LEAFLET), catalogs.po_path(project, "de", LEAFLET), catalogs.po_path(project, "fr", LEAFLET)):
        text = path.read_text()
        assert "About 50% grow" in text.replace('"\n"', "")
        # "% g" is a valid Python conversion: Babel flags it unless the writer removes the flag.
        assert not re.search(r"^#,.*\bpython-format", text, re.MULTILINE), path
        result = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_without_msgcat_nothing_is_written(project_copy, monkeypatch, tmp_path, capsys):
    project = load_project(project_copy)
    path = catalogs.po_path(project, "fr", LEAFLET)
    before = path.read_bytes()
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert main(["--project", str(project_copy), "update", "--lang", "fr"]) == 2
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and "msgcat" in error[0] and "error:" in error[0]
    assert path.read_bytes() == before
    assert not list(path.parent.glob(".*.tmp"))


@pytest.mark.parametrize("path", committed_catalogs(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_translate_toolkit_and_msgfmt_read_every_catalog(path):
    """Weblate reads catalogs with Translate Toolkit; GNU msgfmt -c is what Poedit runs on save."""
    from translate.storage import factory

    store = factory.getobject(str(path))
    units = {(u.getcontext(), u.source): u for u in store.units if not u.isheader() and not u.isobsolete()}
    babel = {(m.context, m.id): m for m in catalogs.read_catalog(path) if m.id}
    assert units.keys() == babel.keys()
    for key, unit in units.items():
        assert (unit.target or "") == (babel[key].string or ""), key
        assert unit.isfuzzy() == babel[key].fuzzy, key
    # Saved by Translate Toolkit at GNU's width (Weblate's "Customize gettext output"), nothing changes.
    from translate.storage import pypo

    assert bytes(pypo.pofile(path.read_bytes(), width=79)) == path.read_bytes()
    result = subprocess.run(["msgfmt", "-c", "--check-format", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
