"""Languages are data: one `init` for a language CLDR knows, one override for one it does not."""

from __future__ import annotations

import subprocess
import sys

import pytest

from angio_print.i18n import catalogs
from angio_print.checks.message import check_message
from angio_print.model.project import load_project
from fonts_in_pdf import embedded_font_names

pytestmark = pytest.mark.system  # real PDFs, Chromium or the whole command line

LEAFLET = "angioleiomyoma"


def _cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "angio_print", *args], cwd=cwd, capture_output=True, text=True)


def _translate_everything(project_dir, lang: str, word: str) -> None:
    """A stand-in translation: the language's own word before each English text (markup, numbers and
    placeholders stay), enough to print the leaflet in that script."""
    project = load_project(project_dir)
    for domain in (LEAFLET, catalogs.TOOL_DOMAIN):
        path = catalogs.po_path(project, lang, domain)
        catalog = catalogs.read_catalog(path)
        for message in catalog:
            if message.id:
                message.string = f"{word} {message.id}"
        catalogs.write_catalog(path, catalog)


@pytest.mark.parametrize("lang, word, script_font", [
    ("ka", "ქართული", "Noto-Sans-Georgian"),   # Georgian: CLDR knows it, its script is in the table
    ("th", "ภาษาไทย", "Noto-Sans-Thai"),        # Thai: written without spaces between words
])
def test_a_language_cldr_knows_is_one_init_away(project_copy, tmp_path, lang, word, script_font):
    assert _cli("init", lang, cwd=project_copy).returncode == 0
    _translate_everything(project_copy, lang, word)
    out = tmp_path / "out"
    result = _cli("build", "--out", str(out), "--lang", lang, "--variant", "standard", "--paper", "a4", cwd=project_copy)
    assert result.returncode == 0, result.stderr
    assert "missing glyph" not in result.stderr
    fonts = embedded_font_names(out / f"angioleiomyoma-{lang}-a4.pdf")
    assert any(name.startswith(script_font) for name in fonts), fonts
    listing = _cli("languages", cwd=project_copy).stdout
    assert any(line.startswith(lang + " ") for line in listing.splitlines())


def test_a_language_cldr_lacks_is_one_override_away(project_copy, tmp_path):
    with (project_copy / "angio-print.toml").open("a") as toml:
        toml.write('\n[languages.xhy]\nname = "Test Armenian"\nscript = "Armn"\ndirection = "ltr"\n')
    assert _cli("init", "xhy", cwd=project_copy).returncode == 0
    _translate_everything(project_copy, "xhy", "Հայերեն")
    assert _cli("update", "--lang", "xhy", cwd=project_copy).returncode == 0  # keeps "Language: xhy"
    checked = _cli("check", "--lang", "xhy", cwd=project_copy)
    assert checked.returncode == 0 and "Language" not in checked.stderr, checked.stderr
    out = tmp_path / "out"
    result = _cli("build", "--out", str(out), "--lang", "xhy", "--variant", "standard", "--paper", "a4", cwd=project_copy)
    assert result.returncode == 0, result.stderr
    fonts = embedded_font_names(out / "angioleiomyoma-xhy-a4.pdf")
    assert any(name.startswith("Noto-Sans-Armenian") for name in fonts), fonts


@pytest.mark.parametrize("code, words", [
    ("qqq", "[languages.qqq]"),       # CLDR does not know it: describe it in angio-print.toml
    ("si", "scripts.toml"),           # Sinhala: CLDR knows it, its script has no fonts yet
])
def test_a_language_it_cannot_serve_says_what_to_add(project_copy, code, words):
    result = _cli("init", code, cwd=project_copy)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert words in result.stderr and "LANG:" in result.stderr
    assert not (project_copy / "locales" / code).exists()


@pytest.mark.parametrize("source, translation, lang", [
    ("Smaller than 3 cm.", "ከ3 ሴ.ሜ ያነሰ።", "am"),          # Amharic unit with abbreviation dots, Ethiopic full stop
    ("Smaller than 3 cm.", "৩ সেমি-এর চেয়ে ছোট।", "bn"),     # Bengali digit and unit
    ("Chromosomes 6, 13 and 21.", "ခရိုမိုဆုမ် ၆၊ ၁၃ နှင့် ၂၁။", "my"),  # Myanmar digits
    ("Smaller than 3 cm.", "3 センチメートルより小さい。", "ja"),  # Japanese unit as CLDR writes it
])
def test_units_and_digits_follow_cldr(source, translation, lang):
    assert [f for f in check_message(source, translation, lang) if f[0] == "error"] == []
