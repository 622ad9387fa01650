"""Printing HTML to PDF with WeasyPrint: pinned fonts, safe fetching, tags, glyph checks.

WeasyPrint is pinned (pyproject.toml) because this package reaches into its
internals, all of them in `weasyprint_internals` (the tag hook that
`_tag_passage_languages` uses, layout measures, two column fixes);
tests/test_weasyprint_internals.py fails by name if an upgrade moves one.
"""

from __future__ import annotations

import logging
import mimetypes
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pydyf
import weasyprint
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from angio_print.printing import weasyprint_internals as internals
from angio_print.model.sourcefile import file_version
from angio_print.printing.fonts import FONTS_DIR, FontLock, InstalledFonts

PDF_VARIANT = "pdf/ua-1"


class RefusedURL(ValueError):
    pass


class AssetFetcher(URLFetcher):
    """Serves only local files whose real path lies inside the allowed places."""

    def __init__(self, allowed: tuple[Path, ...]):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.allowed = tuple(p.resolve() for p in allowed)
        self.refused: list[str] = []

    def permits(self, path: Path) -> bool:
        real = path.resolve()
        return any(real == root or (root.is_dir() and real.is_relative_to(root)) for root in self.allowed)

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        path = Path(unquote(parts.path)) if parts.scheme == "file" and parts.netloc in ("", "localhost") else None
        if path is None or not self.permits(path) or not path.is_file():
            self.refused.append(url)
            raise RefusedURL(f"refused to fetch {url}: only the project's own assets may be used")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})


def _tag_passage_languages(build_box_tree, box, parent, pdf, *args):
    """Give each structure element made for an HTML element with `lang` its own /Lang."""
    real = internals.layout_box(box)
    element = getattr(real, "element", None)
    lang = None
    if element is not None and getattr(real, "element_tag", None) not in ("html", "body"):
        lang = element.get("lang")
    for struct in build_box_tree(box, parent, pdf, *args):
        if lang and lang != "und" and isinstance(struct, pydyf.Dictionary) and "Lang" not in struct:
            struct["Lang"] = pydyf.String(lang)
        yield struct


internals.wrap_structure_builder(_tag_passage_languages)


@contextmanager
def _capturing(capture: "_Capture"):
    """What WeasyPrint logs meanwhile, into `capture`."""
    logger = logging.getLogger("weasyprint")
    logger.addHandler(capture)
    try:
        yield
    finally:
        logger.removeHandler(capture)


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@dataclass(frozen=True)
class _Parsed:
    """A stylesheet parsed once, with what WeasyPrint warned while parsing it."""
    css: weasyprint.CSS
    warnings: tuple[logging.LogRecord, ...]

    @classmethod
    def of(cls, **source) -> "_Parsed":
        capture = _Capture()
        with _capturing(capture):
            css = weasyprint.CSS(**source)
        return cls(css, tuple(capture.records))


@dataclass(frozen=True)
class Prepared:
    """A document's HTML and the parsed stylesheets to print it with, and what parsing them warned."""
    html: str
    stylesheets: list[weasyprint.CSS]
    warnings: tuple[logging.LogRecord, ...]


@dataclass(frozen=True)
class Printed:
    pdf: bytes
    pages: int
    missing_glyphs: tuple[str, ...]
    warnings: tuple[str, ...]
    refused_urls: tuple[str, ...]


@contextmanager
def _without_system_fonts(root: Path):
    """Fontconfig reads FONTCONFIG_FILE when a configuration is made: point it at one with no fonts."""
    previous = os.environ.get("FONTCONFIG_FILE")
    os.environ["FONTCONFIG_FILE"] = str((root / FONTS_DIR / "fonts.conf").resolve())
    try:
        yield
    finally:
        if previous is None:
            del os.environ["FONTCONFIG_FILE"]
        else:
            os.environ["FONTCONFIG_FILE"] = previous


def _has_class(box, *names: str) -> bool:
    element = getattr(box, "element", None)
    return element is not None and bool(set(names) & set((element.get("class") or "").split()))


def _outermost(boxes, *names: str) -> list:
    """The outermost box of each element with one of the classes `names`: the lines and text inside it share its element."""
    seen, found = set(), []
    for box in boxes:
        box = internals.layout_box(box)
        if _has_class(box, *names) and id(box.element) not in seen:
            seen.add(id(box.element))
            found.append(box)
    return found


class Printer:
    """Prints HTML with the project's pinned fonts and nothing else; one per process.

    The font configuration is shared by every document printed, so each font
    file is loaded once per process. Raises FontsError before anything is
    printed when the installed fonts differ from the lock.
    """

    def __init__(self, root: Path, assets_dir: Path):
        internals.install_layout_fixes()
        self.root = root
        self.fonts: InstalledFonts = FontLock.load(root).installed()
        self.assets_dir = assets_dir
        self._font_configs: dict[tuple[str, ...], FontConfiguration] = {}
        self._faces: dict[tuple[tuple[str, ...], str], _Parsed] = {}
        self._sheets: dict[tuple, _Parsed | None] = {}
        self._generated = _generated_characters(assets_dir)

    def font_config(self, families: list[str]) -> FontConfiguration:
        """One configuration per font stack: a document never sees fonts another language loaded,
        so a character its own fonts lack is a missing glyph, whatever was printed before."""
        key = tuple(families)
        if key not in self._font_configs:
            with _without_system_fonts(self.root):
                self._font_configs[key] = FontConfiguration()
        return self._font_configs[key]

    def _font_faces(self, families: list[str], html: str) -> "_Parsed":
        """The @font-face rules for the pinned files this text needs, parsed (and their fonts loaded) once per process.

        Every rung, paper and variant of one language needs the same faces:
        WeasyPrint loads a face's file when its rule is parsed, so the parsed
        rules are kept, as a warm process keeps them.
        """
        rules = self.fonts.font_face_css(families, html + self._generated)
        key = (tuple(families), rules)
        if key not in self._faces:
            self._faces[key] = _Parsed.of(string=rules, font_config=self.font_config(families),
                                          url_fetcher=AssetFetcher((self.fonts.lock.install_dir,)))
        return self._faces[key]

    def stylesheets(self, html: str, families: list[str]) -> "Prepared":
        """The HTML without its links to the assets' stylesheets, and the stylesheets to print it with.

        WeasyPrint parses a linked stylesheet again for every document; these
        are parsed once per process and given as user stylesheets, before the
        font faces. The template's own <style> is author origin: its rules
        win over theirs whatever the selectors. A stylesheet that adds fonts,
        counter styles or imports to the document stays linked. What
        WeasyPrint said while parsing them is told with every document.
        """
        parsed = []
        for link, href in _LINKED_SHEET.findall(html):
            sheet = self._parsed_sheet(href)
            if sheet is not None:
                html = html.replace(link, "", 1)
                parsed.append(sheet)
        parsed.append(self._font_faces(families, html))
        return Prepared(html, [sheet.css for sheet in parsed], tuple(r for sheet in parsed for r in sheet.warnings))

    def _parsed_sheet(self, href: str) -> "_Parsed | None":
        path = (self.assets_dir / unquote(href)).resolve()
        if not path.is_relative_to(self.assets_dir.resolve()) or not path.is_file():
            return None
        key = file_version(path)
        if key not in self._sheets:
            text = path.read_bytes().decode("utf-8-sig", errors="replace")
            # parsed from its address, as the link would be: its encoding, a byte order mark, its url()s
            self._sheets[key] = None if _ADDS_TO_DOCUMENT.search(text) else _Parsed.of(
                url=path.as_uri(), url_fetcher=AssetFetcher((self.assets_dir,)))
        return self._sheets[key]

    layouts_made = 0  # in this process: `bench` reports layouts per target

    def layout(self, html: str, families: list[str], allowed: tuple[Path, ...] = ()) -> "Layout":
        Printer.layouts_made += 1
        return Layout(self, html, families, allowed)

    def print_pdf(self, html: str, families: list[str], allowed: tuple[Path, ...] = ()) -> Printed:
        return self.layout(html, families, allowed).write()


_LINKED_SHEET = re.compile(r'(<link rel="stylesheet" href="([^"<>:]+)">)')
_ADDS_TO_DOCUMENT = re.compile(r"@(?:import|font-face|counter-style|color-profile)\b", re.IGNORECASE)

LIST_MARKERS = "•◦▪0123456789.-"  # what `list-style` may draw that the HTML text does not hold


def _generated_characters(assets_dir: Path) -> str:
    """Characters that layout adds to a page: the stylesheets' `content` strings and list markers."""
    strings = []
    for sheet in sorted(assets_dir.rglob("*.css")):
        strings += re.findall(r'"((?:[^"\\]|\\.)*)"|\'((?:[^\'\\]|\\.)*)\'', sheet.read_text(encoding="utf-8"))
    return LIST_MARKERS + "".join(sorted({c for pair in strings for text in pair for c in text}))


class Layout:
    """A laid-out document: pages can be inspected before the PDF is written."""

    def __init__(self, printer: Printer, html: str, families: list[str], allowed: tuple[Path, ...] = ()):
        self._fetcher = AssetFetcher((printer.assets_dir, printer.fonts.lock.install_dir, *allowed))
        self._capture = _Capture()
        font_config = printer.font_config(families)
        prepared = printer.stylesheets(html, families)
        self._capture.records.extend(prepared.warnings)
        with _capturing(self._capture):
            self.document = weasyprint.HTML(
                string=prepared.html, base_url=printer.assets_dir.resolve().as_uri() + "/", url_fetcher=self._fetcher
            ).render(stylesheets=prepared.stylesheets, font_config=font_config)

    @property
    def pages(self) -> int:
        return len(self.document.pages)

    def page_has_tag(self, index: int, tag: str) -> bool:
        """Whether any part of a `tag` element is laid out on that page."""
        page_box = internals.page_box(self.document.pages[index])
        return any(getattr(box, "element_tag", None) == tag for box in page_box.descendants())

    def page_margins_mm(self, index: int) -> tuple[float, float, float, float]:
        """The page's margins as laid out (top, right, bottom, left), in millimetres."""
        return internals.page_margins_mm(self.document.pages[index])

    def room_below(self, tag: str) -> float:
        """Millimetres left on the last page below the last box of a `tag` element (0 when there is none)."""
        page = self.document.pages[-1]
        boxes = [box for box in internals.page_box(page).descendants() if getattr(box, "element_tag", None) == tag]
        if not boxes:
            return 0.0
        return internals.content_bottom_mm(page) - max(internals.box_bottom_mm(box) for box in boxes)

    def lines_beyond(self, pages: int) -> int:
        """Lines of text laid out after the first `pages` pages (running heads and footers not counted)."""
        return sum(1 for page in self.document.pages[pages:] for box in internals.page_content_boxes(page)
                   if internals.is_line_box(box))

    def crowded_labels(self) -> list[str]:
        """Figure labels that overlap another label or run out of their figure's drawing area."""
        crowded = []
        for page in self.document.pages:
            for area in _outermost(internals.page_box(page).descendants(), "art", "pair-labels"):
                if not hasattr(area, "children"):
                    continue
                bottom = area.content_box_y() + area.height
                labels = _outermost((box for box in area.descendants() if box is not area), "label")
                rects = [(b.border_box_x(), b.border_box_y(), b.border_box_x() + b.border_width(),
                          b.border_box_y() + b.border_height(), b) for b in labels if hasattr(b, "border_height")]
                for index, (x1, y1, x2, y2, box) in enumerate(rects):
                    overlaps = any(x1 < ox2 - 0.5 and ox1 < x2 - 0.5 and y1 < oy2 - 0.5 and oy1 < y2 - 0.5
                                   for ox1, oy1, ox2, oy2, _ in rects[index + 1:])
                    if overlaps or y2 > bottom + 0.5:
                        crowded.append(" ".join("".join(box.element.itertext()).split()))
        return list(dict.fromkeys(crowded))

    def split_boxes(self, css_class: str) -> list[str]:
        """The class lists of the elements with this class laid out in more than one piece (across columns or pages)."""
        places: dict[int, tuple[str, set]] = {}
        for index, page in enumerate(self.document.pages):
            for box in internals.page_box(page).descendants():
                if _has_class(box, css_class):
                    places.setdefault(id(box.element), (box.element.get("class"), set()))[1].add(
                        (index, round(box.position_x)))
        return [classes for classes, pieces in places.values() if len(pieces) > 1]

    def write(self) -> Printed:
        with _capturing(self._capture):
            data = self.document.write_pdf(pdf_variant=PDF_VARIANT)
        missing = []
        warnings = []
        for record in self._capture.records:
            if record.msg.startswith(".notdef glyph") and record.args:
                missing.append(record.args[0])
            else:
                warnings.append(record.getMessage())
        return Printed(data, self.pages, tuple(dict.fromkeys(missing)), tuple(warnings), tuple(self._fetcher.refused))


def bare_renders(printer: Printer, documents: list[tuple[str, list[str]]]) -> list:
    """For the benchmark's floor: each (html, font families) as a call that prints it with bare WeasyPrint.

    The same pinned fonts, stylesheets and PDF/UA variant as a build, none of
    its work around the layout; the font faces and stylesheets are prepared
    here, outside the timing, as a build's warm worker keeps them.
    """
    base = printer.assets_dir.resolve().as_uri() + "/"
    calls = []
    for html, families in documents:
        font_config = printer.font_config(families)
        prepared = printer.stylesheets(html, families)
        calls.append(lambda prepared=prepared, font_config=font_config: weasyprint.HTML(
            string=prepared.html, base_url=base).write_pdf(pdf_variant="pdf/ua-1", stylesheets=prepared.stylesheets,
                                                           font_config=font_config))
    return calls
