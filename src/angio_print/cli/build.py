"""`angio-print build`: print the leaflets to PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

from angio_print.cli.common import language_codes, lang_option, leaflet_option, out_option, project
from angio_print.model.formats import PAPERS, VARIANTS

HELP = "print the leaflets to PDF"


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of workers: give a whole number of 1 or more")
    return value


def _shard(text: str) -> tuple[int, int]:
    parts = text.split("/")
    try:
        index, count = (int(p) for p in parts)
    except ValueError:
        index = count = 0
    if len(parts) != 2 or not 1 <= index <= count:
        raise argparse.ArgumentTypeError(f"'{text}' is not a shard: write K/N with 1 <= K <= N, like 2/3")
    return index, count


def add_arguments(parser) -> None:
    out_option(parser)
    lang_option(parser)
    parser.add_argument("--paper", action="append", choices=list(PAPERS), help="paper size (repeatable)")
    parser.add_argument("--variant", action="append", choices=list(VARIANTS), help="leaflet variant (repeatable)")
    parser.add_argument("--clinic", type=Path, help="clinic settings file (default: clinic.yaml if present)")
    parser.add_argument("--jobs", type=_positive, default=None, help="parallel workers (default: number of cores)")
    parser.add_argument("--force", action="store_true", help="rebuild every target, even if unchanged")
    parser.add_argument("--save-fitting", action="store_true",
                        help="write the fitting decisions of the standard targets printed into leaflet/NAME.fitting.json "
                             "(commit them: a fresh clone then lays each unchanged target out once)")
    leaflet_option(parser)
    parser.add_argument("--shard", type=_shard, metavar="K/N",
                        help="build only the K-th of N balanced shares of the targets")


def run(args) -> int:
    from angio_print.build.pipeline import BuildOptions, run_build

    chosen = project(args)
    options = BuildOptions(
        out=args.out,
        langs=language_codes(chosen, args.lang),
        papers=tuple(args.paper) if args.paper else chosen.default_papers,
        variants=tuple(args.variant) if args.variant else chosen.default_variants,
        clinic=args.clinic,
        jobs=args.jobs,
        force=args.force,
        leaflets=args.leaflet,
        shard=args.shard,
        save_fitting=args.save_fitting,
    )
    return run_build(chosen, options)
