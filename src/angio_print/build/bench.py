"""`angio-print bench`: build-speed figures, printed in one run."""

from __future__ import annotations

import json
import resource
import tempfile
import time
from pathlib import Path

from angio_print.i18n import catalogs
from angio_print.build.pipeline import BuildOptions, build
from angio_print.checks.report import gather
from angio_print.model.project import Project
from angio_print.model.languages import SOURCE_LANGUAGE
from angio_print.printing.pdf import Printer, bare_renders
from angio_print.build.peer import time_peer
from angio_print.build.plan import plan
from angio_print.build.worker import Job, balanced, render_html
from angio_print.render.fitting import ROOMY, get_fit


def _printed(project: Project, target, artifact: dict) -> tuple[str, list[str]]:
    """The exact HTML a build printed for `target` (its fitting rung, notes space, balance) and its font families."""
    fit = get_fit(artifact.get("fit") or ROOMY.name)
    html = render_html(Job(project.root, target, Path("."), None, ("bench",)), artifact.get("notes_space", True), fit,
                       balanced=balanced(target, artifact.get("pages", 0)))
    return html, fit.families_of(target.langs)


def _floor(project: Project, targets, built: Path | None = None) -> float:
    """The HTML a build printed (or the roomy HTML, before any build), printed by bare WeasyPrint in one warm process."""
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8")) if built else {"artifacts": []}
    artifacts = {artifact["path"]: artifact for artifact in manifest["artifacts"]}
    printer = Printer(project.root, project.assets_dir)
    renders = bare_renders(printer, [_printed(project, t, artifacts.get(t.filename, {})) for t in targets])
    started = time.perf_counter()
    for render in renders:
        render()
    return time.perf_counter() - started


def _timed_check(project: Project, langs: list[str]) -> float:
    started = time.perf_counter()
    gather(project, langs)
    return time.perf_counter() - started


def _builds(project: Project, root: Path, langs, papers, variants) -> dict:
    """A cold build on one job, the forced rebuild on one job (decisions cached), a cold build on two jobs."""
    options = dict(langs=langs, papers=papers, variants=variants, quiet=True)
    before = Printer.layouts_made
    cold = build(project, BuildOptions(out=root / "jobs1", jobs=1, force=True, **options))
    cold_layouts = Printer.layouts_made - before
    before = Printer.layouts_made
    forced = build(project, BuildOptions(out=root / "jobs1", jobs=1, force=True, **options))
    forced_layouts = Printer.layouts_made - before
    two = build(project, BuildOptions(out=root / "jobs2", jobs=2, force=True, **options))
    return dict(cold=cold, forced=forced, two=two, cold_layouts=cold_layouts, forced_layouts=forced_layouts)


def _report(title: str, runs: dict, floor: float) -> None:
    count = runs["cold"].printed
    print(f"{title}: {count} targets; bare WeasyPrint floor {floor:.2f} s (same HTML, one warm process)")
    for name, label in (("cold", "first build, --jobs 1"), ("forced", "forced rebuild, --jobs 1")):
        layouts = runs[f"{name}_layouts"] / max(count, 1)
        print(f"  {label:<26}{runs[name].seconds:7.2f} s  {runs[name].seconds / floor:5.2f} x floor  "
              f"({layouts:.2f} layouts per target)   goal <= 1.15 x")
    print(f"  {'first build, --jobs 2':<26}{runs['two'].seconds:7.2f} s  "
          f"{runs['cold'].seconds / runs['two'].seconds:5.2f} x faster than --jobs 1        goal >= 1.8 x")


def _report_peer(leaflet: str, count: int, peer_seconds: float, ours: float) -> None:
    print(f"Sphinx + sphinx-intl + sphinx-simplepdf, {leaflet}, {count} languages, two at a time: {peer_seconds:.2f} s")
    print(f"  angio-print first build, --jobs 2 {ours:7.2f} s  {peer_seconds / ours:5.2f} x faster"
          "                     goal >= 6 x")


def run_benchmark(project: Project, scratch: Path | None, peer_python: Path | None = None) -> int:
    """Build figures against the bare-WeasyPrint floor, for the A4 standard leaflets and for the full build.

    Each floor prints the very HTML its first build printed (the rung, notes
    space and column balance the build chose), once per target; one untimed
    page per language first loads every font. A first
    build climbs the fitting ladder; a forced rebuild reuses the decisions
    cached with each target's inputs. With `peer_python`, the Sphinx pipeline
    prints the same leaflet in every language (build/peer.py).
    """
    langs = [SOURCE_LANGUAGE, *catalogs.catalog_languages(project)]
    papers, variants = project.default_papers, project.default_variants
    leaflet = catalogs.leaflet_ids(project)[0]
    standard = plan([leaflet], langs, papers[:1], ("standard",))
    everything = plan(catalogs.leaflet_ids(project), langs, papers, variants)
    _floor(project, standard)  # warm-up, not timed
    with tempfile.TemporaryDirectory() as temporary:
        root = scratch or Path(temporary)
        runs_standard = _builds(project, root / "standard", langs, papers[:1], ("standard",))
        floor_standard = _floor(project, standard, root / "standard" / "jobs1")
        runs_full = _builds(project, root / "full", langs, papers, variants)
        noop = build(project, BuildOptions(out=root / "full" / "jobs2", jobs=2, langs=langs, papers=papers,
                                           variants=variants, quiet=True))
        floor_full = _floor(project, everything, root / "full" / "jobs1")
        check_seconds = _timed_check(project, langs)
        peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # before the peer's processes
        peer_seconds = time_peer(project, peer_python, leaflet, langs, root / "peer") if peer_python else None
    _report(f"{papers[0].upper()} standard leaflets, {leaflet}", runs_standard, floor_standard)
    _report("full build", runs_full, floor_full)
    if peer_seconds is not None:
        _report_peer(leaflet, len(langs), peer_seconds, runs_standard["two"].seconds)
    print(f"no-op rebuild               {noop.seconds:7.2f} s  ({100 * noop.seconds / runs_full['two'].seconds:.1f}% "
          "of a full build on 2 jobs; goal < 5%)")
    print(f"check, {len(langs)} languages        {check_seconds:7.2f} s  (goal < 1 s)")
    print(f"peak memory                 {peak_self:7.0f} MiB main process, {peak_children:.0f} MiB largest worker")
    return 0
