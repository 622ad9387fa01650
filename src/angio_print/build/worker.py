"""Printing one target: run in a warm worker process, or inline with --jobs 1."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from angio_print.atomic import write_atomic
from angio_print.i18n.catalogs import Translations
from angio_print.model.project import load_project
from angio_print.model.leaflet_file import load_leaflet
from angio_print.render.fitting import LADDER, NOTES_LINES_MM, ROOMY, STANDARD_PAGES, Fit, get_fit
from angio_print.model.languages import SOURCE_LANGUAGE, get_language
from angio_print.printing.pdf import Printer
from angio_print.render.html import LanguageView, Renderer
from angio_print.i18n.review import review_status
from angio_print.model.clinic import load_clinic
from angio_print.build.plan import Target


THUMBNAIL_WIDTH = 240  # pixels: enough for the index page and the contact sheet


@dataclass(frozen=True)
class Job:
    root: Path
    target: Target
    out: Path
    clinic: Path | None
    stamp: tuple  # changes whenever an input file changes, so caches below stay right
    layout_inputs: str = ""  # InputHasher.layout_inputs: with the HTML, the key of a fitting decision
    fit_hints: tuple["FitHint", ...] = ()  # earlier decisions, the build cache's first, then the leaflet's record


@dataclass(frozen=True)
class FitHint:
    """A copy-fitting decision made for a target before, kept in the build cache or the leaflet's fitting record."""

    fit: str
    fitted: bool  # whether it fitted one sheet
    notes_space: bool
    lines_over: int
    same_inputs: bool  # nothing the target is laid out from has changed since: the decision still holds
    layout_key: str = ""  # what it was laid out from (layout_key below)


@dataclass(frozen=True)
class Result:
    target: Target
    pages: int = 0
    sha256: str = ""
    missing_glyphs: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    error: str = ""
    notes_space: bool = False
    fit: str = ""
    lines_over: int = 0  # lines beyond one sheet at the tightest fit, for a standard leaflet that fits no rung
    layout_key: str = ""  # what a standard target's fitting decision was made from
    fitted_anew: bool = False  # its rung was searched for: no earlier decision was made from these inputs


@lru_cache(maxsize=8)
def _project(root: Path, stamp):
    return load_project(root)


@lru_cache(maxsize=8)
def _leaflet(path: Path, stamp):
    return load_leaflet(path)


@lru_cache(maxsize=64)
def _translations(root: Path, lang: str, leaflet: str, stamp):
    return Translations.load(_project(root, stamp), lang, leaflet)


@lru_cache(maxsize=4)
def _renderer(root: Path, stamp):
    return Renderer(_project(root, stamp))


@lru_cache(maxsize=2)
def _printer(root: Path, stamp) -> Printer:
    return Printer(root, _project(root, stamp).assets_dir)


@lru_cache(maxsize=4)
def _clinic(path: Path | None, stamp):
    return load_clinic(path) if path else None


def _view(job: Job, leaflet, lang: str, prefix: str = "") -> LanguageView:
    project = _project(job.root, job.stamp)
    translations = _translations(job.root, lang, leaflet.id, job.stamp)
    view = LanguageView(leaflet, get_language(lang), translations,
                        review_status(project, lang, leaflet.id, translations), prefix)
    if lang != SOURCE_LANGUAGE:
        english = _translations(job.root, SOURCE_LANGUAGE, leaflet.id, job.stamp)
        view.english = LanguageView(leaflet, get_language(SOURCE_LANGUAGE), english,
                                    review_status(project, SOURCE_LANGUAGE, leaflet.id, english))
    return view


def render_html(job: Job, notes_space: bool = True, fit: Fit = ROOMY, balanced: bool = False) -> str:
    """The HTML of one target, exactly as it is printed."""
    target = job.target
    project = _project(job.root, job.stamp)
    leaflet = _leaflet(project.leaflet_dir / f"{target.leaflet}.yaml", job.stamp)
    views = [_view(job, leaflet, lang, prefix=f"{lang}-") for lang in target.langs]
    return _renderer(job.root, job.stamp).render(leaflet, views, variant=target.variant, paper=target.paper,
                                                 clinic=_clinic(job.clinic, job.stamp), notes_space=notes_space,
                                                 fit=fit, balanced=balanced)


def print_target(job: Job) -> Result:
    target = job.target
    _project(job.root, job.stamp)  # loads the project, and with it its language overrides, in this worker
    clinic = _clinic(job.clinic, job.stamp)
    allowed = (clinic.logo,) if clinic and clinic.logo else ()

    printer = _printer(job.root, job.stamp)

    def lay_out(fit: Fit, notes_space: bool, balanced: bool = False):
        return printer.layout(render_html(job, notes_space, fit, balanced), fit.families_of(target.langs), allowed)

    key = layout_key(job) if target.one_sheet else ""
    hint = _current_hint(job.fit_hints, key)
    layout, fit, notes_space, lines_over = _fitted(target, lay_out, hint)
    if balanced(target, layout.pages):
        layout = lay_out(fit, notes_space, balanced=True)
    layout_warnings = [f"a figure label does not fit its space: '{label}'; shorten it in the {target.lang} catalog"
                       for label in layout.crowded_labels()]
    layout_warnings += [f"the form to fill in ({classes.split()[0]}) is split across columns: it is taller than a "
                        f"column; shorten its fields in the {target.lang} catalog"
                        for classes in layout.split_boxes("box-fill-in")]
    printed = layout.write()
    if printed.missing_glyphs:
        fonts = ", ".join(get_language(target.lang).font_families)
        chars = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in printed.missing_glyphs)
        return Result(target, printed.pages, missing_glyphs=printed.missing_glyphs,
                      error=f"missing glyphs in {target.lang}: {chars}; the pinned fonts {fonts} do not have them. "
                            "Fix the character, or add a font or subset that has it to templates/fonts/fonts.toml "
                            "(see README, Fonts)")
    path = job.out / target.filename
    write_atomic(path, printed.pdf)
    _thumbnail(printed.pdf, job.out / target.thumbnail)
    return Result(target, printed.pages, hashlib.sha256(printed.pdf).hexdigest(),
                  warnings=(*layout_warnings, *printed.warnings), notes_space=notes_space, fit=fit.name,
                  lines_over=lines_over, layout_key=key,
                  fitted_anew=target.one_sheet and not (hint and hint.same_inputs))


def layout_key(job: Job) -> str:
    """The key of a target's fitting decision: its HTML (on the roomy rung) and everything else its layout depends on.

    Every rung's HTML comes from the same template and text, so one
    rendering (a millisecond) stands for all of them.
    """
    html = render_html(job).replace(job.root.resolve().as_uri(), "")  # the logo's address differs between clones
    return hashlib.sha256(f"{job.layout_inputs}\n{html}".encode()).hexdigest()


def _current_hint(hints: tuple[FitHint, ...], key: str) -> FitHint | None:
    """The first earlier decision made from these very inputs; else the first one, as a starting point."""
    for hint in hints:
        if hint.layout_key and hint.layout_key == key:
            return replace(hint, same_inputs=True)
    return replace(hints[0], same_inputs=False) if hints else None


def balanced(target: Target, pages: int) -> bool:
    """A standard leaflet short enough for one page shares it between both columns, rather than the first holding it all."""
    return target.one_sheet and pages == 1


def _fitted(target: Target, lay_out, hint: FitHint | None = None):
    """The most generous rung on which a standard leaflet fits one sheet, with the notes space if it fits too.

    Returns (layout, fit, notes_space, lines_over): lines_over is how many
    lines the tightest rung leaves beyond one sheet when no rung fits (0
    otherwise); such a leaflet is printed roomy, with the notes space, on two
    sheets. Other variants take the pages they need.

    Generous type comes before the notes space: the rung is the most generous
    one on which the text alone fits, found by halving the rungs left with
    each layout, the middle rung first; the notes space is added on that rung
    when it fits too. The hint (the decision of the last print) makes a
    forced rebuild of an unchanged target one layout, and a rebuild after a
    small change two or three: the rung it names and the one above, then the
    notes space.
    """
    if not target.one_sheet:
        return lay_out(ROOMY, True), ROOMY, True, 0
    search = _Search(lay_out)
    if hint and hint.fit in {fit.name for fit in LADDER}:
        if hint.same_inputs and not hint.fitted:  # the same inputs lay out the same
            return search.layout(0, True), ROOMY, True, hint.lines_over
        rung = LADDER.index(get_fit(hint.fit))
        if hint.same_inputs and search.fits(rung, hint.notes_space):
            return search.found(rung, hint.notes_space)
        if not hint.same_inputs and search.fits(rung, False) and (rung == 0 or not search.fits(rung - 1, False)):
            return search.with_notes_if_they_fit(rung)
    return search.run()


class _Search:
    """Layouts of a leaflet on the rungs of the ladder, with and without the notes space, each made at most once."""

    def __init__(self, lay_out):
        self.lay_out = lay_out
        self.made: dict[tuple[int, bool], object] = {}

    def layout(self, rung: int, notes_space: bool):
        if (rung, notes_space) not in self.made:
            self.made[rung, notes_space] = self.lay_out(LADDER[rung], notes_space)
        return self.made[rung, notes_space]

    def fits(self, rung: int, notes_space: bool) -> bool:
        return self.layout(rung, notes_space).pages <= STANDARD_PAGES

    def found(self, rung: int, notes_space: bool):
        return self.layout(rung, notes_space), LADDER[rung], notes_space, 0

    def run(self):
        # The middle rung first: one layout there tells which half of the ladder to search. A leaflet
        # that fits it is tried on the roomy rung with the notes space next, as a short one fits there.
        middle = len(LADDER) // 2
        if self.fits(middle, False):
            if self.fits(0, True):
                return self.found(0, True)
            text_runs_over = self.layout(0, True).page_has_tag(-1, "main")  # then it does without the notes too
            if not text_runs_over and self.fits(0, False):
                return self.found(0, False)
            low, high = 0, middle
        else:
            low, high = middle, len(LADDER)
        # Halving: the text alone runs over on rung `low`; it fits on rung `high`, if any.
        while high - low > 1:
            rung = (low + high) // 2
            if self.fits(rung, False):
                high = rung
            else:
                low = rung
        if high == len(LADDER):
            lines_over = self.layout(len(LADDER) - 1, False).lines_beyond(STANDARD_PAGES)
            return self.layout(0, True), ROOMY, True, lines_over
        return self.with_notes_if_they_fit(high)

    def with_notes_if_they_fit(self, rung: int):
        """The rung found, with the notes space when it fits there too."""
        # The notes space goes below the text on the last page: with less room there than its ruled
        # lines alone take, it cannot fit, and trying would only cost a layout.
        if self.layout(rung, False).room_below("main") < NOTES_LINES_MM:
            return self.found(rung, False)
        return self.found(rung, self.fits(rung, True))


def _thumbnail(pdf: bytes, png: Path) -> None:
    """First page as a small PNG for the index page and the contact sheet, rendered in this process."""
    import io

    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        image = page.render(scale=THUMBNAIL_WIDTH / page.get_width()).to_pil()
    finally:
        document.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=6)  # optimize=True encodes twice as slowly for a few bytes
    png.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(png, buffer.getvalue())


def warm_up() -> None:
    """Import the heavy libraries once per worker process, and leave Ctrl-C to the main process.

    A worker that took the interrupt itself could be stopped inside the
    interpreter's own clean-up and print a traceback; the main process
    cancels what has not started, and each worker finishes (atomically)
    the one target it is printing.
    """
    import signal

    import angio_print.printing.pdf  # noqa: F401  (imports WeasyPrint before the first target)

    signal.signal(signal.SIGINT, signal.SIG_IGN)
