"""Checks of the source, the catalogs and the printed PDFs, and the `check` report."""
