"""`angio-print new NAME`: a new leaflet from a commented template of a condition leaflet."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from angio_print.atomic import write_atomic
from angio_print.model.project import Project
from angio_print.model.leaflet import ID_PATTERN
from angio_print.findings import UserError, display_path
from angio_print import DATA_DIR

TEMPLATE = DATA_DIR / "new-leaflet.yaml"
TO_WRITE = "[Write here"  # text of the template still to be replaced; `check` warns about each


def scaffold(project: Project, name: str, today: dt.date | None = None) -> Path:
    if not ID_PATTERN.match(name):
        raise UserError.single("NAME", None, f"'{name}' cannot be a leaflet name: use lower-case letters, digits and "
                               "hyphens, like 'lipoma' or 'giant-cell-tumour'")
    path = project.leaflet_dir / f"{name}.yaml"
    if path.exists():
        raise UserError.single(display_path(path), None, "this leaflet exists already: edit it, or choose another name")
    title = name.replace("-", " ").capitalize()
    text = TEMPLATE.read_text(encoding="utf-8")
    for key, value in (("name", name), ("title", title), ("today", (today or dt.date.today()).isoformat())):
        text = text.replace("{" + key + "}", value)
    write_atomic(path, text.encode("utf-8"))
    return path
