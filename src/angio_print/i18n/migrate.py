"""From one catalog for everything to one catalog per leaflet: `angio-print migrate`.

Before, every leaflet's messages and the tool's own shared `angio_print.pot`
and `LANG/LC_MESSAGES/angio_print.po`, and a language's review was one
`LANG/review.json`. A message belongs to the leaflet its msgctxt starts with
(`LEAFLET/SECTION/BLOCK`); `ui/...` and anything not of a current leaflet stay
in the tool's domain. Each message moves whole (translation, fuzzy flag,
comments, previous msgid, obsolete entries), and the review record is split
the same way. Running it again changes nothing.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog

from angio_print.i18n import catalogs
from angio_print.atomic import write_atomic
from angio_print.model.project import Project
from angio_print.findings import display_path
from angio_print.i18n.review import review_path

OLD_REVIEW = "review.json"


@dataclass
class MigrationReport:
    moved: dict[str, int] = field(default_factory=dict)  # file written → messages moved into it
    reviews: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        if not self.moved and not self.reviews:
            return ["nothing to migrate: every catalog is already one per leaflet"]
        return [f"{path}: {count} message(s) moved in" for path, count in self.moved.items()] + self.reviews


def _owner(context: str | None, leaflets: set[str]) -> str:
    prefix = (context or "").split("/", 1)[0]
    return prefix if prefix in leaflets else catalogs.TOOL_DOMAIN


def _old_files(project: Project) -> list[tuple[str | None, Path]]:
    """(language or None for the template, path) of every tool-domain catalog."""
    found = [(None, catalogs.pot_path(project, catalogs.TOOL_DOMAIN))]
    found += [(p.parent.parent.name, p) for p in sorted(project.locales_dir.glob(f"*/LC_MESSAGES/{catalogs.TOOL_DOMAIN}.po"))]
    return [(lang, path) for lang, path in found if path.is_file()]  # anything else is reported where it is read


def needs_migration(project: Project) -> list[Path]:
    """The files still in the one-catalog layout (holding a current leaflet's messages, or a language's review.json)."""
    leaflets = set(catalogs.leaflet_ids(project))
    stale = []
    for _lang, path in _old_files(project):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue  # unreadable: the command that reads it says why
        if any(f'msgctxt "{name}/' in text for name in leaflets):
            stale.append(path)
    languages = {lang for lang, _path in _old_files(project) if lang}
    stale += [path for path in sorted(project.locales_dir.glob(f"*/{OLD_REVIEW}")) if path.parent.name in languages]
    return stale


def migrate(project: Project) -> MigrationReport:
    report = MigrationReport()
    leaflets = set(catalogs.leaflet_ids(project))
    for lang, path in _old_files(project):
        old = catalogs.read_catalog(path)
        fingerprint = catalogs.Translations.from_catalog(lang or "", old).fingerprint()
        moving: dict[str, list] = {}
        for message in old:
            if message.id and _owner(message.context, leaflets) != catalogs.TOOL_DOMAIN:
                moving.setdefault(_owner(message.context, leaflets), []).append(("active", message))
        for key, message in old.obsolete.items():
            if _owner(message.context, leaflets) != catalogs.TOOL_DOMAIN:
                moving.setdefault(_owner(message.context, leaflets), []).append(("obsolete", message))
        for domain, messages in moving.items():
            target = catalogs.pot_path(project, domain) if lang is None else catalogs.po_path(project, lang, domain)
            joined = _joined(old, target, messages)
            if lang is None:  # a template says where its messages come from, as `extract` writes it
                joined.header_comment = catalogs.TEMPLATE_HEADER.format(sources=f"leaflet/{domain}.yaml")
            catalogs.write_catalog(target, joined)
            report.moved[display_path(target)] = len(messages)
        if moving:  # last: an interrupted run leaves a message in two files, never in none
            for domain, messages in moving.items():
                for kind, message in messages:
                    if kind == "active":
                        old.delete(message.id, message.context)
                    else:
                        del old.obsolete[next(k for k, m in old.obsolete.items() if m is message)]
            if lang is None:
                old.header_comment = catalogs.TEMPLATE_HEADER.format(sources="templates/*.html")
            catalogs.write_catalog(path, old)
        if lang is not None:
            report.reviews += _split_review(project, lang, fingerprint, leaflets)
    return report


def _joined(old: Catalog, target: Path, messages: list) -> Catalog:
    """The catalog at `target` (or an empty one with the old header) with `messages` moved in; a moved one wins."""
    if target.exists():
        joined = catalogs.read_catalog(target)
    else:
        joined = copy.deepcopy(old)
        for message in list(joined):
            if message.id:
                joined.delete(message.id, message.context)
        joined.obsolete.clear()
    for kind, message in messages:
        key = (message.id, message.context)
        if joined.get(message.id, message.context) is not None:
            joined.delete(message.id, message.context)
        joined.obsolete.pop(key, None)
        if kind == "active":
            joined[message.id] = message
        else:
            joined.obsolete[key] = message
    return joined


def _split_review(project: Project, lang: str, fingerprint: str, leaflets: set[str]) -> list[str]:
    """One review record per leaflet from the language's single one.

    A record that matched the whole catalog when it was made matches each
    leaflet's part of it too, so each part is fingerprinted as reviewed; a
    record that no longer matched stays a draft ("changed since review").
    """
    path = project.locales_dir / lang / OLD_REVIEW
    if not path.exists():
        return []
    record = json.loads(path.read_text(encoding="utf-8"))
    still_valid = record.get("fingerprint") == fingerprint
    written = []
    for leaflet in sorted(leaflets):
        po = catalogs.po_path(project, lang, leaflet)
        if not po.exists():
            continue
        part = dict(record)
        if record.get("messages") is not None:
            part["messages"] = {c: v for c, v in record["messages"].items()
                                if c.startswith((f"{leaflet}/", "ui/"))}
        if still_valid:
            part["fingerprint"] = catalogs.Translations.load(project, lang, leaflet).fingerprint()
        target = review_path(project, lang, leaflet)
        write_atomic(target, (json.dumps(part, indent=2, ensure_ascii=False) + "\n").encode())
        written.append(f"{display_path(target)}: review record of {leaflet} ({'reviewed' if still_valid else 'draft'})")
    path.unlink()
    return written
