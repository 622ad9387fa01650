"""Reading a user's text file safely: a regular file, a size limit, UTF-8 with the
failing line, and YAML with limits on nesting and alias expansion."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import yaml

from angio_print.findings import UserError, display_path

MAX_BYTES = 2_000_000
MAX_YAML_DEPTH = 40
MAX_YAML_NODES = 200_000  # after expanding aliases: the leaflet has about 1,000


def file_version(path: Path) -> tuple:
    """A key that changes when the file does: for what is parsed once per process while its file stays the same.

    Raises OSError when the file cannot be looked at.
    """
    status = path.stat()
    return path.resolve(), status.st_mtime_ns, status.st_size, status.st_ino


def read_text(path: Path, what: str) -> str:
    """Only a regular file is read (not a FIFO, a device or a folder), and only if it is small enough."""
    shown = display_path(path)
    try:
        with open(path, "rb", opener=lambda name, flags: os.open(name, flags | os.O_NONBLOCK)) as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a pipe, device or socket)"
                raise UserError.single(shown, None, f"{what} is {kind}: put a plain text file here")
            if info.st_size > MAX_BYTES:
                raise UserError.single(
                    shown, None,
                    f"{what} is {info.st_size:,} bytes, over the limit of {MAX_BYTES:,}: "
                    "check that the right file was saved here",
                )
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise UserError.single(shown, None, f"{what} not found") from None
    except IsADirectoryError:
        raise UserError.single(shown, None, f"{what} is a folder: put a plain text file here") from None
    except OSError as error:
        raise UserError.single(shown, None, f"cannot read {what}: {error.strerror}") from None
    if len(data) > MAX_BYTES:
        raise UserError.single(shown, None, f"{what} grew over the limit of {MAX_BYTES:,} bytes while it was read")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UserError.single(
            shown, line, f"{what} is not valid UTF-8 (byte {data[error.start]:#04x}): save it as UTF-8"
        ) from None


class _LimitedLoader(yaml.SafeLoader):
    """PyYAML's safe loader with a nesting limit (no RecursionError on deep input)."""

    depth = 0

    def compose_node(self, parent, index):
        self.depth += 1
        try:
            if self.depth > MAX_YAML_DEPTH:
                raise yaml.composer.ComposerError(None, None, f"nested more than {MAX_YAML_DEPTH} levels deep",
                                                  self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def parse_yaml(text: str, path: Path, what: str, *, construct: bool = False):
    """The composed node tree of a YAML text (or, with `construct`, its plain data).

    Errors, including too deep nesting and aliases that expand to too many
    nodes (a "billion laughs"), are a UserError with file and line.
    """
    shown = display_path(path)
    loader = None
    try:
        loader = _LimitedLoader(text)  # checks every character first
        node = loader.get_single_node()
        if node is not None and _expanded_size(node, {}) > MAX_YAML_NODES:
            raise UserError.single(shown, None, f"{what} expands to more than {MAX_YAML_NODES:,} values "
                                   "(aliases that repeat aliases): write the values out instead")
        return loader.construct_document(node) if construct and node is not None else node
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        if isinstance(error, yaml.reader.ReaderError):
            line = text.count("\n", 0, error.position) + 1
            problem = f"the character U+{error.character:04X} is not allowed in YAML: remove it" \
                if isinstance(error.character, int) else str(error)
        else:
            problem = getattr(error, "problem", None) or str(error)
        raise UserError.single(shown, line, f"YAML syntax error in {what}: {problem}") from None
    finally:
        if loader is not None:
            loader.dispose()


def _expanded_size(node, sizes: dict[int, int]) -> int:
    """How many nodes the tree holds once every alias is expanded; a cycle counts as too many."""
    key = id(node)
    if key in sizes:
        return sizes[key]
    sizes[key] = MAX_YAML_NODES + 1  # while counting: an alias back to this node is a cycle
    if isinstance(node, yaml.SequenceNode):
        children = node.value
    elif isinstance(node, yaml.MappingNode):
        children = [child for pair in node.value for child in pair]
    else:
        children = []
    total = 1
    for child in children:
        total += _expanded_size(child, sizes)
        if total > MAX_YAML_NODES:
            break
    sizes[key] = total
    return total
