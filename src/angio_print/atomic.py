"""Writing files so that a reader never sees half of one."""

from __future__ import annotations

import os
import re
import stat
import tempfile
from pathlib import Path

from angio_print.findings import UserError, display_path

# Temporary files carry the writer's process id: `.NAME.PID.RANDOM.tmp`, where
# NAME is one of the files this tool writes (a PDF, a thumbnail, a JSON record,
# the index page). Nothing else is ever taken for one of ours.
_TEMPORARY = re.compile(r"^\.[\w.-]+\.(?:pdf|png|json|html)\.(\d+)\.[^.]*\.tmp(\.png)?$")


def temporary_prefix(path: Path) -> str:
    return f".{path.name}.{os.getpid()}."


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename over the target.

    A failure (disk full, read-only folder) is a UserError naming the path.
    """
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=temporary_prefix(path), suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as error:
        raise UserError.single(display_path(path), None, f"cannot write this file: {error.strerror or error}; "
                               "free some disk space or make the folder writable, then run the command again") from None
    finally:
        if temporary and os.path.exists(temporary):
            Path(temporary).unlink(missing_ok=True)


def remove_orphans(*folders: Path) -> int:
    """Delete temporary files left by writers that no longer run (a killed worker).

    Looks only directly inside the given folders (the ones the build writes
    in), never below them, and only at regular files named like our own.
    """
    removed = 0
    for folder in folders:
        try:
            candidates = list(folder.iterdir())
        except OSError:
            continue
        for candidate in candidates:
            match = _TEMPORARY.match(candidate.name)
            if not match or _running(int(match.group(1))):
                continue
            try:
                if stat.S_ISREG(candidate.lstat().st_mode):
                    candidate.unlink()
                    removed += 1
            except OSError:
                continue
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
