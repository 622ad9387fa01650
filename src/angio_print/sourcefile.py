"""Reading a user's text file safely: size limit, UTF-8 with the failing line."""

from __future__ import annotations

from pathlib import Path

from angio_print.findings import UserError, display_path

MAX_BYTES = 2_000_000


def read_text(path: Path, what: str) -> str:
    shown = display_path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserError.single(shown, None, f"{what} not found") from None
    except OSError as error:
        raise UserError.single(shown, None, f"cannot read {what}: {error.strerror}") from None
    if len(data) > MAX_BYTES:
        raise UserError.single(
            shown, None,
            f"{what} is {len(data):,} bytes, over the limit of {MAX_BYTES:,}: "
            "check that the right file was saved here",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UserError.single(
            shown, line, f"{what} is not valid UTF-8 (byte {data[error.start]:#04x}): save it as UTF-8"
        ) from None
