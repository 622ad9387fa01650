"""A progress bar on a terminal; plain lines in CI and when piped."""

from __future__ import annotations

import sys


class Progress:
    def __init__(self, total: int, enabled: bool = True, stream=sys.stderr):
        self.total = total
        self.done = 0
        self.enabled = enabled and total > 0
        self.stream = stream
        self.bar = self.enabled and stream.isatty()

    def step(self, label: str) -> None:
        self.done += 1
        if not self.enabled:
            return
        if self.bar:
            width = 30
            filled = width * self.done // self.total
            self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {label[:40]:<40}")
        else:
            self.stream.write(f"[{self.done}/{self.total}] {label}\n")
        self.stream.flush()

    def close(self) -> None:
        if self.bar:
            self.stream.write("\n")
            self.stream.flush()
