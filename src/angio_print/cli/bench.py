"""`angio-print bench`: build-speed figures, printed in one run."""

from __future__ import annotations

from pathlib import Path

from angio_print.cli.common import out_option, project
from angio_print.findings import UserError

HELP = "measure build speed and print the figures"


def add_arguments(parser) -> None:
    out_option(parser, None, "scratch folder (default: a temporary one)")
    parser.add_argument("--peer", type=Path, metavar="PYTHON",
                        help="Python of an environment with sphinx, sphinx-intl and sphinx-simplepdf: "
                             "time that pipeline on the same leaflets (./run bench installs one)")


def run(args) -> int:
    from angio_print.build.bench import run_benchmark

    if args.peer and not args.peer.is_file():
        raise UserError.single("--peer", None, f"no Python at {args.peer}: give the python of an environment with "
                               "sphinx, sphinx-intl and sphinx-simplepdf (scripts/peer-setup.sh makes .venv-peer)")

    return run_benchmark(project(args), args.out, args.peer)
