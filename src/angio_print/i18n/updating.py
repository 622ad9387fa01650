"""Starting and updating a language's catalogs: merged by msgctxt, nothing lost (fuzzy, obsolete)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from angio_print import __version__
from angio_print.findings import Finding, UserError, display_path
from angio_print.i18n.locations import (
    DOMAIN,
    TOOL_DOMAIN,
    catalog_languages,
    choose_leaflets,
    domains,
    leaflet_ids,
    po_path,
    pot_path,
    unknown_catalogs,
)
from angio_print.i18n.pofile import read_catalog, write_catalog
from angio_print.model.languages import SOURCE_LANGUAGE, get_language
from angio_print.model.project import Project

SUGGESTION = "suggestion from "  # a translator comment: the translation of the same English in another leaflet

DRAFT_HEADER = """\
# {name} translation of the angio-print patient leaflets.
# DRAFT TRANSLATION: not yet reviewed by a qualified medical translator.
# Review status: locales/{code}/review/LEAFLET.json. Record a review with
# angio-print review {code} --leaflet LEAFLET --reviewer NAME --date YYYY-MM-DD
# Keep numbers, units and marker names (SMA, desmin, HMB45...) exact."""


def load_template(project: Project, domain: str) -> Catalog:
    path = pot_path(project, domain)
    if not path.exists():
        raise UserError.single(display_path(path), None, "no template: run `angio-print extract` first")
    return read_catalog(path)


def init(project: Project, lang: str) -> list[Path]:
    """Start the language's catalog in every domain that has none yet."""
    language = get_language(lang)
    if language.code == SOURCE_LANGUAGE:
        raise UserError.single("locales", None, "English is the source language; it needs no catalog")
    missing = [d for d in domains(project) if not po_path(project, language.code, d).exists()]
    if not missing:
        raise UserError.single(display_path(po_path(project, language.code, TOOL_DOMAIN)), None,
                               "catalog exists already: use `angio-print update`")
    templates = [(domain, load_template(project, domain)) for domain in missing]
    paths = []
    for domain, template in templates:
        path = po_path(project, language.code, domain)
        write_catalog(path, _empty_catalog(template, language))
        paths.append(path)
    return paths


def _empty_catalog(template: Catalog, language, header_comment: str | None = None) -> Catalog:
    catalog = _new_catalog(template, language, header_comment)
    for message in template:
        if message.id:
            catalog.add(message.id, "", message.locations, message.flags, message.auto_comments, context=message.context)
    return catalog


def _new_catalog(template: Catalog, language, header_comment: str | None = None, old: Catalog | None = None) -> Catalog:
    return Catalog(
        locale=language.babel_locale or language.code,  # a language CLDR lacks keeps its code
        domain=DOMAIN,
        header_comment=header_comment or DRAFT_HEADER.format(name=language.english_name, code=language.code),
        project="angio-print",
        version=__version__,
        creation_date=template.creation_date,
        revision_date=old.revision_date if old else template.creation_date,
        last_translator=old.last_translator if old else None,
        language_team=(old.language_team if old else None) or f"{language.english_name}",
        charset="utf-8",
        fuzzy=False,
    )


@dataclass
class MergeReport:
    lang: str
    kept: int = 0
    fuzzy: int = 0
    new: int = 0
    obsolete: int = 0
    domain: str = TOOL_DOMAIN
    suggested: int = 0
    created: bool = False

    def __str__(self) -> str:
        where = f"{self.domain}/{self.lang}"
        suggested = f" ({self.suggested} with a suggestion from another leaflet)" if self.suggested else ""
        started = " (catalog started)" if self.created else ""
        return (f"{where}: {self.kept} kept, {self.fuzzy} changed (now fuzzy), "
                f"{self.new} new{suggested}, {self.obsolete} obsolete{started}")


@dataclass
class _Carried:
    """What a template entry takes over from the old catalog: translation, flags, previous English, comments."""

    string: str
    flags: set
    previous: list | None
    user_comments: list
    source: Message | None  # the old message it came from


def _carry_over(entry, old: Catalog, by_key: dict, by_context: dict, by_id: dict, report: "MergeReport") -> _Carried:
    """The same message (by id and msgctxt), else a moved or edited one as fuzzy, else nothing."""
    same = old.get(entry.id, entry.context)
    if same is None:
        same = by_key.get((entry.id, entry.context))
    flags = set(entry.flags)
    if same is not None:
        if same.fuzzy:
            flags.add("fuzzy")
        if same.string and not same.fuzzy:
            report.kept += 1
        elif same.string:
            report.fuzzy += 1
        else:
            report.new += 1
        return _Carried(same.string, flags, same.previous_id if same.fuzzy else None, same.user_comments, same)
    moved = by_context.get(entry.context) or by_id.get(entry.id)
    if moved is not None and moved.string:
        flags.add("fuzzy")
        report.fuzzy += 1
        # Keep the source text the translation was made for, across several edits.
        previous = moved.previous_id if moved.fuzzy and moved.previous_id else [moved.id]
        return _Carried(moved.string, flags, previous, moved.user_comments, moved)
    report.new += 1
    return _Carried("", flags, None, [], None)


def merge(old: Catalog, template: Catalog, language, suggestions: dict[str, tuple[str, str]] | None = None,
          ) -> tuple[Catalog, MergeReport]:
    """Merge by msgctxt (the stable id); exact msgid elsewhere in the same catalog is a fuzzy fallback.

    `suggestions` maps an English text to (leaflet, translation) from another
    leaflet's catalog: a new message with that text gets it as a translator
    comment ("suggestion from LEAFLET: ..."), never as a fuzzy translation.
    """
    suggestions = suggestions or {}
    report = MergeReport(language.code)
    merged = _new_catalog(template, language, old.header_comment, old)
    if old.locale is not None:  # a language CLDR lacks keeps the code the new catalog was given
        merged.locale = old.locale
    # Obsolete entries (#~) are offered back when their text returns; active ones win.
    retired = [m for m in old.obsolete.values() if m.id and m.string]
    by_key = {(m.id, m.context): m for m in retired}
    by_context = {m.context: m for m in [*retired, *old] if m.id and m.context}
    by_id = {m.id: m for m in [*retired, *old] if m.id and m.string and not m.fuzzy}
    used: set[int] = set()  # the old messages whose translation went into the merged catalog
    for entry in template:
        if not entry.id:
            continue
        carried = _carry_over(entry, old, by_key, by_context, by_id, report)
        string, flags, previous, user_comments = carried.string, carried.flags, carried.previous, carried.user_comments
        if not string and entry.id in suggestions and not any(c.startswith(SUGGESTION) for c in user_comments):
            leaflet, translation = suggestions[entry.id]
            user_comments = [*user_comments, f"{SUGGESTION}{leaflet}: {translation}"]
            report.suggested += 1
        if carried.source is not None:
            used.add(id(carried.source))
        merged.add(entry.id, string, entry.locations, flags, entry.auto_comments, user_comments,
                   previous_id=previous, context=entry.context)
    for message in old:
        if message.id and id(message) not in used and message.string:
            merged.obsolete[(message.id, message.context)] = message
            report.obsolete += 1
    for message in old.obsolete.values():
        key = (message.id, message.context)
        active = merged.get(message.id, message.context)
        if id(message) not in used and key not in merged.obsolete and not (active and active.string == message.string):
            merged.obsolete[key] = message
    return merged, report


def update(project: Project, langs: list[str] | None = None, leaflets: list[str] | None = None) -> list[MergeReport]:
    """Merge each template into its catalogs; all are read first, and none is written if one cannot be.

    A language without a catalog for a leaflet gets one (every message new).
    """
    chosen = domains(project, choose_leaflets(project, leaflets))
    templates = {domain: load_template(project, domain) for domain in chosen}
    problems = [] if langs else unknown_catalogs(project)
    loaded: list[tuple] = []
    for code in langs or catalog_languages(project):
        language = get_language(code)
        for domain in chosen:
            path = po_path(project, language.code, domain)
            try:
                loaded.append((language, domain, path, read_catalog(path) if path.exists() else None))
            except UserError as error:
                problems += error.findings
    if problems:
        problems.append(Finding("locales", None, "nothing was updated: fix the catalogs above first, "
                                "or update the others with --lang CODE or --leaflet NAME"))
        raise UserError(problems, exit_code=1)
    reports = []
    for language, domain, path, old in loaded:
        template = templates[domain]
        created = old is None
        if created:
            old = _new_catalog(template, language)
        hints = _suggestions(project, language.code, domain) if domain != TOOL_DOMAIN else {}
        merged, report = merge(old, template, language, hints)
        report.domain, report.created = domain, created
        write_catalog(path, merged)
        reports.append(report)
    return reports


def _suggestions(project: Project, lang: str, domain: str) -> dict[str, tuple[str, str]]:
    """English text → (leaflet, translation) from the language's other leaflet catalogs."""
    found: dict[str, tuple[str, str]] = {}
    for other in leaflet_ids(project):
        path = po_path(project, lang, other)
        if other == domain or not path.exists():
            continue
        try:
            catalog = read_catalog(path)
        except UserError:
            continue
        for message in catalog:
            if message.id and message.string and not message.fuzzy:
                found.setdefault(message.id, (other, message.string))
    return found
