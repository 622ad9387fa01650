"""Where catalogs live: one domain per leaflet plus the tool's own, and the languages in locales/."""

from __future__ import annotations

from pathlib import Path

from angio_print.findings import Finding, UserError, display_path
from angio_print.model.languages import UnknownLanguage, get_language
from angio_print.model.project import Project

TOOL_DOMAIN = "angio_print"  # the tool's own strings (templates/*.html); a leaflet id never has "_"
DOMAIN = TOOL_DOMAIN


def po_path(project: Project, lang: str, domain: str) -> Path:
    return project.locales_dir / lang / "LC_MESSAGES" / f"{domain}.po"


def pot_path(project: Project, domain: str) -> Path:
    return project.locales_dir / f"{domain}.pot"


def leaflet_ids(project: Project) -> list[str]:
    """The leaflets of the library, by file name (a leaflet's id is its file name)."""
    return sorted(p.stem for p in project.leaflet_dir.glob("*.yaml")) if project.leaflet_dir.is_dir() else []


def domains(project: Project, leaflets: list[str] | None = None) -> list[str]:
    """The gettext domains: each leaflet's (or the chosen ones'), then the tool's own."""
    return [*(leaflets if leaflets is not None else leaflet_ids(project)), TOOL_DOMAIN]


def choose_leaflets(project: Project, names: list[str] | None) -> list[str]:
    """The leaflets named by --leaflet (all when none), each checked to exist."""
    known = leaflet_ids(project)
    for name in names or ():
        if name not in known:
            raise UserError.single("--leaflet", None, f"no leaflet '{name}' in {display_path(project.leaflet_dir)}: "
                                   f"choose one of {', '.join(known) or 'none'}")
    return list(dict.fromkeys(names)) if names else known


def catalog_languages(project: Project) -> list[str]:
    """Languages with a catalog in locales/ that this tool prints, in a stable order."""
    return [code for code in _catalog_folders(project) if _prints(code)]


def _prints(code: str) -> bool:
    """A folder named with a canonical code this tool can set in type (not an alias like zh_CN)."""
    try:
        return get_language(code).code == code
    except UnknownLanguage:
        return False


def unknown_catalogs(project: Project) -> list[Finding]:
    """A finding for each catalog in a folder that is not a language code this tool prints."""
    findings = []
    for code in _catalog_folders(project):
        if _prints(code):
            continue
        try:
            advice = f"rename the folder to locales/{get_language(code).code}"
        except UnknownLanguage as error:
            advice = str(error)
        first = sorted((project.locales_dir / code / "LC_MESSAGES").glob("*.po"))[0]
        findings.append(Finding(display_path(first), None,
                                f"'{code}' is not a language code this tool prints; {advice}", lang=code, check="language"))
    return findings


def _catalog_folders(project: Project) -> list[str]:
    if not project.locales_dir.is_dir():
        return []
    return sorted({p.parent.parent.name for p in project.locales_dir.glob("*/LC_MESSAGES/*.po")})
