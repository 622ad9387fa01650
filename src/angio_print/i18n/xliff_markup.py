"""Catalog text ⇄ XLIFF 1.2 inline elements, so that a CAT tool protects the markup.

`<strong>`/`<em>` become `<g ctype="bold"|"italic">`, `{placeholders}` become
`<ph>`; the target's elements are matched to the source's by id. Anything a
CAT tool returns that the source did not have is reported, never written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from translate.storage.placeables import StringElem, base
from translate.storage.placeables import xliff as placeables

from angio_print.model import markup
from angio_print.i18n.catalogs import PLACEHOLDER

CTYPES = {"strong": "bold", "em": "italic"}
TAGS = {ctype: tag for tag, ctype in CTYPES.items()}


@dataclass
class InlineIds:
    """The ids given to one message's inline elements, in source order."""

    tags: dict[str, str] = field(default_factory=dict)  # id -> tag name
    codes: dict[str, str] = field(default_factory=dict)  # id -> placeholder text
    _counter: int = 0

    def next_id(self) -> str:
        self._counter += 1
        return str(self._counter)


def to_rich(text: str, ids: InlineIds, source: bool) -> list[StringElem]:
    """`text` as XLIFF inline content. With `source`, ids are assigned; else they are looked up."""
    try:
        tree = markup.parse(text)
    except markup.MarkupError:
        tree = (text,)  # broken markup stays visible as text; the import checks refuse it
    used: dict[str, int] = {}
    return [StringElem(_nodes(tree, ids, source, used))]


def _nodes(tree, ids: InlineIds, source: bool, used: dict[str, int]) -> list:
    out: list = []
    for node in tree:
        if isinstance(node, str):
            out.extend(_text(node, ids, source))
            continue
        ident = _tag_id(node.tag, ids, source, used)
        group = placeables.G(id=ident, sub=_nodes(node.children, ids, source, used))
        group.xml_attrib = {"id": ident, "ctype": CTYPES[node.tag]}
        out.append(group)
    return out


def _tag_id(tag: str, ids: InlineIds, source: bool, used: dict[str, int]) -> str:
    """The k-th <tag> of the target has the id of the k-th <tag> of the source."""
    if source:
        ident = ids.next_id()
        ids.tags[ident] = tag
        return ident
    candidates = [i for i, t in ids.tags.items() if t == tag]
    used[tag] = used.get(tag, 0) + 1
    return candidates[used[tag] - 1] if used[tag] <= len(candidates) else f"{tag}-{used[tag]}"


def _text(text: str, ids: InlineIds, source: bool) -> list:
    out: list = []
    position = 0
    for match in PLACEHOLDER.finditer(text):
        if match.start() > position:
            out.append(text[position:match.start()])
        code = match.group(0)
        ident = next((i for i, c in ids.codes.items() if c == code), None)
        if ident is None:
            ident = ids.next_id() if source else code.strip("{}")
            if source:
                ids.codes[ident] = code
        out.append(placeables.Ph(id=ident, sub=[code]))
        position = match.end()
    if position < len(text):
        out.append(text[position:])
    return out


def from_rich(rich: list[StringElem], ids: InlineIds) -> tuple[str, list[str]]:
    """Catalog text of a target's inline content, and the problems found in it."""
    problems: list[str] = []
    text = "".join(_flatten(elem, ids, problems) for elem in rich)
    return text, problems


def _flatten(elem, ids: InlineIds, problems: list[str]) -> str:
    if isinstance(elem, str):
        if re.search(markup.ANY_TAG, elem):
            problems.append(f"markup typed as text ({markup.ANY_TAG.search(elem).group(0)}): "
                            "use the tool's tags copied from the source")
        return elem
    inner = "".join(_flatten(child, ids, problems) for child in elem.sub)
    if isinstance(elem, base.G):
        attributes = getattr(elem, "xml_attrib", None) or {}
        tag = ids.tags.get(elem.id) or TAGS.get(attributes.get("ctype", ""))
        if tag is None:
            problems.append(f"inline element <g id=\"{elem.id}\"> is not in the source: remove it")
            return inner
        return f"<{tag}>{inner}</{tag}>"
    if isinstance(elem, placeables.UnknownXML) or isinstance(elem, base.Ph):
        name = elem.xml_node.tag.rsplit("}", 1)[-1] if isinstance(elem, placeables.UnknownXML) else "ph"
        if name == "ph" and elem.id in ids.codes:
            return ids.codes[elem.id]
        if name == "ph" and PLACEHOLDER.fullmatch(inner):
            return inner
        problems.append(f"inline element <{name} id=\"{elem.id}\"> is not in the source: remove it")
        return inner
    if type(elem) is StringElem:
        return inner
    problems.append(f"inline element {type(elem).__name__.lower()} (id {elem.id}) is not in the source: remove it")
    return inner
