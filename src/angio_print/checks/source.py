"""Checks of a leaflet's English source: every required section is there and written, nothing left to fill in."""

from __future__ import annotations

from angio_print.checks.registry import ERROR, WARNING, declare
from angio_print.findings import Finding, display_path
from angio_print.i18n.pofile import PLACEHOLDER
from angio_print.model.leaflet import Leaflet
from angio_print.model.project import Project
from angio_print.model.scaffold import TO_WRITE

declare("source", "source", ERROR, "the leaflet's YAML is valid: known keys, ids, types, one meaning per id")
declare("to-write", "source", WARNING, "no text of the new-leaflet template is left to replace")
declare("unfilled-placeholder", "source", ERROR, "leaflet text has no {placeholder}: it would print as it is")
declare("required-section", "source", ERROR, "every required section is present and has text")


def check_source(project: Project, leaflet: Leaflet) -> list[Finding]:
    """Every required section is present and non-empty."""
    findings = []
    shown = display_path(leaflet.path)
    for message in leaflet.messages():
        if TO_WRITE in message.text:
            findings.append(Finding(shown, message.line, f"{message.context}: still the template's text: "
                                    "replace it with your own", WARNING, "en", message.section, "to-write"))
        for placeholder in PLACEHOLDER.findall(message.text):
            findings.append(Finding(shown, message.line, f"{message.context}: {placeholder} is not filled in for leaflet text "
                                    "and would print as it is: write the words themselves", ERROR, "en", message.section,
                                    "unfilled-placeholder"))
    present = {s.id: s for s in leaflet.sections}
    for required in leaflet.required_sections or project.required_sections.get(leaflet.id, ()):
        section = present.get(required)
        if section is None:
            findings.append(Finding(shown, None, f"required section '{required}' is missing: add it "
                                    "(see required_sections in this file or in angio-print.toml)",
                                    ERROR, "en", required, "required-section"))
        elif not section.blocks or not any(True for _ in list(section.messages())[1:]):
            findings.append(Finding(shown, section.line, f"required section '{required}' is empty: write its text",
                                    ERROR, "en", required, "required-section"))
    return findings
