"""`angio-print import FILE`: merge a translated XLIFF file back into its catalog."""

from __future__ import annotations

import sys
from pathlib import Path

from angio_print.cli.common import project
from angio_print.findings import display_path

NAME = "import"  # a Python keyword, so the module is import_
HELP = "merge a translated XLIFF file back into its catalog"


def add_arguments(parser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE")


def run(args) -> int:
    from angio_print.i18n.xliff import import_xliff

    report = import_xliff(project(args), args.file)
    for finding in report.findings:
        print(finding.format(), file=sys.stderr)
    for uid in report.changed:
        print(f"{report.lang}: {uid}: updated")
    print(f"{display_path(report.catalog)}: {len(report.changed)} updated, {report.unchanged} unchanged, "
          f"{len(report.refused)} refused (nothing written for those)")
    return 1 if report.refused else 0
