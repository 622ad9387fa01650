"""`angio-print merge DIR...`: join the outputs of sharded builds into one folder, manifest and index."""

from __future__ import annotations

from pathlib import Path

from angio_print.cli.common import out_option, project
from angio_print.findings import display_path

HELP = "join the outputs of sharded builds into one folder, manifest and index"


def add_arguments(parser) -> None:
    parser.add_argument("folders", type=Path, nargs="+", metavar="DIR")
    out_option(parser)


def run(args) -> int:
    from angio_print.build.merge import merge_outputs

    manifest = merge_outputs(project(args), args.folders, args.out)
    print(f"merged {len(args.folders)} folder(s) into {display_path(args.out)}: {len(manifest['artifacts'])} PDFs")
    return 0
