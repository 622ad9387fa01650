"""Checks of one catalog: its syntax and header, whether it is up to date and complete, and every message."""

from __future__ import annotations

import re

from babel.messages.catalog import Catalog

from angio_print.checks.message import check_message
from angio_print.checks.registry import ERROR, declare
from angio_print.checks.termbase import Termbase
from angio_print.findings import Finding, UserError, display_path
from angio_print.i18n import catalogs
from angio_print.i18n.review import review_problems
from angio_print.model.languages import UnknownLanguage, get_language
from angio_print.model.project import Project

declare("syntax", "catalog", ERROR, "the .po file parses strictly: quoting, keywords, continuation lines")
declare("catalog", "catalog", ERROR, "the header names the folder's language, its plural forms and UTF-8")
declare("up-to-date", "catalog", ERROR, "the catalog holds the template's messages: run `angio-print update`")
declare("complete", "catalog", ERROR, "every message is translated and none is fuzzy")
declare("termbase", "catalog", ERROR, "the language's termbase.yaml can be read")
declare("review", "catalog", ERROR, "the review record of the language can be read")
declare("language", "catalog", ERROR, "a catalog folder is named with a language code this tool prints")


def _section_of(context: str | None) -> str | None:
    if not context:
        return None
    parts = context.split("/")
    return parts[1] if len(parts) > 1 and parts[0] != "ui" else parts[0]


def check_catalog(project: Project, lang: str, domain: str, template: Catalog) -> list[Finding]:
    """Header, freshness, completeness and quality of one catalog: a leaflet's (or the tool's) in one language."""
    path = catalogs.po_path(project, lang, domain)
    shown = display_path(path)
    if not path.exists():
        command = f"angio-print update --lang {lang}" + (f" --leaflet {domain}" if domain != catalogs.TOOL_DOMAIN else "")
        return [Finding(shown, None, f"no {domain} catalog for {lang}: run `{command}`", ERROR, lang, None, "complete")]
    try:
        catalog = catalogs.read_catalog_shared(path)
    except UserError as error:
        return [Finding(f.path, f.line, f.message, ERROR, lang, None, "syntax") for f in error.findings]
    findings: list[Finding] = []

    def add(line, message, severity=ERROR, context=None, check="catalog"):
        findings.append(Finding(shown, line, message, severity, lang, _section_of(context), check))

    header = catalogs.raw_header(path)
    declared = re.search(r"^Language:\s*(\S*)", header, re.MULTILINE)
    try:
        declared_code = get_language(declared.group(1)).code if declared and declared.group(1) else None
    except UnknownLanguage:
        declared_code = None
    if declared_code != lang:
        add(1, f"header 'Language: {declared.group(1) if declared else ''}' does not match the folder '{lang}': set it to {lang}")
    if "Plural-Forms:" not in header and get_language(lang).babel_locale:  # CLDR knows its plurals
        add(1, "header has no Plural-Forms line: run `angio-print update` to restore the header")
    if not re.search(r"charset=utf-8", header, re.IGNORECASE):
        add(1, "header charset is not UTF-8: save the catalog as UTF-8 and set charset=UTF-8")

    expected = {(m.context, m.id) for m in template if m.id}
    present = {(m.context, m.id) for m in catalog if m.id}
    stale = len(expected - present) + len(present - expected)
    if stale:
        add(None, f"catalog is out of date with the template ({len(expected - present)} new or changed, "
                  f"{len(present - expected)} removed): run `angio-print update`", check="up-to-date")

    if domain != catalogs.TOOL_DOMAIN:
        findings += review_problems(project, lang, domain)
    try:
        termbase = Termbase.load(project, lang, None if domain == catalogs.TOOL_DOMAIN else domain)
    except UserError as error:
        if domain != catalogs.TOOL_DOMAIN:  # said once, with the leaflet's catalog
            findings += [Finding(f.path, f.line, f.message, ERROR, lang, None, "termbase") for f in error.findings]
        termbase = None
    for message in catalog:
        if not message.id:
            continue
        if not message.string:
            add(message.lineno, f"{message.context}: not translated yet", context=message.context, check="complete")
            continue
        if message.fuzzy:
            why = " (the English changed; the old English is the #| msgid)" if message.previous_id else ""
            add(message.lineno, f"{message.context}: fuzzy{why}: check the translation and remove the fuzzy flag",
                context=message.context, check="complete")
            continue
        for severity, check, text in check_message(message.id, message.string, lang, termbase):
            add(message.lineno, f"{message.context}: {text}", severity, message.context, check)
    return findings
