"""Which pinned font files a PDF embeds, read back from its font dictionaries."""

from __future__ import annotations

import pikepdf

from angio_print.render.fitting import LADDER
from angio_print.printing.fonts import FontLock
from angio_print.model.languages import get_language


def embedded_font_names(path) -> set[str]:
    """BaseFont names without the subset tag: "ABCDEF+Noto-Sans-latin-Bold" -> "Noto-Sans-latin-Bold"."""
    with pikepdf.open(path) as pdf:
        return {str(font.BaseFont).lstrip("/").split("+", 1)[-1]
                for page in pdf.pages for font in page.Resources.Font.values()}


def allowed_face_names(root, langs) -> set[str]:
    """The @font-face names of every pinned file a document in these languages may use, on any fitting rung."""
    families = {family for lang in langs for fit in LADDER for family in fit.families(get_language(lang))}
    return {font.face_name.replace(" ", "-") for font in FontLock.load(root).files if font.family in families}


def unpinned(path, root, langs) -> set[str]:
    allowed = allowed_face_names(root, langs)
    return {name for name in embedded_font_names(path) if not any(name.startswith(a) for a in allowed)}
