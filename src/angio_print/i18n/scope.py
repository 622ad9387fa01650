"""Which catalog messages an export covers: one leaflet's, or all, plus the tool's own.

A leaflet's messages are those that occur in `leaflet/NAME.yaml` (the `#:`
reference), so the selection keeps its meaning when catalogs are split per
leaflet. Template messages (`ui/...`) belong to every export.
"""

from __future__ import annotations

from collections.abc import Callable

from babel.messages.catalog import Message

from angio_print.model.project import Project
from angio_print.findings import UserError

UI_PREFIX = "ui/"


def message_filter(project: Project, leaflet: str | None) -> Callable[[Message], bool]:
    """A predicate for the messages of `leaflet` (every leaflet when None)."""
    if leaflet is None:
        return lambda message: bool(message.id)
    known = sorted(p.stem for p in project.leaflet_dir.glob("*.yaml"))
    if leaflet not in known:
        raise UserError.single("--leaflet", None, f"no leaflet '{leaflet}': choose one of {', '.join(known) or 'none'}")
    source = f"{project.leaflet_dir.relative_to(project.root).as_posix()}/{leaflet}.yaml"

    def selected(message: Message) -> bool:
        if not message.id:
            return False
        if (message.context or "").startswith(UI_PREFIX):
            return True
        return any(path == source for path, _line in message.locations)

    return selected


def context_filter(leaflet: str | None) -> Callable[[str], bool]:
    """For messages known only by msgctxt (a past review's snapshot): `NAME/...` or `ui/...`."""
    if leaflet is None:
        return lambda context: True
    return lambda context: context.startswith((UI_PREFIX, f"{leaflet}/"))
