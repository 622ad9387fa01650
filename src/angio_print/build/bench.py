"""`angio-print bench`: build-speed figures, printed in one run."""

from __future__ import annotations

import resource
import tempfile
import time
from pathlib import Path

from angio_print.i18n import catalogs
from angio_print.build.pipeline import BuildOptions, build
from angio_print.model.project import Project
from angio_print.model.languages import SOURCE_LANGUAGE, get_language
from angio_print.printing.pdf import Printer, bare_renders
from angio_print.build.plan import plan
from angio_print.build.worker import Job, render_html


def _floor(project: Project, targets) -> float:
    """The same HTML and pinned fonts printed by bare WeasyPrint in one warm process."""
    printer = Printer(project.root, project.assets_dir)
    documents = [(render_html(Job(project.root, target, Path("."), None, ("bench",))),
                  [f for lang in target.langs for f in get_language(lang).font_families]) for target in targets]
    renders = bare_renders(printer, documents)
    started = time.perf_counter()
    for render in renders:
        render()
    return time.perf_counter() - started


def run_benchmark(project: Project, scratch: Path | None) -> int:
    """Build figures against the bare-WeasyPrint floor.

    The floor is measured before and after the builds and averaged, so that
    drift in machine speed during the run does not favour either side; one
    untimed page per language first loads every font for both.
    """
    langs = [SOURCE_LANGUAGE, *catalogs.catalog_languages(project)]
    papers, variants = project.default_papers, project.default_variants
    targets = plan(["angioleiomyoma"], langs, papers, variants)
    _floor(project, plan(["angioleiomyoma"], langs, papers[:1], ("standard",)))  # warm-up, not timed
    floor_before = _floor(project, targets)
    with tempfile.TemporaryDirectory() as temporary:
        root = scratch or Path(temporary)
        options = dict(langs=langs, papers=papers, variants=variants, quiet=True)
        one = build(project, BuildOptions(out=root / "jobs1", jobs=1, force=True, **options))
        two = build(project, BuildOptions(out=root / "jobs2", jobs=2, force=True, **options))
        noop = build(project, BuildOptions(out=root / "jobs2", jobs=2, **options))
    floor_after = _floor(project, targets)
    floor = (floor_before + floor_after) / 2
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    count = one.printed
    print(f"targets                     {count}")
    print(f"full build, --jobs 1        {one.seconds:7.2f} s  ({count / one.seconds:.1f} targets/s)")
    print(f"full build, --jobs 2        {two.seconds:7.2f} s  ({count / two.seconds:.1f} targets/s)")
    print(f"bare WeasyPrint floor       {floor:7.2f} s  (same HTML, one warm process; "
          f"{floor_before:.2f} s before the builds, {floor_after:.2f} s after)")
    print(f"build / floor (--jobs 1)    {one.seconds / floor:7.2f} x   goal <= 1.15")
    print(f"parallel speedup 1 -> 2     {one.seconds / two.seconds:7.2f} x   goal >= 1.7")
    print(f"no-op rebuild               {noop.seconds:7.2f} s  ({100 * noop.seconds / two.seconds:.1f}% of full, goal < 5%)")
    print(f"peak memory                 {peak_self:7.0f} MiB main, {peak_children:.0f} MiB largest worker")
    return 0
