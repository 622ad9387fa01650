"""Writing files so that a reader never sees half of one."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

# Temporary files carry the writer's process id: `.NAME.PID.RANDOM.tmp`.
_TEMPORARY = re.compile(r"^\..+\.(\d+)\.[^.]*\.tmp(\.png)?$")


def temporary_prefix(path: Path) -> str:
    return f".{path.name}.{os.getpid()}."


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=temporary_prefix(path), suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def remove_orphans(folder: Path) -> int:
    """Delete temporary files left by writers that no longer run (a killed worker)."""
    removed = 0
    for candidate in folder.rglob(".*.tmp*"):
        match = _TEMPORARY.match(candidate.name)
        if match and not _running(int(match.group(1))):
            candidate.unlink(missing_ok=True)
            removed += 1
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
