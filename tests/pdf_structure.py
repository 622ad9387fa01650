"""Reading a tagged PDF's structure tree back: which languages its structure elements declare."""

from __future__ import annotations

import pikepdf


def structure_languages(pdf: pikepdf.Pdf) -> set[str]:
    """Every /Lang in the structure tree (the document's own /Lang is on the catalog, not here)."""
    langs = set()
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Dictionary):
            if "/Lang" in node:
                langs.add(str(node.Lang))
            kids = node.get("/K")
            if isinstance(kids, pikepdf.Array):
                stack.extend(kids)
            elif isinstance(kids, pikepdf.Dictionary):
                stack.append(kids)
    return langs
