"""A clinic's own settings: name, address, phone, website and logo."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import segno
import yaml
from markupsafe import Markup

from angio_print.findings import Finding, UserError, display_path
from angio_print.sourcefile import parse_yaml, read_text

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


def _is_image(path: Path) -> bool:
    head = path.read_bytes()[:512]
    if any(head.startswith(signature) for signature in IMAGE_SIGNATURES):
        return True
    return path.suffix.lower() == ".svg" and b"<svg" in head


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
            problems.append(Finding(shown, line, f"unknown setting '{key_node.value}' (allowed: {', '.join(sorted(FIELDS))})"))
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
        elif not _is_image(logo):
            problems.append(Finding(shown, line, f"logo '{logo_text}' is not a PNG, JPEG, GIF or SVG image"))
            logo = None
    if problems:
        raise UserError(problems)
    get = lambda key: values[key][0] if key in values else None  # noqa: E731
    return Clinic(get("name"), get("address"), get("phone"), get("website"), logo, path.resolve())
