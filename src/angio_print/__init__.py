"""angio-print: one patient-education text, printed as leaflets in many languages."""

__version__ = "1.0.0"
