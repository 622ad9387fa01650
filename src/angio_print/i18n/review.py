"""Review status of each leaflet's translation, kept in `locales/LANG/review/LEAFLET.json`.

A leaflet in a language is "reviewed" only while its translations are exactly the ones the
reviewer signed off: the file stores a fingerprint of them, so any later
change to a translation puts the language back to draft by itself. It also
stores what was signed off, per msgctxt (`messages`: English and translation),
so the next review packet can show what changed; older records without it
stay valid.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from angio_print.i18n import catalogs
from angio_print.atomic import write_atomic
from angio_print.model.project import Project
from angio_print.findings import ERROR, Finding, UserError, display_path
from angio_print.model.languages import SOURCE_LANGUAGE
from angio_print.model.sourcefile import read_text


@dataclass(frozen=True)
class ReviewStatus:
    lang: str
    reviewer: str | None = None
    date: dt.date | None = None
    changed_since_review: bool = False
    source: bool = False

    @property
    def is_draft(self) -> bool:
        return not self.source and self.reviewer is None

    @property
    def label(self) -> str:
        return "source" if self.source else "draft" if self.is_draft else "reviewed"

    def as_dict(self) -> dict:
        return {
            "status": self.label,
            "reviewer": self.reviewer,
            "date": self.date.isoformat() if self.date else None,
            "changed_since_review": self.changed_since_review,
        }


def review_path(project: Project, lang: str, leaflet: str) -> Path:
    return project.locales_dir / lang / "review" / f"{leaflet}.json"


def review_status(project: Project, lang: str, leaflet: str, translations: "catalogs.Translations") -> ReviewStatus:
    """`translations`: the leaflet's with the tool's own, as `Translations.load` gives them."""
    if lang == SOURCE_LANGUAGE:
        return ReviewStatus(lang, source=True)
    record = _read_record(project, lang, leaflet)
    if record is None:
        return ReviewStatus(lang)
    reviewer, date, fingerprint = record
    if fingerprint != translations.fingerprint():
        return ReviewStatus(lang, changed_since_review=True)
    return ReviewStatus(lang, reviewer, date)


def review_problems(project: Project, lang: str, leaflet: str) -> list[Finding]:
    """The problems of a review record (for the check that gates the leaflet's build in that language)."""
    try:
        _read_record(project, lang, leaflet)
    except UserError as error:
        return [Finding(f.path, f.line, f.message, ERROR, lang, None, "review") for f in error.findings]
    return []


def _read_record(project: Project, lang: str, leaflet: str) -> tuple[str, dt.date, str] | None:
    path = review_path(project, lang, leaflet)
    if not path.exists() and not path.is_symlink():
        return None
    text = read_text(path, "review record")
    try:
        record = json.loads(text)
        reviewer, date, fingerprint = record["reviewer"], dt.date.fromisoformat(record["date"]), record["fingerprint"]
        if not (isinstance(reviewer, str) and isinstance(fingerprint, str)):
            raise TypeError
    except json.JSONDecodeError as error:
        raise UserError.single(display_path(path), error.lineno, f"review record is not valid JSON ({error.msg}): "
                               f"set it again with `angio-print review {lang} --leaflet {leaflet} --reviewer NAME --date YYYY-MM-DD`") from None
    except (ValueError, KeyError, TypeError):
        raise UserError.single(
            display_path(path), None,
            f"review record is not valid: set it again with `angio-print review {lang} --leaflet {leaflet} "
            "--reviewer NAME --date YYYY-MM-DD`",
        ) from None
    return reviewer, date, fingerprint


def mark_reviewed(project: Project, lang: str, leaflet: str, reviewer: str, date: dt.date) -> None:
    """Record a review of one leaflet in one language (its messages and the tool's own)."""
    if lang == SOURCE_LANGUAGE:
        raise UserError.single("review", None, "English is the source text; only translations are reviewed")
    if not reviewer.strip():
        raise UserError.single("--reviewer", None, "a review needs the reviewer's name")
    paths = [catalogs.po_path(project, lang, domain) for domain in (leaflet, catalogs.TOOL_DOMAIN)]
    loaded = [catalogs.read_catalog(path) for path in paths]
    for path, catalog in zip(paths, loaded):
        counts = catalogs.stats(catalog, lang)
        if counts.fuzzy or counts.untranslated:
            raise UserError.single(
                display_path(path), None,
                f"{counts.fuzzy + counts.untranslated} messages are fuzzy or untranslated: "
                "finish the translation before it is marked reviewed",
            )
    record = {
        "reviewer": reviewer.strip(),
        "date": date.isoformat(),
        "fingerprint": catalogs.Translations.from_catalog(lang, *loaded).fingerprint(),
        "messages": {m.context: {"source": m.id, "translation": m.string}
                     for catalog in loaded for m in catalog if m.id and m.context},
    }
    write_atomic(review_path(project, lang, leaflet), (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode())


def reviewed_messages(project: Project, lang: str, leaflet: str) -> tuple[dict | None, dict[str, dict] | None]:
    """The last review record and what it signed off per msgctxt (None where not recorded)."""
    path = review_path(project, lang, leaflet)
    if not path.exists():
        return None, None
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        messages = record.get("messages")
        if messages is not None and not all(
            isinstance(v, dict) and isinstance(v.get("source"), str) and isinstance(v.get("translation"), str)
            for v in messages.values()
        ):
            raise ValueError
    except (ValueError, AttributeError):
        raise UserError.single(display_path(path), None, "review record is not valid JSON with reviewer, date and messages") from None
    return record, messages


def mark_draft(project: Project, lang: str, leaflet: str) -> None:
    review_path(project, lang, leaflet).unlink(missing_ok=True)
