"""The broken-input corpus, through the command line.

Each case breaks one input (or passes one bad option) in a copy of the
project and runs the real command. Every case must end with exit 1 or 2, one
clear message naming the file (and line where there is one), no traceback,
no input file changed, within 10 seconds; a build still prints the languages
that are not broken.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

pytestmark = pytest.mark.system  # real PDFs, Chromium or the whole command line

FR_PO = "locales/fr/LC_MESSAGES/angioleiomyoma.po"
DE_PO = "locales/de/LC_MESSAGES/angioleiomyoma.po"
LEAFLET = "leaflet/angioleiomyoma.yaml"
ROOT = Path(__file__).resolve().parent.parent


def _line(relative: str, start: str) -> int:
    """The line of the project's own file that starts with `start`: cases follow the content as it changes."""
    return next(n for n, line in enumerate((ROOT / relative).read_text(encoding="utf-8").splitlines(), 1)
                if line.startswith(start))


def _message_line(context: str) -> int:
    from angio_print.model.leaflet_file import load_leaflet

    return next(m.line for m in load_leaflet(ROOT / LEAFLET).messages() if m.context == context)


BUILD = ("build", "--out", "{out}", "--lang", "en", "--lang", "fr", "--paper", "a4", "--variant", "standard", "--jobs", "1")
BUILD_ALL = ("build", "--out", "{out}", "--paper", "a4", "--variant", "standard", "--jobs", "2")


def _edit(relative: str, old: str, new: str, count: int = 1):
    def change(project: Path):
        path = project / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"the corpus case must find {old!r} in {relative}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")
    return change


def _write(relative: str, data: str | bytes):
    def change(project: Path):
        path = project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return change


def _steps(*changes):
    def change(project: Path):
        for step in changes:
            step(project)
    return change


def _only_french(project: Path):
    """Fewer languages, so that a build of every language stays quick."""
    for folder in (project / "locales").iterdir():
        if folder.is_dir() and folder.name != "fr":
            shutil.rmtree(folder)


def _copy(source: str, target: str):
    def change(project: Path):
        (project / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(project / source, project / target)
    return change


UNTERMINATED = _edit(FR_PO, 'msgstr "Angioléiomyome"', 'msgstr "Angioléiomyome')
DUPLICATE = _edit(FR_PO, 'msgstr "Angioléiomyome"\n',
                  'msgstr "Angioléiomyome"\n\n#: leaflet/angioleiomyoma.yaml:10\nmsgctxt "angioleiomyoma/meta/title"\n'
                  'msgid "Angioleiomyoma"\nmsgstr "Angioléiomyome (deux)"\n')
XX_CATALOG = _steps(_only_french, _copy(FR_PO, "locales/xx/LC_MESSAGES/angioleiomyoma.po"))


def _fifo(relative: str):
    def change(project: Path):
        (project / relative).unlink(missing_ok=True)
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(project / relative)
    return change


def _link(relative: str, target: str):
    def change(project: Path):
        path = project / relative
        if path.is_dir():
            shutil.rmtree(path)
        path.unlink(missing_ok=True)
        path.symlink_to(target)
    return change


def _folder(relative: str):
    def change(project: Path):
        (project / relative).unlink(missing_ok=True)
        (project / relative).mkdir(parents=True)
    return change


FR_REVIEW, FR_TERMS = "locales/fr/review/angioleiomyoma.json", "locales/fr/termbase.yaml"
CLINIC = "name: Riverside Clinic\nwebsite: https://riverside.example.org\n"
DEEP = "deep: " + "[" * 1000 + "]" * 1000 + "\n"
ALIAS_BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n" for previous, name in zip("abcdefgh", "bcdefghi"))


def _beside(name: str, data: bytes | None = None):
    """A file (or, without data, a folder) in the output folder, which lies beside the project."""
    def change(project: Path):
        path = project.parent / "out" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data) if data is not None else path.mkdir(exist_ok=True)
    return change


TOML = "angio-print.toml"
PNG = b"\x89PNG\r\n\x1a\n"
LOGO = CLINIC + "logo: logo.png\n"


def _rename(relative: str, new: str):
    return lambda project: (project / relative).rename(project / new)


@dataclass(frozen=True)
class Case:
    name: str
    setup: Callable[[Path], None] | None
    args: tuple[str, ...]
    code: int
    words: str  # in the one error message
    where: str | None = None  # the file (and ":line") the message names
    printed: tuple[str, ...] = ()  # PDFs that a build must still print

    def __str__(self) -> str:
        return self.name


CORPUS: list[Case] = [
    # 1. the output folder
    Case("out-root", None, ("build", "--out", "/", "--lang", "en"), 2, "refusing to write here", "/"),
    Case("out-home", None, ("build", "--out", "{home}", "--lang", "en"), 2, "refusing to write here"),
    Case("out-project", None, ("build", "--out", ".", "--lang", "en"), 2, "refusing to write here"),
    Case("out-parent", None, ("build", "--out", "..", "--lang", "en"), 2, "refusing to write here"),
    Case("out-leaflet", None, ("build", "--out", "leaflet", "--lang", "en"), 2, "refusing to write here", "leaflet"),
    # 2. a translation that tries to end the footer's CSS string
    Case("po-carriage-return", _edit(FR_PO, 'msgstr "Angioléiomyome"', r'msgstr "Angio\r\" } .notice { display: none } x { content: \""'),
         BUILD, 1, "control character", FR_PO + ":23", ("angioleiomyoma-en-a4.pdf",)),
    Case("po-form-feed", _edit(FR_PO, 'msgstr "Angioléiomyome"', "msgstr \"Angio\x0c\\\" } .notice { display: none }\""),
         BUILD, 1, "control character", FR_PO + ":23", ("angioleiomyoma-en-a4.pdf",)),
    # 3. an unterminated string
    Case("po-unterminated-build", UNTERMINATED, BUILD, 1, "end of line within a string", FR_PO + ":24",
         ("angioleiomyoma-en-a4.pdf",)),
    Case("po-unterminated-check", UNTERMINATED, ("check",), 1, "end of line within a string", FR_PO + ":24"),
    Case("po-unterminated-update", UNTERMINATED, ("update",), 1, "end of line within a string", FR_PO + ":24"),
    Case("po-unsupported-escape", _edit(FR_PO, 'msgstr "Angioléiomyome"', r'msgstr "Angio\fléiomyome"'), BUILD, 1,
         "escape \\f is not supported", FR_PO + ":24", ("angioleiomyoma-en-a4.pdf",)),
    Case("po-not-gettext", _edit(FR_PO, 'msgstr "Angioléiomyome"', 'msgstr "Angioléiomyome"\nmsgstr: oops'), BUILD, 1,
         "this line is not gettext", FR_PO + ":25", ("angioleiomyoma-en-a4.pdf",)),
    # 4. a message defined twice
    Case("po-duplicate-build", DUPLICATE, BUILD, 1, "is also on line 22", FR_PO + ":27", ("angioleiomyoma-en-a4.pdf",)),
    Case("po-duplicate-check", DUPLICATE, ("check", "--lang", "fr"), 1, "is also on line 22", FR_PO + ":27"),
    Case("po-duplicate-update", DUPLICATE, ("update",), 1, "duplicate message definition", FR_PO + ":27"),
    # 11. a catalog for a language the tool cannot print
    Case("unknown-code-build", XX_CATALOG, BUILD_ALL, 1, "'xx' is not a language code", "locales/xx/LC_MESSAGES/angioleiomyoma.po",
         ("angioleiomyoma-en-a4.pdf", "angioleiomyoma-fr-a4.pdf")),
    Case("unknown-code-check", XX_CATALOG, ("check",), 1, "'xx' is not a language code", "locales/xx/LC_MESSAGES/angioleiomyoma.po"),
    Case("unknown-code-update", XX_CATALOG, ("update",), 1, "'xx' is not a language code", "locales/xx/LC_MESSAGES/angioleiomyoma.po"),
    Case("alias-code-update", _steps(_only_french, _copy(FR_PO, "locales/zh_CN/LC_MESSAGES/angioleiomyoma.po")), ("update",), 1,
         "rename the folder to locales/zh_Hans", "locales/zh_CN/LC_MESSAGES/angioleiomyoma.po"),
    # 6. a runaway translation
    Case("po-runaway-build", _edit(FR_PO, 'msgstr "Angioléiomyome"', 'msgstr "' + "Angioléiomyome " * 70_000 + '"'),
         BUILD, 1, "something was pasted in", FR_PO + ":23", ("angioleiomyoma-en-a4.pdf",)),
    Case("po-runaway-check", _edit(FR_PO, 'msgstr "Angioléiomyome"', 'msgstr "' + "Angioléiomyome " * 70_000 + '"'),
         ("check", "--lang", "fr"), 1, "something was pasted in", FR_PO + ":23"),
    # 7. files that are not regular files
    Case("leaflet-fifo", _fifo("leaflet/extra.yaml"), BUILD, 1, "not a regular file", "leaflet/extra.yaml"),
    Case("leaflet-dev-zero", _link("leaflet/extra.yaml", "/dev/zero"), BUILD, 1, "not a regular file", "leaflet/extra.yaml"),
    Case("leaflet-dev-zero-extract", _link("leaflet/extra.yaml", "/dev/zero"), ("extract", "--leaflet", "extra"), 1,
         "not a regular file",
         "leaflet/extra.yaml"),
    Case("po-fifo", _fifo(FR_PO), BUILD, 1, "not a regular file", FR_PO, ("angioleiomyoma-en-a4.pdf",)),
    Case("termbase-dev-zero", _link(FR_TERMS, "/dev/zero"), BUILD, 1, "not a regular file", FR_TERMS,
         ("angioleiomyoma-en-a4.pdf",)),
    Case("review-fifo", _fifo(FR_REVIEW), BUILD, 1, "not a regular file", FR_REVIEW, ("angioleiomyoma-en-a4.pdf",)),
    Case("clinic-fifo", _fifo("clinic.yaml"), BUILD, 2, "not a regular file", "clinic.yaml"),
    # 8. deep nesting and alias bombs
    Case("leaflet-deep", _edit(LEAFLET, "content_version:", DEEP + "content_version:"), BUILD, 1,
         "nested more than 40 levels deep", f"{LEAFLET}:{_line(LEAFLET, 'content_version:')}"),
    Case("clinic-deep", _write("clinic.yaml", CLINIC + DEEP), BUILD, 2, "nested more than 40 levels deep", "clinic.yaml:3"),
    Case("termbase-alias-bomb", _write(FR_TERMS, ALIAS_BOMB), BUILD, 1, "expands to more than", FR_TERMS,
         ("angioleiomyoma-en-a4.pdf",)),
    Case("leaflet-alias-bomb", _edit(LEAFLET, "content_version:", ALIAS_BOMB + "content_version:"), ("check",), 1,
         "expands to more than", LEAFLET),
    Case("clinic-alias-bomb", _write("clinic.yaml", CLINIC + ALIAS_BOMB), BUILD, 2, "expands to more than", "clinic.yaml"),
    Case("termbase-recursive-alias", _write(FR_TERMS, "a: &a [x, *a]\n"), BUILD, 1, "expands to more than", FR_TERMS,
         ("angioleiomyoma-en-a4.pdf",)),
    # 9. a broken review record
    Case("review-malformed-build", _write(FR_REVIEW, '{"reviewer": "A",\n'), BUILD, 1, "not valid JSON", FR_REVIEW + ":2",
         ("angioleiomyoma-en-a4.pdf",)),
    Case("review-malformed-check", _write(FR_REVIEW, '{"reviewer": "A",\n'), ("check",), 1, "not valid JSON", FR_REVIEW + ":2"),
    Case("review-wrong-shape", _write(FR_REVIEW, '["reviewer"]\n'), BUILD, 1, "review record is not valid", FR_REVIEW,
         ("angioleiomyoma-en-a4.pdf",)),
    Case("review-folder", _folder(FR_REVIEW), BUILD, 1, "is a folder", FR_REVIEW, ("angioleiomyoma-en-a4.pdf",)),
    # 10. a broken termbase
    Case("termbase-malformed", _write(FR_TERMS, "tumour: [tumeur\n"), BUILD, 1, "YAML syntax error", FR_TERMS,
         ("angioleiomyoma-en-a4.pdf",)),
    Case("termbase-malformed-check", _write(FR_TERMS, "tumour: [tumeur\n"), ("check",), 1, "YAML syntax error", FR_TERMS),
    Case("termbase-latin-1", _write(FR_TERMS, "tumour:\n  - tum\xe9\n".encode("latin-1")), BUILD, 1, "not valid UTF-8",
         FR_TERMS + ":2", ("angioleiomyoma-en-a4.pdf",)),
    Case("termbase-folder", _folder(FR_TERMS), BUILD, 1, "is a folder", FR_TERMS, ("angioleiomyoma-en-a4.pdf",)),
    Case("termbase-wrong-shape", _write(FR_TERMS, "- tumour\n"), BUILD, 1, "termbase must map", FR_TERMS,
         ("angioleiomyoma-en-a4.pdf",)),
    # 12. the settings file
    Case("toml-unknown-key", _edit(TOML, "leaflet_grade = 6.0", "leaflet_grad = 6.0"), ("check",), 2,
         "did you mean 'leaflet_grade'", TOML + ":13"),
    Case("toml-unknown-table", _edit(TOML, "[build]", "[biuld]"), BUILD, 2, "did you mean 'build'", TOML + ":18"),
    Case("toml-wrong-type", _edit(TOML, "leaflet_grade = 6.0", 'leaflet_grade = "six"'), BUILD, 2, "must be a number",
         TOML + ":13"),
    Case("toml-wrong-list", _edit(TOML, 'papers = ["a4", "letter"]', 'papers = "a4"'), BUILD, 2, "must be a list", TOML + ":20"),
    Case("toml-wrong-count", _edit(TOML, "hardest_sentences = 2", "hardest_sentences = 2.5"), ("update",), 2,
         "must be a whole number", TOML + ":16"),
    Case("toml-table-not-table", _steps(_edit(TOML, "[readability]\n", "[unused]\n"),
                                        _edit(TOML, "# Project settings", "readability = 3\n# Project settings")), BUILD, 2,
         "'readability' must be a table", TOML + ":1"),
    Case("toml-section-not-text", _edit(TOML, '"key-points", "what-is"', '"key-points", 3'), BUILD, 2,
         "must be a list of names", f"{TOML}:{_line(TOML, 'required_sections')}"),
    Case("toml-fifo", _fifo(TOML), BUILD, 2, "not a regular file", TOML),
    # 13. places that cannot be written or read
    Case("cache-is-a-file", _beside(".angio-cache", b"x"), BUILD, 2, "is a file where the build needs a folder",
         "out/.angio-cache"),
    Case("check-output-folder", _beside("report"), ("check", "--output", "{out}/report"), 2, "is a folder", "out/report"),
    Case("check-output-missing-folder", None, ("check", "--output", "{out}/missing/report.html"), 2,
         "folder that does not exist", "missing/report.html"),
    Case("check-pdf-not-a-pdf", _beside("angioleiomyoma-en-a4.pdf", b"hello"), ("check", "--lang", "en", "--pdf", "{out}"), 1,
         "cannot be read as a PDF", "out/angioleiomyoma-en-a4.pdf"),
    Case("check-pdf-truncated", _beside("angioleiomyoma-en-a4.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Cat"),
         ("check", "--lang", "en", "--pdf", "{out}"), 1, "cannot be read as a PDF", "out/angioleiomyoma-en-a4.pdf"),
    Case("check-pdf-missing-folder", None, ("check", "--pdf", "{out}/nothing"), 2, "--pdf must be the folder",
         "out/nothing"),
    Case("extract-template-is-a-folder", _folder("locales/angio_print.pot"), ("extract",), 2, "cannot write this file",
         "locales/angio_print.pot"),
    # weak messages
    Case("jobs-negative", None, ("build", "--jobs", "-1"), 2, "give a whole number of 1 or more"),
    Case("jobs-zero", None, ("build", "--jobs", "0"), 2, "give a whole number of 1 or more"),
    Case("leaflet-nul-byte", _edit(LEAFLET, "title: Angioleiomyoma", "title: Angio\x00leiomyoma"), BUILD, 1,
         "U+0000 is not allowed", f"{LEAFLET}:{_line(LEAFLET, 'title:')}"),
    Case("leaflet-placeholder", _edit(LEAFLET, "A few lumps show changes", "A few {marker} lumps show changes"),
         ("check", "--lang", "en"), 1, "{marker} is not filled in", f"{LEAFLET}:{_message_line('angioleiomyoma/report/genes')}"),
    Case("leaflet-name-not-id", _steps(_rename(LEAFLET, "leaflet/angio.yaml"),
                                       _edit(TOML, "[leaflets.angioleiomyoma]", "[leaflets.angio]")), BUILD, 1,
         "must match the file name",
         f"leaflet/angio.yaml:{_line(LEAFLET, 'id:')}"),
    Case("extract-source-error", _edit(LEAFLET, "  - id: where\n", "  - id: what-is\n"), ("extract",), 1, "used twice", LEAFLET),
    Case("clinic-logo-damaged", _steps(_write("clinic.yaml", LOGO), _write("logo.png", PNG + b"not really an image")),
         BUILD, 2, "damaged image", "clinic.yaml:3"),
    Case("clinic-logo-too-large", _steps(_write("clinic.yaml", LOGO), _write("logo.png", PNG + bytes(3_000_000))),
         BUILD, 2, "over the limit", "clinic.yaml:3"),
    Case("clinic-logo-folder", _steps(_write("clinic.yaml", LOGO), _folder("logo.png")), BUILD, 2, "not found", "clinic.yaml:3"),
    Case("out-locales", None, ("build", "--out", "locales/fr", "--lang", "en"), 2, "refusing to write here", "locales/fr"),
]


def _snapshot(project: Path) -> dict[str, str]:
    return {str(p.relative_to(project)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(project.rglob("*")) if p.is_file() and not p.is_symlink() and p.stat().st_size < 5_000_000}


def run_cli(project: Path, *args: str, timeout: float = 10, env: dict | None = None, **kw):
    return subprocess.run([sys.executable, "-m", "angio_print", *args], cwd=project, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})}, **kw)


@pytest.mark.parametrize("case", CORPUS, ids=str)
def test_broken_input_corpus(project_copy, tmp_path, case: Case):
    if case.setup:
        case.setup(project_copy)
    out = tmp_path / "out"
    before = _snapshot(project_copy)
    root_before = set(os.listdir("/"))
    home = tmp_path / "home"
    home.mkdir()
    args = [a.replace("{out}", str(out)).replace("{home}", str(home)) for a in case.args]
    result = run_cli(project_copy, *args, env={"HOME": str(home)})
    assert result.returncode == case.code, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    messages = [line for line in (result.stderr + result.stdout).splitlines() if " error: " in line]
    assert messages, result.stderr
    assert any(case.words in line for line in messages), result.stderr
    if case.where:
        assert any(f"{case.where}:" in line and case.words in line for line in messages), result.stderr
    assert len([m for m in messages if case.words in m]) == 1, "said once"
    assert _snapshot(project_copy) == before, "no input file changed"
    assert set(os.listdir("/")) == root_before, "nothing written outside the output folder"
    for name in case.printed:
        assert (out / name).is_file(), (name, result.stderr)
    assert not [p for p in out.rglob("*") if ".tmp" in p.name] if out.exists() else True


def test_clean_up_removes_only_our_own_leftovers(project_copy, tmp_path):
    dead = 4_194_305  # above the largest pid Linux hands out: no such process
    out = tmp_path / "out"
    ours = [out / f".angioleiomyoma-en-a4.pdf.{dead}.k1x2.tmp", out / ".angio-cache" / f".a-en-a4.pdf.json.{dead}.q9.tmp",
            out / "thumbnails" / f".a-en-a4.png.{dead}.thumbnail.tmp.png"]
    foreign = [out / "keep" / f".angioleiomyoma-en-a4.pdf.{dead}.k1x2.tmp", out / f".notes.txt.{dead}.a.tmp",
               out / f".angioleiomyoma-en-a4.pdf.{dead}.k1x2.tmp.bak"]
    for path in ours + foreign:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    result = run_cli(project_copy, "build", "--out", str(out), "--lang", "en", "--paper", "a4", "--variant", "standard")
    assert result.returncode == 0, result.stderr
    assert not [p for p in ours if p.exists()]
    assert all(p.exists() for p in foreign)


def test_css_in_a_translation_prints_as_text_and_keeps_the_draft_notice(project_copy, tmp_path):
    from pypdf import PdfReader

    _edit(FR_PO, 'msgstr "Angioléiomyome"', r'msgstr "Angio\\\" } .notice { display: none } @page { @bottom-right { content: \"x"')(project_copy)
    out = tmp_path / "out"
    result = run_cli(project_copy, "build", "--out", str(out), "--lang", "fr", "--paper", "a4", "--variant", "standard")
    assert result.returncode == 0, result.stderr
    text = " ".join(page.extract_text() for page in PdfReader(out / "angioleiomyoma-fr-a4.pdf").pages)
    assert "Traduction provisoire" in " ".join(text.split()) and "Page 1 sur" in text
    assert ".notice { display: none }" in text


@pytest.fixture
def tmpfs(tmp_path):
    """Mount a small tmpfs (tests run as root); the disk-full and read-only tests need one."""
    mounted = []

    def mount(size: str) -> Path:
        place = tmp_path / f"tmpfs{len(mounted)}"
        place.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(place)], capture_output=True)
        if done.returncode:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
        mounted.append(place)
        return place

    yield mount
    for place in reversed(mounted):
        subprocess.run(["umount", "-l", str(place)], capture_output=True)


def test_disk_full_fails_each_target_clearly_and_leaves_no_partial_file(project_copy, tmpfs):
    out = tmpfs("96k")  # room for the folder and small records, not for the PDFs
    result = run_cli(project_copy, "build", "--out", str(out), "--lang", "en", "--lang", "fr", "--paper", "a4",
                     "--variant", "standard", "--jobs", "1", timeout=30)
    assert result.returncode in (1, 2), result.stderr
    assert "Traceback" not in result.stderr
    assert "No space left on device" in result.stderr and "free some disk space" in result.stderr
    assert not [p for p in out.rglob("*") if ".tmp" in p.name]
    from pypdf import PdfReader

    for pdf in out.glob("*.pdf"):  # whatever was written is whole
        assert len(PdfReader(pdf).pages) >= 1


def test_update_and_extract_on_a_read_only_project_change_nothing(project_copy, tmpfs):
    place = tmpfs("32m")
    shutil.copytree(project_copy, place / "project", symlinks=True)
    before = _snapshot(place / "project")
    subprocess.run(["mount", "-o", "remount,ro", str(place)], check=True)
    for command in ("update", "extract"):
        result = run_cli(place / "project", command)
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        assert "Read-only file system" in result.stderr and "locales/" in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert _snapshot(place / "project") == before
