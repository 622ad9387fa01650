"""The checks are one registry: every check a finding names is declared, and a new check is one registration."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import angio_print
from angio_print.checks import registry
from angio_print.checks.catalog import check_catalog
from angio_print.checks.message import check_message
from angio_print.checks.registry import CHECKS, SCOPES, message_check, message_checks, stops_build
from angio_print.checks.report import gather  # noqa: F401  (declares the read-back and readability checks)
from angio_print.checks.source import check_source  # noqa: F401  (declares the source checks)
from angio_print.findings import ERROR, WARNING, Finding
from angio_print.i18n import catalogs
from angio_print.model.project import load_project

LEAFLET = "angioleiomyoma"


def _check_names_in_code() -> dict[str, str]:
    """Every literal check name passed to Finding(...) anywhere in the package, with where."""
    found = {}
    for path in Path(angio_print.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Finding":
                value = next((k.value for k in node.keywords if k.arg == "check"),
                             node.args[6] if len(node.args) > 6 else None)
                if isinstance(value, ast.Constant) and value.value:
                    found[value.value] = f"{path.name}:{node.lineno}"
    return found


def test_every_check_a_finding_names_is_declared():
    names = _check_names_in_code()
    assert names, "the scan found no Finding(...) with a check name: it no longer reads the code"
    undeclared = {name: where for name, where in names.items() if name not in CHECKS}
    assert not undeclared, f"declare these checks in checks/registry (name, scope, severity): {undeclared}"


def test_every_check_says_what_it_checks():
    for check in CHECKS.values():
        assert check.scope in SCOPES and check.severity in (ERROR, WARNING), check
        assert check.doc, f"check {check.name} has no doc"
        assert (check.run is not None) == (check.scope == "message"), check


def test_errors_stop_a_build_and_warnings_do_not():
    assert stops_build(Finding("x.po", 1, "m", ERROR, "fr", None, "numbers"))
    assert not stops_build(Finding("x.po", 1, "m", WARNING, "fr", None, "length"))
    assert not stops_build(Finding("leaflet.yaml", 1, "m", ERROR, "en", None, "readability"))


@pytest.fixture
def shouting_check():
    """A new message check, registered the one way a check is added; removed again afterwards."""
    @message_check("shouting", WARNING)
    def shouting(pair):
        """No run of three exclamation marks."""
        if "!!!" in pair.translation:
            yield "three exclamation marks: one is enough"

    yield shouting
    del registry.CHECKS["shouting"]


def test_a_new_check_is_one_registration(shouting_check, project_copy):
    assert "shouting" in {check.name for check in message_checks()}
    assert ("warning", "shouting") in {(s, n) for s, n, _ in check_message("Hello.", "Bonjour!!!", "fr")}

    project = load_project(project_copy)
    path = catalogs.po_path(project, "fr", LEAFLET)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('msgstr "Angioléiomyome"', 'msgstr "Angioléiomyome!!!"', 1), encoding="utf-8")
    findings = check_catalog(project, "fr", LEAFLET, catalogs.build_template(project, LEAFLET))
    shouted = [f for f in findings if f.check == "shouting"]
    assert shouted and shouted[0].line and shouted[0].lang == "fr", findings
    assert not stops_build(shouted[0])
