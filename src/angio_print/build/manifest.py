"""The manifest: what a build folder holds, per PDF, per leaflet and per language.

Its format is a contract (see README, "Command line"): fields are added,
never changed. `build` describes what it printed and kept; `merge` joins the
manifests of sharded builds with the same functions.
"""

from __future__ import annotations

from angio_print.i18n import catalogs
from angio_print.findings import UserError
from angio_print.render.fitting import STANDARD_PAGES
from angio_print.model.languages import SOURCE_LANGUAGE, get_language
from angio_print.i18n.review import review_status
from angio_print.checks.scores import score_leaflet
from angio_print.build.plan import Target


def describe(project, leaflets, results, hasher, cache) -> dict:
    """The manifest of the printed `results` (target → Result) of `leaflets` (id → Leaflet)."""
    leaflet_records = _records(project, leaflets, results, hasher, cache)
    artifacts = [_artifact(target, results[target], leaflet_records) for target in results]
    return manifest_of(artifacts, language_summary(leaflet_records), leaflet_records)


def _records(project, leaflets, results, hasher, cache) -> dict:
    """Per leaflet: its title in every language and, per printed language, review status and readability.

    Both are kept in the build cache with the inputs they are read from, so a
    rebuild reads a catalog here only when it changed.
    """
    pairs = sorted({(t.leaflet, t.lang) for t in results})
    leaflet_records: dict[str, dict] = {}
    for name, lang in pairs:
        leaflet = leaflets.get(name)
        if leaflet is None:
            continue
        record = language_record(project, leaflet, lang, hasher, cache)
        if name not in leaflet_records:
            leaflet_records[name] = {"title": leaflet.title.text, "titles": _titles(project, leaflet, hasher, cache),
                                     "languages": {}}
        leaflet_records[name]["languages"][lang] = record
    return leaflet_records


def language_record(project, leaflet, lang: str, hasher, cache) -> dict:
    """Review status, readability and title of one leaflet in one language, from the build cache when current."""
    key = hasher.language_key(leaflet.id, lang)
    record = cache.get_value(f"language-{leaflet.id}-{lang}.json", key)
    if record is None:
        record = _language_record(project, leaflet, lang)
        cache.put_value(f"language-{leaflet.id}-{lang}.json", key, record)
    return record


def _language_record(project, leaflet, lang: str) -> dict:
    translations = catalogs.Translations.load(project, lang, leaflet.id)
    status = review_status(project, lang, leaflet.id, translations)
    score = score_leaflet(leaflet, translations, lang).whole
    measure, value = score.headline
    return {**status.as_dict(), "readability": {"measure": measure, "value": value, "note": score.note},
            "title": translations.get(leaflet.title.context, leaflet.title.text)}


def _titles(project, leaflet, hasher, cache) -> dict[str, str]:
    """The leaflet's title in every language with a catalog for it, printed or not (the index page searches them)."""
    langs = catalogs.catalog_languages(project)
    key = hasher.leaflet_key(leaflet.id, langs)
    titles = cache.get_value(f"titles-{leaflet.id}.json", key)
    if titles is None:
        titles = {SOURCE_LANGUAGE: leaflet.title.text}
        for lang in langs:
            path = catalogs.po_path(project, lang, leaflet.id)
            try:
                catalog = catalogs.read_catalog_shared(path) if path.exists() else None
            except UserError:
                continue
            message = catalog.get(leaflet.title.text, leaflet.title.context) if catalog else None
            if message is not None and message.string and not message.fuzzy:
                titles[lang] = message.string
        cache.put_value(f"titles-{leaflet.id}.json", key, titles)
    return titles


def language_summary(leaflet_records: dict) -> dict[str, dict]:
    """Per language: what it is, and the review record of its first leaflet ("draft" unless every leaflet agrees).

    So `languages[code]` keeps its former fields for older readers of the manifest.
    """
    languages: dict[str, dict] = {}
    for name in sorted(leaflet_records):
        for lang, record in sorted(leaflet_records[name]["languages"].items()):
            if lang not in languages:
                language = get_language(lang)
                languages[lang] = {"name": language.own_name, "english_name": language.english_name,
                                   "bcp47": language.bcp47, "direction": language.direction,
                                   **{k: v for k, v in record.items() if k != "title"}}
            elif languages[lang]["status"] != record["status"]:
                languages[lang].update(status="draft", reviewer=None, date=None)
    return {lang: languages[lang] for lang in sorted(languages, key=lambda code: (code != SOURCE_LANGUAGE, code))}


def manifest_of(artifacts: list[dict], languages: dict[str, dict], leaflets: dict[str, dict]) -> dict:
    artifacts = sorted(artifacts, key=lambda a: a["path"])
    over = sorted({a["lang"] for a in artifacts if a.get("fits_one_sheet") is False})
    return {"artifacts": artifacts, "languages": languages, "standard_needs_more_than_one_sheet": over,
            "leaflets": leaflets}


def _artifact(target: Target, result, leaflets: dict[str, dict]) -> dict:
    artifact = {
        "path": target.filename,
        "leaflet": target.leaflet,
        "lang": target.lang,
        "paper": target.paper,
        "variant": target.variant,
        "pages": result.pages,
        "sha256": result.sha256,
        "langs": list(target.langs),
        "status": leaflets.get(target.leaflet, {}).get("languages", {}).get(target.lang, {}).get("status"),
        "thumbnail": target.thumbnail,
        "warnings": list(result.warnings),  # what WeasyPrint or the fitting said while printing it
    }
    if target.one_sheet:
        artifact["fits_one_sheet"] = result.pages <= STANDARD_PAGES
        artifact["fit"] = result.fit
        artifact["notes_space"] = result.notes_space
        artifact["lines_over_one_sheet"] = result.lines_over
    return artifact
