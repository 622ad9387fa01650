"""The pipeline a clinic might pick instead, for `bench --peer`: Sphinx, sphinx-intl catalogs, sphinx-simplepdf.

The leaflet's text goes into one reStructuredText page (title, section
headings, paragraphs, lists; figures left out, so the peer prints less than a
build does) and each language's translations into that page's Sphinx catalog.
Then `sphinx-build -b simplepdf -D language=CODE` runs once per language, two
at a time, each in a fresh output folder, with the same pinned fonts
(sphinx-simplepdf runs the `weasyprint` command of the peer's environment).
"""

from __future__ import annotations

import re
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from angio_print.findings import UserError
from angio_print.i18n import catalogs
from angio_print.model.project import Project

CONF = """project = {title!r}
extensions = ["sphinx_simplepdf"]
locale_dirs = ["locales/"]
gettext_compact = False
gettext_auto_build = True
"""
LIST_GROUPS = {"points", "kinds-2", "list", "steps", "when", "fields", "type-list"}
FIGURE_PARTS = {"alt", "surface", "dermis", "lump", "subcutis", "muscle", "measure", "actual", "head", "trunk",
                "arms", "legs", "negative", "positive"}


def _rst(text: str) -> str:
    return re.sub(r"</?strong>", "**", text).replace("\n", " ")


def _blocks(pot: Catalog) -> list[tuple[str, str, str]]:
    """(kind, context, English text) in reading order: title, heading, item or paragraph."""
    blocks = []
    for message in pot:
        if not message.id or not message.context:
            continue
        parts = message.context.split("/")[1:]
        if parts[-1] in FIGURE_PARTS and any(p.endswith("figure") for p in parts):
            continue
        kind = ("title" if parts == ["meta", "title"] else "heading" if parts[-1].endswith("heading")
                else "item" if len(parts) == 3 and parts[1] in LIST_GROUPS else "paragraph")
        blocks.append((kind, message.context, _rst(message.id)))
    return blocks


def _page(blocks) -> str:
    lines, previous = [], None
    for kind, _, text in blocks:
        if kind == "title":
            lines += ["=" * 60, text, "=" * 60, ""]
        elif kind == "heading":
            lines += ([""] if previous == "item" else []) + [text, "-" * 60, ""]
        elif kind == "item":
            lines += [f"- {text}"]
        else:
            lines += ([""] if previous == "item" else []) + [text, ""]
        previous = kind
    return "\n".join(lines) + "\n"


def make_project(project: Project, leaflet: str, langs: list[str], folder: Path) -> None:
    """A Sphinx project in `folder` holding `leaflet` in English and a catalog for each other language."""
    blocks = _blocks(catalogs.read_catalog(catalogs.pot_path(project, leaflet)))
    title = next(text for kind, _, text in blocks if kind == "title")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "conf.py").write_text(CONF.format(title=title), encoding="utf-8")
    (folder / "index.rst").write_text(_page(blocks), encoding="utf-8")
    for lang in langs:
        translated = {m.context: m.string for m in catalogs.read_catalog(catalogs.po_path(project, lang, leaflet))}
        sphinx_catalog = Catalog(locale=None)
        for _, context, text in blocks:
            if translated.get(context):
                sphinx_catalog.add(text, _rst(translated[context]))
        path = folder / "locales" / lang / "LC_MESSAGES" / "index.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as po:
            write_po(po, sphinx_catalog)


def _fonts_conf(project: Project, folder: Path) -> Path:
    """Fontconfig that finds the pinned font files and nothing else: the peer prints in the same fonts."""
    path = folder / "fonts.conf"
    install_dir = (project.root / ".fonts").resolve()
    path.write_text(f'<?xml version="1.0"?>\n<fontconfig><dir>{install_dir}</dir>'
                    f"<cachedir>{folder.resolve() / 'fontcache'}</cachedir></fontconfig>\n", encoding="utf-8")
    return path


def time_peer(project: Project, python: Path, leaflet: str, langs: list[str], folder: Path, jobs: int = 2) -> float:
    """Seconds for the peer to print `leaflet` in every language, `jobs` sphinx-build runs at a time."""
    source = folder / "source"
    make_project(project, leaflet, [lang for lang in langs if lang != "en"], source)
    env = {"FONTCONFIG_FILE": str(_fonts_conf(project, folder)), "PATH": f"{python.parent}:/usr/bin:/bin", "LANG": "C.UTF-8"}
    subprocess.run(["fc-cache", "-f"], env=env, capture_output=True)  # the font cache is not part of a build

    def sphinx_build(lang: str) -> None:
        out = folder / "out" / lang
        done = subprocess.run([str(python), "-m", "sphinx", "-q", "-E", "-b", "simplepdf", "-D", f"language={lang}",
                               str(source), str(out)], env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise UserError.single(python, None, f"the Sphinx pipeline failed for '{lang}' (exit {done.returncode}): "
                                   f"{done.stderr.strip()[-400:]}")

    started = time.perf_counter()
    with ThreadPoolExecutor(jobs) as pool:
        list(pool.map(sphinx_build, langs))
    return time.perf_counter() - started
