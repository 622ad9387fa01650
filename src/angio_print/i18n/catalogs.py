"""Gettext catalogs, one import for the rest of the tool.

One gettext domain per leaflet (`locales/NAME.pot`, `locales/LANG/LC_MESSAGES/NAME.po`,
as Sphinx does with compact catalogs off) and one for the tool's own strings
(`angio_print`: footer, draft notice, from templates/*.html), so one leaflet's
state never holds back another's.

Uses Babel's catalog API (`Catalog`, `read_po`, `write_po`); `pofile` is the
only writer of `.po` files, and it writes them in GNU normal form (through
`msgcat`, see `gnu_po`), so wrapping is the one Poedit and Weblate use. Merging is
by msgctxt, the stable block id: a changed text keeps its translation as fuzzy
with the old source in `#|`, a removed one becomes obsolete, nothing is lost.

The work is done in: locations (where catalogs live), templates (extract),
pofile (read and write), updating (init and update), translations (use and count).
"""

from angio_print.i18n.locations import (
    DOMAIN, TOOL_DOMAIN, catalog_languages, choose_leaflets, domains, leaflet_ids, po_path, pot_path, unknown_catalogs,
)
from angio_print.i18n.pofile import (
    PLACEHOLDER, catalog_text, raw_header, read_catalog, read_catalog_shared, strict_syntax, write_catalog,
)
from angio_print.i18n.templates import TEMPLATE_HEADER, build_template, extract, source_files
from angio_print.i18n.translations import Stats, Translations, stats
from angio_print.i18n.updating import DRAFT_HEADER, SUGGESTION, MergeReport, init, load_template, merge, update

__all__ = [
    "DOMAIN", "DRAFT_HEADER", "PLACEHOLDER", "SUGGESTION", "TEMPLATE_HEADER", "TOOL_DOMAIN", "MergeReport", "Stats",
    "Translations", "build_template", "catalog_languages", "catalog_text", "choose_leaflets", "domains", "extract",
    "init", "leaflet_ids", "load_template", "merge", "po_path", "pot_path", "raw_header", "read_catalog",
    "read_catalog_shared", "source_files",
    "stats", "strict_syntax", "unknown_catalogs", "update", "write_catalog",
]
