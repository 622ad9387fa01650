"""Each leaflet's copy-fitting decisions, kept beside it: `leaflet/NAME.fitting.json`.

Finding the rung on which a standard leaflet fits one sheet takes two to four
layouts; printing it on a known rung takes one. `build --save-fitting`
records, per standard target, the rung and notes space chosen and the key of
what was laid out (the target's HTML and everything else that shapes its
layout, see InputHasher.layout_inputs); every build reads the records.
Committed with the leaflet, the record lets a fresh clone, or a CI machine,
print each unchanged target with one layout: the pinned fonts make the same
inputs lay out the same everywhere. A target whose key no longer matches is
searched again, starting from its recorded rung. The file is a cache: a
missing or damaged one only costs time.
"""

from __future__ import annotations

import json
from pathlib import Path

from angio_print.atomic import write_atomic
from angio_print.build.plan import Target
from angio_print.build.worker import FitHint, Result
from angio_print.render.fitting import STANDARD_PAGES

SUFFIX = ".fitting.json"
ABOUT = ("Copy-fitting decisions for this leaflet's standard targets, written by `angio-print build --save-fitting`. "
         "Commit this file with the leaflet: a build whose inputs match a record prints that target with one layout. "
         "A missing or outdated record only makes the build search again.")


def record_path(leaflet_dir: Path, leaflet: str) -> Path:
    return leaflet_dir / f"{leaflet}{SUFFIX}"


class FittingRecords:
    """The fitting records of the leaflets in one build, read once and written back when a decision changed."""

    def __init__(self, leaflet_dir: Path, writable: bool = True):
        self.leaflet_dir = leaflet_dir
        self.writable = writable  # only with --save-fitting: a build reads its inputs and never changes them
        self._records: dict[str, dict] = {}
        self.unreadable: list[Path] = []

    def _entries(self, leaflet: str) -> dict:
        if leaflet not in self._records:
            path = record_path(self.leaflet_dir, leaflet)
            entries = {}
            if path.exists():
                try:
                    entries = json.loads(path.read_text(encoding="utf-8"))["targets"]
                    if not isinstance(entries, dict):
                        raise TypeError
                except (OSError, ValueError, KeyError, TypeError):
                    self.unreadable.append(path)
                    entries = {}
            self._records[leaflet] = entries
        return self._records[leaflet]

    def hint(self, target: Target) -> FitHint | None:
        entries = self._entries(target.leaflet)
        entry = entries.get(target.filename)
        if entry is None:
            return None
        if not _valid(entry):
            path = record_path(self.leaflet_dir, target.leaflet)
            if path not in self.unreadable:
                self.unreadable.append(path)
            return None
        return FitHint(entry["fit"], entry["pages"] <= STANDARD_PAGES, entry["notes_space"], entry["lines_over"],
                       same_inputs=False, layout_key=entry["layout"])

    def update(self, results: list[Result]) -> list[Path]:
        """Record the decisions of these standard targets; returns the files written.

        Raises UserError (naming the file) when one cannot be written.
        """
        if not self.writable:
            return []
        changed = {path.name.removesuffix(SUFFIX) for path in self.unreadable}
        for result in results:
            target = result.target
            if not (target.one_sheet and result.layout_key):
                continue
            entries = self._entries(target.leaflet)
            entry = {"layout": result.layout_key, "fit": result.fit, "notes_space": result.notes_space,
                     "pages": result.pages, "lines_over": result.lines_over}
            if entries.get(target.filename) != entry:
                entries[target.filename] = entry
                changed.add(target.leaflet)
        written = []
        for leaflet in sorted(changed):
            path = record_path(self.leaflet_dir, leaflet)
            lines = [f"  {json.dumps(name)}: {json.dumps(entry, sort_keys=True)}"
                     for name, entry in sorted(self._entries(leaflet).items())]
            text = f'{{\n "about": {json.dumps(ABOUT)},\n "targets": {{\n' + ",\n".join(lines) + "\n }\n}\n"
            write_atomic(path, text.encode("utf-8"))
            written.append(path)
        return written


def _valid(entry) -> bool:
    """A record line as `update` writes it; anything else (a hand edit, a bad merge) is not used."""
    types = {"layout": str, "fit": str, "notes_space": bool, "pages": int, "lines_over": int}
    return isinstance(entry, dict) and all(type(entry.get(name)) is kind for name, kind in types.items())
