"""XLIFF export and import through the command line, read and written by Translate Toolkit."""

from __future__ import annotations

import difflib
import subprocess
import re
from pathlib import Path

from lxml import etree
from translate.storage import factory

from angio_print.i18n import catalogs
from angio_print.cli import main
from angio_print.model.project import load_project

NS = {"x": "urn:oasis:names:tc:xliff:document:1.2"}

LEAFLET = "angioleiomyoma"


def french(project) -> dict:
    """Every French translation, the leaflet's and the tool's own, by msgctxt."""
    return {m.context: m.string for domain in (LEAFLET, catalogs.TOOL_DOMAIN)
            for m in catalogs.read_catalog(catalogs.po_path(project, "fr", domain)) if m.id}


def run(project_dir: Path, *args: str) -> int:
    return main(["--project", str(project_dir), *args])


def snapshot(project_dir: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted((project_dir / "locales").rglob("*")) if p.is_file()}


def export(project_dir: Path, tmp_path: Path, lang: str = "fr", *extra: str) -> Path:
    out = tmp_path / f"{lang}.xlf"
    assert run(project_dir, "export", lang, "--format", "xliff", "--out", str(out), *extra) == 0
    return out


def unit(tree, uid: str):
    return tree.find(f".//x:trans-unit[@id='{uid}']", NS)


def test_export_is_xliff_1_2_with_ids_states_notes_and_protected_markup(project_copy, tmp_path):
    out = export(project_copy, tmp_path)
    tree = etree.parse(str(out))
    root = tree.getroot()
    assert root.get("version") == "1.2" and root.tag == "{%s}xliff" % NS["x"]
    assert root.find("x:file", NS).get("target-language") == "fr"
    assert len(tree.findall(".//x:trans-unit", NS)) == len(french(load_project(project_copy)))

    summary = unit(tree, "angioleiomyoma/what-is/summary")
    source, target = summary.find("x:source", NS), summary.find("x:target", NS)
    assert "<strong>" not in source.xpath("string()")
    assert source.find("x:g", NS).get("ctype") == "bold" and source.find("x:g", NS).text == "benign"
    translated = french(load_project(project_copy))["angioleiomyoma/what-is/summary"]
    bold = re.search(r"<strong>(.*?)</strong>", translated).group(1)
    assert target.find("x:g", NS).get("id") == source.find("x:g", NS).get("id") and target.find("x:g", NS).text == bold
    assert target.get("state") == "translated"
    footer = unit(tree, "ui/footer-page")
    assert [ph.text for ph in footer.find("x:source", NS).findall("x:ph", NS)] == ["{page}", "{pages}"]
    notes = unit(tree, "angioleiomyoma/report/genes").findall("x:note", NS)
    assert notes and "NOTCH2" in notes[0].text and notes[0].get("from") == "developer"

    store = factory.getobject(str(out))  # Translate Toolkit's own reader, as Weblate and Pootle use it
    assert store.units[0].source and store.units[0].target


def test_unchanged_round_trip_leaves_every_catalog_byte_identical(project_copy, tmp_path):
    before = snapshot(project_copy)
    for lang in ("fr", "ar", "zh_Hans"):
        out = export(project_copy, tmp_path, lang)
        assert run(project_copy, "import", str(out)) == 0
    assert snapshot(project_copy) == before


def test_two_changed_targets_change_exactly_two_messages(project_copy, tmp_path, capsys):
    project = load_project(project_copy)
    po = catalogs.po_path(project, "fr", LEAFLET)
    text_before = po.read_text().splitlines()
    before = {m.context: (m.string, m.fuzzy) for m in catalogs.read_catalog(po) if m.id}
    out = export(project_copy, tmp_path)
    tree = etree.parse(str(out))
    unit(tree, "angioleiomyoma/where/places-2").find("x:target", NS).text = "Le plus souvent sur les bras et les jambes, surtout les jambes."
    g = unit(tree, "angioleiomyoma/what-is/summary").find("x:target", NS).find("x:g", NS)
    g.text = "bénin (non cancéreux)"  # text inside the protected element
    tree.write(str(out), xml_declaration=True, encoding="UTF-8")

    assert run(project_copy, "import", str(out)) == 0
    printed = capsys.readouterr().out
    assert "2 updated" in printed
    after = {m.context: (m.string, m.fuzzy) for m in catalogs.read_catalog(po) if m.id}
    changed = {c for c in before if before[c] != after[c]}
    assert changed == {"angioleiomyoma/where/places-2", "angioleiomyoma/what-is/summary"}
    assert after["angioleiomyoma/where/places-2"] == ("Le plus souvent sur les bras et les jambes, surtout les jambes.", False)
    assert "<strong>bénin (non cancéreux)</strong>" in after["angioleiomyoma/what-is/summary"][0]
    hunks = [op for op in difflib.SequenceMatcher(None, text_before, po.read_text().splitlines()).get_opcodes()
             if op[0] != "equal"]
    assert len(hunks) == 2  # the two msgstr blocks, nothing else in the file
    assert subprocess.run(["msgcat", str(po)], capture_output=True).stdout == po.read_bytes()


def test_a_failing_unit_is_refused_and_the_others_are_written(project_copy, tmp_path, capsys):
    project = load_project(project_copy)
    original = french(project)
    out = export(project_copy, tmp_path)
    tree = etree.parse(str(out))
    summary = unit(tree, "angioleiomyoma/what-is/summary").find("x:target", NS)
    for child in list(summary):
        summary.remove(child)
    summary.text = "Il est <strong>bénin</strong>, ce n’est pas un cancer."  # markup typed as text, tag lost
    footer = unit(tree, "ui/footer-page").find("x:target", NS)
    footer.remove(footer.findall("x:ph", NS)[1])  # a placeholder dropped
    unit(tree, "angioleiomyoma/where/places-2").find("x:target", NS).text = "Le plus souvent sur les bras et les jambes, surtout les jambes."
    tree.write(str(out), xml_declaration=True, encoding="UTF-8")

    assert run(project_copy, "import", str(out)) == 1
    captured = capsys.readouterr()
    errors = [line for line in captured.err.splitlines() if " error: " in line]
    assert any("angioleiomyoma/what-is/summary" in e and "markup" in e for e in errors)
    assert any("ui/footer-page" in e and "placeholders" in e for e in errors)
    assert all(e.startswith(f"{out}:") and e.split(":")[1].isdigit() for e in errors), errors
    after = french(project)
    assert after["angioleiomyoma/what-is/summary"] == original["angioleiomyoma/what-is/summary"]
    assert after["ui/footer-page"] == original["ui/footer-page"]
    assert after["angioleiomyoma/where/places-2"] == "Le plus souvent sur les bras et les jambes, surtout les jambes."
    assert "Traceback" not in captured.err


def test_fuzzy_and_new_messages_travel_as_states(project_copy, tmp_path):
    project = load_project(project_copy)
    source = project.leaflet_dir / "angioleiomyoma.yaml"
    text = source.read_text()
    source.write_text(text.replace("It grows slowly, over months or years.", "It grows slowly, over many months or years.")
                          .replace("      - id: confirmed-2\n", "      - id: inserted\n        text: A new paragraph.\n      - id: confirmed-2\n"))
    catalogs.extract(project)
    catalogs.update(project, ["fr"])
    out = export(project_copy, tmp_path)
    tree = etree.parse(str(out))
    lump = unit(tree, "angioleiomyoma/symptoms/lump-2")
    assert lump.find("x:target", NS).get("state") == "needs-review-translation"
    assert any("over months or years" in (n.text or "") for n in lump.findall("x:note", NS))
    inserted = unit(tree, "angioleiomyoma/diagnosis/inserted")
    assert inserted.find("x:target", NS).get("state") == "new" and not inserted.find("x:target", NS).text

    before = snapshot(project_copy)
    assert run(project_copy, "import", str(out)) == 0
    assert snapshot(project_copy) == before  # fuzzy stays fuzzy, the empty target removes nothing

    lump.find("x:target", NS).set("state", "translated")  # the translator confirms it
    tree.write(str(out), xml_declaration=True, encoding="UTF-8")
    assert run(project_copy, "import", str(out)) == 0
    message = next(m for m in catalogs.read_catalog(catalogs.po_path(project, "fr", LEAFLET)) if m.context == "angioleiomyoma/symptoms/lump-2")
    assert not message.fuzzy and not message.previous_id


def test_leaflet_option_selects_that_leaflets_catalog_and_the_shared_one(project_copy, tmp_path, capsys):
    project = load_project(project_copy)
    other = (Path(__file__).parent / "fixtures" / "library" / "alpha.yaml").read_text().replace("id: alpha", "id: other")
    (project.leaflet_dir / "other.yaml").write_text(other)
    assert run(project_copy, "extract") == 0 and run(project_copy, "update", "--lang", "fr") == 0
    out = export(project_copy, tmp_path, "fr", "--leaflet", "angioleiomyoma")
    ids = [u.get("id") for u in etree.parse(str(out)).findall(".//x:trans-unit", NS)]
    assert "angioleiomyoma/where/places-2" in ids and "ui/footer-page" in ids and not any(i.startswith("other/") for i in ids)
    other = export(project_copy, tmp_path, "fr", "--leaflet", "other")
    ids = [u.get("id") for u in etree.parse(str(other)).findall(".//x:trans-unit", NS)]
    assert "other/meta/title" in ids and all(i.startswith(("ui/", "other/")) for i in ids)
    files = {f.get("original") for f in etree.parse(str(other)).findall(".//x:file", NS)}
    assert files == {"locales/fr/LC_MESSAGES/other.po", "locales/fr/LC_MESSAGES/angio_print.po"}

    capsys.readouterr()
    assert run(project_copy, "export", "fr", "--leaflet", "nope", "--out", str(tmp_path / "x.xlf")) == 2
    assert "no leaflet 'nope'" in capsys.readouterr().err


def test_broken_files_give_one_line_errors(project_copy, tmp_path, capsys):
    before = snapshot(project_copy)
    broken = tmp_path / "broken.xlf"
    broken.write_text('<?xml version="1.0"?>\n<xliff version="1.2">\n<file>\n</xliff>\n')
    assert run(project_copy, "import", str(broken)) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and f"{broken}:4: error: not valid XML" in err

    out = export(project_copy, tmp_path)
    tree = etree.parse(str(out))
    unit(tree, "angioleiomyoma/where/places-2").set("id", "angioleiomyoma/meta/unknown")
    unit(tree, "angioleiomyoma/what-is/origin").find("x:source", NS).text = "Some other English."
    tree.write(str(out), xml_declaration=True, encoding="UTF-8")
    capsys.readouterr()
    assert run(project_copy, "import", str(out)) == 1  # both units refused and reported; nothing written
    err = capsys.readouterr().err
    assert "angioleiomyoma/meta/unknown: no message has this id" in err
    assert "angioleiomyoma/what-is/origin: the English changed" in err
    assert snapshot(project_copy) == before
