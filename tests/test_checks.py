"""Each single fault is caught with the right finding; correct text is not flagged."""

from __future__ import annotations

import re

import pytest

from angio_print.i18n import catalogs

from angio_print.checks import readability
from angio_print.checks.catalog import check_catalog
from angio_print.checks.message import check_message
from angio_print.checks.termbase import Termbase
from angio_print.model.project import load_project
from angio_print.findings import ERROR
from angio_print.checks.report import gather

SOURCE = "It is usually less than 3 cm across. Keep SMA and <strong>desmin</strong> in {date}."

LEAFLET = "angioleiomyoma"


@pytest.mark.parametrize("translation, check", [
    ("Elle mesure moins de 3 mm. SMA et <strong>desmin</strong> le {date}.", "units"),
    ("Elle mesure moins de 5 cm. SMA et <strong>desmin</strong> le {date}.", "numbers"),
    ("Elle mesure moins de 3 cm. AML et <strong>desmin</strong> le {date}.", "names"),
    ("Elle mesure moins de 3 cm. SMA et desmin le {date}.", "markup"),
    ("Elle mesure moins de 3 cm. SMA et <strong>desmin</strong> <script>x</script> le {date}.", "markup"),
    ("Elle mesure moins de 3 cm. SMA et <strong>desmin</strong> le {jour}.", "placeholders"),
    ("Elle mesure moins de 3 cm. SMA et <strong>desmin</strong> le.", "placeholders"),
])
def test_single_fault_is_an_error(translation, check):
    found = check_message(SOURCE, translation, "fr", Termbase({}, "termbase.yaml", keep_exact=("SMA", "desmin")))
    assert (ERROR, check) in {(severity, name) for severity, name, _ in found}, found


def test_correct_translations_are_not_flagged():
    assert check_message("About 50% of people.", "Environ 50 % des personnes.", "fr") == []
    assert check_message(SOURCE, "Elle mesure en général moins de 3 cm. Gardez SMA et <strong>desmin</strong> le {date}.", "fr") == []
    assert not [f for f in check_message("It is 3 cm.", "它不到 3 厘米。", "zh_Hans") if f[0] == ERROR]
    assert not [f for f in check_message("Chromosomes 6, 13 and 21.", "الكروموسومات ٦ و١٣ و٢١.", "ar") if f[0] == ERROR]


def test_warnings_for_identical_length_and_punctuation():
    checks = {name for _, name, _ in check_message("Was the whole tumour taken out?", "Was the whole tumour taken out?", "de")}
    assert "identical" in checks
    checks = {name for _, name, _ in check_message("Was the whole tumour taken out?", "Ja.", "de")}
    assert {"length", "punctuation"} <= checks


def test_termbase_requires_the_approved_term():
    termbase = Termbase({"benign": ("bénin", "bénigne")}, "termbase.yaml")
    assert termbase.misses("It is benign.", "Elle est bénigne.") == []
    assert termbase.misses("It is benign.", "Elle est inoffensive.")


@pytest.mark.parametrize("fault, check", [
    (lambda t: t.replace('msgstr "Angioléiomyome"', 'msgstr ""', 1), "complete"),
    (lambda t: t.replace('"Language: fr\\n"', '"Language: de\\n"'), "catalog"),
    (lambda t: "\n".join(l for l in t.splitlines() if not l.startswith('"Plural-Forms')), "catalog"),
    (lambda t: re.sub(r"(#: leaflet/angioleiomyoma.yaml:\d+\n)", r"\1#, fuzzy\n", t, count=1), "complete"),
])
def test_catalog_faults_are_found(project_copy, fault, check):
    project = load_project(project_copy)
    path = catalogs.po_path(project, "fr", LEAFLET)
    path.write_text(fault(path.read_text()))
    findings = check_catalog(project, "fr", LEAFLET, catalogs.build_template(project, LEAFLET))
    assert any(f.check == check and f.severity == ERROR and f.line for f in findings), findings


def test_out_of_date_catalog_is_found(project_copy):
    project = load_project(project_copy)
    source = project.leaflet_dir / "angioleiomyoma.yaml"
    source.write_text(source.read_text().replace("It grows slowly, over months or years.", "It grows slowly."))
    findings = check_catalog(project, "fr", LEAFLET, catalogs.build_template(project, LEAFLET))
    assert any(f.check == "up-to-date" for f in findings)


def test_project_passes_its_own_checks(project):
    report = gather(project, None)
    errors = [f.format() for f in report.findings if f.severity == ERROR]
    assert errors == []


def test_english_source_meets_the_readability_goal(project):
    report = gather(project, ["en"])
    english = report.languages[0].score
    assert english.whole.figures["fk_grade"] <= project.readability.leaflet_grade
    assert max(s.score.figures["fk_grade"] for s in english.sections) <= project.readability.section_grade


# --- readability formulas against hand counts ---------------------------------------------

def test_sentence_splitting():
    assert readability.split_sentences("It is 3.5 cm, e.g. small. Dr. Lee saw it. Yes. No!") == [
        "It is 3.5 cm, e.g. small.", "Dr. Lee saw it.", "Yes.", "No!"]
    assert len(readability.split_sentences("这是一个肿瘤。它是良性的！会复发吗？")) == 3
    assert len(readability.split_sentences("هذا ورم. هل هو حميد؟ نعم.")) == 3
    assert len(readability.split_sentences("यह एक गांठ है। यह कैंसर नहीं है।")) == 2


@pytest.mark.parametrize("word, syllables", [
    ("angioleiomyoma", 8), ("immunohistochemistry", 8), ("pathologist", 4), ("tumour", 2), ("biopsy", 3),
    ("calcification", 5), ("myopericytoma", 7), ("SMA", 3), ("h-caldesmon", 4), ("the", 1), ("every", 3),
    ("microscope", 3), ("ultrasound", 3),
])
def test_english_syllables(word, syllables):
    assert readability.english_syllables(word) == syllables


def test_formulas_on_a_hand_counted_text():
    # "The cat sat. The tumour is benign." 2 sentences, 7 words, 9 syllables (tu-mour, be-nign).
    counts = readability.count("The cat sat. The tumour is benign.", "en")
    assert (counts.sentences, counts.words, counts.syllables) == (2, 7, 9)
    assert readability.flesch_kincaid_grade(counts) == pytest.approx(0.39 * 3.5 + 11.8 * 9 / 7 - 15.59)
    assert readability.flesch_reading_ease(counts) == pytest.approx(206.835 - 1.015 * 3.5 - 84.6 * 9 / 7)
    spanish = readability.count("El gato come. La casa es grande.", "es")  # 2 sentences, 7 words, 11 syllables: El ga-to co-me La ca-sa es gran-de
    assert (spanish.words, spanish.syllables) == (7, 11)
    assert readability.fernandez_huerta(spanish) == pytest.approx(206.84 - 0.60 * 100 * 11 / 7 - 1.02 * 3.5)
    assert readability.inflesz(spanish) == pytest.approx(206.835 - 62.3 * 11 / 7 - 3.5)
    german = readability.count("Das Haus ist rot. Der Hund schläft.", "de")  # 7 words, 7 syllables
    assert german.syllables == 7
    assert readability.amstad(german) == pytest.approx(180 - 3.5 - 58.5)
    lix = readability.count("Patients understand leaflets. Short words help.", "pl")  # 6 words, 3 long
    assert readability.lix(lix) == pytest.approx(3 + 100 * 3 / 6)
    assert readability.score("这是肿瘤。", "zh_Hans").note.startswith("no validated")
