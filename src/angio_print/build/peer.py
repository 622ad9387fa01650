"""The pipeline a clinic might pick instead, for `bench --peer`: Sphinx, sphinx-intl catalogs, sphinx-simplepdf.

The leaflet's text goes into one reStructuredText page (title, section
headings, paragraphs, lists, glossaries, figure captions; the drawings left
out, so the peer prints less than a build does) and each language's
translations into that page's Sphinx catalog. Then `sphinx-build -b
simplepdf -D language=CODE` runs once per language, two at a time, each in a
fresh output folder, with the same pinned fonts (sphinx-simplepdf runs the
`weasyprint` command of the peer's environment).
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
from angio_print.model.languages import SOURCE_LANGUAGE
from angio_print.model.leaflet import Figure, Glossary, ItemList, Leaflet, Message, Paragraph
from angio_print.model.leaflet_file import load_leaflet
from angio_print.model.project import Project
from angio_print.printing.fonts import INSTALL_DIR

CONF = """project = {title!r}
extensions = ["sphinx_simplepdf"]
locale_dirs = ["locales/"]
gettext_compact = False
gettext_auto_build = True
"""
RULE = 60


def _rst(text: str) -> str:
    """Leaflet markup (<strong>, <em>) as reStructuredText, on one line."""
    return re.sub(r"</?em>", "*", re.sub(r"</?strong>", "**", text)).replace("\n", " ")


def _page(leaflet: Leaflet) -> tuple[str, list[Message]]:
    """The leaflet as one reStructuredText page, and its messages in the order the page holds them."""
    lines = ["=" * RULE, _rst(leaflet.title.text), "=" * RULE, ""]
    used = [leaflet.title]
    for section in leaflet.sections:
        lines += [_rst(section.heading.text), "-" * RULE, ""]
        used.append(section.heading)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                lines += [_rst(block.text.text), ""]
                used.append(block.text)
            elif isinstance(block, ItemList):
                lines += [*(f"- {_rst(item.text)}" for item in block.items), ""]
                used += block.items
            elif isinstance(block, Glossary):
                for term in block.terms:
                    lines += [_rst(term.term.text), f"   {_rst(term.definition.text)}", ""]
                    used += [term.term, term.definition]
            elif isinstance(block, Figure) and block.caption:  # drawings left out: the caption stays
                lines += [_rst(block.caption.text), ""]
                used.append(block.caption)
    return "\n".join(lines), used


def make_project(project: Project, leaflet_id: str, langs: list[str], folder: Path) -> None:
    """A Sphinx project in `folder` holding the leaflet in English and a catalog for each other language."""
    leaflet = load_leaflet(project.leaflet_dir / f"{leaflet_id}.yaml")
    page, messages = _page(leaflet)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "conf.py").write_text(CONF.format(title=_rst(leaflet.title.text)), encoding="utf-8")
    (folder / "index.rst").write_text(page, encoding="utf-8")
    for lang in langs:
        translations = catalogs.Translations.load(project, lang, leaflet_id)
        sphinx_catalog = Catalog(locale=None)
        for message in messages:
            if translations.has(message.context, message.text):
                sphinx_catalog.add(_rst(message.text), _rst(translations.get(message.context, message.text)))
        path = folder / "locales" / lang / "LC_MESSAGES" / "index.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as po:
            write_po(po, sphinx_catalog)


def _fonts_conf(project: Project, folder: Path) -> Path:
    """Fontconfig that finds the pinned font files and nothing else: the peer prints in the same fonts."""
    path = folder / "fonts.conf"
    install_dir = (project.root / INSTALL_DIR).resolve()
    path.write_text(f'<?xml version="1.0"?>\n<fontconfig><dir>{install_dir}</dir>'
                    f"<cachedir>{folder.resolve() / 'fontcache'}</cachedir></fontconfig>\n", encoding="utf-8")
    return path


def time_peer(project: Project, python: Path, leaflet: str, langs: list[str], folder: Path, jobs: int = 2) -> float:
    """Seconds for the peer to print `leaflet` in every language, `jobs` sphinx-build runs at a time."""
    source = folder / "source"
    make_project(project, leaflet, [lang for lang in langs if lang != SOURCE_LANGUAGE], source)
    python = python.absolute()  # not resolved: the environment's own python, with its packages
    env = {"FONTCONFIG_FILE": str(_fonts_conf(project, folder)), "PATH": f"{python.parent}:/usr/bin:/bin",
           "LANG": "C.UTF-8"}
    try:
        subprocess.run(["fc-cache", "-f"], env=env, capture_output=True)  # the font cache is not part of a build
    except OSError as error:
        raise UserError.single("fc-cache", None, f"cannot run fontconfig's fc-cache ({error}): install fontconfig")

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
