"""GNU normal form of a `.po` file: exactly the text `msgcat` writes.

Poedit, Weblate and the GNU tools write catalogs this way (79 columns, GNU
wrapping, `#|` previous msgids wrapped like msgids). Every catalog the tool
writes goes through `msgcat` itself, so `msgcat FILE` is a no-op on it and a
translator's first save changes only what the translator changed.
"""

from __future__ import annotations

import os
import subprocess

from angio_print.findings import UserError

MSGCAT = "msgcat"


def gnu_normal(text: bytes, name: str) -> bytes:
    """`text` as `msgcat` writes it; `name` is the file it is meant for (for messages)."""
    # stdin to stdout: nothing is written to disk here; the caller replaces the file atomically.
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    try:
        result = subprocess.run([MSGCAT, "--force-po", "-"], input=text, capture_output=True, env=env)
    except FileNotFoundError:
        raise UserError.single(
            name, None, "msgcat (GNU gettext) is not installed: run scripts/setup.sh; the catalog was not written"
        ) from None
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = detail[0].removeprefix("msgcat: ").removeprefix("-:") if detail else f"exit {result.returncode}"
        raise UserError.single(name, None, f"msgcat refused the catalog ({reason}); the file was not written")
    return result.stdout
