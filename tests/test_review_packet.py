"""The review packet: what changed since the last review, every message, a sign-off box; HTML and PDF."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest

from angio_print.i18n import catalogs
from angio_print.cli import main
from angio_print.model.project import load_project
from angio_print.i18n.review import mark_reviewed, review_path, review_status

pytestmark = pytest.mark.system  # real PDFs, Chromium or the whole command line

CHROMIUM = shutil.which("chromium")

LEAFLET = "angioleiomyoma"


def run(project_dir: Path, *args: str) -> int:
    return main(["--project", str(project_dir), *args])


def change_after_review(project_dir: Path) -> None:
    """A review, then the English changes (one edit, one insertion, one removal) and a translation changes."""
    project = load_project(project_dir)
    mark_reviewed(project, "fr", LEAFLET, "Dr Claire Martin", dt.date(2026, 12, 1))
    source = project.leaflet_dir / "angioleiomyoma.yaml"
    text = source.read_text()
    removed = text[text.index("      - id: injury-3\n"):text.index("  - id: diagnosis\n")]
    text = (text.replace("It grows slowly, over months or years.", "It usually grows slowly, over many months or years.")
                .replace("      - id: confirmed-2\n", "      - id: inserted\n        text: A new paragraph.\n      - id: confirmed-2\n")
                .replace(removed, ""))
    source.write_text(text)
    po = catalogs.po_path(project, "fr", catalogs.TOOL_DOMAIN)
    po.write_text(po.read_text().replace('msgstr "Mes questions et notes"',
                                         'msgstr "Mes questions et remarques <script>alert(1)</script>"'))
    catalogs.extract(project)
    catalogs.update(project, ["fr"])


def dom_of(html: Path, profile: Path) -> str:
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
         "--dump-dom", html.as_uri()], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_review_records_what_was_signed_off(project_copy):
    project = load_project(project_copy)
    mark_reviewed(project, "fr", LEAFLET, "Dr Claire Martin", dt.date(2026, 12, 1))
    record = json.loads(review_path(project, "fr", LEAFLET).read_text())
    title = record["messages"]["angioleiomyoma/meta/title"]
    assert title == {"source": "Angioleiomyoma", "translation": "Angioléiomyome"}
    assert len(record["messages"]) == sum(1 for domain in (LEAFLET, catalogs.TOOL_DOMAIN)
                                          for m in catalogs.read_catalog(catalogs.po_path(project, "fr", domain)) if m.id)


@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is installed by scripts/setup.sh")
def test_packet_shows_changes_messages_and_sign_off_in_a_browser(project_copy, tmp_path):
    change_after_review(project_copy)
    out = tmp_path / "out"
    assert run(project_copy, "review-packet", "fr", "--out", str(out)) == 0
    dom = dom_of(out / "review-fr.html", tmp_path / "profile")

    assert "Since the review by Dr Claire Martin on 2026-12-01: 1 new, 2 changed, 1 removed." in dom
    changes = dom[dom.index("What changed since the last review"):dom.index("Every message")]
    assert changes.count('<td class="kind">changed</td>') == 2 and changes.count('<td class="kind">new</td>') == 1
    assert '<ins>usually </ins>' in changes and '<ins>many </ins>' in changes  # the English diff, word by word
    assert "<del>notes</del>" in changes and "Some studies suggest that a small injury" in changes
    # The translation is untrusted: it is shown as text, never run as markup.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom and "<script>alert" not in dom

    project = load_project(project_copy)
    catalog = [m for domain in (LEAFLET, catalogs.TOOL_DOMAIN)
               for m in catalogs.read_catalog(catalogs.po_path(project, "fr", domain)) if m.id]
    assert dom.count('<td class="comment"></td>') == len(catalog)
    assert "NOTCH2" in dom and "Term: tumour: " in dom  # a translator note and a termbase entry
    for word in ("Sign-off", "Name", "Qualification", "Date", "Signature"):
        assert word in dom


def test_packet_pdf_reads_back(project_copy, tmp_path):
    change_after_review(project_copy)
    out = tmp_path / "out"
    assert run(project_copy, "review-packet", "fr", "--out", str(out)) == 0
    pdf = out / "review-fr.pdf"
    with pdfplumber.open(pdf) as document:
        first = document.pages[0]
        assert first.width > first.height  # landscape
        text = "\n".join(page.extract_text() for page in document.pages)
        fonts = {char["fontname"] for page in document.pages for char in page.chars}
    for expected in ("Review packet: French (fr)", "Sign-off by the qualified medical reviewer", "Qualification",
                     "What changed since the last review", "angioleiomyoma/symptoms/lump-2", "Angioléiomyome",
                     "Reviewer's comment", f"Page 1 of {len(pdfplumber.open(pdf).pages)}"):
        assert expected in text, expected
    assert fonts and all("Noto-Sans" in font for font in fonts), fonts  # the leaflets' fonts, nothing picked by chance
    png = tmp_path / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(png)], check=True)
    assert next(tmp_path.glob("page*.png")).stat().st_size > 5000


def test_packet_for_one_leaflet_and_an_old_review_record(project_copy, tmp_path):
    project = load_project(project_copy)
    mark_reviewed(project, "de", LEAFLET, "Dr Jonas Weber", dt.date(2026, 12, 1))
    path = review_path(project, "de", LEAFLET)
    record = json.loads(path.read_text())
    del record["messages"]  # a record written before snapshots were kept
    path.write_text(json.dumps(record))
    assert review_status(project, "de", LEAFLET, catalogs.Translations.load(project, "de", LEAFLET)).label == "reviewed"
    out = tmp_path / "out"
    assert run(project_copy, "review-packet", "de", "--leaflet", "angioleiomyoma", "--out", str(out)) == 0
    html = (out / "review-de-angioleiomyoma.html").read_text()
    assert "did not record the reviewed text" in html and "Dr Jonas Weber" in html
    assert "ui/footer-page" in html and "angioleiomyoma/meta/title" in html


def test_packet_refuses_bad_requests_in_one_line(project_copy, tmp_path, capsys):
    for args, expected in ((("en",), "only translations are reviewed"), (("xx",), "xx"),
                           (("fr", "--leaflet", "nope"), "no leaflet 'nope'")):
        assert run(project_copy, "review-packet", *args, "--out", str(tmp_path)) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and "error:" in err and expected in err and "Traceback" not in err
    assert not list(tmp_path.glob("review-*"))
