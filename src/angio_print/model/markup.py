"""The tiny inline markup of the leaflet text: <strong> and <em>, nothing else.

Text is parsed into a tree and re-emitted as HTML. Anything that is not an
allowlisted tag is text and comes out escaped, so a translation can never
inject markup that the source did not have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

ALLOWED_TAGS = ("strong", "em")
_ALLOWED_TAG = re.compile(r"<(/?)(strong|em)>")
ANY_TAG = re.compile(r"</?\s*([A-Za-z][A-Za-z0-9-]*)\b[^<>]*>")


class MarkupError(ValueError):
    pass


@dataclass(frozen=True)
class Element:
    tag: str
    children: tuple["Node", ...]


Node = str | Element


def parse(text: str) -> tuple[Node, ...]:
    """Parse text with allowlisted inline tags; raise MarkupError if unbalanced."""
    stack: list[tuple[str, list[Node]]] = [("", [])]
    position = 0
    for match in _ALLOWED_TAG.finditer(text):
        if match.start() > position:
            stack[-1][1].append(text[position : match.start()])
        closing, tag = match.group(1), match.group(2)
        if not closing:
            stack.append((tag, []))
        else:
            if len(stack) == 1 or stack[-1][0] != tag:
                raise MarkupError(f"closing </{tag}> has no matching <{tag}>")
            open_tag, children = stack.pop()
            stack[-1][1].append(Element(open_tag, tuple(children)))
        position = match.end()
    if position < len(text):
        stack[-1][1].append(text[position:])
    if len(stack) > 1:
        raise MarkupError(f"<{stack[-1][0]}> is never closed")
    return tuple(stack[0][1])


def to_html(nodes: tuple[Node, ...]) -> Markup:
    parts: list[str] = []
    for node in nodes:
        if isinstance(node, str):
            parts.append(str(escape(node)))
        else:
            parts.append(f"<{node.tag}>{to_html(node.children)}</{node.tag}>")
    return Markup("".join(parts))


def render(text: str) -> Markup:
    """Safe HTML for a text; malformed markup is shown as plain text."""
    try:
        return to_html(parse(text))
    except MarkupError:
        return Markup(escape(text))


def plain_text(text: str) -> str:
    """The words only, for readability and for comparing with the PDF."""
    return _ALLOWED_TAG.sub("", text)


def tag_sequence(text: str) -> list[str]:
    return [m.group(0) for m in _ALLOWED_TAG.finditer(text)]


def foreign_tags(text: str) -> list[str]:
    """Tags in the text that are not allowlisted (shown escaped, never as markup)."""
    return [m.group(0) for m in ANY_TAG.finditer(text) if not _ALLOWED_TAG.fullmatch(m.group(0))]
