"""Extraction, update round-trips and statistics on real catalogs."""

from __future__ import annotations

import subprocess
import sys

import pytest

from angio_print.i18n import catalogs
from angio_print.model.project import load_project
from angio_print.model.languages import get_language

LEAFLET = "angioleiomyoma"


def test_extract_gives_context_comment_and_line(project):
    template = catalogs.build_template(project, LEAFLET)
    message = next(m for m in template if m.context == "angioleiomyoma/report/genes")
    assert message.auto_comments and "NOTCH2" in message.auto_comments[0]
    path, line = message.locations[0]
    assert path == "leaflet/angioleiomyoma.yaml"
    source_lines = (project.root / path).read_text().splitlines()
    assert "text:" in source_lines[line - 1] and "A few lumps" in source_lines[line]
    footer = catalogs.build_template(project, catalogs.TOOL_DOMAIN).get("Page {page} of {pages}", "ui/footer-page")
    assert footer.locations[0][0] == "templates/leaflet.html"
    assert "python-brace-format" in footer.flags


def test_every_catalog_is_valid_for_msgfmt(project):
    for lang in catalogs.catalog_languages(project):
        for domain in catalogs.domains(project):
            result = subprocess.run(["msgfmt", "-c", "--check-format", "-o", "/dev/null",
                                     str(catalogs.po_path(project, lang, domain))], capture_output=True, text=True)
            assert result.returncode == 0, (lang, domain, result.stderr)


def test_update_keeps_every_translation(project_copy):
    project = load_project(project_copy)
    source = project.leaflet_dir / "angioleiomyoma.yaml"
    before = catalogs.read_catalog(catalogs.po_path(project, "fr", LEAFLET))
    old_strings = {m.context: (m.id, m.string) for m in before if m.id}

    text = source.read_text()
    text = text.replace("It grows slowly, over months or years.", "It grows slowly, over many months or years.")  # change
    text = text.replace("      - id: confirmed-2\n", "      - id: inserted\n        text: A new paragraph.\n      - id: confirmed-2\n")  # insert
    removed_block = text[text.index("      - id: injury-3\n"):text.index("  - id: diagnosis\n")]
    text = text.replace(removed_block, "")  # remove
    source.write_text(text)
    catalogs.extract(project)
    reports = catalogs.update(project, ["fr"])
    after = catalogs.read_catalog(catalogs.po_path(project, "fr", LEAFLET))

    changed = after.get(next(m.id for m in after if m.context == "angioleiomyoma/symptoms/lump-2"), "angioleiomyoma/symptoms/lump-2")
    assert changed.fuzzy and changed.string == old_strings["angioleiomyoma/symptoms/lump-2"][1]
    assert changed.previous_id == [old_strings["angioleiomyoma/symptoms/lump-2"][0]]
    inserted = after.get("A new paragraph.", "angioleiomyoma/diagnosis/inserted")
    assert inserted is not None and inserted.string == ""
    obsolete = [m for m in after.obsolete.values() if m.context == "angioleiomyoma/causes/injury-3"]
    assert obsolete and obsolete[0].string == old_strings["angioleiomyoma/causes/injury-3"][1]
    for context, (msgid, string) in old_strings.items():
        if context in ("angioleiomyoma/causes/injury-3",):
            continue
        kept = next(m for m in after if m.context == context)
        assert kept.string == string, context
    assert reports[0].obsolete == 1 and reports[0].new == 1 and reports[0].fuzzy == 1

    # The old text survives a second update and a read/write round trip (#| msgid).
    catalogs.update(project, ["fr"])
    again = catalogs.read_catalog(catalogs.po_path(project, "fr", LEAFLET))
    assert again.get(changed.id, changed.context).previous_id == changed.previous_id
    assert "#| msgid" in catalogs.po_path(project, "fr", LEAFLET).read_text()


def test_reordering_sections_changes_nothing(project_copy):
    project = load_project(project_copy)
    source = project.leaflet_dir / "angioleiomyoma.yaml"
    text = source.read_text()
    causes_start = text.index("  - id: causes\n")
    causes_end = text.index("  - id: diagnosis\n")
    causes = text[causes_start:causes_end]
    text = text[:causes_start] + text[causes_end:]
    text = text.replace("  - id: report\n", causes + "  - id: report\n")
    source.write_text(text)
    catalogs.extract(project)
    report = catalogs.update(project, ["de"])[0]
    assert (report.fuzzy, report.new, report.obsolete) == (0, 0, 0)


def test_stats_count_fuzzy_as_untranslated(project_copy):
    project = load_project(project_copy)
    path = catalogs.po_path(project, "fr", LEAFLET)
    catalog = catalogs.read_catalog(path)
    first = next(m for m in catalog if m.id)
    first.flags.add("fuzzy")
    stats = catalogs.stats(catalog, "fr")
    assert stats.fuzzy == 1 and stats.translated == stats.total - 1
    assert stats.percent < 100


def test_init_refuses_english_and_existing(project_copy):
    from angio_print.findings import UserError

    project = load_project(project_copy)
    with pytest.raises(UserError):
        catalogs.init(project, "en")
    with pytest.raises(UserError):
        catalogs.init(project, "fr")


def test_language_identifiers_map_to_bcp47():
    assert get_language("zh_Hans").bcp47 == "zh-Hans"
    assert get_language("zh-Hant").code == "zh_Hant"
    assert get_language("es").own_name == "Español"
    assert get_language("ar").rtl and not get_language("hi").rtl


def test_update_offers_obsolete_entries_back_and_keeps_the_rest(project_copy):
    """A catalog whose entries are all obsolete (#~) loses nothing on `update`."""
    project = load_project(project_copy)
    path = catalogs.po_path(project, "fr", LEAFLET)
    before = {(m.context, m.id): m.string for m in catalogs.read_catalog(path) if m.id}
    header, body = path.read_text().split("\n\n", 1)
    retired = "\n".join(("#~ " + line) if line[:1] in ('m', '"') else line for line in body.splitlines())
    retired += '\n\n#~ msgctxt "angioleiomyoma/gone/old"\n#~ msgid "A removed sentence."\n#~ msgstr "Une phrase retirée."\n'
    path.write_text(header + "\n\n" + retired)
    assert not [m for m in catalogs.read_catalog(path) if m.id]

    result = subprocess.run([sys.executable, "-m", "angio_print", "update", "--lang", "fr"], cwd=project_copy,
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert " 0 new" in result.stdout, result.stdout
    after = catalogs.read_catalog(path)
    assert {(m.context, m.id): m.string for m in after if m.id} == before
    assert not [m for m in after if m.id and m.fuzzy]
    assert [m.string for m in after.obsolete.values()] == ["Une phrase retirée."]
    assert '#~ msgstr "Une phrase retirée."' in path.read_text()
