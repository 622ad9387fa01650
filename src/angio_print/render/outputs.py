"""What staff look at besides the PDFs: a contact sheet and an index page."""

from __future__ import annotations

import io
from pathlib import Path

import jinja2
from PIL import Image, ImageDraw, ImageFont

from angio_print.atomic import write_atomic
from angio_print.model.project import Project
from angio_print.printing.fonts import FontLock
from angio_print.model.formats import PAPERS, VARIANTS
from angio_print.build.plan import Target

CONTACT_SHEET = "contact-sheet.png"


def _label_font_file(root: Path) -> Path | None:
    """The pinned Noto Sans (Latin) file: labels are codes and English names."""
    lock = FontLock.load(root)
    return next((lock.install_dir / f.installed_name for f in lock.files
                 if f.family == "Noto Sans" and f.subset == "latin" and f.weight == 400 and f.style == "normal"), None)


def contact_sheet_name(leaflet: str | None = None) -> str:
    return f"contact-sheet-{leaflet}.png" if leaflet else CONTACT_SHEET


def write_outputs(project: Project, out: Path, manifest: dict, targets: list[Target]) -> None:
    """The contact sheet of every leaflet, one per leaflet, and the index page."""
    records = manifest.get("leaflets", {})

    def label(target: Target, with_leaflet: bool) -> str:
        record = records.get(target.leaflet, {}).get("languages", {}).get(target.lang, {})
        name = manifest["languages"].get(target.lang, {}).get("english_name", "")
        return f"{target.leaflet}  " * with_leaflet + f"{target.lang}  {name}  ({record.get('status', '')})"

    standard = [t for t in targets if t.one_sheet]
    leaflets = sorted({t.leaflet for t in standard})
    tiles: dict[Path, Image.Image] = {}  # each thumbnail decoded once for every sheet it is on
    everything = write_contact_sheet(out, standard, lambda t: label(t, len(leaflets) > 1), project.root,
                                     contact_sheet_name(), tiles)
    for leaflet in leaflets:
        if leaflets == [leaflet] and everything:  # the same tiles and labels as the sheet of everything
            write_atomic(out / contact_sheet_name(leaflet), everything)
            continue
        write_contact_sheet(out, [t for t in standard if t.leaflet == leaflet], lambda t: label(t, False),
                            project.root, contact_sheet_name(leaflet), tiles)
    write_index(project, out, manifest)


def write_contact_sheet(out: Path, targets: list[Target], label_of, root: Path, name: str = CONTACT_SHEET,
                        decoded: dict | None = None) -> bytes | None:
    """All first pages of the given standard leaflets in one image, one paper size; the PNG written, if any."""
    if not targets:
        return None
    paper = "a4" if any(t.paper == "a4" for t in targets) else targets[0].paper
    chosen = [t for t in targets if t.paper == paper and (out / t.thumbnail).exists()]
    if not chosen:
        return None
    decoded = {} if decoded is None else decoded
    for target in chosen:
        if out / target.thumbnail not in decoded:
            decoded[out / target.thumbnail] = Image.open(out / target.thumbnail).convert("RGB")
    tiles = [decoded[out / t.thumbnail] for t in chosen]
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
        label = label_of(target)
        draw.text((x, y + 2), label, fill="black", font=_fitting_font(draw, label, tile.width, font_file))
    buffer = io.BytesIO()
    sheet.save(buffer, "PNG", compress_level=3)  # faster than the default 6, and here smaller too
    write_atomic(out / name, buffer.getvalue())
    return buffer.getvalue()


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


def index_cards(manifest: dict, out: Path) -> list[dict]:
    """One card per leaflet: titles in every language, a thumbnail, and per language its PDFs."""
    cards = []
    for leaflet, record in sorted(manifest.get("leaflets", {}).items()):
        artifacts = [a for a in manifest["artifacts"] if a["leaflet"] == leaflet]
        if not artifacts:
            continue
        preview = min(artifacts, key=lambda a: (a["variant"] != "standard", a["lang"] != "en", a["paper"], a["path"]))
        by_lang: dict[str, list] = {}
        for artifact in artifacts:
            by_lang.setdefault(artifact["lang"], []).append(artifact)
        titles = record.get("titles") or {lang: entry.get("title", "") for lang, entry in record["languages"].items()}
        cards.append({
            "id": leaflet, "title": record["title"], "titles": titles, "thumbnail": preview["thumbnail"],
            "search": " ".join([leaflet, record["title"], *titles.values()]).casefold(),
            "languages": [(lang, record["languages"].get(lang, {}), sorted(items, key=lambda a: (
                list(PAPERS).index(a["paper"]), list(VARIANTS).index(a["variant"])))) for lang, items in by_lang.items()],
            "contact_sheet": contact_sheet_name(leaflet) if (out / contact_sheet_name(leaflet)).exists() else None,
        })
    return cards


def write_index(project: Project, out: Path, manifest: dict) -> None:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(project.templates_dir / "site"), autoescape=True)
    html = environment.get_template("index.html").render(
        cards=index_cards(manifest, out), languages=manifest["languages"], papers=PAPERS, variants=VARIANTS,
        contact_sheet=CONTACT_SHEET if (out / CONTACT_SHEET).exists() else None,
    )
    write_atomic(out / "index.html", html.encode("utf-8"))
