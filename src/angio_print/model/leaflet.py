"""The leaflet model: sections, blocks, figures and messages, each message with the line it came from.

model/leaflet_file.py reads a leaflet's YAML into it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator



ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_TEXT_CHARS = 2000
# The PDF's Author when neither the leaflet nor the clinic names a publisher.
DEFAULT_PUBLISHER = "angio-print patient leaflets"
# How a section is set apart on the page; a plain section has no box.
BOXES = {
    "key-points": "the leaflet's purpose and main messages, first on the page",
    "action": "steps the reader takes, and when to contact a doctor",
    "fill-in": "a list of prompts with room to write the answers",
    "optional": "detail a reader may skip",
}


@dataclass(frozen=True)
class Message:
    """One translatable unit: a heading, paragraph, list item, term or definition."""

    context: str
    text: str
    line: int
    note: str | None = None
    section: str = ""


@dataclass(frozen=True)
class Paragraph:
    id: str
    text: Message


@dataclass(frozen=True)
class ItemList:
    id: str
    items: tuple[Message, ...]


@dataclass(frozen=True)
class Term:
    id: str
    term: Message
    definition: Message


@dataclass(frozen=True)
class Glossary:
    id: str
    terms: tuple[Term, ...]


@dataclass(frozen=True)
class Figure:
    """A drawing from templates/assets/figures/, with translatable labels, caption and alternative text."""

    id: str
    drawing: str
    alt: Message
    caption: Message | None
    labels: tuple[tuple[str, Message], ...]


Block = Paragraph | ItemList | Glossary | Figure


@dataclass(frozen=True)
class Section:
    id: str
    heading: Message
    blocks: tuple[Block, ...]
    line: int
    box: str | None = None

    def messages(self) -> Iterator[Message]:
        yield self.heading
        for block in self.blocks:
            if isinstance(block, Paragraph):
                yield block.text
            elif isinstance(block, ItemList):
                yield from block.items
            elif isinstance(block, Figure):
                yield block.alt
                if block.caption:
                    yield block.caption
                for _, label in block.labels:
                    yield label
            else:
                for term in block.terms:
                    yield term.term
                    yield term.definition


@dataclass(frozen=True)
class Source:
    author: str
    title: str
    date: dt.date


@dataclass(frozen=True)
class Leaflet:
    id: str
    path: Path
    title: Message
    subtitle: Message | None
    content_version: str
    last_reviewed: dt.date
    based_on: Source
    sections: tuple[Section, ...]
    publisher: str = DEFAULT_PUBLISHER
    id_line: int = 0
    keep_exact: tuple[str, ...] = ()  # marker and gene names, kept exactly in every language
    required_sections: tuple[str, ...] = ()  # declared in the leaflet; else [leaflets.ID] in angio-print.toml

    def messages(self) -> Iterator[Message]:
        yield self.title
        if self.subtitle:
            yield self.subtitle
        for section in self.sections:
            yield from section.messages()

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)
