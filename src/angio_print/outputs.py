"""What staff look at besides the PDFs: a contact sheet and an index page."""

from __future__ import annotations

import io
from pathlib import Path

import jinja2
from PIL import Image, ImageDraw, ImageFont

from angio_print.atomic import write_atomic
from angio_print.config import Project
from angio_print.fonts import FontLock
from angio_print.formats import PAPERS, VARIANTS
from angio_print.targets import Target

CONTACT_SHEET = "contact-sheet.png"


def _label_font_file(root: Path) -> Path | None:
    """The pinned Noto Sans (Latin) file: labels are codes and English names."""
    lock = FontLock.load(root)
    return next((lock.install_dir / f.installed_name for f in lock.files
                 if f.family == "Noto Sans" and f.subset == "latin" and f.weight == 400 and f.style == "normal"), None)


def write_contact_sheet(out: Path, targets: list[Target], languages: dict, root: Path) -> None:
    """All first pages of the standard leaflets in one image, one paper size."""
    if not targets:
        return
    paper = "a4" if any(t.paper == "a4" for t in targets) else targets[0].paper
    chosen = [t for t in targets if t.paper == paper and (out / t.thumbnail).exists()]
    if not chosen:
        return
    tiles = [Image.open(out / t.thumbnail).convert("RGB") for t in chosen]
    width = max(tile.width for tile in tiles)
    height = max(tile.height for tile in tiles)
    columns = min(6, len(tiles))
    rows = -(-len(tiles) // columns)
    label_height = 26
    sheet = Image.new("RGB", (columns * (width + 12) + 12, rows * (height + label_height + 12) + 12), "white")
    draw = ImageDraw.Draw(sheet)
    font_file = _label_font_file(root)
    for index, (target, tile) in enumerate(zip(chosen, tiles)):
        x = 12 + (index % columns) * (width + 12)
        y = 12 + (index // columns) * (height + label_height + 12)
        sheet.paste(tile, (x, y + label_height))
        draw.rectangle([x - 1, y + label_height - 1, x + tile.width, y + label_height + tile.height], outline="#888")
        record = languages.get(target.lang, {})
        label = f"{target.lang}  {record.get('english_name', '')}  ({record.get('status', '')})"
        draw.text((x, y + 2), label, fill="black", font=_fitting_font(draw, label, tile.width, font_file))
    buffer = io.BytesIO()
    sheet.save(buffer, "PNG", optimize=False)
    write_atomic(out / CONTACT_SHEET, buffer.getvalue())


def _fitting_font(draw, label: str, width: int, font_file: Path | None):
    """The largest label size up to 16 px that fits above its tile."""
    for size in (16, 14, 12, 11, 10):
        try:
            font = ImageFont.truetype(str(font_file), size)
        except (OSError, TypeError):
            return ImageFont.load_default()
        if draw.textlength(label, font=font) <= width:
            return font
    return font


def write_index(project: Project, out: Path, manifest: dict) -> None:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(project.templates_dir / "site"), autoescape=True)
    html = environment.get_template("index.html").render(
        artifacts=manifest["artifacts"], languages=manifest["languages"], papers=list(PAPERS), variants=list(VARIANTS),
        contact_sheet=CONTACT_SHEET
        if (out / CONTACT_SHEET).exists() else None,
    )
    write_atomic(out / "index.html", html.encode("utf-8"))
