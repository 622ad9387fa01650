"""`angio-print merge DIR...`: join the outputs of sharded builds into one folder, manifest and index.

Each shard's folder holds its PDFs, thumbnails and a manifest; the merged
manifest lists every artifact once (a PDF two shards both printed must be the
same bytes), so it is what one full build would have written.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from angio_print.atomic import write_atomic
from angio_print.build.pipeline import prepare_output
from angio_print.build.manifest import language_summary, manifest_of
from angio_print.model.project import Project
from angio_print.findings import UserError, display_path
from angio_print.render.outputs import write_outputs
from angio_print.build.plan import Target


def _read_manifest(folder: Path) -> dict:
    path = folder / "manifest.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        manifest["artifacts"], manifest["leaflets"]  # noqa: B018 - both are needed
    except OSError:
        raise UserError.single(display_path(path), None, "no manifest here: give the --out folder of each shard's build") from None
    except (ValueError, KeyError, TypeError):
        raise UserError.single(display_path(path), None, "not a manifest written by `angio-print build`: build this shard again") from None
    return manifest


def merge_outputs(project: Project, folders: list[Path], out: Path) -> dict:
    manifests = [(folder, _read_manifest(folder)) for folder in folders]
    out = prepare_output(project, out)
    artifacts: dict[str, dict] = {}
    leaflets: dict[str, dict] = {}
    for folder, manifest in manifests:
        for artifact in manifest["artifacts"]:
            earlier = artifacts.get(artifact["path"])
            if earlier is not None and earlier["sha256"] != artifact["sha256"]:
                raise UserError.single(display_path(folder / artifact["path"]), None, "differs from the same PDF in another "
                                       "shard: build every shard from the same commit and settings")
            artifacts[artifact["path"]] = artifact
            for name in ("path", "thumbnail"):
                source, target = folder / artifact[name], out / artifact[name]
                if source.resolve() != target.resolve():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source, target)
        for name, record in manifest["leaflets"].items():
            entry = leaflets.setdefault(name, {"title": record["title"], "titles": {}, "languages": {}})
            entry["titles"].update(record.get("titles", {}))
            entry["languages"].update(record["languages"])
    for record in leaflets.values():
        record["languages"] = dict(sorted(record["languages"].items()))
    leaflets = dict(sorted(leaflets.items()))
    manifest = manifest_of(list(artifacts.values()), language_summary(leaflets), leaflets)
    write_atomic(out / "manifest.json", (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode())
    targets = sorted(Target(a["leaflet"], a["lang"], a["paper"], a["variant"]) for a in manifest["artifacts"])
    write_outputs(project, out, manifest, targets)
    return manifest
