"""angio-print: one patient-education text, printed as leaflets in many languages.

The pipeline, one package per step: model (what a leaflet and a project are),
i18n (catalogs, XLIFF, review), checks, render (Jinja2 to HTML), printing
(WeasyPrint and the pinned fonts), build (plan, cache, workers, manifest) and
cli (one module per command).
"""

from pathlib import Path

__version__ = "1.0.0"
PACKAGE_DIR = Path(__file__).parent
DATA_DIR = PACKAGE_DIR / "data"  # tables that are facts, not code: scripts, syllables, the new-leaflet template
