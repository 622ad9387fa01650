"""XLIFF 1.2 for CAT tools (Trados, memoQ, Phrase): export a catalog, import it back.

The file is written and read by Translate Toolkit. Each unit's id is the
message's msgctxt; notes, references and the fuzzy state travel with it.
Import applies the same checks as `angio-print check` does to a `.po` edit
and writes only the units that pass; the others are reported and left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Message
from lxml import etree
from translate.storage import xliff

from angio_print.i18n import catalogs
from angio_print.atomic import write_atomic
from angio_print.checks.message import check_message
from angio_print.checks.termbase import Termbase
from angio_print.model.project import Project
from angio_print.findings import ERROR, Finding, UserError, display_path
from angio_print.model.languages import SOURCE_LANGUAGE, UnknownLanguage, get_language
from angio_print.i18n.scope import message_filter
from angio_print.i18n.xliff_markup import InlineIds, from_rich, to_rich

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
STATE_NEW, STATE_FUZZY, STATE_TRANSLATED = "new", "needs-review-translation", "translated"
DONE_STATES = {"translated", "final", "signed-off"}
PREVIOUS_NOTE = "The English before the last change was: "


class Xliff12Unit(xliff.xliffunit):
    namespace = NAMESPACE


class Xliff12File(xliff.xlifffile):
    """Translate Toolkit's XLIFF store, starting a new file as version 1.2."""

    UnitClass = Xliff12Unit
    XMLskeleton = f"""<?xml version="1.0" ?>
<xliff version='1.2' xmlns='{NAMESPACE}'>
<file original='NoName' source-language='en' datatype='plaintext'>
<body>
</body>
</file>
</xliff>"""
    namespace = NAMESPACE


# --- export ---------------------------------------------------------------------


def _language_catalogs(project: Project, lang: str, leaflet: str | None) -> list[Path]:
    """The catalogs an export covers: the leaflet's and the tool's own, or every one of the language."""
    names = [leaflet] if leaflet else catalogs.leaflet_ids(project)
    paths = [catalogs.po_path(project, lang, domain) for domain in catalogs.domains(project, names)]
    tool = catalogs.po_path(project, lang, catalogs.TOOL_DOMAIN)
    if lang == SOURCE_LANGUAGE or not tool.exists():
        raise UserError.single(display_path(tool), None, f"no catalog for '{lang}': start one with `angio-print init {lang}`")
    return [path for path in paths if path.exists()]


def export_xliff(project: Project, lang: str, leaflet: str | None) -> bytes:
    selected = message_filter(project, leaflet)
    store = Xliff12File(sourcelanguage=SOURCE_LANGUAGE, targetlanguage=get_language(lang).bcp47)
    for path in _language_catalogs(project, lang, leaflet):
        original = path.relative_to(project.root).as_posix()
        for message in catalogs.read_catalog(path):
            if selected(message):
                _add_unit(store, original, message)
    return bytes(store)


def _add_unit(store: Xliff12File, original: str, message: Message) -> None:
    if not message.context:
        raise UserError.single(original, message.lineno, "message has no msgctxt, which XLIFF needs as its id")
    unit = store.addsourceunit("", filename=original, createifmissing=True)
    unit.setid(message.context)
    ids = InlineIds()
    unit.rich_source = to_rich(message.id, ids, source=True)
    unit.rich_target = to_rich(message.string or "", ids, source=False)
    state = STATE_NEW if not message.string else STATE_FUZZY if message.fuzzy else STATE_TRANSLATED
    unit.getlanguageNode(lang=None, index=1).set("state", state)
    if message.auto_comments:  # one note, however the .po wrapped its `#.` lines
        unit.addnote(" ".join(message.auto_comments), origin="developer")
    if message.fuzzy and message.previous_id:
        unit.addnote(PREVIOUS_NOTE + message.previous_id[0], origin="developer")
    if message.user_comments:
        unit.addnote("\n".join(message.user_comments), origin="translator")
    for path, line in message.locations:
        unit.addlocation(f"{path}:{line}" if line else path)


def write_export(project: Project, lang: str, leaflet: str | None, out: Path) -> int:
    data = export_xliff(project, lang, leaflet)
    write_atomic(out, data)
    return data.count(b"<trans-unit ")


# --- import ---------------------------------------------------------------------


@dataclass
class ImportReport:
    lang: str
    catalog: Path
    changed: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    unchanged: int = 0
    findings: list[Finding] = field(default_factory=list)


def import_xliff(project: Project, path: Path) -> ImportReport:
    store = _read_store(path)
    lang = _target_language(store, path)
    tool = catalogs.po_path(project, lang, catalogs.TOOL_DOMAIN)
    if not tool.exists():
        raise UserError.single(display_path(path), None, f"no catalog for '{lang}' ({display_path(tool)}): run `angio-print init {lang}`")
    loaded = {po: catalogs.read_catalog(po) for po in _language_catalogs(project, lang, None)}
    by_context = {m.context: m for catalog in loaded.values() for m in catalog if m.id and m.context}
    home = {m.context: po for po, catalog in loaded.items() for m in catalog if m.id and m.context}
    termbase = Termbase.load(project, lang)
    report = ImportReport(lang, tool.parent)
    shown = display_path(path)

    for unit in store.getunits():
        uid = unit.xmlelement.get("id") or ""
        problems, target, fuzzy = _unit_change(unit, by_context.get(uid), lang, termbase)
        report.findings += [Finding(shown, unit.xmlelement.sourceline, f"{uid}: {text}", severity, lang, None, check)
                            for severity, check, text in problems]
        if any(severity == ERROR for severity, _, _ in problems):
            report.refused.append(uid)
            continue
        if target is None:
            report.unchanged += 1
            continue
        message = by_context[uid]
        message.string = target
        if fuzzy:
            message.flags.add("fuzzy")
        else:
            message.flags.discard("fuzzy")
            message.previous_id = None
        report.changed.append(uid)
    changed = sorted({home[uid] for uid in report.changed})
    for po in changed:
        catalogs.write_catalog(po, loaded[po])
    if len(changed) == 1:
        report.catalog = changed[0]
    return report


def _unit_change(unit, message: Message | None, lang: str, termbase: Termbase):
    """(problems, new text or None when nothing changes, fuzzy) for one unit."""
    if message is None:
        return [(ERROR, "xliff", "no message has this id in the catalog: export the file again")], None, False
    ids = InlineIds()
    to_rich(message.id, ids, source=True)
    if from_rich(unit.rich_source, ids)[0] != message.id:
        return [(ERROR, "xliff", "the English changed since this file was exported: export it again")], None, False
    target, markup_problems = from_rich(unit.rich_target, ids)
    fuzzy = _state(unit) not in DONE_STATES
    if not target or (target == message.string and fuzzy == message.fuzzy):
        return [], None, False  # an empty target never removes a translation
    problems = [(ERROR, "markup", text) for text in markup_problems]
    problems += check_message(message.id, target, lang, termbase)
    return problems, target, fuzzy


def _read_store(path: Path) -> Xliff12File:
    shown = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UserError.single(shown, None, f"cannot read the file: {error.strerror}") from None
    try:
        return Xliff12File.parsestring(data)
    except etree.XMLSyntaxError as error:
        raise UserError.single(shown, error.lineno, f"not valid XML: {error.msg}") from None
    except (ValueError, StopIteration) as error:
        raise UserError.single(shown, None, f"not an XLIFF 1.2 file: {error or 'no <file> element'}") from None


def _target_language(store: Xliff12File, path: Path) -> str:
    code = store.gettargetlanguage()
    if not code:
        raise UserError.single(display_path(path), None, "the <file> element has no target-language")
    try:
        return get_language(code.replace("-", "_")).code
    except UnknownLanguage as error:
        raise UserError.single(display_path(path), None, f"target-language: {error}") from None


def _state(unit) -> str:
    target = unit.getlanguageNode(lang=None, index=1)
    return (target.get("state") if target is not None else None) or STATE_NEW
