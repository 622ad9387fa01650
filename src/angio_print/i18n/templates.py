"""Extracting the templates (.pot): a leaflet's from its YAML, the tool's from templates/*.html."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file

from angio_print import __version__
from angio_print.findings import Finding, UserError
from angio_print.i18n.locations import (
    TOOL_DOMAIN,
    choose_leaflets,
    leaflet_ids,
    pot_path,
)
from angio_print.i18n.pofile import write_catalog
from angio_print.model.leaflet_file import load_leaflet
from angio_print.model.project import Project

KEYWORDS = {"pgettext": ((1, "c"), 2)}
COMMENT_TAGS = ("NOTE:",)

TEMPLATE_HEADER = """\
# Messages of the angio-print patient leaflets.
# From {sources}.
# Made by `angio-print extract`; do not edit by hand."""


def source_files(project: Project, domain: str) -> list[tuple[str, Path]]:
    if domain == TOOL_DOMAIN:
        return [("jinja2", p) for p in sorted(project.templates_dir.glob("*.html"))]
    return [("angio_print.i18n.yaml_extractor:extract_yaml", project.leaflet_dir / f"{domain}.yaml")]


def _dated(project: Project, domain: str) -> dt.date:
    """A leaflet's template is dated by its last review; the tool's by the newest leaflet."""
    if domain != TOOL_DOMAIN:
        return load_leaflet(project.leaflet_dir / f"{domain}.yaml").last_reviewed  # validates: errors name file and line
    dates = []
    for name in leaflet_ids(project):
        try:
            dates.append(load_leaflet(project.leaflet_dir / f"{name}.yaml").last_reviewed)
        except UserError:
            continue
    return max(dates, default=dt.date(2026, 1, 1))


def build_template(project: Project, domain: str) -> Catalog:
    catalog = Catalog(
        header_comment=TEMPLATE_HEADER.format(
            sources="templates/*.html" if domain == TOOL_DOMAIN else f"leaflet/{domain}.yaml"),
        project="angio-print",
        version=__version__,
        creation_date=dt.datetime.combine(_dated(project, domain), dt.time(), tzinfo=dt.timezone.utc),
        charset="utf-8",
        fuzzy=False,
    )
    for method, path in source_files(project, domain):
        relative = path.relative_to(project.root).as_posix()
        for lineno, message, comments, context in extract_from_file(
            method, path, keywords=KEYWORDS, comment_tags=COMMENT_TAGS, strip_comment_tags=True
        ):
            catalog.add(message, None, [(relative, lineno)], auto_comments=comments, context=context)
    return catalog


def extract(project: Project, leaflets: list[str] | None = None) -> tuple[dict[str, Catalog], list[Finding]]:
    """Write the template of each chosen leaflet and of the tool; a broken leaflet holds back only itself.

    Returns the templates written and the problems of those that were not.
    The tool's template is dated by the newest leaflet, so it waits until
    every leaflet can be read.
    """
    templates: dict[str, Catalog] = {}
    problems: list[Finding] = []
    for domain in choose_leaflets(project, leaflets):
        try:
            templates[domain] = build_template(project, domain)
        except UserError as error:
            problems += error.findings
    unreadable = [name for name in leaflet_ids(project) if name not in templates and not _loads(project, name)]
    if not unreadable:
        templates = {TOOL_DOMAIN: build_template(project, TOOL_DOMAIN), **templates}
    for domain, template in templates.items():  # the tool's first: a place it cannot write stops all
        write_catalog(pot_path(project, domain), template)
    return templates, problems


def _loads(project: Project, name: str) -> bool:
    try:
        load_leaflet(project.leaflet_dir / f"{name}.yaml")
    except UserError:
        return False
    return True
