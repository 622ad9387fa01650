"""Bad and hostile input: a clear message with file and line, nothing lost, nothing read."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from angio_print.model import markup
from angio_print.model.leaflet_file import load_leaflet
from angio_print.findings import UserError
from angio_print.printing.pdf import AssetFetcher, Printer

GOOD = Path(__file__).resolve().parent.parent / "leaflet" / "angioleiomyoma.yaml"


def _error(tmp_path, text: str | bytes):
    path = tmp_path / "leaflet.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    with pytest.raises(UserError) as caught:
        load_leaflet(path)
    return caught.value.findings


def _line(text: str) -> int:
    return next(n for n, line in enumerate(GOOD.read_text().splitlines(), start=1) if line.startswith(text))


BENIGN_POINT = "text: It is <strong>not cancer</strong>. It does not spread to other parts of the body."


@pytest.mark.parametrize("change, line, words", [
    (lambda t: t.replace("  - id: where\n", "  - id: what-is\n"), None, "used twice"),
    (lambda t: t.replace("title: Angioleiomyoma\n", "title: [a, b]\n"), _line("title:"), "must be text"),
    (lambda t: t.replace("heading: What causes it?", "heading: What: causes it?\n   bad"), None, "YAML syntax"),
    (lambda t: t.replace(BENIGN_POINT, 'text: ""'), None, "is empty"),
    (lambda t: t.replace(BENIGN_POINT, BENIGN_POINT.replace("<strong>", "<b>").replace("</strong>", "</b>")), None,
     "not allowed"),
    (lambda t: t.replace("content_version:", "colour: blue\ncontent_version:"), _line("content_version:"), "unknown key"),
])
def test_source_errors_name_file_and_line(tmp_path, change, line, words):
    findings = _error(tmp_path, change(GOOD.read_text()))
    assert any(words in f.message for f in findings), findings
    assert all(f.path.endswith("leaflet.yaml") for f in findings)
    assert all(f.line for f in findings if "unknown key" in f.message or "twice" in f.message)
    if line:
        assert any(f.line == line for f in findings), findings


def test_empty_not_utf8_and_huge_files(tmp_path):
    assert "empty" in _error(tmp_path, "")[0].message
    finding = _error(tmp_path, "id: x\ntitle: caf\xe9\n".encode("latin-1"))[0]
    assert "UTF-8" in finding.message and finding.line == 2
    assert "limit" in _error(tmp_path, "title: " + "a" * 10_000_000)[0].message


def test_hostile_translation_stays_text():
    hostile = ('<img src="file:///etc/hostname"> <link rel=stylesheet href="file:///etc/passwd"> '
               '<script>alert(1)</script> <a rel="attachment" href="file:///etc/hostname">x</a> '
               '<span style="background: url(file:///etc/hostname)">y</span> <strong>ok</strong>')
    html = str(markup.render(hostile))
    assert "<img" not in html and "<script" not in html and "<a " not in html and "<span" not in html
    assert "&lt;img" in html and "<strong>ok</strong>" in html


def test_fetcher_refuses_files_outside_the_assets(tmp_path):
    assets = tmp_path / "assets"
    assets.mkdir()
    (assets / "ok.css").write_text("p {}")
    fetcher = AssetFetcher((assets,))
    assert fetcher.fetch((assets / "ok.css").as_uri()).read() == b"p {}"
    for url in ("file:///etc/hostname", (assets / ".." / ".." / "etc" / "hostname").as_uri(), "http://example.org/x.css"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_printing_hostile_html_reads_nothing(tmp_path):
    assets = tmp_path / "assets"
    assets.mkdir()
    html = ('<html lang="en"><head><title>t</title><link rel="stylesheet" href="file:///etc/hostname"></head><body>'
            '<p>x</p><img src="file:///etc/hostname"><a rel="attachment" href="file:///etc/hostname">a</a>'
            '<p style="background: url(file:///etc/hostname)">y</p></body></html>')
    printed = Printer(GOOD.parent.parent, assets).print_pdf(html, ["Noto Sans"])
    hostname = Path("/etc/hostname").read_bytes().strip()
    assert printed.refused_urls
    assert not hostname or hostname not in printed.pdf


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("ab <>/&\"'") + ["<strong>", "</strong>", "<em>", "</em>", "<script>"]), max_size=30).map("".join))
def test_markup_never_emits_tags_beyond_the_allowlist(text):
    html = str(markup.render(text))
    import re

    for tag in re.findall(r"<\s*/?\s*([a-zA-Z]+)", html):
        assert tag in ("strong", "em")
    assert markup.plain_text(html.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                             .replace("&#34;", '"').replace("&#39;", "'")) == markup.plain_text(text)


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet=st.characters(whitelist_categories=("L", "N", "P", "S", "Zs")), min_size=1, max_size=60).filter(lambda s: s.strip()))
def test_extractor_keeps_any_text(tmp_path_factory, text):
    from angio_print.i18n.yaml_extractor import extract_yaml
    import json

    original = GOOD.read_text()
    start = original.index("text: >-", original.index("      - id: genes\n"))
    end = original.index("\n", original.index("what these changes do.", start))
    source = original[:start] + "text: " + json.dumps(text, ensure_ascii=False) + original[end:]
    path = tmp_path_factory.mktemp("x") / "l.yaml"
    path.write_text(source)
    try:
        messages = {ctx: msg for _, _, (ctx, msg), _ in extract_yaml(open(path, "rb"), None, None, None)}
    except UserError:
        return  # refused with a clear message (for example stray markup)
    assert messages["angioleiomyoma/report/genes"] == " ".join(text.split())


def _cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "angio_print", *args], cwd=cwd, capture_output=True, text=True)


def test_fonts_that_differ_from_the_lock_stop_the_build_before_printing(project_copy, tmp_path):
    (project_copy / ".fonts").unlink()
    (project_copy / ".fonts").mkdir()
    out = tmp_path / "out"
    result = _cli("build", "--out", str(out), "--lang", "en", "--variant", "standard", "--paper", "a4", cwd=project_copy)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "installed.json: error: the pinned fonts are not installed" in result.stderr
    assert not list(out.glob("*.pdf"))


@pytest.mark.system
def test_a_character_no_pinned_font_has_is_a_missing_glyph_not_a_fallback(project_copy, tmp_path):
    po = project_copy / "locales" / "fr" / "LC_MESSAGES" / "angioleiomyoma.po"
    po.write_text(po.read_text().replace('msgstr "Angioléiomyome"', 'msgstr "Angioléiomyome \u16a0"', 1))
    out = tmp_path / "out"
    result = _cli("build", "--out", str(out), "--lang", "fr", "--lang", "de", "--variant", "standard", "--paper", "a4",
                  cwd=project_copy)
    assert result.returncode == 1, result.stderr
    assert "missing glyphs in fr" in result.stderr and "U+16A0" in result.stderr
    assert (out / "angioleiomyoma-de-a4.pdf").exists() and not (out / "angioleiomyoma-fr-a4.pdf").exists()


@pytest.mark.system
def test_broken_catalog_blocks_only_its_language(project_copy, tmp_path):
    po = project_copy / "locales" / "de" / "LC_MESSAGES" / "angioleiomyoma.po"
    po.write_text(po.read_text().replace('msgstr "Angioleiomyom"', 'msgstr "Angioleiomyom"\nthis line is not gettext', 1))
    out = tmp_path / "out"
    result = _cli("build", "--out", str(out), "--lang", "de", "--lang", "fr", "--variant", "standard", "--paper", "a4",
                  cwd=project_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "angioleiomyoma.po:" in result.stderr and "de" in result.stderr
    assert (out / "angioleiomyoma-fr-a4.pdf").exists()
    assert not (out / "angioleiomyoma-de-a4.pdf").exists()
    assert not list(out.glob(".*.tmp"))


@pytest.mark.parametrize("args, code, words", [
    (("build", "--lang", "xx"), 2, "unknown language code"),
    (("build", "--paper", "a3"), 2, "invalid choice"),
    (("check", "--format", "pdf"), 2, "invalid choice"),
    (("build", "--out", "/proc/no-such-place"), 2, "output folder"),
])
def test_usage_errors_exit_2_without_traceback(project_copy, args, code, words):
    result = _cli(*args, cwd=project_copy)
    assert result.returncode == code, result.stderr
    assert words in result.stderr and "Traceback" not in result.stderr


def test_bad_clinic_settings_name_file_and_line(project_copy):
    (project_copy / "clinic.yaml").write_text("name: Riverside\nwebsite: ftp://x.org\nlogo: missing.png\nfax: 1\n")
    result = _cli("build", "--lang", "en", cwd=project_copy)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    for expected in ("clinic.yaml:2", "clinic.yaml:3", "clinic.yaml:4"):
        assert expected in result.stderr


def _po_fault(old: str, new: str):
    return lambda text: text.replace(old, new, 1)


@pytest.mark.system
@pytest.mark.parametrize("fault, words", [
    (_po_fault('"Language: de\\n"', '"Language: fr\\n"'), "does not match the folder"),
    (_po_fault('"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n', ""), "Plural-Forms"),
    (_po_fault('msgstr "Seite {page} von {pages}"', 'msgstr "Seite {page} von {total}"'), "placeholders"),
    (_po_fault('msgstr "Angioleiomyom"', 'msgstr "Angioleiomyom<script>alert(1)</script>"'), "not allowed"),
    (_po_fault("Es ist meist kleiner als 3 cm", "Es ist meist kleiner als 3 mm"), "unit"),
    (_po_fault("Es ist meist kleiner als 3 cm", "Es ist meist kleiner als 5 cm"), "numbers"),
])
def test_catalog_faults_block_the_build_of_that_language_only(project_copy, tmp_path, fault, words):
    folder = project_copy / "locales" / "de" / "LC_MESSAGES"
    changed = 0
    for po in (folder / "angioleiomyoma.po", folder / "angio_print.po"):  # the leaflet's catalog, the tool's own
        broken = fault(po.read_text())
        changed += broken != po.read_text()
        po.write_text(broken)
    assert changed, "the fault must change a catalog"
    out = tmp_path / "out"
    result = _cli("build", "--out", str(out), "--lang", "de", "--lang", "en", "--variant", "standard", "--paper", "a4",
                  cwd=project_copy)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert words in result.stderr and ".po:" in result.stderr
    assert (out / "angioleiomyoma-en-a4.pdf").exists() and not (out / "angioleiomyoma-de-a4.pdf").exists()


@pytest.mark.system
def test_source_error_stops_the_build_with_file_and_line(project_copy, tmp_path):
    source = project_copy / "leaflet" / "angioleiomyoma.yaml"
    source.write_text(source.read_text().replace("  - id: where\n", "  - id: what-is\n"))
    result = _cli("build", "--out", str(tmp_path / "out"), cwd=project_copy)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "angioleiomyoma.yaml:" in result.stderr and "used twice" in result.stderr
    assert not list((tmp_path / "out").glob("*.pdf")) if (tmp_path / "out").exists() else True


@pytest.mark.system
def test_character_without_a_font_is_a_build_error(project_copy, tmp_path):
    po = project_copy / "locales" / "fr" / "LC_MESSAGES" / "angioleiomyoma.po"
    po.write_text(po.read_text().replace('msgstr "Angioléiomyome"', 'msgstr "Angioléiomyome \ue000"', 1))
    out = tmp_path / "out"
    result = _cli("build", "--out", str(out), "--lang", "fr", "--lang", "en", "--variant", "standard", "--paper", "a4",
                  cwd=project_copy)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "missing glyphs in fr" in result.stderr and "U+E000" in result.stderr and "Noto Sans" in result.stderr
    assert not (out / "angioleiomyoma-fr-a4.pdf").exists() and (out / "angioleiomyoma-en-a4.pdf").exists()


@pytest.mark.parametrize("control", [chr(c) for c in (*range(0x00, 0x20), *range(0x7F, 0xA0), 0x2028, 0x2029)],
                         ids=lambda c: f"U+{ord(c):04X}")
def test_no_character_in_a_translation_breaks_out_of_the_footer_css(project, control):
    import tinycss2

    from angio_print.i18n.catalogs import Translations
    from angio_print.model.leaflet_file import load_leaflets
    from angio_print.model.languages import get_language
    from angio_print.render.html import LanguageView, Renderer
    from angio_print.i18n.review import ReviewStatus

    leaflet = load_leaflets(project.leaflet_dir)[0]
    hostile = f'Titre{control}"\\" }} .notice {{ display: none }} @page {{ @bottom-right {{ content: "x" }} }} x{{ content: "'
    translations = Translations("fr", {
        (leaflet.title.context, leaflet.title.text): hostile,
        ("ui/footer-page", "Page {page} of {pages}"): f"Page {{page}}{control}\"}} .notice {{ display: none }} {{pages}}",
    })
    view = LanguageView(leaflet, get_language("fr"), translations, ReviewStatus("fr"))
    html = Renderer(project).render(leaflet, [view], variant="standard", paper="a4")
    style = html.split("<style>", 1)[1].split("</style>", 1)[0]
    rules = [r for r in tinycss2.parse_stylesheet(style, skip_whitespace=True, skip_comments=True)]
    assert not [r for r in rules if r.type == "error"]
    assert [r.at_keyword if r.type == "at-rule" else tinycss2.serialize(r.prelude).strip() for r in rules][:3] == \
        ["page", "page", "page"]
    assert not any(".notice" in tinycss2.serialize(r.prelude) for r in rules if r.type == "qualified-rule")
    title_rule = tinycss2.parse_blocks_contents(rules[2].content, skip_whitespace=True)[0]
    margin = tinycss2.parse_declaration_list(title_rule.content, skip_whitespace=True)
    values = [token for token in margin[0].value if token.type != "whitespace"]
    assert len(values) == 1 and values[0].type == "string"
    assert values[0].value.startswith("Titre") and ".notice { display: none }" in values[0].value


@pytest.mark.system
def test_what_weasyprint_warns_about_reaches_the_build_the_manifest_and_check(project_copy, tmp_path):
    css = project_copy / "templates" / "assets" / "leaflet.css"
    css.write_text(css.read_text(encoding="utf-8") + "\nbody { colour: red; }\n", encoding="utf-8")
    out = tmp_path / "out"
    result = _cli("build", "--out", str(out), "--lang", "en", "--paper", "a4", "--variant", "standard", cwd=project_copy)
    assert result.returncode == 0, result.stderr
    assert "warning:" in result.stderr and "colour" in result.stderr
    artifact = json.loads((out / "manifest.json").read_text())["artifacts"][0]
    assert any("colour" in warning for warning in artifact["warnings"])

    lenient = _cli("check", "--lang", "en", "--pdf", str(out), cwd=project_copy)
    strict = _cli("check", "--lang", "en", "--pdf", str(out), "--strict", cwd=project_copy)
    assert "colour" in lenient.stdout + lenient.stderr
    assert strict.returncode == 1 and "Traceback" not in strict.stderr


@pytest.mark.system
def test_a_figure_label_too_long_for_its_place_is_a_build_warning(project_copy, tmp_path):
    catalog = project_copy / "locales" / "fr" / "LC_MESSAGES" / "angioleiomyoma.po"
    text = catalog.read_text(encoding="utf-8")
    label = re.search(r'msgctxt "angioleiomyoma/what-is/skin-figure/dermis"\nmsgid "[^"]*"\nmsgstr "([^"]*)"', text).group(1)
    catalog.write_text(text.replace(f'msgstr "{label}"', f'msgstr "{", ".join([label] * 4)}"'), encoding="utf-8")
    out = tmp_path / "out"
    result = _cli("build", "--out", str(out), "--lang", "fr", "--paper", "a4", "--variant", "standard", cwd=project_copy)
    assert result.returncode == 0, result.stderr
    assert "a figure label does not fit its space: 'Derme" in result.stderr
    assert result.stderr.count("does not fit its space") == 1, "only that label: the others, and the margins " \
        "labels that grow with their text, fit"
