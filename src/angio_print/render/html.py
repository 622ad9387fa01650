"""Leaflet HTML from the source, a language's translations and a template.

Content is translated here, in Python, and reaches the template as already
safe markup: a translation is parsed with the allowlisted inline markup and
everything else in it is escaped text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

import babel.dates
import jinja2
from markupsafe import Markup, escape

from angio_print.model import markup
from angio_print.i18n.catalogs import PLACEHOLDER, Translations
from angio_print.model.project import Project
from angio_print.render.fitting import NOTES_LINES_MM, ROOMY, Fit
from angio_print.model.formats import PAPERS, VARIANTS
from angio_print.model.units import number_unit_gap
from angio_print.model.leaflet import Figure, Glossary, ItemList, Leaflet, Message, Paragraph
from angio_print.model.languages import Language
from angio_print.i18n.review import ReviewStatus



@dataclass(frozen=True)
class BlockView:
    kind: str
    html: Markup | None = None
    items: tuple[Markup, ...] = ()
    terms: tuple[tuple[Markup, Markup], ...] = ()
    drawing: str = ""
    alt: str = ""  # plain text: it goes into an attribute and the PDF's /Alt
    caption: Markup | None = None
    labels: dict[str, Markup] | None = None


@dataclass(frozen=True)
class SectionView:
    id: str
    heading: Markup
    blocks: tuple[BlockView, ...]
    box: str | None = None


@dataclass
class LanguageView:
    """Everything a template needs to print one language of one leaflet."""

    leaflet: Leaflet
    language: Language
    translations: Translations
    status: ReviewStatus
    prefix: str = ""
    english: "LanguageView | None" = None

    def text(self, message: Message) -> Markup:
        html = markup.render(self.translations.get(message.context, message.text))
        return _keep_short_hyphenated_words_whole(_bind_numbers_to_units(html, self.language.code))

    def plain(self, message: Message) -> str:
        """The translation as plain text (for attributes): markup dropped, the rest left to autoescape."""
        return markup.render(self.translations.get(message.context, message.text)).striptags()

    def pgettext(self, context: str, source: str, **values) -> Markup:
        text = self.translations.get(context, source)
        if set(PLACEHOLDER.findall(text)) != set(PLACEHOLDER.findall(source)):
            text = source  # a broken translation never drops or invents a value
        html = str(markup.render(text))
        if values:
            html = PLACEHOLDER.sub(lambda m: str(escape(values.get(m.group(0)[1:-1], m.group(0)))), html)
        return Markup(html)

    def format_date(self, date) -> str:
        return babel.dates.format_date(date, format="long", locale=self.language.locale)

    @cached_property
    def title(self) -> Markup:
        return self.text(self.leaflet.title)

    @cached_property
    def subtitle(self) -> Markup | None:
        return self.text(self.leaflet.subtitle) if self.leaflet.subtitle else None

    @cached_property
    def sections(self) -> list[SectionView]:
        return [
            SectionView(section.id, self.text(section.heading), tuple(self._block(b) for b in section.blocks),
                        section.box)
            for section in self.leaflet.sections
        ]

    def _block(self, block) -> BlockView:
        if isinstance(block, Paragraph):
            return BlockView("paragraph", html=self.text(block.text))
        if isinstance(block, ItemList):
            return BlockView("list", items=tuple(self.text(item) for item in block.items))
        if isinstance(block, Figure):
            return BlockView("figure", drawing=block.drawing, alt=self.plain(block.alt),
                             caption=self.text(block.caption) if block.caption else None,
                             labels={label_id: self.text(label) for label_id, label in block.labels})
        assert isinstance(block, Glossary)
        return BlockView("glossary", terms=tuple((self.text(t.term), self.text(t.definition)) for t in block.terms))


def _css_string(value) -> Markup:
    """Translated text as a CSS string: every character outside a safe set is a `\\HHHHHH ` escape.

    Quotes, backslashes, line breaks and form feeds can then never end the
    string, whatever a translation holds; control characters become spaces.
    """
    text = str(value.unescape() if isinstance(value, Markup) else value)
    text = re.sub(r"<[^>]+>", "", text)
    return Markup('"' + "".join(_css_char(char) for char in text) + '"')


def _css_char(char: str) -> str:
    if char.isascii() and (char.isalnum() or char in " .,:;!?()-"):
        return char
    category = unicodedata.category(char)
    if category[0] in "LMN":
        return char
    if category in ("Cc", "Zl", "Zp"):
        return " "
    return f"\\{ord(char):06X} "


WORD_JOINER = "\u2060"
# Latin letters and digits only: a span boundary inside an Indic syllable would break its shaping.
_LATIN = "A-Za-z0-9\u00c0-\u024f"
_SHORT_HYPHENATED = re.compile(rf"(?<![{_LATIN}-])([{_LATIN}]{{1,3}}-[{_LATIN}]+|[{_LATIN}]+-[{_LATIN}]{{1,3}})(?![{_LATIN}-])")


def _keep_short_hyphenated_words_whole(html: Markup) -> Markup:
    """Never break 'h-caldesmon' or 'melan-A' at its hyphen: half a marker name means nothing to a reader.

    A word joiner (U+2060) on each side of the hyphen forbids the break; a
    `white-space: nowrap` span would too, but WeasyPrint then breaks the line
    before it too early, leaving a word alone on a line. The rendered markup
    has only <strong>/<em> tags, without attributes, so the pattern meets text alone.
    """
    return Markup(_SHORT_HYPHENATED.sub(lambda m: m.group(1).replace("-", WORD_JOINER + "-" + WORD_JOINER), str(html)))


def _bind_numbers_to_units(html: Markup, lang: str) -> Markup:
    """'3 cm' never breaks between the number and its unit: the space becomes a no-break space."""
    return Markup(number_unit_gap(lang).sub("\u00a0", str(html)))


def _isolate(value: str) -> str:
    """Keep a Latin run (address, phone, author) in its own order inside right-to-left text.

    Unicode first-strong isolates (FSI ... PDI) go through Pango's bidi
    algorithm; WeasyPrint ignores `unicode-bidi` on elements.
    """
    return "\u2068" + value + "\u2069"


def _page_counter_css(label: Markup, style: str = "decimal") -> Markup:
    """'Page {page} of {pages}' as a CSS content value with page counters, in the language's digits."""
    text = label.unescape() if isinstance(label, Markup) else str(label)
    parts = []
    for piece in re.split(r"(\{page\}|\{pages\})", text):
        if piece == "{page}":
            parts.append(f"counter(page, {style})")
        elif piece == "{pages}":
            parts.append(f"counter(pages, {style})")
        elif piece:
            parts.append(str(_css_string(piece)))
    return Markup(" ".join(parts))


def _svg_title(svg: Markup, title: Markup) -> Markup:
    """An inline SVG with a <title>: WeasyPrint tags it as a /Figure whose /Alt is that title."""
    opening = re.match(r"\s*<svg\b[^>]*>", str(svg))
    if opening is None:
        return svg
    return Markup(str(svg)[:opening.end()] + f"<title>{escape(title.striptags())}</title>" + str(svg)[opening.end():])


class Renderer:
    def __init__(self, project: Project):
        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader(project.templates_dir),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.environment.filters["css_string"] = _css_string
        self.environment.filters["page_counter_css"] = _page_counter_css
        self.environment.filters["isolate"] = _isolate
        self.environment.filters["svg_title"] = _svg_title

    def render(self, leaflet: Leaflet, views: list[LanguageView], *, variant: str, paper: str,
               clinic=None, notes_space: bool = True, fit: Fit = ROOMY, balanced: bool = False) -> str:
        """The leaflet's HTML; `balanced` shares a one-page leaflet's text evenly between its two columns."""
        template = self.environment.get_template("leaflet.html")
        return template.render(
            leaflet=leaflet,
            views=views,
            variant=variant,
            paper=paper,
            page_size=PAPERS[paper].size,
            scale_line=VARIANTS[variant].line_scale,
            clinic=clinic,
            notes_space=notes_space,
            notes_lines_mm=NOTES_LINES_MM,
            fit=fit,
            balanced=balanced,
        )
