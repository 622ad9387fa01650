"""What a build keeps between layouts and between builds: font faces, parsed catalogs, fitting records, keys."""

from __future__ import annotations

import json
import shutil

from angio_print.build.fingerprint import InputHasher
from angio_print.build.fitting_record import FittingRecords
from angio_print.build.plan import Target
from angio_print.i18n.pofile import read_catalog_shared
from angio_print.model.project import load_project
from angio_print.printing.fonts import FontLock
from angio_print.printing.pdf import Printer

GERMAN = "Größe: 3 cm (1 Zoll) – „Angioleiomyom“ … Ärztin, Übelkeit, Straße • ½"


def _covers(fonts, font, code_points: list[int]) -> bool:
    return len(fonts._not_covered(font, code_points)) < len(code_points)


def _declared(css: str) -> set[str]:
    return {rule.split('url("')[1].split('")')[0].rsplit("/", 1)[-1] for rule in css.splitlines()}


def test_only_the_subset_files_a_text_needs_are_declared_and_they_cover_all_of_it(project):
    fonts = FontLock.load(project.root).installed()
    css = fonts.font_face_css(["Noto Sans"], GERMAN)
    declared = _declared(css)
    assert declared and all(name.startswith("noto-sans-") for name in declared)
    everything = {f.installed_name for f in fonts.lock.files if f.family == "Noto Sans"
                  and _covers(fonts, f, sorted(map(ord, set(GERMAN))))}
    assert len(declared) < len(everything)
    for font in fonts.lock.files:
        if font.family != "Noto Sans":
            continue
        face = (font.weight, font.style, font.width)
        same_face = [f for f in fonts.lock.files if f.family == "Noto Sans" and (f.weight, f.style, f.width) == face]
        for char in set(GERMAN):
            if any(_covers(fonts, f, [ord(char)]) for f in same_face):
                assert any(_covers(fonts, f, [ord(char)]) for f in same_face if f.installed_name in declared), \
                    (char, face)


def test_a_changed_catalog_is_parsed_again(tmp_path):
    path = tmp_path / "de.po"
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    path.write_text(header + 'msgid "lump"\nmsgstr "Knoten"\n', encoding="utf-8")
    assert read_catalog_shared(path).get("lump").string == "Knoten"
    assert read_catalog_shared(path) is read_catalog_shared(path)
    path.write_text(header + 'msgid "lump"\nmsgstr "Beule, Knoten"\n', encoding="utf-8")
    assert read_catalog_shared(path).get("lump").string == "Beule, Knoten"


def test_a_fitting_record_line_of_the_wrong_shape_is_not_used_and_the_file_is_named(tmp_path):
    target = Target("leaflet", "de", "a4", "standard")
    good = {"layout": "abc", "fit": "snug", "notes_space": False, "pages": 2, "lines_over": 0}
    for bad in ({**good, "fit": ["snug"]}, {**good, "pages": "2"}, {**good, "notes_space": None}, ["snug"], "snug"):
        (tmp_path / "leaflet.fitting.json").write_text(json.dumps({"targets": {target.filename: bad}}))
        records = FittingRecords(tmp_path)
        assert records.hint(target) is None
        assert records.unreadable == [tmp_path / "leaflet.fitting.json"]
    (tmp_path / "leaflet.fitting.json").write_text(json.dumps({"targets": {target.filename: good}}))
    hint = FittingRecords(tmp_path).hint(target)
    assert (hint.fit, hint.fitted, hint.layout_key, hint.same_inputs) == ("snug", True, "abc", False)


def test_two_clones_in_different_folders_have_the_same_keys(project, tmp_path):
    for name in ("leaflet", "locales", "templates"):
        shutil.copytree(project.root / name, tmp_path / "deep" / "clone" / name)
    shutil.copy(project.root / "angio-print.toml", tmp_path / "deep" / "clone" / "angio-print.toml")
    other = load_project(tmp_path / "deep" / "clone")
    target = Target("angioleiomyoma", "de", "a4", "standard")
    here, there = InputHasher(project, None), InputHasher(other, None)
    assert here.layout_inputs == there.layout_inputs
    assert here.target_key(target) == there.target_key(target)


def _printer_with_assets(project, tmp_path, **sheets: str) -> Printer:
    assets = tmp_path / "assets"
    assets.mkdir(parents=True)
    for name, text in sheets.items():
        (assets / f"{name}.css").write_text(text, encoding="utf-8")
    return Printer(project.root, assets)


def _linking(*names: str) -> str:
    links = "".join(f'<link rel="stylesheet" href="{name}.css">' for name in names)
    return f'<html lang="en"><head>{links}</head><body><p>Lump</p></body></html>'


def test_a_linked_stylesheet_is_parsed_once_and_again_when_it_changes(project, tmp_path):
    printer = _printer_with_assets(project, tmp_path, leaflet="p { color: navy }")
    prepared = printer.stylesheets(_linking("leaflet"), ["Noto Sans"])
    assert "<link" not in prepared.html and len(prepared.stylesheets) == 2, "a parsed sheet, then the font faces"
    assert printer.stylesheets(_linking("leaflet"), ["Noto Sans"]).stylesheets[0] is prepared.stylesheets[0]
    (printer.assets_dir / "leaflet.css").write_text("p { color: maroon; margin: 0 }", encoding="utf-8")
    assert printer.stylesheets(_linking("leaflet"), ["Noto Sans"]).stylesheets[0] is not prepared.stylesheets[0]


def test_a_stylesheet_that_adds_to_the_document_or_lies_elsewhere_stays_linked(project, tmp_path):
    printer = _printer_with_assets(project, tmp_path, counters="@counter-style x { system: cyclic; symbols: '*' }")
    (tmp_path / "outside.css").write_text("p { color: red }", encoding="utf-8")
    for name in ("counters", "../outside", "missing"):
        prepared = printer.stylesheets(_linking(name), ["Noto Sans"])
        assert f'href="{name}.css"' in prepared.html and len(prepared.stylesheets) == 1, name


def test_a_parsed_stylesheet_prints_as_its_link_would_and_warns_with_every_document(project, tmp_path):
    """A byte order mark, a rule WeasyPrint ignores: the same as when WeasyPrint reads the link itself."""
    printer = _printer_with_assets(project, tmp_path, leaflet="p { color: red }\np { colour: blue }")
    sheet = printer.assets_dir / "leaflet.css"
    sheet.write_bytes(b"\xef\xbb\xbf" + sheet.read_bytes())
    html = _linking("leaflet")
    first, second = (printer.print_pdf(html, ["Noto Sans"]) for _ in range(2))
    assert first.warnings == second.warnings and any("colour" in w for w in first.warnings)
    linked = _printer_with_assets(project, tmp_path / "linked", leaflet="")
    linked._parsed_sheet = lambda href: None  # WeasyPrint reads the link itself
    shutil.copy(sheet, linked.assets_dir / "leaflet.css")
    assert linked.print_pdf(html, ["Noto Sans"]).pdf == first.pdf, "the first rule, after the mark, holds"
