"""The build: gather and check inputs, decide what is stale, print, then write the index.

Reads like its steps: plan targets, hold back the (leaflet, language) pairs
with errors, skip targets whose inputs are unchanged, print the rest in warm
workers, keep the earlier targets still current on disk, write the manifest,
the contact sheets and the index page.
"""

from __future__ import annotations

import functools
import gc
import json
import multiprocessing
import os
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from angio_print.i18n import catalogs
from angio_print.atomic import remove_orphans, write_atomic
from angio_print.checks.catalog import check_catalog
from angio_print.checks.registry import stops_build
from angio_print.checks.source import check_source
from angio_print.model.project import Project
from angio_print.model.leaflet_file import load_library
from angio_print.findings import UserError, display_path
from angio_print.printing.fonts import FontLock, FontsError
from angio_print.build.cache import BuildCache, GateCache
from angio_print.build.fingerprint import InputHasher
from angio_print.build.fitting_record import FittingRecords
from angio_print.model.languages import SOURCE_LANGUAGE, get_language
from angio_print.build.manifest import describe, language_record
from angio_print.i18n.migrate import needs_migration
from angio_print.render.outputs import write_outputs
from angio_print.build.progress import Progress
from angio_print.model.clinic import DEFAULT_NAME, load_clinic
from angio_print.build.plan import Target, plan, shard
from angio_print.render.fitting import STANDARD_PAGES
from angio_print.build.worker import Job, Result, print_target, warm_up

CACHE_DIR = ".angio-cache"


@dataclass(frozen=True)
class BuildOptions:
    out: Path
    langs: list[str] | None
    papers: tuple[str, ...]
    variants: tuple[str, ...]
    clinic: Path | None = None
    jobs: int | None = None
    force: bool = False
    quiet: bool = False
    leaflets: list[str] | None = None  # --leaflet NAME; None: every leaflet
    shard: tuple[int, int] | None = None  # --shard K/N: build the K-th of N shares of the targets
    fitting_records: bool = True  # read leaflet/NAME.fitting.json (off: fit every target from scratch)
    save_fitting: bool = False  # --save-fitting: write the decisions made into it (a build never changes inputs otherwise)


@dataclass(frozen=True)
class BuildSummary:
    exit_code: int
    printed: int
    skipped: int
    failed: int
    blocked: tuple[tuple[str, str], ...]  # (leaflet, language) pairs not printed
    seconds: float


def run_build(project: Project, options: BuildOptions) -> int:
    return build(project, options).exit_code


def build(project: Project, options: BuildOptions) -> BuildSummary:
    started = time.perf_counter()
    say = (lambda *a: None) if options.quiet else (lambda *a: print(*a, file=sys.stderr))
    chosen = catalogs.choose_leaflets(project, options.leaflets)
    library, source_problems, clinic_path = _preflight(project, options)
    out = prepare_output(project, options.out)
    available = [SOURCE_LANGUAGE, *catalogs.catalog_languages(project)]
    wanted = options.langs or available
    missing = [lang for lang in wanted if lang not in available]
    if missing:
        raise UserError.single("locales", None, f"no catalog for {', '.join(missing)}: create one with `angio-print init LANG`")

    leaflets = {leaflet.id: leaflet for leaflet in library if leaflet.id in chosen}
    unknown = [] if options.langs else catalogs.unknown_catalogs(project)
    hasher = InputHasher(project, clinic_path)
    cache = BuildCache(out / CACHE_DIR)
    blocked = _blocked_pairs(project, chosen, leaflets, source_problems, wanted, unknown, GateCache(hasher, cache))
    targets = [t for t in plan(sorted(leaflets), wanted, options.papers, options.variants)
               if (t.leaflet, t.lang) not in blocked]
    if options.shard:
        targets = shard(targets, *options.shard)

    records = FittingRecords(project.leaflet_dir, writable=options.save_fitting) if options.fitting_records else None
    results, jobs_to_run = _reuse_or_plan(project, targets, hasher, cache, records, out, clinic_path, options.force)
    skipped = len(results)

    def while_printing() -> None:  # the manifest's per-language records, worked out while the workers print
        for name, lang in sorted({(job.target.leaflet, job.target.lang) for job, _ in jobs_to_run}):
            language_record(project, leaflets[name], lang, hasher, cache)

    failures = _print_all(jobs_to_run, options, out, cache, results, say, while_printing)
    if records:
        _save_fitting(records, list(results.values()), options.save_fitting, say)

    printed_now = set(results)
    results.update(_still_current(out, results, cache, hasher, {l.id for l in library}, available))
    _write_manifest_and_index(project, out, library, results, hasher, cache, bool(jobs_to_run))

    seconds = time.perf_counter() - started
    printed = len(jobs_to_run) - failures
    kept = len(results) - len(printed_now)
    say(f"angio-print: {printed} printed, {skipped} unchanged, {failures} failed, "
        f"{len(blocked)} leaflet/language pair(s) not printed" + (f", {kept} kept from earlier builds" if kept else "")
        + f"; {seconds:.1f} s → {display_path(out)}")
    for line in _not_printed(blocked):
        say(line)
    code = 1 if failures or blocked else 0
    return BuildSummary(code, printed, skipped, failures, tuple(sorted(blocked)), seconds)


def _preflight(project: Project, options: BuildOptions):
    """What stops a whole build before anything is printed: the library, the catalog layout, settings, fonts."""
    try:
        library, source_problems = load_library(project.leaflet_dir)
    except UserError as error:
        raise UserError(error.findings, exit_code=1) from None
    stale_layout = needs_migration(project)
    if stale_layout:
        raise UserError.single(display_path(stale_layout[0]), None, "catalogs are still one for every leaflet: "
                               "run `angio-print migrate` (nothing is lost) and commit the result")
    clinic_path = options.clinic or (project.root / DEFAULT_NAME if (project.root / DEFAULT_NAME).exists() else None)
    if clinic_path:
        load_clinic(clinic_path)
    try:
        FontLock.load(project.root).installed()
    except FontsError as error:
        raise UserError.single(display_path(error.path), None, error.message) from None
    return library, source_problems, clinic_path


def _save_fitting(records: FittingRecords, results: list[Result], asked: bool, say) -> None:
    """With --save-fitting, every standard target's decision into its leaflet's record; without, how many are missing.

    A damaged record is named either way.
    """
    for path in records.unreadable:
        action = "it is written anew (commit the new one)" if asked else \
            "run `angio-print build --save-fitting` to write it anew"
        say(f"angio-print: {display_path(path)}: warning: not a fitting record this build can read; it only "
            f"saves layouts: {action}")
    if not asked:
        anew = sum(result.fitted_anew for result in results)  # only targets printed now were fitted
        if anew:
            say(f"angio-print: {anew} standard leaflet(s) fitted anew, their fitting record being out of date: "
                "`angio-print build --save-fitting` records them, so that a fresh clone lays each out once")
        return
    try:
        written = records.update(results)
    except UserError as error:  # the PDFs are printed: the manifest and index still follow
        say(f"angio-print: warning: fitting record not saved: {error}")
        return
    for path in written:
        say(f"angio-print: fitting decisions saved to {display_path(path)}: commit it with the leaflet")


def _reuse_or_plan(project, targets, hasher, cache, records, out, clinic_path, force: bool):
    """The cached result of each unchanged target, and a job (with its key) for each of the others.

    Each job carries the fitting decisions made for its target before: the
    build cache's, then the leaflet's fitting record.
    """
    results: dict[Target, Result] = {}
    jobs: list[tuple[Job, str]] = []
    for target in targets:
        key = hasher.target_key(target)
        cached = None if force else cache.get(target, key, out)
        if cached:
            results[target] = cached
            continue
        hints = (cache.fit_hint(target), records.hint(target) if records else None) if target.one_sheet else ()
        job = Job(project.root, target, out, clinic_path, hasher.stamp, hasher.layout_inputs,
                  tuple(hint for hint in hints if hint))
        jobs.append((job, key))
    return results, jobs


def _print_all(jobs: list[tuple[Job, str]], options: BuildOptions, out: Path, cache, results: dict, say,
               while_printing=None) -> int:
    """Print every job, cache each result, say each warning; returns the number that failed."""
    progress = Progress(len(jobs), enabled=not options.quiet)
    keys = dict(jobs)
    failures = 0
    for job, result in _run(jobs, options.jobs, progress, while_printing):
        if result.error:
            failures += 1
            (out / job.target.filename).unlink(missing_ok=True)
            say(f"angio-print: {job.target.filename}: error: {result.error}")
            continue
        results[job.target] = result
        cache.put(job.target, keys[job], result)
        for warning in result.warnings:
            say(f"angio-print: {job.target.filename}: warning: {warning}")
        if job.target.one_sheet and result.pages > STANDARD_PAGES:
            say(f"angio-print: {job.target.filename}: warning: {result.lines_over} line(s) too long for one sheet even "
                f"at the tightest fit, so printed on {result.pages} pages: shorten the source text or the "
                f"{job.target.lang} translation")
    progress.close()
    return failures


def _write_manifest_and_index(project, out: Path, library, results, hasher, cache, printed_any: bool) -> None:
    """The manifest, contact sheet and index, rewritten only when something changed."""
    manifest = describe(project, {leaflet.id: leaflet for leaflet in library}, results, hasher, cache)
    data = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode()
    previous = out / "manifest.json"
    if printed_any or not previous.exists() or previous.read_bytes() != data or not (out / "index.html").exists():
        write_atomic(previous, data)
        write_outputs(project, out, manifest, sorted(results))


def _not_printed(blocked: dict) -> list[str]:
    """Per leaflet, which languages were not printed and why (the first error; a source error once)."""
    lines = []
    for name in sorted({name for name, _ in blocked}):
        pairs = sorted(((lang, errors) for (leaflet, lang), errors in blocked.items() if leaflet == name),
                       key=lambda pair: pair[0])
        lines.append(f"angio-print: not printed: {name}: {', '.join(lang for lang, _ in pairs)}")
        if len(pairs) > 1 and all(errors is pairs[0][1] for _, errors in pairs):  # its source holds back every language
            errors = pairs[0][1]
            lines.append(f"angio-print:   {name}: {len(errors)} error(s), first: {errors[0].format()}")
        else:
            for lang, errors in pairs:
                lines.append(f"angio-print:   {name}/{lang}: {len(errors)} error(s), first: {errors[0].format()}")
        lines.append(f"angio-print:   run `angio-print check --leaflet {name}` for the full list")
    return lines


def _still_current(out: Path, results: dict, cache, hasher, library: set[str], languages: list[str]) -> dict:
    """Targets of an earlier build, not in this one, whose PDF on disk is still what their inputs make now."""
    kept = {}
    try:
        earlier = json.loads((out / "manifest.json").read_text(encoding="utf-8")).get("artifacts", [])
    except (OSError, ValueError, AttributeError):
        return kept
    for artifact in earlier:
        try:
            target = Target(artifact["leaflet"], artifact["lang"], artifact["paper"], artifact["variant"])
            target.filename  # noqa: B018 - a paper or variant no longer known is dropped
        except (KeyError, TypeError):
            continue
        if target in results or target.leaflet not in library or target.lang not in languages:
            continue
        cached = cache.get(target, hasher.target_key(target), out)
        if cached:
            kept[target] = cached
    return kept


def prepare_output(project: Project, out: Path) -> Path:
    """Check the output folder is a safe place to write, make it, and clear our own leftovers."""
    shown = display_path(out)
    real = out.resolve()
    inputs = (project.leaflet_dir, project.locales_dir, project.templates_dir)
    if real == Path.home().resolve() or real == project.root or project.root.is_relative_to(real) \
            or any(real.is_relative_to(folder.resolve()) for folder in inputs):
        raise UserError.single(shown, None, "refusing to write here: the output folder must not be /, the home folder, "
                               "the project folder or one of its leaflet/, locales/ or templates/ folders; "
                               "use a folder of its own, like --out dist")
    cache = out / CACHE_DIR
    try:
        for folder in (out, cache):
            folder.mkdir(parents=True, exist_ok=True)
            probe = folder / f".write-test-{os.getpid()}"
            probe.write_bytes(b"")
            probe.unlink()
    except (FileExistsError, NotADirectoryError):
        raise UserError.single(display_path(folder), None, "is a file where the build needs a folder: "
                               "move the file away or choose another output folder with --out") from None
    except OSError as error:
        raise UserError.single(display_path(folder), None, f"cannot write to this folder: {error.strerror}; "
                               "make it writable or choose another output folder with --out") from None
    remove_orphans(out, cache, out / "thumbnails")  # left by a killed worker; a build running now keeps its own
    return out


def _blocked_pairs(project, chosen, leaflets, source_problems, langs, unknown: list, gate: "GateCache") -> dict:
    """(leaflet, language) pairs with errors are not printed; every other pair still is.

    A leaflet's source errors hold back that leaflet; its catalog's errors, that
    leaflet in that language; the tool's own catalog's errors, that language.
    The errors of a pair whose inputs have not changed come from the cache.
    """
    blocked: dict[tuple[str, str], list] = {(name, f.lang): [f] for f in unknown for name in chosen}
    template = functools.cache(lambda domain: catalogs.build_template(project, domain))
    tool_errors = functools.cache(lambda lang: _errors(check_catalog(project, lang, catalogs.TOOL_DOMAIN,
                                                                     template(catalogs.TOOL_DOMAIN))))
    for name in chosen:
        source = source_problems.get(name) or _errors(check_source(project, leaflets[name]))
        for lang in langs:
            if source:
                errors = source
            elif lang == SOURCE_LANGUAGE:
                errors = []
            else:
                errors = gate.errors(name, lang, lambda: tool_errors(lang) + _errors(
                    check_catalog(project, lang, name, template(name))))
            if errors:
                blocked[(name, lang)] = errors
    return blocked


def _errors(findings: list) -> list:
    """The findings that hold a leaflet's build back, as the check registry declares."""
    return [f for f in findings if stops_build(f)]


def _run(jobs: list[tuple[Job, str]], workers: int | None, progress: Progress, while_printing=None):
    """Print the jobs, yielding each result as it comes; with workers, run `while_printing` in this process meanwhile."""
    workers = max(1, workers or os.cpu_count() or 1)
    if workers == 1 or len(jobs) <= 1:
        for job, _ in jobs:
            result = _safe_print(job)
            progress.step(job.target.filename)
            yield job, result
        return
    context = multiprocessing.get_context("fork")
    gc.freeze()  # forked workers then share the parent's objects instead of copying them on first touch
    # Longest first (multi-page variants, then scripts with many glyphs) so that both workers finish together.
    ordered = sorted(jobs, key=lambda pair: (pair[0].target.one_sheet, get_language(pair[0].target.lang).spaces))
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context, initializer=warm_up) as pool:
        futures = {pool.submit(_safe_print, job): job for job, _ in ordered}
        # Started once every worker is forked: a fork never copies this thread's half-held locks.
        side = threading.Thread(target=_quietly, args=(while_printing,), daemon=True) if while_printing else None
        if side:
            side.start()
        try:
            for future in as_completed(futures):
                job = futures[future]
                try:
                    result = future.result()
                except BrokenProcessPool:
                    result = Result(job.target, error="a worker process stopped; run the build again")
                progress.step(job.target.filename)
                yield job, result
        except KeyboardInterrupt:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        if side:
            side.join()


def _quietly(work) -> None:
    """Side work whose result the build would otherwise work out itself: its failure only costs that time."""
    try:
        work()
    except Exception:  # noqa: BLE001 - the manifest step meets the same problem and reports it
        pass


def _safe_print(job: Job) -> Result:
    try:
        return print_target(job)
    except UserError as error:
        return Result(job.target, error=str(error))
    except OSError as error:  # the thumbnail, or the disk filling up between files
        return Result(job.target, error=f"cannot write {error.filename or job.out}: {error.strerror}; "
                                        "free some disk space or choose another output folder with --out")
