"""A clinic's own settings: name, address, phone, website and logo."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import segno
from PIL import Image
import yaml
from markupsafe import Markup

from angio_print.findings import Finding, UserError, did_you_mean, display_path
from angio_print.model.sourcefile import parse_yaml, read_text

FIELDS = {"name", "address", "phone", "website", "logo"}
IMAGE_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg", b"GIF8": "gif"}
DEFAULT_NAME = "clinic.yaml"


@dataclass(frozen=True)
class Clinic:
    name: str
    address: str | None
    phone: str | None
    website: str | None
    logo: Path | None
    source: Path

    @property
    def logo_url(self) -> str | None:
        return self.logo.resolve().as_uri() if self.logo else None

    @property
    def qr_svg(self) -> Markup | None:
        if not self.website:
            return None
        svg = segno.make(self.website, error="m").svg_inline(scale=1, border=0, dark="#000")
        return Markup(svg)


MAX_LOGO_BYTES = 2_000_000
MAX_LOGO_PIXELS = 4000


def _logo_problem(path: Path, shown_name: str) -> str | None:
    """Why a logo cannot be printed, or None: the wrong kind of file, too large, damaged or unreadable."""
    try:
        size = path.stat().st_size
        if size > MAX_LOGO_BYTES:
            return f"logo '{shown_name}' is {size:,} bytes, over the limit of {MAX_LOGO_BYTES:,}: save a smaller image"
        with open(path, "rb") as handle:
            head = handle.read(512)
    except OSError as error:
        return f"logo '{shown_name}' cannot be read: {error.strerror}"
    if path.suffix.lower() == ".svg" and b"<svg" in head:
        return None
    if not any(head.startswith(signature) for signature in IMAGE_SIGNATURES):
        return f"logo '{shown_name}' is not a PNG, JPEG, GIF or SVG image"
    try:
        with Image.open(path) as image:
            width, height = image.size
            image.verify()
    except Exception as error:  # noqa: BLE001 - Pillow raises many kinds for a damaged file
        return f"logo '{shown_name}' is a damaged image ({type(error).__name__}): save it again from an image editor"
    if max(width, height) > MAX_LOGO_PIXELS:
        return f"logo '{shown_name}' is {width}×{height} pixels, over {MAX_LOGO_PIXELS}: save a smaller image"
    return None


def load_clinic(path: Path) -> Clinic:
    shown = display_path(path)
    text = read_text(path, "clinic settings file")
    root = parse_yaml(text, path, "the clinic settings file")
    if not isinstance(root, yaml.MappingNode):
        raise UserError.single(shown, root.start_mark.line + 1 if root else None,
                               "clinic settings must be keys and values, like `name: Riverside Clinic`")
    problems: list[Finding] = []
    values: dict[str, tuple[str, int]] = {}
    for key_node, value_node in root.value:
        line = key_node.start_mark.line + 1
        if key_node.value not in FIELDS:
            problems.append(Finding(shown, line, f"unknown setting '{key_node.value}'{did_you_mean(key_node.value, FIELDS)}: "
                                    f"remove it (allowed: {', '.join(sorted(FIELDS))})"))
        elif not isinstance(value_node, yaml.ScalarNode) or not value_node.value.strip():
            problems.append(Finding(shown, line, f"'{key_node.value}' must be a line of text"))
        else:
            values[key_node.value] = (" ".join(value_node.value.split()), line)
    if "name" not in values and not problems:
        problems.append(Finding(shown, 1, "the clinic's 'name' is required"))
    website = values.get("website")
    if website and not re.match(r"^https?://[^\s/]+\.[^\s]+$", website[0]):
        problems.append(Finding(shown, website[1], f"website '{website[0]}' must start with http:// or https://"))
    logo = None
    if "logo" in values:
        logo_text, line = values["logo"]
        logo = (path.parent / logo_text).resolve()
        if not logo.is_file():
            problems.append(Finding(shown, line, f"logo file '{logo_text}' not found (paths are relative to {shown})"))
            logo = None
        elif (problem := _logo_problem(logo, logo_text)) is not None:
            problems.append(Finding(shown, line, problem))
            logo = None
    if problems:
        raise UserError(problems)
    get = lambda key: values[key][0] if key in values else None  # noqa: E731
    return Clinic(get("name"), get("address"), get("phone"), get("website"), logo, path.resolve())
