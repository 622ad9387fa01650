"""The `angio-print` command line: one module per command, each with HELP, add_arguments and run.

A command is added by writing its module and naming it in COMMANDS; main()
parses, calls its run() and maps errors to exit codes.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from angio_print.cli.common import Parser
from angio_print.findings import UserError

COMMANDS = ("build", "check", "extract", "init", "update", "migrate", "new", "merge", "languages", "stats",
            "review", "export", "import_", "review_packet", "bench")
INTERRUPTED = 130


def _command(module_name: str):
    return importlib.import_module(f"angio_print.cli.{module_name}")


def build_parser() -> Parser:
    parser = Parser(prog="angio-print", description="Print patient leaflets in many languages.")
    parser.add_argument("--project", type=Path, default=Path("."), help="project folder (default: current folder)")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for module_name in COMMANDS:
        module = _command(module_name)
        sub = commands.add_parser(getattr(module, "NAME", module_name), help=module.HELP)
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except UserError as error:
        for finding in error.findings:
            print(f"angio-print: {finding.format()}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("angio-print: interrupted; finished files are complete, nothing half-written was kept", file=sys.stderr)
        return INTERRUPTED
