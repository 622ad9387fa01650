"""Interrupted, killed, concurrent and repeated builds: nothing half-written, nothing lost."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.system  # real PDFs, Chromium or the whole command line

ROOT = Path(__file__).resolve().parent.parent
LANGS = ["--lang", "en", "--lang", "fr", "--lang", "de", "--lang", "es"]


def _default_sigint() -> None:
    """A test run started in the background inherits SIGINT ignored; the build must get Ctrl-C as a terminal sends it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start(out: Path, *extra, cwd=ROOT, env=None):
    return subprocess.Popen([sys.executable, "-m", "angio_print", "build", "--out", str(out), *LANGS, *extra],
                            cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, env=env, preexec_fn=_default_sigint)


def _wait_for_pdfs(out: Path, count: int, process, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if len(list(out.glob("*.pdf"))) >= count:
            return
        time.sleep(0.05)
    pytest.fail("the build did not print its first PDFs in time")


def _assert_whole(out: Path):
    pdfs = list(out.glob("*.pdf"))
    for pdf in pdfs:
        assert len(PdfReader(pdf).pages) >= 1, pdf  # a truncated PDF does not parse
    return pdfs


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def test_interrupted_build_leaves_whole_files_and_recovers(tmp_path):
    out = tmp_path / "out"
    process = _start(out, "--jobs", "2")
    _wait_for_pdfs(out, 2, process)
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C sends
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    _assert_whole(out)
    assert not [p for p in out.rglob(".*") if p.name.endswith((".tmp", ".tmp.png"))]
    again = _start(out)
    _, stderr = again.communicate(timeout=300)
    assert again.returncode == 0, stderr
    manifest = json.loads((out / "manifest.json").read_text())
    assert len(manifest["artifacts"]) == len(_assert_whole(out)) == 4 * 2 * 3 - 2


def test_killed_worker_fails_clearly_and_a_later_build_recovers(tmp_path):
    out = tmp_path / "out"
    process = _start(out, "--jobs", "2")
    _wait_for_pdfs(out, 1, process)
    workers = _children(process.pid)
    assert workers, "the build runs its workers as child processes"
    os.kill(workers[0], signal.SIGKILL)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 1, stderr
    assert "worker process stopped" in stderr and "Traceback" not in stderr
    _assert_whole(out)
    again = _start(out)
    _, stderr = again.communicate(timeout=300)
    assert again.returncode == 0, stderr
    assert len(_assert_whole(out)) == 22
    assert not [p for p in out.rglob(".*") if ".tmp" in p.name]


def test_two_builds_into_one_folder_do_not_corrupt_each_other(tmp_path):
    out = tmp_path / "out"
    first, second = _start(out, "--jobs", "1", "--force"), _start(out, "--jobs", "1", "--force")
    for process in (first, second):
        _, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr
    manifest = json.loads((out / "manifest.json").read_text())
    import hashlib

    for artifact in manifest["artifacts"]:
        assert hashlib.sha256((out / artifact["path"]).read_bytes()).hexdigest() == artifact["sha256"]


def test_builds_from_separate_checkouts_are_byte_identical(tmp_path):
    results = []
    for name, seed in (("one", "1"), ("two", "4242")):
        checkout = tmp_path / name
        subprocess.run(["git", "clone", "-q", str(ROOT), str(checkout)], check=True)
        (checkout / ".fonts").symlink_to(ROOT / ".fonts")
        env = {**os.environ, "PYTHONHASHSEED": seed, "TZ": "Pacific/Auckland" if seed == "1" else "UTC"}
        subprocess.run([sys.executable, "-m", "angio_print", "migrate"], cwd=checkout, check=True, capture_output=True)
        process = subprocess.run([sys.executable, "-m", "angio_print", "build", "--out", str(tmp_path / f"dist-{name}"),
                                  "--lang", "fr", "--lang", "ar", "--paper", "a4"],
                                 cwd=checkout, capture_output=True, text=True, env=env)
        assert process.returncode == 0, process.stderr
        results.append(tmp_path / f"dist-{name}")
    one, two = results
    files = sorted(p.name for p in one.glob("*.pdf")) + ["manifest.json"]
    assert len(files) > 4
    for name in files:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name
