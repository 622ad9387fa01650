"""Review status: recorded with a name and date, printed, and lost when translations change."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from angio_print.i18n import catalogs
from angio_print.model.project import load_project
from angio_print.findings import UserError
from angio_print.printing.fonts import FontLock
from angio_print.model.languages import get_language, scripts
from angio_print.i18n.review import mark_draft, mark_reviewed, review_status
from angio_print.build.plan import Target
from angio_print.build.worker import Job, render_html

ROOT = Path(__file__).resolve().parent.parent

LEAFLET = "angioleiomyoma"


def _status(project, lang):
    return review_status(project, lang, LEAFLET, catalogs.Translations.load(project, lang, LEAFLET))


def _html(project, lang):
    return render_html(Job(project.root, Target("angioleiomyoma", lang, "a4", "standard"), Path("."), None,
                           (str(dt.datetime.now()),)))


def test_review_is_recorded_printed_and_undone_by_a_change(project_copy):
    project = load_project(project_copy)
    assert _status(project, "es").label == "draft"
    assert "Draft translation" in _html(project, "es")

    mark_reviewed(project, "es", LEAFLET, "Ana Ruiz", dt.date(2026, 12, 1))
    status = _status(project, "es")
    assert (status.label, status.reviewer, status.date) == ("reviewed", "Ana Ruiz", dt.date(2026, 12, 1))
    html = _html(project, "es")
    assert "Draft translation" not in html and "Ana Ruiz" in html and "1 de diciembre de 2026" in html

    po = catalogs.po_path(project, "es", LEAFLET)
    po.write_text(po.read_text().replace('msgstr "Angioleiomioma"', 'msgstr "Angioleiomioma (AL)"', 1))
    status = _status(project, "es")
    assert status.label == "draft" and status.changed_since_review
    assert "Draft translation" in _html(project, "es")

    mark_draft(project, "es", LEAFLET)
    assert not (project.locales_dir / "es" / "review" / f"{LEAFLET}.json").exists()


def test_review_needs_a_finished_translation_and_a_name(project_copy):
    project = load_project(project_copy)
    po = catalogs.po_path(project, "de", LEAFLET)
    po.write_text(po.read_text().replace('msgstr "Angioleiomyom"', 'msgstr ""', 1))
    with pytest.raises(UserError, match="untranslated"):
        mark_reviewed(project, "de", LEAFLET, "Max Mustermann", dt.date(2026, 12, 1))
    with pytest.raises(UserError, match="name"):
        mark_reviewed(project, "fr", LEAFLET, "  ", dt.date(2026, 12, 1))
    with pytest.raises(UserError, match="source"):
        mark_reviewed(project, "en", LEAFLET, "Someone", dt.date(2026, 12, 1))


def test_a_broken_review_record_is_a_clear_error(project_copy):
    project = load_project(project_copy)
    (project.locales_dir / "fr" / "review").mkdir()
    (project.locales_dir / "fr" / "review" / f"{LEAFLET}.json").write_text(json.dumps({"reviewer": "X"}))
    with pytest.raises(UserError, match="review record is not valid"):
        _status(project, "fr")


def test_every_catalog_language_is_a_draft_with_its_own_name_and_date_format(project):
    for lang in catalogs.catalog_languages(project):
        assert _status(project, lang).label == "draft", lang
        header = catalogs.po_path(project, lang, LEAFLET).read_text().splitlines()[1]
        assert "DRAFT TRANSLATION" in header, lang
    html = _html(project, "de")
    assert "25. November 2026" in html and 'lang="de"' in html


@pytest.mark.parametrize("code, direction", [
    ("fr", "ltr"), ("de", "ltr"), ("hi", "ltr"), ("vi", "ltr"), ("ar", "rtl"), ("ur", "rtl"), ("zh_Hans", "ltr"),
])
def test_direction_and_no_hyphenation(project, code, direction):
    assert get_language(code).direction == direction
    html = _html(project, code)
    assert f'dir="{direction}"' in html.split("<html", 1)[1].split(">", 1)[0]
    stylesheet = (project.assets_dir / "leaflet.css").read_text()
    assert "hyphens: auto" not in html + stylesheet  # patients never meet half a word


def test_every_script_is_set_in_pinned_fonts(project):
    pinned = {font.family for font in FontLock.load(ROOT).files}
    for script in scripts().values():
        assert set(script.fonts) <= pinned, script.code
    for lang in catalogs.catalog_languages(project):
        assert set(get_language(lang).font_families) <= pinned, lang
    assert get_language("zh_Hant").font_families[0] == "Noto Sans TC"
    assert get_language("ur").font_families[0] == "Noto Naskh Arabic"  # Nastaliq where a project chooses "Aran"
