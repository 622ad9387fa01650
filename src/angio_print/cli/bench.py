"""`angio-print bench`: build-speed figures, printed in one run."""

from __future__ import annotations

from angio_print.cli.common import out_option, project

HELP = "measure build speed and print the figures"


def add_arguments(parser) -> None:
    out_option(parser, None, "scratch folder (default: a temporary one)")


def run(args) -> int:
    from angio_print.build.bench import run_benchmark

    return run_benchmark(project(args), args.out)
