"""Leaflet HTML from the source and a language's translations (Jinja2), the fitting ladder, the index page."""
