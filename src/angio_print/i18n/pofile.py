"""Reading and writing .po files: strict syntax with file and line, GNU normal form, `#|` previous ids."""

from __future__ import annotations

import io
import re
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, normalize, read_po, unescape, write_po

from angio_print.atomic import write_atomic
from angio_print.findings import Finding, UserError, display_path
from angio_print.i18n.gnu_po import gnu_normal
from angio_print.i18n.locations import DOMAIN
from angio_print.model.sourcefile import file_version, read_text

PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
COMMENT_WIDTH = 76  # Babel wraps `#.` notes; msgcat keeps comment lines as they are and rewraps the rest


def _set_format_flags(message: Message) -> None:
    # "about 50% grow" must not become python-format (babel#35): our placeholders are {name}.
    # Babel sets the flag again on every Message it makes, so this runs on each write.
    message.flags.discard("python-format")
    if message.id and PLACEHOLDER.search(message.id):
        message.flags.add("python-brace-format")


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


_SHARED: dict[tuple, Catalog] = {}


def read_catalog_shared(path: Path) -> Catalog:
    """`read_catalog`, parsed once per process while the file is unchanged: for readers only.

    A build reads each catalog to check it, to print it and to list its
    title; its workers, forked after the check, inherit what was parsed.
    Whoever changes a catalog reads it with `read_catalog`.
    """
    try:
        key = file_version(path)
    except OSError:
        return read_catalog(path)  # read_catalog names the problem
    if key not in _SHARED:
        _SHARED[key] = read_catalog(path)
    return _SHARED[key]


def forget_shared() -> None:
    _SHARED.clear()


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
    reader = _StrictReader(shown)
    for number, raw in enumerate(text.split("\n"), start=1):
        reader.read_line(number, raw.removesuffix("\r"))
    reader.close_entry()
    return reader.problems[:20]


class _StrictReader:
    """One pass over a .po file's lines, keeping the entry being read and every problem found."""

    def __init__(self, shown: str):
        self.shown = shown
        self.problems: list[Finding] = []
        self.seen: dict[tuple, int] = {}
        self.entry: dict = {}
        self.field = ""

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Finding(self.shown, line, f"catalog syntax error: {message}", check="syntax"))

    def close_entry(self) -> None:
        if "msgid" in self.entry and "msgstr" not in self.entry and "broken" not in self.entry:
            self.problem(self.entry["start"], "this message has a msgid but no msgstr: add msgstr \"\"")
        self.entry.clear()

    def read_line(self, number: int, line: str) -> None:
        obsolete = line.startswith("#~")
        if obsolete and not line.startswith("#~|"):
            line = line[2:]
        elif line.startswith("#"):
            return
        line = line.strip()
        if not line:
            return
        keyword = _KEYWORD_LINE.match(line)
        string = keyword.group(2) if keyword else (_CONTINUATION_LINE.match(line) or [None, None])[1]
        if string is None:
            self.entry["broken"] = True
            if _UNTERMINATED_LINE.match(line):
                self.problem(number, "end of line within a string: the closing \" is missing; add it at the end of the line")
            else:
                self.problem(number, "this line is not gettext (msgctxt, msgid, msgstr, a \"string\" or a # comment): "
                                     "fix or remove it")
            return
        string = string[1:-1]
        for escape in sorted(set(re.findall(r"\\(.)", string)) - set('nrt"\\')):
            self.problem(number, f"the escape \\{escape} is not supported here: write the character itself "
                                 "(or \\n, \\t, \\\", \\\\)")
        if keyword:
            self.read_keyword(number, keyword.group(1), string, obsolete)
        elif self.field in self.entry:
            self.entry[self.field] += string

    def read_keyword(self, number: int, field: str, string: str, obsolete: bool) -> None:
        entry = self.entry
        self.field = field
        if field == "msgctxt" or (field == "msgid" and entry.get("last") != "msgctxt"):
            self.close_entry()
            entry.update(start=number, obsolete=obsolete)
        if field.startswith("msgstr") and "msgid" in entry and "msgstr" not in entry:
            key = (entry["obsolete"], entry.get("msgctxt"), entry["msgid"])
            if key in self.seen:
                what = f'msgctxt "{entry["msgctxt"]}" ' if entry.get("msgctxt") is not None else ""
                self.problem(entry["start"], f'duplicate message definition: {what}msgid "{entry["msgid"][:60]}" '
                                             f"is also on line {self.seen[key]}: keep one (merge the two translations)")
            else:
                self.seen[key] = entry["start"]
        entry["last"] = field
        entry[field.split("[")[0]] = string


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
