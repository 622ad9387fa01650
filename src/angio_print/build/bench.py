"""`angio-print bench`: build-speed figures, printed in one run."""

from __future__ import annotations

import functools
import json
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from angio_print.findings import UserError
from angio_print.i18n import catalogs
from angio_print.build.pipeline import BuildOptions, build
from angio_print.checks.report import gather
from angio_print.model.project import Project
from angio_print.model.languages import SOURCE_LANGUAGE
from angio_print.i18n.pofile import forget_shared
from angio_print.printing.fonts import forget_installed
from angio_print.printing.pdf import Printer, bare_renders
from angio_print.printing.weasyprint_internals import bare_weasyprint
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


@dataclass(frozen=True)
class Floor:
    """Seconds to print a build's HTML once per target in one warm process: by WeasyPrint as released, and with
    the build's layout fixes (printing/weasyprint_internals.py), the layout a build itself pays for."""
    bare: float
    fixed: float


def _floor(project: Project, targets, built: Path | None = None) -> Floor:
    """The HTML a build printed (or the roomy HTML, before any build), printed by WeasyPrint in one warm process."""
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8")) if built else {"artifacts": []}
    artifacts = {artifact["path"]: artifact for artifact in manifest["artifacts"]}
    printer = Printer(project.root, project.assets_dir)
    renders = bare_renders(printer, [_printed(project, t, artifacts.get(t.filename, {})) for t in targets])
    _seconds(renders)  # untimed: whichever floor came first would otherwise pay for warming up
    with bare_weasyprint():
        bare = _seconds(renders)
    return Floor(bare=bare, fixed=_seconds(renders))


def _seconds(renders) -> float:
    started = time.perf_counter()
    for render in renders:
        render()
    return time.perf_counter() - started


def _timed_check(project: Project, langs: list[str]) -> float:
    started = time.perf_counter()
    gather(project, langs)
    return time.perf_counter() - started


# Each timed build: (name, label, output folder, jobs, whether it reads the leaflets' fitting records).
# Every build is forced; the output folders' build caches are what tell a forced rebuild from a first build.
BUILDS = (
    ("cold", "no fitting record, --jobs 1", "cold1", 1, False),  # every rung found from scratch
    ("forced", "forced rebuild, --jobs 1", "cold1", 1, False),  # decisions from the build cache
    ("fresh", "fresh clone, --jobs 1", "fresh1", 1, True),  # decisions from leaflet/NAME.fitting.json only
    ("fresh2", "fresh clone, --jobs 2", "fresh2", 2, True),
    ("cold2", "no fitting record, --jobs 2", "cold2", 2, False),
)


def _as_if_started() -> None:
    """Forget what this process has loaded and parsed (modules stay imported), as a new `angio-print build` would.

    Each timed build then pays for its own catalogs, fonts check, printer
    and dictionaries, and its forked workers inherit only what it loaded.
    """
    for name, module in list(sys.modules.items()):
        if name.startswith("angio_print"):
            for value in vars(module).values():
                if isinstance(value, functools._lru_cache_wrapper):
                    value.cache_clear()
    forget_shared()
    forget_installed()


def _builds(project: Project, root: Path, langs, papers, variants) -> dict:
    """Every build in BUILDS, in order, with the layouts made per target on one job."""
    runs = {}
    for name, _, folder, jobs, records in BUILDS:
        _as_if_started()
        before = Printer.layouts_made
        runs[name] = build(project, BuildOptions(out=root / folder, jobs=jobs, force=True, fitting_records=records,
                                                 langs=langs, papers=papers, variants=variants, quiet=True))
        runs[f"{name}_layouts"] = (Printer.layouts_made - before) / max(runs[name].printed, 1)
    return runs


def _report(title: str, runs: dict, floor: Floor) -> None:
    labels = {name: label for name, label, *_ in BUILDS}
    print(f"{title}: {runs['cold'].printed} targets; bare WeasyPrint floor {floor.bare:.2f} s (same HTML, one warm "
          f"process); {floor.fixed:.2f} s with the build's column fixes")
    for name in ("fresh", "forced", "cold"):
        seconds = runs[name].seconds
        print(f"  {labels[name]:<30}{seconds:7.2f} s  {seconds / floor.bare:5.2f} x floor  "
              f"({seconds / floor.fixed:.2f} x fixed floor, {runs[f'{name}_layouts']:.2f} layouts per target)"
              "   goal <= 1.15 x floor")
    for two, one in (("fresh2", "fresh"), ("cold2", "cold")):
        print(f"  {labels[two]:<30}{runs[two].seconds:7.2f} s  "
              f"{runs[one].seconds / runs[two].seconds:5.2f} x faster than --jobs 1        goal >= 1.8 x")


def _command_seconds(project: Project, leaflet: str, paper: str, out: Path, jobs: int = 2) -> float:
    """Wall time of `angio-print build` in a new process, as a clinic runs it (the peer's runs are processes too)."""
    command = [sys.executable, "-m", "angio_print", "build", "--leaflet", leaflet, "--paper", paper,
               "--variant", "standard", "--jobs", str(jobs), "--out", str(out)]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=project.root, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise UserError.single("bench", None, f"`{' '.join(command[1:])}` failed: {done.stderr.strip()[-400:]}")
    return seconds


def _report_peer(leaflet: str, count: int, peer_seconds: float, command_seconds: float, runs: dict) -> None:
    print(f"Sphinx + sphinx-intl + sphinx-simplepdf, {leaflet}, {count} languages, two at a time: {peer_seconds:.2f} s")
    print(f"  {'angio-print build --jobs 2, a new process, fresh clone':<56}{command_seconds:7.2f} s  "
          f"{peer_seconds / command_seconds:5.2f} x faster   goal >= 6 x")
    print(f"  {'the same build in this process, no fitting record':<56}{runs['cold2'].seconds:7.2f} s  "
          f"{peer_seconds / runs['cold2'].seconds:5.2f} x faster")


def run_benchmark(project: Project, scratch: Path | None, peer_python: Path | None = None) -> int:
    """Build figures against the bare-WeasyPrint floor, for the A4 standard leaflets and for the full build.

    Each floor prints the very HTML its first build printed (the rung, notes
    space and column balance the build chose), once per target; one untimed
    page per language first loads every font. A build with no fitting record
    climbs the fitting ladder; a forced rebuild reuses the decisions cached
    with each target's inputs; a fresh clone has no build cache but the
    leaflets' committed fitting records (1.00 layouts per target while they
    are current). With `peer_python`, the Sphinx pipeline
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
        floor_standard = _floor(project, standard, root / "standard" / "cold1")
        runs_full = _builds(project, root / "full", langs, papers, variants)
        _as_if_started()
        noop = build(project, BuildOptions(out=root / "full" / "fresh2", jobs=2, langs=langs, papers=papers,
                                           variants=variants, quiet=True))
        floor_full = _floor(project, everything, root / "full" / "cold1")
        _as_if_started()
        check_seconds = _timed_check(project, langs)
        peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # before the peer's processes
        peer_seconds = time_peer(project, peer_python, leaflet, langs, root / "peer") if peer_python else None
        command_seconds = _command_seconds(project, leaflet, papers[0], root / "command") if peer_python else None
    _report(f"{papers[0].upper()} standard leaflets, {leaflet}", runs_standard, floor_standard)
    _report("full build", runs_full, floor_full)
    if peer_seconds is not None:
        _report_peer(leaflet, len(langs), peer_seconds, command_seconds, runs_standard)
    print(f"no-op rebuild               {noop.seconds:7.2f} s  ({100 * noop.seconds / runs_full['fresh2'].seconds:.1f}% "
          "of a full build on 2 jobs; goal < 5%)")
    print(f"check, {len(langs)} languages        {check_seconds:7.2f} s  (goal < 1 s)")
    print(f"peak memory                 {peak_self:7.0f} MiB main process, {peak_children:.0f} MiB largest worker")
    return 0
