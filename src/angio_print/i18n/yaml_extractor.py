"""Babel extractor for leaflet YAML files (registered as `angio_yaml`).

Each heading, paragraph, list item, term and definition becomes one message
whose msgctxt is its stable id and whose `#.` comment is the author's note.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Iterator

from angio_print.model.leaflet_file import load_leaflet


def extract_yaml(fileobj: IO[bytes], keywords, comment_tags, options) -> Iterator[tuple]:
    leaflet = load_leaflet(Path(fileobj.name), fileobj.read().decode("utf-8"))
    for message in leaflet.messages():
        comments = [message.note] if message.note else []
        yield message.line, "pgettext", (message.context, message.text), comments
