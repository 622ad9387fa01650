"""Gettext catalogs: extract the templates, create and update translations, count.

One gettext domain per leaflet (`locales/NAME.pot`, `locales/LANG/LC_MESSAGES/NAME.po`,
as Sphinx does with compact catalogs off) and one for the tool's own strings
(`angio_print`: footer, draft notice, from templates/*.html), so one leaflet's
state never holds back another's.

Uses Babel's catalog API (`Catalog`, `read_po`, `write_po`); this module is the
only writer of `.po` files, and it writes them in GNU normal form (through
`msgcat`, see `gnu_po`), so wrapping is the one Poedit and Weblate use. Merging is
by msgctxt, the stable block id: a changed text keeps its translation as fuzzy
with the old source in `#|`, a removed one becomes obsolete, nothing is lost.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_file
from babel.messages.pofile import PoFileError, normalize, read_po, unescape, write_po

from angio_print import __version__
from angio_print.atomic import write_atomic
from angio_print.config import Project
from angio_print.content import load_leaflet
from angio_print.findings import Finding, UserError, display_path
from angio_print.gnu_po import gnu_normal
from angio_print.languages import SOURCE_LANGUAGE, UnknownLanguage, get_language
from angio_print.sourcefile import read_text

TOOL_DOMAIN = "angio_print"  # the tool's own strings (templates/*.html); a leaflet id never has "_"
DOMAIN = TOOL_DOMAIN
SUGGESTION = "suggestion from "  # a translator comment: the translation of the same English in another leaflet
KEYWORDS = {"pgettext": ((1, "c"), 2)}
COMMENT_TAGS = ("NOTE:",)
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
COMMENT_WIDTH = 76  # Babel wraps `#.` notes; msgcat keeps comment lines as they are and rewraps the rest

TEMPLATE_HEADER = """\
# Messages of the angio-print patient leaflets.
# From {sources}.
# Made by `angio-print extract`; do not edit by hand."""

DRAFT_HEADER = """\
# {name} translation of the angio-print patient leaflets.
# DRAFT TRANSLATION: not yet reviewed by a qualified medical translator.
# Review status: locales/{code}/review/LEAFLET.json. Record a review with
# angio-print review {code} --leaflet LEAFLET --reviewer NAME --date YYYY-MM-DD
# Keep numbers, units and marker names (SMA, desmin, HMB45...) exact."""


def po_path(project: Project, lang: str, domain: str) -> Path:
    return project.locales_dir / lang / "LC_MESSAGES" / f"{domain}.po"


def pot_path(project: Project, domain: str) -> Path:
    return project.locales_dir / f"{domain}.pot"


def leaflet_ids(project: Project) -> list[str]:
    """The leaflets of the library, by file name (a leaflet's id is its file name)."""
    return sorted(p.stem for p in project.leaflet_dir.glob("*.yaml")) if project.leaflet_dir.is_dir() else []


def domains(project: Project, leaflets: list[str] | None = None) -> list[str]:
    """The gettext domains: each leaflet's (or the chosen ones'), then the tool's own."""
    return [*(leaflets if leaflets is not None else leaflet_ids(project)), TOOL_DOMAIN]


def choose_leaflets(project: Project, names: list[str] | None) -> list[str]:
    """The leaflets named by --leaflet (all when none), each checked to exist."""
    known = leaflet_ids(project)
    for name in names or ():
        if name not in known:
            raise UserError.single("--leaflet", None, f"no leaflet '{name}' in {display_path(project.leaflet_dir)}: "
                                   f"choose one of {', '.join(known) or 'none'}")
    return list(dict.fromkeys(names)) if names else known


def catalog_languages(project: Project) -> list[str]:
    """Languages with a catalog in locales/ that this tool prints, in a stable order."""
    return [code for code in _catalog_folders(project) if _prints(code)]


def _prints(code: str) -> bool:
    """A folder named with a canonical code this tool can set in type (not an alias like zh_CN)."""
    try:
        return get_language(code).code == code
    except UnknownLanguage:
        return False


def unknown_catalogs(project: Project) -> list[Finding]:
    """A finding for each catalog in a folder that is not a language code this tool prints."""
    findings = []
    for code in _catalog_folders(project):
        if _prints(code):
            continue
        try:
            advice = f"rename the folder to locales/{get_language(code).code}"
        except UnknownLanguage as error:
            advice = str(error)
        first = sorted((project.locales_dir / code / "LC_MESSAGES").glob("*.po"))[0]
        findings.append(Finding(display_path(first), None,
                                f"'{code}' is not a language code this tool prints; {advice}", lang=code, check="language"))
    return findings


def _catalog_folders(project: Project) -> list[str]:
    if not project.locales_dir.is_dir():
        return []
    return sorted({p.parent.parent.name for p in project.locales_dir.glob("*/LC_MESSAGES/*.po")})


# --- extract --------------------------------------------------------------------


def source_files(project: Project, domain: str) -> list[tuple[str, Path]]:
    if domain == TOOL_DOMAIN:
        return [("jinja2", p) for p in sorted(project.templates_dir.glob("*.html"))]
    return [("angio_yaml", project.leaflet_dir / f"{domain}.yaml")]


def _dated(project: Project, domain: str) -> dt.date:
    """A leaflet's template is dated by its last review; the tool's by the newest leaflet."""
    if domain != TOOL_DOMAIN:
        return load_leaflet(project.leaflet_dir / f"{domain}.yaml").last_reviewed  # validates: errors name file and line
    dates = []
    for name in leaflet_ids(project):
        try:
            dates.append(load_leaflet(project.leaflet_dir / f"{name}.yaml").last_reviewed)
        except UserError:
            continue
    return max(dates, default=dt.date(2026, 1, 1))


def build_template(project: Project, domain: str) -> Catalog:
    catalog = Catalog(
        header_comment=TEMPLATE_HEADER.format(
            sources="templates/*.html" if domain == TOOL_DOMAIN else f"leaflet/{domain}.yaml"),
        project="angio-print",
        version=__version__,
        creation_date=dt.datetime.combine(_dated(project, domain), dt.time(), tzinfo=dt.timezone.utc),
        charset="utf-8",
        fuzzy=False,
    )
    for method, path in source_files(project, domain):
        relative = path.relative_to(project.root).as_posix()
        for lineno, message, comments, context in extract_from_file(
            method, path, keywords=KEYWORDS, comment_tags=COMMENT_TAGS, strip_comment_tags=True
        ):
            catalog.add(message, None, [(relative, lineno)], auto_comments=comments, context=context)
    return catalog


def _set_format_flags(message: Message) -> None:
    # "about 50% grow" must not become python-format (babel#35): our placeholders are {name}.
    # Babel sets the flag again on every Message it makes, so this runs on each write.
    message.flags.discard("python-format")
    if message.id and PLACEHOLDER.search(message.id):
        message.flags.add("python-brace-format")


def extract(project: Project, leaflets: list[str] | None = None) -> tuple[dict[str, Catalog], list[Finding]]:
    """Write the template of each chosen leaflet and of the tool; a broken leaflet holds back only itself.

    Returns the templates written and the problems of those that were not.
    The tool's template is dated by the newest leaflet, so it waits until
    every leaflet can be read.
    """
    templates: dict[str, Catalog] = {}
    problems: list[Finding] = []
    for domain in choose_leaflets(project, leaflets):
        try:
            templates[domain] = build_template(project, domain)
        except UserError as error:
            problems += error.findings
    unreadable = [name for name in leaflet_ids(project) if name not in templates and not _loads(project, name)]
    if not unreadable:
        templates = {TOOL_DOMAIN: build_template(project, TOOL_DOMAIN), **templates}
    for domain, template in templates.items():  # the tool's first: a place it cannot write stops all
        write_catalog(pot_path(project, domain), template)
    return templates, problems


def _loads(project: Project, name: str) -> bool:
    try:
        load_leaflet(project.leaflet_dir / f"{name}.yaml")
    except UserError:
        return False
    return True


# --- read and write -------------------------------------------------------------


def write_catalog(path: Path, catalog: Catalog) -> None:
    """Write `catalog` to `path` in GNU normal form, atomically; on any error the old file stays."""
    write_atomic(path, gnu_normal(catalog_text(catalog).encode("utf-8"), display_path(path)))


def catalog_text(catalog: Catalog) -> str:
    """Babel's serialisation with GNU-style `#| msgid` lines, before GNU wrapping."""
    for message in [*catalog, *catalog.obsolete.values()]:
        _set_format_flags(message)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=COMMENT_WIDTH, include_previous=False, sort_output=False)
    return _with_previous_ids(buffer.getvalue().decode("utf-8"), catalog)


def _with_previous_ids(text: str, catalog: Catalog) -> str:
    """Add `#| msgid` lines the way GNU gettext writes them.

    Babel wraps a long previous msgid as comment prose, which breaks its
    quoting, so these lines are written here instead, on one line each;
    msgcat then wraps them as GNU does.
    """
    for message in catalog:
        if not (message.id and message.context and message.previous_id):
            continue
        anchor = f"msgctxt {normalize(message.context, width=0)}\n"
        lines = normalize(message.previous_id[0], width=0).splitlines()
        block = "#| msgid " + lines[0] + "\n" + "".join(f"#| {line}\n" for line in lines[1:])
        text = text.replace("\n" + anchor, "\n" + block + anchor, 1)
    return text


def read_catalog(path: Path, lang: str | None = None) -> Catalog:
    """Parse a .po or .pot strictly; syntax errors are a UserError with file and line."""
    text = read_text(path, "catalog")
    shown = display_path(path)
    problems = strict_syntax(text, shown)
    if problems:
        raise UserError(problems)
    try:
        catalog = read_po(io.StringIO(text), locale=None, domain=DOMAIN, abort_invalid=True)
    except PoFileError as error:
        raise UserError.single(
            shown, error.lineno + 1,
            f"catalog syntax error: {error}; fix this line in the .po file (Poedit shows it too)",
        ) from None
    except ValueError as error:
        raise UserError.single(shown, None, f"catalog header is not valid: {error}") from None
    _restore_previous_ids(catalog)
    return catalog


_STRING = r'"(?:[^"\\]|\\.)*"'
_KEYWORD_LINE = re.compile(rf"^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+({_STRING})\s*$")
_CONTINUATION_LINE = re.compile(rf"^({_STRING})\s*$")
_UNTERMINATED_LINE = re.compile(r'^(?:msg\w+(?:\[\d+\])?\s+)?"(?:[^"\\]|\\.)*\\?$')


def strict_syntax(text: str, shown: str) -> list[Finding]:
    """What Babel's lenient reader lets through, found the way GNU `msgfmt -c` finds it.

    An unterminated string, an escape Babel would silently change, a line that
    is not gettext, a msgid without msgstr, and a message (msgctxt + msgid)
    defined twice: each is an error with its line.
    """
    problems: list[Finding] = []
    seen: dict[tuple, int] = {}
    entry: dict = {}
    field = ""

    def problem(line: int, message: str) -> None:
        problems.append(Finding(shown, line, f"catalog syntax error: {message}", check="syntax"))

    def close() -> None:
        if "msgid" in entry and "msgstr" not in entry and "broken" not in entry:
            problem(entry["start"], "this message has a msgid but no msgstr: add msgstr \"\"")
        entry.clear()

    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.removesuffix("\r")
        obsolete = line.startswith("#~")
        if obsolete and not line.startswith("#~|"):
            line = line[2:]
        elif line.startswith("#"):
            continue
        line = line.strip()
        if not line:
            continue
        keyword = _KEYWORD_LINE.match(line)
        string = keyword.group(2) if keyword else (_CONTINUATION_LINE.match(line) or [None, None])[1]
        if string is None:
            entry["broken"] = True
            if _UNTERMINATED_LINE.match(line):
                problem(number, "end of line within a string: the closing \" is missing; add it at the end of the line")
            else:
                problem(number, "this line is not gettext (msgctxt, msgid, msgstr, a \"string\" or a # comment): fix or remove it")
            continue
        string = string[1:-1]
        for escape in sorted(set(re.findall(r"\\(.)", string)) - set('nrt"\\')):
            problem(number, f"the escape \\{escape} is not supported here: write the character itself (or \\n, \\t, \\\", \\\\)")
        if keyword:
            field = keyword.group(1)
            if field == "msgctxt" or (field == "msgid" and entry.get("last") != "msgctxt"):
                close()
                entry.update(start=number, obsolete=obsolete)
            if field.startswith("msgstr") and "msgid" in entry and "msgstr" not in entry:
                key = (entry["obsolete"], entry.get("msgctxt"), entry["msgid"])
                if key in seen:
                    what = f'msgctxt "{entry["msgctxt"]}" ' if entry.get("msgctxt") is not None else ""
                    problem(entry["start"], f'duplicate message definition: {what}msgid "{entry["msgid"][:60]}" '
                                            f"is also on line {seen[key]}: keep one (merge the two translations)")
                else:
                    seen[key] = entry["start"]
            entry["last"] = field
            entry[field.split("[")[0]] = string
        elif field in entry:
            entry[field] += string
    close()
    return problems[:20]


def _restore_previous_ids(catalog: Catalog) -> None:
    """Babel reads `#| msgid` lines as user comments (babel#206): turn them back."""
    for message in catalog:
        previous = [c for c in message.user_comments if c.startswith("|")]
        if not previous:
            continue
        message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
        msgid_parts: list[str] = []
        in_msgid = False
        for line in previous:
            line = line[1:].strip()
            if line.startswith("msgctxt"):
                in_msgid = False
            elif line.startswith("msgid "):
                in_msgid = True
                msgid_parts.append(unescape(line[6:].strip()))
            elif in_msgid and line.startswith('"'):
                msgid_parts.append(unescape(line))
        if msgid_parts:
            message.previous_id = ["".join(msgid_parts)]


def raw_header(path: Path) -> str:
    """The text of the header entry (everything before the first real msgid)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    match = re.search(r'^msgid ""\s*\nmsgstr ((?:".*"\s*\n?)+)', text, re.MULTILINE)
    return unescape_block(match.group(1)) if match else ""


def unescape_block(block: str) -> str:
    return "".join(unescape(line.strip()) for line in block.splitlines() if line.strip())


# --- init and update ------------------------------------------------------------


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
        same = old.get(entry.id, entry.context)
        if same is None:
            same = by_key.get((entry.id, entry.context))
        flags = set(entry.flags)
        previous = None
        user_comments: list[str] = []
        if same is not None:
            string, used_key = same.string, id(same)
            user_comments = same.user_comments
            if same.fuzzy:
                flags.add("fuzzy")
                previous = same.previous_id
            if string and not same.fuzzy:
                report.kept += 1
            elif string:
                report.fuzzy += 1
            else:
                report.new += 1
        elif (moved := by_context.get(entry.context) or by_id.get(entry.id)) is not None and moved.string:
            string, used_key = moved.string, id(moved)
            user_comments = moved.user_comments
            flags.add("fuzzy")
            # Keep the source text the translation was made for, across several edits.
            previous = moved.previous_id if moved.fuzzy and moved.previous_id else [moved.id]
            report.fuzzy += 1
        else:
            string, used_key = "", None
            report.new += 1
        if not string and entry.id in suggestions and not any(c.startswith(SUGGESTION) for c in user_comments):
            leaflet, translation = suggestions[entry.id]
            user_comments = [*user_comments, f"{SUGGESTION}{leaflet}: {translation}"]
            report.suggested += 1
        if used_key:
            used.add(used_key)
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


# --- using translations ---------------------------------------------------------


@dataclass(frozen=True)
class Translations:
    """The usable translations of one language: translated and not fuzzy."""

    lang: str
    strings: dict[tuple[str | None, str], str]

    @classmethod
    def load(cls, project: Project, lang: str, leaflet: str) -> "Translations":
        """A leaflet's translations with the tool's own (footer, draft notice): what its pages print."""
        if lang == SOURCE_LANGUAGE:
            return cls(lang, {})
        return cls.from_catalog(lang, *(read_catalog(po_path(project, lang, d)) for d in (leaflet, TOOL_DOMAIN)))

    @classmethod
    def from_catalog(cls, lang: str, *catalogs: Catalog) -> "Translations":
        return cls(lang, {(m.context, m.id): m.string for catalog in catalogs for m in catalog
                          if m.id and m.string and not m.fuzzy})

    def get(self, context: str | None, source: str) -> str:
        return self.strings.get((context, source), source)

    def has(self, context: str | None, source: str) -> bool:
        return (context, source) in self.strings

    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for (context, source), string in sorted(self.strings.items(), key=lambda kv: (kv[0][0] or "", kv[0][1])):
            digest.update(f"{context}\x04{source}\x00{string}\x01".encode())
        return digest.hexdigest()


# --- statistics -----------------------------------------------------------------


@dataclass(frozen=True)
class Stats:
    lang: str
    translated: int
    fuzzy: int
    untranslated: int
    translated_words: int
    fuzzy_words: int
    untranslated_words: int

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        """Fuzzy counts as untranslated, as `msgfmt --statistics` does."""
        return 100.0 * self.translated / self.total if self.total else 100.0


def stats(catalog: Catalog, lang: str) -> Stats:
    counts = {"translated": [0, 0], "fuzzy": [0, 0], "untranslated": [0, 0]}
    for message in catalog:
        if not message.id:
            continue
        kind = "fuzzy" if message.fuzzy and message.string else "translated" if message.string else "untranslated"
        counts[kind][0] += 1
        counts[kind][1] += len(message.id.split())
    return Stats(lang, counts["translated"][0], counts["fuzzy"][0], counts["untranslated"][0],
                 counts["translated"][1], counts["fuzzy"][1], counts["untranslated"][1])
