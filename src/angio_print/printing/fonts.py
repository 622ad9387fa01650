"""Pinned fonts: the exact font files every leaflet is laid out with.

`templates/fonts/fonts.toml` names each family and the Fontsource package and
version it comes from; `templates/fonts/fonts.lock.json` records every file
used, with its sha256 and the characters it covers. `install` (run by
scripts/setup.sh) downloads the packages, verifies them against the lock and
writes TTF files into `.fonts/`. Printing refuses to start when what is
installed is not what the lock names, and gives WeasyPrint only these files,
so the same inputs lay out the same way on every machine.

    python -m angio_print.printing.fonts install   # what setup does
    python -m angio_print.printing.fonts lock      # after editing fonts.toml
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import sys
import tarfile
import tomllib
import urllib.request
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

FONTS_DIR = Path("templates") / "fonts"
INSTALL_DIR = Path(".fonts")
REGISTRY = "https://registry.npmjs.org"
INSTALL_FORMAT = 2  # raise when install() writes different files from the same lock


class FontsError(RuntimeError):
    """The pinned fonts are missing or differ from the lock."""

    def __init__(self, path: Path | str, message: str):
        super().__init__(f"{path}: error: {message}")
        self.path, self.message = path, message


@dataclass(frozen=True)
class FontFile:
    family: str
    weight: int
    style: str
    package: str  # "@fontsource/noto-sans@5.3.0"
    member: str  # path inside the package tarball
    sha256: str  # of that member
    width: float | None = None  # for a variable font: the width instance to make (wdth axis)

    @property
    def subset(self) -> str:
        """The Fontsource subset ("latin", "cyrillic", "118"), from the file name."""
        stem = Path(self.member).name.removesuffix(".woff2")
        package = self.package.rsplit("@", 1)[0].split("/")[-1]
        return stem.removeprefix(package + "-").rsplit("-", 2)[0]

    @property
    def face_name(self) -> str:
        """A family name of this file alone, for its @font-face rule.

        WeasyPrint keys the fonts it embeds by their Pango description
        (family, weight, style): two subset files of one family would share a
        key, and glyphs of one would be drawn from the other. A name per file
        keeps them apart; CSS still finds them all by the family name written
        inside each installed file.
        """
        return f"{self.family} {self.subset}"

    @property
    def installed_name(self) -> str:
        stem = Path(self.member).name.removesuffix(".woff2")
        return f"{stem}-{self.weight}-{self.width:g}.ttf" if self.width else f"{stem}.ttf"


@dataclass(frozen=True)
class FontLock:
    root: Path
    files: tuple[FontFile, ...]
    packages: dict  # "@fontsource/x@v" -> {"tarball": url, "integrity": "sha512-..."}
    digest: str

    @classmethod
    def load(cls, root: Path) -> "FontLock":
        path = root / FONTS_DIR / "fonts.lock.json"
        try:
            raw = path.read_bytes()
            data = json.loads(raw)
            files = tuple(FontFile(**f) for f in data["files"])
            packages = data["packages"]
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise FontsError(path, f"cannot read the font lock ({error}); restore it from git") from None
        return cls(root, files, packages, hashlib.sha256(raw).hexdigest())

    @property
    def install_dir(self) -> Path:
        return self.root / INSTALL_DIR

    def installed(self) -> "InstalledFonts":
        """The installed files, or FontsError unless .fonts/ holds exactly what the lock names.

        Checked once per process and install: the build checks before it
        starts, and its workers, forked after, inherit the answer.
        """
        stamp = self.install_dir / "installed.json"
        try:
            status = stamp.stat()
            when = (status.st_mtime_ns, status.st_size)
        except OSError:
            when = None
        key = (stamp, self.digest, when)
        if key not in _INSTALLED:
            _INSTALLED[key] = self._check_installed(stamp)
        return _INSTALLED[key]

    def _check_installed(self, stamp: Path) -> "InstalledFonts":
        try:
            data = json.loads(stamp.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        if data.get("lock") != self.digest or data.get("format") != INSTALL_FORMAT:
            raise FontsError(stamp, f"the pinned fonts are not installed or differ from {FONTS_DIR / 'fonts.lock.json'}; "
                                    "run scripts/setup.sh (./run build does it)")
        for font in self.files:
            if not (self.install_dir / font.installed_name).is_file():
                raise FontsError(self.install_dir / font.installed_name,
                                 "pinned font file missing; delete .fonts/installed.json and run scripts/setup.sh")
        return InstalledFonts(self, {name: tuple(map(tuple, r)) for name, r in data["coverage"].items()})


_INSTALLED: dict[tuple, "InstalledFonts"] = {}


def forget_installed() -> None:
    _INSTALLED.clear()


@dataclass(frozen=True)
class InstalledFonts:
    lock: FontLock
    coverage: dict[str, tuple[tuple[int, int], ...]]  # installed file name -> code point ranges

    @cached_property
    def families(self) -> frozenset[str]:
        return frozenset(f.family for f in self.lock.files)

    def _not_covered(self, font: FontFile, code_points: list[int]) -> list[int]:
        """The code points the file lacks."""
        ranges = self.coverage[font.installed_name]
        starts = [start for start, _ in ranges]
        left = []
        for point in code_points:
            index = bisect_left(starts, point + 1) - 1
            if index < 0 or point > ranges[index][1]:
                left.append(point)
        return left

    def font_face_css(self, families: list[str], text: str) -> str:
        """@font-face rules for the files of these families that cover a character of `text` no earlier file covers.

        Subset files of one family, weight, style and width overlap (each has
        the space, digits and common punctuation): a file whose characters of
        `text` an earlier one already has adds nothing but loading time.
        """
        code_points = sorted(map(ord, set(text)))
        wanted = set(families)
        rules = []
        left: dict[tuple, list[int]] = {}  # per face: the characters of `text` no file chosen so far covers
        for font in self.lock.files:
            if font.family not in wanted:
                continue
            face = (font.family, font.weight, font.style, font.width)
            needed = left.setdefault(face, code_points)
            still = self._not_covered(font, needed)
            if len(still) < len(needed):
                left[face] = still
                url = (self.lock.install_dir / font.installed_name).resolve().as_uri()
                rules.append(f'@font-face {{ font-family: "{font.face_name}"; src: url("{url}"); '
                             f"font-weight: {font.weight}; font-style: {font.style}; }}")
        return "\n".join(rules)


def _name_family(font, family: str) -> None:
    """Write the family name that CSS uses into the file, so that a font stack finds every subset of it."""
    for record in font["name"].names:
        if record.nameID in (1, 16):
            record.string = family


def _fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=120) as response:
        return response.read()


def _package_tarball(spec: str, tarball: str, integrity: str) -> tarfile.TarFile:
    data = _fetch(tarball)
    algorithm, expected = integrity.split("-", 1)
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if actual != expected:
        raise FontsError(tarball, f"{spec} does not match the integrity recorded in the lock")
    return tarfile.open(fileobj=io.BytesIO(data), mode="r:gz")


def _ranges(code_points: list[int]) -> list[list[int]]:
    ranges: list[list[int]] = []
    for cp in sorted(code_points):
        if ranges and cp == ranges[-1][1] + 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return ranges


def lock(root: Path) -> None:
    """Write fonts.lock.json from fonts.toml: the exact files, their hashes and coverage."""
    config = tomllib.loads((root / FONTS_DIR / "fonts.toml").read_text(encoding="utf-8"))
    packages, files = {}, []
    for family, spec in config["families"].items():
        name, version = spec["package"], spec["version"]
        meta = json.loads(_fetch(f"{REGISTRY}/{name}/{version}"))
        key = f"{name}@{version}"
        packages[key] = {"tarball": meta["dist"]["tarball"], "integrity": meta["dist"]["integrity"]}
        archive = _package_tarball(key, **packages[key])
        stem = name.split("/")[-1]
        members = {m.name: m for m in archive.getmembers()}
        for face in spec["faces"]:
            weight, style = face.split("-")
            variable = spec.get("variable")
            subsets = [s for s in spec["subsets"] if s != "numbered"]
            if "numbered" in spec["subsets"]:
                numbered = re.compile(rf"package/files/{stem}-(\d+)-{face}\.woff2")
                subsets += sorted((m.group(1) for m in map(numbered.fullmatch, members) if m), key=int)
            for subset in subsets:
                name = f"{stem}-{subset}-{variable}-{style}" if variable else f"{stem}-{subset}-{face}"
                member = f"package/files/{name}.woff2"
                data = archive.extractfile(members[member]).read()
                entry = {"family": family, "weight": int(weight), "style": style, "package": key,
                         "member": member, "sha256": hashlib.sha256(data).hexdigest()}
                if variable:
                    entry["width"] = spec["width"]
                files.append(entry)
    text = json.dumps({"packages": packages, "files": files}, indent=1, ensure_ascii=False) + "\n"
    (root / FONTS_DIR / "fonts.lock.json").write_text(text, encoding="utf-8")


def install(root: Path) -> None:
    """Download, verify and unpack the locked files into .fonts/ (nothing to do when current)."""
    from fontTools.ttLib import TTFont, woff2
    from fontTools.varLib import instancer

    font_lock = FontLock.load(root)
    try:
        font_lock.installed()
        return
    except FontsError:
        pass
    target = font_lock.install_dir
    target.mkdir(exist_ok=True)
    try:
        previous = json.loads((target / "installed.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = {}
    coverage: dict[str, list[list[int]]] = {}
    sources: dict[str, str] = {}
    by_package: dict[str, list[FontFile]] = {}
    for font in font_lock.files:
        name = font.installed_name
        if (previous.get("format") == INSTALL_FORMAT and previous.get("sources", {}).get(name) == font.sha256
                and (target / name).is_file()):
            coverage[name], sources[name] = previous["coverage"][name], font.sha256  # already installed
        else:
            by_package.setdefault(font.package, []).append(font)
    for spec, fonts in by_package.items():
        print(f"fonts: installing {spec} ({len(fonts)} files)", file=sys.stderr)
        archive = _package_tarball(spec, **font_lock.packages[spec])
        for font in fonts:
            data = archive.extractfile(font.member).read()
            if hashlib.sha256(data).hexdigest() != font.sha256:
                raise FontsError(font.member, f"{spec} holds a different file than the lock records")
            out = io.BytesIO()
            woff2.decompress(io.BytesIO(data), out)
            installed = TTFont(io.BytesIO(out.getvalue()))
            if font.width:
                installed = instancer.instantiateVariableFont(installed, {"wght": font.weight, "wdth": font.width})
            _name_family(installed, font.family)
            out = io.BytesIO()
            installed.save(out)
            (target / font.installed_name).write_bytes(out.getvalue())
            coverage[font.installed_name] = _ranges(list(TTFont(io.BytesIO(out.getvalue())).getBestCmap()))
            sources[font.installed_name] = font.sha256
    stamp = {"lock": font_lock.digest, "format": INSTALL_FORMAT, "sources": sources, "coverage": coverage}
    (target / "installed.json").write_text(json.dumps(stamp) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path.cwd()
    try:
        if args == ["install"]:
            install(root)
        elif args == ["lock"]:
            lock(root)
        else:
            print("usage: python -m angio_print.printing.fonts install|lock", file=sys.stderr)
            return 2
    except (FontsError, OSError) as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
