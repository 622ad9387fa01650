"""Reading leaflet files: YAML into the typed model, every problem with its file and line; the library of them.

The model is built from `yaml.compose()` nodes so that every message keeps the
line it came from, for error messages and for `#:` references in catalogs.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

import yaml

from angio_print.findings import Finding, UserError, display_path
from angio_print.model import markup
from angio_print.model.leaflet import (BOXES, DEFAULT_PUBLISHER, ID_PATTERN, MAX_TEXT_CHARS, Block, Figure, Glossary, ItemList,
                                       Leaflet, Message, Paragraph, Section, Source, Term)
from angio_print.model.sourcefile import parse_yaml, read_text


class _Reader:
    """Walks composed YAML nodes, collecting every problem before raising once."""

    def __init__(self, path: Path):
        self.path = path
        self.shown = display_path(path)
        self.problems: list[Finding] = []

    def problem(self, node, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Finding(self.shown, line, message, check="source"))

    def mapping(self, node, what: str, required: set[str], optional: set[str]) -> dict | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what} must be a mapping of keys to values")
            return None
        result: dict[str, tuple] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key in result:
                self.problem(key_node, f"{what} has the key '{key}' twice: keep one")
            elif key not in required | optional:
                allowed = ", ".join(sorted(required | optional))
                self.problem(key_node, f"{what} has an unknown key '{key}' (allowed: {allowed})")
            else:
                result[key] = (key_node, value_node)
        for key in sorted(required - result.keys()):
            self.problem(node, f"{what} is missing the key '{key}'")
        return result

    def string(self, entry, what: str, *, allow_empty: bool = False) -> str | None:
        key_node, node = entry
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, f"{what} must be text, not a list or mapping")
            return None
        value = node.value.strip()
        if not value and not allow_empty:
            self.problem(key_node, f"{what} is empty: write the text or remove the block")
            return None
        if len(value) > MAX_TEXT_CHARS:
            self.problem(node, f"{what} is {len(value):,} characters long; the limit is {MAX_TEXT_CHARS}: split it into blocks")
            return None
        return " ".join(value.split())

    def identifier(self, entry, what: str, seen: dict[str, int]) -> str | None:
        value = self.string(entry, what)
        if value is None:
            return None
        node = entry[1]
        if not ID_PATTERN.match(value):
            self.problem(node, f"{what} '{value}' must be lower-case letters, digits and hyphens")
            return None
        if value in seen:
            self.problem(node, f"{what} '{value}' is used twice (first on line {seen[value]}): ids must be unique")
            return None
        seen[value] = node.start_mark.line + 1
        return value

    def date(self, entry, what: str) -> dt.date | None:
        value = self.string(entry, what)
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.problem(entry[1], f"{what} '{value}' is not a date: write it as YYYY-MM-DD")
            return None

    def message(self, entry, context: str, section: str, note=None, what: str = "") -> Message | None:
        text = self.string(entry, what or context)
        if text is None:
            return None
        try:
            markup.parse(text)
        except markup.MarkupError as error:
            self.problem(entry[1], f"{context}: {error}")
        for tag in markup.foreign_tags(text):
            self.problem(entry[1], f"{context}: {tag} is not allowed; only <strong> and <em> are")
        note_text = self.string(note, f"{context} note") if note else None
        return Message(context, text, entry[1].start_mark.line + 1, note_text, section)

    def sequence(self, entry, what: str) -> list:
        key_node, node = entry
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"{what} must be a list (lines starting with '-')")
            return []
        if not node.value:
            self.problem(key_node, f"{what} is empty")
        return node.value


def load_leaflet(path: Path, text: str | None = None) -> Leaflet:
    """Load and validate one leaflet file; raise UserError listing every problem.

    A file is read and parsed once per version (its modification time and
    size): commands ask for the same leaflet many times.
    """
    if text is None:
        return _load_leaflet_file(path, *_stat_key(path))
    return _parse_leaflet(path, text)


@lru_cache(maxsize=64)
def _load_leaflet_file(path: Path, modified_ns: int, size: int) -> Leaflet:
    return _parse_leaflet(path, read_text(path, "leaflet file"))


def _parse_leaflet(path: Path, text: str) -> Leaflet:
    reader = _Reader(path)
    root = parse_yaml(text, path, "the leaflet file")
    if root is None:
        raise UserError.single(reader.shown, None, "the leaflet file is empty")
    leaflet = _read_leaflet(reader, root)
    if reader.problems:
        raise UserError(reader.problems)
    return leaflet


def _read_leaflet(r: _Reader, root) -> Leaflet | None:
    top = r.mapping(
        root, "the leaflet",
        {"id", "title", "content_version", "last_reviewed", "based_on", "sections"},
        {"subtitle", "publisher", "keep_exact", "required_sections"},
    )
    if top is None:
        return None
    leaflet_id = r.identifier(top["id"], "leaflet id", {}) if "id" in top else None
    prefix = leaflet_id or "leaflet"
    title = r.message(top["title"], f"{prefix}/meta/title", "meta") if "title" in top else None
    subtitle = r.message(top["subtitle"], f"{prefix}/meta/subtitle", "meta") if "subtitle" in top else None
    version = r.string(top["content_version"], "content_version") if "content_version" in top else None
    reviewed = r.date(top["last_reviewed"], "last_reviewed") if "last_reviewed" in top else None
    source = _read_source(r, top["based_on"]) if "based_on" in top else None
    sections: list[Section] = []
    seen_sections: dict[str, int] = {}
    for node in r.sequence(top["sections"], "sections") if "sections" in top else []:
        section = _read_section(r, node, prefix, seen_sections)
        if section:
            sections.append(section)
    publisher = r.string(top["publisher"], "publisher") if "publisher" in top else DEFAULT_PUBLISHER
    if None in (leaflet_id, title, version, reviewed, source, publisher):
        return None
    keep_exact = tuple(r.string((None, node), "keep_exact name") for node in r.sequence(top["keep_exact"], "keep_exact")
                       ) if "keep_exact" in top else ()
    required = tuple(r.string((None, node), "required section id")
                     for node in r.sequence(top["required_sections"], "required_sections")
                     ) if "required_sections" in top else ()
    return Leaflet(leaflet_id, r.path, title, subtitle, version, reviewed, source, tuple(sections), publisher,
                   top["id"][1].start_mark.line + 1, tuple(name for name in keep_exact if name),
                   tuple(name for name in required if name))


def _read_source(r: _Reader, entry) -> Source | None:
    fields = r.mapping(entry[1], "based_on", {"author", "title", "date"}, set())
    if fields is None or len(fields) < 3:
        return None
    author = r.string(fields["author"], "based_on author")
    title = r.string(fields["title"], "based_on title")
    date = r.date(fields["date"], "based_on date")
    return Source(author, title, date) if None not in (author, title, date) else None


def _read_section(r: _Reader, node, prefix: str, seen: dict[str, int]) -> Section | None:
    fields = r.mapping(node, "a section", {"id", "heading"}, {"blocks", "terms", "note", "box"})
    if fields is None or "id" not in fields:
        return None
    section_id = r.identifier(fields["id"], "section id", seen)
    if section_id is None:
        return None
    box = r.string(fields["box"], f"section '{section_id}' box") if "box" in fields else None
    if box is not None and box not in BOXES:
        r.problem(fields["box"][1], f"section '{section_id}' box '{box}' is unknown (known: {', '.join(BOXES)})")
    base = f"{prefix}/{section_id}"
    heading = (
        r.message(fields["heading"], f"{base}/heading", section_id, fields.get("note"))
        if "heading" in fields else None
    )
    if ("blocks" in fields) == ("terms" in fields):
        r.problem(node, f"section '{section_id}' needs either 'blocks' or 'terms' (a glossary), not both or neither")
        return None
    blocks: list[Block] = []
    if "terms" in fields:
        glossary = _read_glossary(r, fields["terms"], base, section_id)
        blocks.append(glossary)
    else:
        seen_blocks: dict[str, int] = {}
        for block_node in r.sequence(fields["blocks"], f"section '{section_id}' blocks"):
            block = _read_block(r, block_node, base, section_id, seen_blocks)
            if block:
                blocks.append(block)
    if heading is None:
        return None
    return Section(section_id, heading, tuple(blocks), node.start_mark.line + 1, box)


def _read_block(r: _Reader, node, base: str, section_id: str, seen: dict[str, int]) -> Block | None:
    fields = r.mapping(node, f"a block in '{section_id}'", {"id"},
                       {"text", "items", "note", "figure", "alt", "caption", "labels"})
    if fields is None or "id" not in fields:
        return None
    block_id = r.identifier(fields["id"], f"block id in '{section_id}'", seen)
    if block_id is None:
        return None
    context = f"{base}/{block_id}"
    if "figure" in fields:
        return _read_figure(r, node, fields, context, section_id)
    if ("text" in fields) == ("items" in fields):
        r.problem(node, f"block '{section_id}/{block_id}' needs either 'text' or 'items', not both or neither")
        return None
    if "text" in fields:
        message = r.message(fields["text"], context, section_id, fields.get("note"))
        return Paragraph(block_id, message) if message else None
    items: list[Message] = []
    seen_items: dict[str, int] = {}
    for item_node in r.sequence(fields["items"], f"block '{section_id}/{block_id}' items"):
        item = r.mapping(item_node, f"an item in '{section_id}/{block_id}'", {"id", "text"}, {"note"})
        if not item or "id" not in item or "text" not in item:
            continue
        item_id = r.identifier(item["id"], f"item id in '{section_id}/{block_id}'", seen_items)
        if item_id:
            message = r.message(item["text"], f"{context}/{item_id}", section_id, item.get("note") or fields.get("note"))
            if message:
                items.append(message)
    return ItemList(block_id, tuple(items))


def _read_figure(r: _Reader, node, fields: dict, context: str, section_id: str) -> Figure | None:
    drawing = r.string(fields["figure"], f"{context} figure")
    if "alt" not in fields:
        r.problem(node, f"figure '{context}' needs 'alt': a sentence that says what the drawing shows, "
                        "for readers who cannot see it")
        return None
    alt = r.message(fields["alt"], f"{context}/alt", section_id, fields.get("note"))
    caption = r.message(fields["caption"], f"{context}/caption", section_id) if "caption" in fields else None
    labels: list[tuple[str, Message]] = []
    seen: dict[str, int] = {}
    for label_node in r.sequence(fields["labels"], f"figure '{context}' labels") if "labels" in fields else []:
        label = r.mapping(label_node, f"a label in '{context}'", {"id", "text"}, {"note"})
        if not label or not {"id", "text"} <= label.keys():
            continue
        label_id = r.identifier(label["id"], f"label id in '{context}'", seen)
        message = r.message(label["text"], f"{context}/{label_id}", section_id, label.get("note")) if label_id else None
        if message:
            labels.append((label_id, message))
    if drawing is None or alt is None:
        return None
    return Figure(context.rsplit("/", 1)[-1], drawing, alt, caption, tuple(labels))


def _read_glossary(r: _Reader, entry, base: str, section_id: str) -> Glossary:
    terms: list[Term] = []
    seen: dict[str, int] = {}
    for node in r.sequence(entry, f"section '{section_id}' terms"):
        fields = r.mapping(node, f"a term in '{section_id}'", {"id", "term", "definition"}, {"note"})
        if not fields or not {"id", "term", "definition"} <= fields.keys():
            continue
        term_id = r.identifier(fields["id"], f"term id in '{section_id}'", seen)
        if term_id is None:
            continue
        context = f"{base}/{term_id}"
        term = r.message(fields["term"], f"{context}/term", section_id, fields.get("note"))
        definition = r.message(fields["definition"], f"{context}/definition", section_id)
        if term and definition:
            terms.append(Term(term_id, term, definition))
    return Glossary("terms", tuple(terms))


def load_leaflets(folder: Path) -> list[Leaflet]:
    """Every leaflet, or one UserError listing the problems of all of them."""
    leaflets, problems = load_library(folder)
    if problems:
        raise UserError([f for found in problems.values() for f in found], exit_code=1)  # fails build, check, extract
    return leaflets


def load_library(folder: Path) -> tuple[list[Leaflet], dict[str, list[Finding]]]:
    """The leaflets that load, and the problems of each one that does not, by file name: one holds back only itself.

    Loaded once per version of the files (commands ask for them many times).
    """
    paths = sorted(folder.glob("*.yaml"))
    signature = tuple((str(p), *_stat_key(p)) for p in paths)
    leaflets, problems = _load_library(folder, signature)
    return list(leaflets), dict(problems)


def _stat_key(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (0, 0)
    return (stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _load_library(folder: Path, signature: tuple) -> tuple[tuple[Leaflet, ...], tuple]:
    paths = [Path(entry[0]) for entry in signature]
    if not paths:
        raise UserError.single(display_path(folder), None, "no leaflet files (*.yaml) found", exit_code=1)
    problems: dict[str, list[Finding]] = {}
    leaflets: list[Leaflet] = []
    seen: dict[str, Leaflet] = {}
    for path in paths:
        try:
            leaflet = load_leaflet(path)
        except UserError as error:
            problems[path.stem] = error.findings
            continue
        found = []
        if leaflet.id != path.stem:
            found.append(Finding(display_path(path), leaflet.id_line, f"the leaflet id '{leaflet.id}' must match the file "
                                 f"name: rename the file to {leaflet.id}.yaml or set the id to '{path.stem}'", check="source"))
        twin = seen.setdefault(leaflet.id, leaflet)
        if twin is not leaflet:
            found.append(Finding(display_path(path), leaflet.id_line, f"the leaflet id '{leaflet.id}' is also the id of "
                                 f"{display_path(twin.path)}:{twin.id_line}: give each leaflet its own id", check="source"))
        if found:
            problems[path.stem] = found
        else:
            leaflets.append(leaflet)
    return tuple(leaflets), tuple(problems.items())
