"""HTML to PDF: the only package that imports WeasyPrint, and the pinned fonts it lays out with."""
