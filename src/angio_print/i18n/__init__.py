"""Translation: extract the templates, read, write and merge catalogs, XLIFF, review records and packets."""
