"""A library of leaflets: each with its own catalogs, review and build; one leaflet never holds back another."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys

import pytest

from angio_print.i18n import catalogs
from angio_print.build.pipeline import BuildOptions, build
from angio_print.model.project import load_project
from angio_print.i18n.migrate import migrate, needs_migration
from angio_print.i18n.review import review_status

from library import french, make_library

pytestmark = pytest.mark.system  # real PDFs, Chromium or the whole command line

CHROMIUM = shutil.which("chromium")
PAPERS, VARIANTS = ("a4",), ("standard",)


def run(project_dir, *args):
    return subprocess.run([sys.executable, "-m", "angio_print", "--project", str(project_dir), *args],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": "src"})


@pytest.fixture
def library(tmp_path):
    return make_library(tmp_path / "library")


def _build(project_dir, out, **options):
    settings = dict(langs=None, papers=PAPERS, variants=VARIANTS, jobs=2, quiet=True)
    settings.update(options)
    return build(load_project(project_dir), BuildOptions(out=out, **settings))


# --- migration ------------------------------------------------------------------


def _one_catalog_layout(project):
    """Join the per-domain catalogs back into one angio_print.po per language, as before the split.

    A fuzzy entry with a previous msgid and a translator comment, and an
    obsolete entry, are added in French so the migration has them to move.
    """
    import copy

    for lang in [None, *catalogs.catalog_languages(project)]:
        paths = [catalogs.pot_path(project, d) if lang is None else catalogs.po_path(project, lang, d)
                 for d in catalogs.domains(project)]
        paths = [p for p in paths if p.exists()]
        parts = [catalogs.read_catalog(p) for p in paths]
        joined = copy.deepcopy(parts[-1])  # the tool's catalog: its header
        for part in parts[:-1]:
            for message in part:
                if message.id:
                    joined[message.id] = message
            joined.obsolete.update(part.obsolete)
        if lang == "fr":
            first = next(m for m in joined if m.id and m.context.startswith("angioleiomyoma/"))
            first.flags.add("fuzzy")
            first.previous_id = ["An older English text"]
            first.user_comments = ["translator: check the term"]
            gone = copy.deepcopy(first)
            gone.id, gone.context, gone.string = "A removed sentence.", "angioleiomyoma/what-is/removed", "Une phrase retirée."
            joined.obsolete[(gone.id, gone.context)] = gone
        for path in paths[:-1]:
            path.unlink()
        catalogs.write_catalog(paths[-1], joined)


def _entries(catalog):
    return {(m.context, m.id): (m.string, m.fuzzy, tuple(m.user_comments), tuple(m.previous_id or ()))
            for m in catalog if m.id}


def test_migration_keeps_every_translation_in_its_leaflets_catalog(project_copy):
    project = load_project(project_copy)
    _one_catalog_layout(project)
    assert needs_migration(project)
    before = {lang: catalogs.read_catalog(catalogs.po_path(project, lang, catalogs.TOOL_DOMAIN))
              for lang in catalogs.catalog_languages(project)}
    fingerprint = catalogs.Translations.from_catalog("fr", before["fr"]).fingerprint()
    (project.locales_dir / "fr" / "review.json").write_text(json.dumps(
        {"reviewer": "Dr A", "date": "2026-11-01", "fingerprint": fingerprint, "messages": {}}))

    migrate(project)

    assert not needs_migration(project)
    assert len(before) >= 20
    for lang, old in before.items():
        tool = catalogs.read_catalog(catalogs.po_path(project, lang, catalogs.TOOL_DOMAIN))
        leaflet = catalogs.read_catalog(catalogs.po_path(project, lang, "angioleiomyoma"))
        for (context, msgid), entry in _entries(old).items():
            home = tool if context.startswith("ui/") else leaflet
            assert _entries(home)[(context, msgid)] == entry, (lang, context)
            other = leaflet if home is tool else tool
            assert (context, msgid) not in _entries(other)
        assert sum(1 for m in old if m.id) == sum(1 for m in tool if m.id) + sum(1 for m in leaflet if m.id)
    french_leaflet = catalogs.read_catalog(catalogs.po_path(project, "fr", "angioleiomyoma"))
    assert ("A removed sentence.", "angioleiomyoma/what-is/removed") in french_leaflet.obsolete
    assert "#| msgid \"An older English text\"" in catalogs.po_path(project, "fr", "angioleiomyoma").read_text()
    # the review moved with its translations, and still matches them
    assert not (project.locales_dir / "fr" / "review.json").exists()
    translations = catalogs.Translations.load(project, "fr", "angioleiomyoma")
    assert review_status(project, "fr", "angioleiomyoma", translations).label == "reviewed"
    # GNU normal form, and running it again changes nothing
    written = sorted(project.locales_dir.rglob("*.po")) + sorted(project.locales_dir.glob("*.pot"))
    snapshot = {p: p.read_bytes() for p in written}
    for path in written:
        assert subprocess.run(["msgcat", str(path)], capture_output=True).stdout == snapshot[path], path
    assert migrate(project).lines() == ["nothing to migrate: every catalog is already one per leaflet"]
    assert {p: p.read_bytes() for p in written} == snapshot


def test_build_and_check_ask_for_the_migration(project_copy):
    _one_catalog_layout(load_project(project_copy))
    result = run(project_copy, "build", "--out", str(project_copy / "dist"), "--lang", "en")
    assert result.returncode == 2 and "angio_print.pot: error:" in result.stderr and "angio-print migrate" in result.stderr
    assert "Traceback" not in result.stderr
    result = run(project_copy, "update", "--lang", "fr")
    assert result.returncode == 0 and "migrate:" in result.stdout
    assert "angioleiomyoma/fr: 74 kept, 1 changed (now fuzzy), 0 new, 0 obsolete" in result.stdout  # the one made fuzzy


# --- a build per (leaflet, language) --------------------------------------------


def test_a_broken_or_half_translated_leaflet_holds_back_only_itself(library, tmp_path):
    out = tmp_path / "dist"
    result = run(library, "build", "--out", str(out), "--paper", "a4", "--variant", "standard", "--jobs", "2")
    assert result.returncode == 1
    printed = sorted(p.name for p in out.glob("*.pdf"))
    assert printed == ["alpha-en-a4.pdf", "alpha-fr-a4.pdf", "beta-en-a4.pdf"]
    assert "not printed: beta: fr" in result.stderr and "beta/what-is/summary: not translated yet" in result.stderr
    assert "not printed: gamma: en, fr" in result.stderr and "required section 'treatment' is missing" in result.stderr
    assert "Traceback" not in result.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["leaflets"]["alpha"]["languages"]["fr"]["title"] == french("Alpha cyst")
    assert {a["leaflet"] for a in manifest["artifacts"]} == {"alpha", "beta"}
    assert (out / "contact-sheet-alpha.png").exists() and (out / "contact-sheet-beta.png").exists()


def test_editing_one_leaflet_reprints_only_its_targets(library, tmp_path):
    out = tmp_path / "dist"
    first = _build(library, out, langs=["en"])
    assert first.printed == 2 and first.blocked == (("gamma", "en"),)
    source = library / "leaflet" / "alpha.yaml"
    source.write_text(source.read_text().replace("It feels soft.", "It feels soft and round."))
    again = _build(library, out, langs=["en"])
    assert (again.printed, again.skipped) == (1, 1)
    assert not _build(library, out, langs=["en"]).printed


def test_a_partial_build_keeps_the_pdfs_still_current(library, tmp_path):
    out = tmp_path / "dist"
    _build(library, out, leaflets=["alpha"])
    assert {a["lang"] for a in json.loads((out / "manifest.json").read_text())["artifacts"]} == {"en", "fr"}
    partial = _build(library, out, langs=["fr"], leaflets=["alpha"])
    assert partial.printed == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert sorted(a["path"] for a in manifest["artifacts"]) == ["alpha-en-a4.pdf", "alpha-fr-a4.pdf"]
    # an entry whose PDF is no longer current is dropped: the English changed, so French waits for its translator
    source = library / "leaflet" / "alpha.yaml"
    source.write_text(source.read_text().replace("It does not hurt.", "It does not hurt at all."))
    _build(library, out, langs=["en"], leaflets=["alpha"])
    assert [a["path"] for a in json.loads((out / "manifest.json").read_text())["artifacts"]] == ["alpha-en-a4.pdf"]


def test_leaflet_option_on_every_command(library, tmp_path):
    assert run(library, "extract", "--leaflet", "beta").returncode == 0
    update = run(library, "update", "--leaflet", "beta", "--lang", "fr")
    assert update.returncode == 0 and "beta/fr:" in update.stdout and "alpha/" not in update.stdout
    stats = run(library, "stats", "--leaflet", "alpha", "--leaflet", "beta")
    lines = stats.stdout.splitlines()
    assert lines[0].split() == ["leaflet", "fr"] and lines[1].split()[:2] == ["alpha", "100.0%d"]
    assert lines[2].split()[0] == "beta" and not lines[2].split()[1].startswith("100")
    check = run(library, "check", "--leaflet", "alpha", "--lang", "fr", "--lang", "en")
    assert check.returncode == 0, check.stdout
    assert "beta" not in check.stdout and "gamma" not in check.stdout
    unknown = run(library, "build", "--leaflet", "lipoma", "--out", str(tmp_path / "d"))
    assert unknown.returncode == 2 and "--leaflet: error: no leaflet 'lipoma'" in unknown.stderr


def test_check_scores_every_leaflet(library):
    source = library / "leaflet" / "beta.yaml"
    source.write_text(source.read_text().replace(
        "Most people feel a soft lump. Some feel no pain at all.",
        "Histopathological characterisation demonstrates circumscribed adipocytic proliferation "
        "with heterogeneous vascularisation, occasionally necessitating immunohistochemical differentiation."))
    result = run(library, "check", "--lang", "en", "--format", "json")
    report = json.loads(result.stdout)
    assert {item["leaflet"] for item in report["languages"]} == {"alpha", "beta", "gamma"}
    grades = [f for f in report["findings"] if f["check"] == "readability" and "beta.yaml" in f["path"]]
    assert grades and not [f for f in report["findings"] if f["check"] == "readability" and "alpha.yaml" in f["path"]]


def test_a_suggestion_from_another_leaflet_is_a_comment_never_a_fuzzy_translation(library):
    project = load_project(library)
    alpha = catalogs.read_catalog(catalogs.po_path(project, "fr", "alpha"))
    assert any(m.id == "What is it?" and m.string for m in alpha)
    beta = catalogs.read_catalog(catalogs.po_path(project, "fr", "beta"))
    heading = next(m for m in beta if m.context == "beta/symptoms/heading")
    assert not heading.fuzzy
    source = library / "leaflet" / "beta.yaml"
    source.write_text(source.read_text().replace("  - id: questions", "  - id: treatment\n    heading: How is it treated?\n"
                                                 "    blocks:\n      - id: summary\n        text: A doctor can take it out. This is a short and safe step.\n\n"
                                                 "  - id: questions"))
    assert run(library, "extract", "--leaflet", "beta").returncode == 0
    update = run(library, "update", "--leaflet", "beta", "--lang", "fr")
    assert "beta/fr: 2 kept, 0 changed (now fuzzy), 8 new (2 with a suggestion from another leaflet)" in update.stdout
    beta = catalogs.read_catalog(catalogs.po_path(project, "fr", "beta"))
    new = next(m for m in beta if m.context == "beta/treatment/heading")
    assert not new.fuzzy and not new.string
    assert new.user_comments == [f"suggestion from alpha: {french('How is it treated?')}"]
    check = run(library, "check", "--leaflet", "beta", "--lang", "fr")
    assert "the English changed" not in check.stdout and "beta/treatment/heading: not translated yet" in check.stdout


def test_review_is_per_leaflet_and_language(library):
    project = load_project(library)
    result = run(library, "review", "fr", "--leaflet", "alpha", "--reviewer", "Dr B", "--date", "2026-11-20")
    assert result.returncode == 0, result.stderr
    status = lambda name: review_status(project, "fr", name, catalogs.Translations.load(project, "fr", name)).label  # noqa: E731
    assert (status("alpha"), status("beta")) == ("reviewed", "draft")
    refused = run(library, "review", "fr", "--leaflet", "beta", "--reviewer", "Dr B", "--date", "2026-11-20")
    assert refused.returncode == 2 and "beta.po: error:" in refused.stderr
    path = catalogs.po_path(project, "fr", "beta")
    catalog = catalogs.read_catalog(path)
    for message in catalog:
        if message.id:
            message.string = french(message.id)
    catalogs.write_catalog(path, catalog)
    assert status("alpha") == "reviewed"  # another leaflet's change leaves this one's review standing


# --- settings -------------------------------------------------------------------


def test_a_misspelt_leaflet_table_or_a_twin_id_is_an_error(library, tmp_path):
    settings = library / "angio-print.toml"
    settings.write_text(settings.read_text() + "\n[leaflets.alfa]\nrequired_sections = [\"what-is\"]\n")
    result = run(library, "check")
    assert result.returncode == 2
    assert "angio-print.toml:5: error: [leaflets.alfa] names no leaflet" in result.stderr and "'alpha'" in result.stderr
    settings.write_text(settings.read_text().split("[leaflets.alfa]")[0])
    twin = library / "leaflet" / "delta.yaml"
    twin.write_text((library / "leaflet" / "alpha.yaml").read_text())
    result = run(library, "build", "--out", str(tmp_path / "dist"), "--lang", "en")
    assert result.returncode == 1 and "delta.yaml:2:" in result.stderr and "must match the file name" in result.stderr
    assert "alpha-en-a4.pdf" in {p.name for p in (tmp_path / "dist").glob("*.pdf")}


# --- a new leaflet --------------------------------------------------------------


def test_new_scaffold_builds_in_english_and_check_lists_what_to_fill(library, tmp_path):
    result = run(library, "new", "lipoma")
    assert result.returncode == 0 and "leaflet/lipoma.yaml" in result.stdout
    assert run(library, "new", "lipoma").returncode == 2
    assert "cannot be a leaflet name" in run(library, "new", "Bad Name").stderr
    built = run(library, "build", "--leaflet", "lipoma", "--lang", "en", "--out", str(tmp_path / "dist"))
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "dist" / "lipoma-en-a4.pdf").exists()
    check = run(library, "check", "--leaflet", "lipoma", "--lang", "en")
    assert "lipoma/what-is/summary: still the template's text" in check.stdout
    assert "lipoma/words/first/term: still the template's text" in check.stdout


# --- the index page -------------------------------------------------------------


def _dom(page: str, profile) -> str:
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
         "--virtual-time-budget=2000", "--dump-dom", page],
        capture_output=True, text=True, timeout=120,
    ).stdout


@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is installed by scripts/setup.sh")
def test_index_cards_search_by_title_in_any_language(library, tmp_path):
    out = tmp_path / "dist"
    _build(library, out, variants=("standard", "large"))
    index = (out / "index.html").as_uri()
    dom = _dom(index, tmp_path / "p1")
    assert dom.count('class="card"') == 2
    manifest = json.loads((out / "manifest.json").read_text())
    for artifact in manifest["artifacts"]:
        assert f'href="{artifact["path"]}"' in dom
    assert 'href="contact-sheet-alpha.png"' in dom and french("Alpha cyst") in dom
    searched = _dom(index + "#q=" + "fr%20beta", tmp_path / "p2")  # the French title of beta
    cards = {part.split('"')[0]: part for part in searched.split('data-leaflet="')[1:]}
    assert "hidden" in cards["alpha"].split(">")[0] and "hidden" not in cards["beta"].split(">")[0]
    # follow a card's link to its PDF
    link = cards["beta"].split('class="pdf" href="')[1].split('"')[0]
    target = (out / link).resolve()
    assert target.is_file() and target.read_bytes().startswith(b"%PDF")


# --- past one machine -----------------------------------------------------------


def test_three_shards_merged_are_one_full_build(library, tmp_path):
    full = tmp_path / "full"
    _build(library, full, variants=("standard", "large"))
    shards = [tmp_path / f"shard-{k}" for k in (1, 2, 3)]
    counts = []
    for k, folder in enumerate(shards, start=1):
        result = run(library, "build", "--out", str(folder), "--shard", f"{k}/3", "--jobs", "1")
        assert result.returncode == 1, result.stderr  # beta/fr and gamma are held back in every shard
        counts.append(len(list(folder.glob("*.pdf"))))
    assert sum(counts) == 6 and all(counts)  # every target once, each shard a share
    merged = tmp_path / "merged"
    result = run(library, "merge", *map(str, shards), "--out", str(merged))
    assert result.returncode == 0, result.stderr

    def digests(folder):
        names = [p for p in folder.rglob("*") if p.is_file() and ".angio-cache" not in p.parts]
        return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in names}

    assert digests(merged) == digests(full)
    assert run(library, "build", "--shard", "4/3").returncode == 2


def test_a_short_leaflet_shares_its_one_page_between_both_columns(library, tmp_path):
    import pdfplumber

    out = tmp_path / "out"
    _build(library, out, langs=["en"], papers=("a4",), variants=("standard",), leaflets=["alpha"])
    with pdfplumber.open(out / "alpha-en-a4.pdf") as pdf:
        page = pdf.pages[0]
        assert len(pdf.pages) == 1
        body = [c for c in page.chars if c["text"].strip() and c["size"] >= 12]
    middle = page.width / 2
    assert any(c["x1"] < middle for c in body) and any(c["x0"] > middle for c in body), \
        "a one-page leaflet left one of its columns empty"
