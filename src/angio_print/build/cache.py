"""The build cache in the output folder: what each target was printed from, and the checks of each catalog."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

from angio_print.atomic import write_atomic
from angio_print.build.fingerprint import InputHasher
from angio_print.build.plan import Target
from angio_print.build.worker import FitHint, Result
from angio_print.checks.termbase import termbase_path
from angio_print.findings import Finding
from angio_print.render.fitting import STANDARD_PAGES


class BuildCache:
    """One small JSON record per target: the inputs' key and what was printed."""

    def __init__(self, folder: Path):
        self.folder = folder

    def _path(self, target: Target) -> Path:
        return self.folder / (target.filename + ".json")

    def get(self, target: Target, key: str, out: Path) -> Result | None:
        record = _read(self._path(target))
        if record is None:
            return None
        pdf = out / target.filename
        if record.get("key") != key or not pdf.exists() or pdf.stat().st_size != record.get("size"):
            return None
        return Result(target, record["pages"], record["sha256"], notes_space=record.get("notes_space", False),
                      fit=record.get("fit", ""), lines_over=record.get("lines_over", 0),
                      warnings=tuple(record.get("warnings", ())), layout_key=record.get("layout_key", ""))

    def put(self, target: Target, key: str, result: Result) -> None:
        size = (self.folder.parent / target.filename).stat().st_size
        record = {"key": key, "pages": result.pages, "sha256": result.sha256, "size": size,
                  "notes_space": result.notes_space, "fit": result.fit, "lines_over": result.lines_over,
                  "warnings": list(result.warnings), "layout_key": result.layout_key}
        write_atomic(self._path(target), json.dumps(record).encode())

    def fit_hint(self, target: Target) -> FitHint | None:
        """The copy-fitting decision of the last print of this target, whatever its inputs were then."""
        record = _read(self._path(target))
        if not record or not record.get("fit"):
            return None
        return FitHint(record["fit"], record["pages"] <= STANDARD_PAGES, record.get("notes_space", True),
                       record.get("lines_over", 0), same_inputs=False, layout_key=record.get("layout_key", ""))

    def get_value(self, name: str, key: str):
        record = _read(self.folder / name)
        return record["value"] if record and record.get("key") == key else None

    def put_value(self, name: str, key: str, value) -> None:
        write_atomic(self.folder / name, json.dumps({"key": key, "value": value}).encode())


def _read(path: Path) -> dict | None:
    """A cache record, or None when it is missing or unreadable (then the work is simply done again)."""
    try:
        record = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


class GateCache:
    """The errors that hold back one leaflet in one language, cached with everything its catalogs are checked against."""

    def __init__(self, hasher: InputHasher, cache: "BuildCache"):
        self.hasher, self.cache = hasher, cache

    def errors(self, leaflet: str, lang: str, check) -> list[Finding]:
        termbase = self.hasher.file(termbase_path(self.hasher.project, lang))
        key = hashlib.sha256(f"{self.hasher.language_key(leaflet, lang)}\n{termbase}".encode()).hexdigest()
        name = f"gate-{leaflet}-{lang}.json"
        cached = self.cache.get_value(name, key)
        if cached is not None:
            return [Finding(**record) for record in cached]
        errors = check()
        self.cache.put_value(name, key, [dataclasses.asdict(f) for f in errors])
        return errors
