"""`angio-print bench`: build-speed figures, printed in one run."""

from __future__ import annotations

import resource
import tempfile
import time
from pathlib import Path

from angio_print import catalogs
from angio_print.build import BuildOptions, build
from angio_print.config import Project
from angio_print.languages import SOURCE_LANGUAGE
from angio_print.targets import plan
from angio_print.worker import Job, render_html


def _floor(project: Project, targets) -> float:
    """The same HTML printed by bare WeasyPrint in one warm process."""
    import weasyprint

    pages = [render_html(Job(project.root, target, Path("."), None, ("bench",))) for target in targets]
    base = project.assets_dir.resolve().as_uri() + "/"
    started = time.perf_counter()
    for html in pages:
        weasyprint.HTML(string=html, base_url=base).write_pdf(pdf_variant="pdf/ua-1")
    return time.perf_counter() - started


def run_benchmark(project: Project, scratch: Path | None) -> int:
    langs = [SOURCE_LANGUAGE, *catalogs.catalog_languages(project)]
    with tempfile.TemporaryDirectory() as temporary:
        root = scratch or Path(temporary)
        options = dict(langs=langs, papers=project.default_papers, variants=project.default_variants, quiet=True)
        one = build(project, BuildOptions(out=root / "jobs1", jobs=1, force=True, **options))
        two = build(project, BuildOptions(out=root / "jobs2", jobs=2, force=True, **options))
        noop = build(project, BuildOptions(out=root / "jobs2", jobs=2, **options))
        targets = plan(["angioleiomyoma"], [l for l in langs if l not in one.blocked],
                       project.default_papers, project.default_variants)
        floor = _floor(project, targets)
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    count = one.printed
    print(f"targets                     {count}")
    print(f"full build, --jobs 1        {one.seconds:7.2f} s  ({count / one.seconds:.1f} targets/s)")
    print(f"full build, --jobs 2        {two.seconds:7.2f} s  ({count / two.seconds:.1f} targets/s)")
    print(f"bare WeasyPrint floor       {floor:7.2f} s  (same HTML, one warm process)")
    print(f"build / floor (--jobs 1)    {one.seconds / floor:7.2f} x   goal <= 1.15")
    print(f"parallel speedup 1 -> 2     {one.seconds / two.seconds:7.2f} x   goal >= 1.7")
    print(f"no-op rebuild               {noop.seconds:7.2f} s  ({100 * noop.seconds / two.seconds:.1f}% of full, goal < 5%)")
    print(f"peak memory                 {peak_self:7.0f} MiB main, {peak_children:.0f} MiB largest worker")
    return 0
