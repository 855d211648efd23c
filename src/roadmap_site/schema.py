"""JSON Schema of the curriculum files, derived from the Pydantic models in :mod:`model`.

The models are the one source of truth: the validator checks files against them, and the
schemas editors use (``schema/*.schema.json``, mapped in ``.vscode/settings.json``) are
generated from them by ``roadmap-site schema``. A test keeps the committed files in step.

Draft-07 is declared because the YAML language server (VS Code's YAML extension) supports
drafts up to 7; the ``$defs`` references pydantic emits are plain JSON pointers there.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter

from roadmap_site.model import Catalog, Phase, Roadmap, TagVocabulary, Track

DIALECT = "http://json-schema.org/draft-07/schema#"

# file kind -> (schema file name, the model, what the files are, where they live)
KINDS: dict[str, tuple[str, TypeAdapter, str, str]] = {
    "roadmap": ("roadmap.schema.json", TypeAdapter(Roadmap),
                "A roadmap: its title, summary, required roadmaps and phases in order",
                "curriculum/*/roadmap.yml"),
    "phase": ("phase.schema.json", TypeAdapter(Phase),
              "A phase of a roadmap and its topics", "curriculum/*/phases/*.yml"),
    "track": ("track.schema.json", TypeAdapter(Track),
              "A track: goal topics across roadmaps, and the path to them", "curriculum/tracks/*.yml"),
    "resources": ("resources.schema.json", Catalog,
                  "A file of the resource catalog: a list of resources cited by id",
                  "curriculum/resources/*.yml"),
    "tags": ("tags.schema.json", TagVocabulary,
             "The tag vocabulary: the tags topics may carry, in groups", "curriculum/tags.yml"),
}
COMBINED = "curriculum.schema.json"
SITE_PATH = "schema/" + COMBINED  # where the built site publishes it
CATALOG_DEF = "Catalog"


def file_schema(kind: str) -> dict[str, Any]:
    """The schema of one kind of file ('roadmap', 'phase' or 'resources'), self-contained."""
    _, adapter, description, pattern = KINDS[kind]
    body = adapter.json_schema()
    return _document(f"roadmap-site {kind} file ({pattern})", description, body)


def curriculum_schema() -> dict[str, Any]:
    """One document for every curriculum file: any of the three file kinds, sharing $defs."""
    keys = [(kind, "validation", KINDS[kind][1]) for kind in KINDS]
    schemas, shared = TypeAdapter.json_schemas(keys, ref_template="#/$defs/{model}")
    defs: dict[str, Any] = dict(shared.get("$defs", {}))
    refs = []
    for (kind, _), body in schemas.items():
        if "$ref" not in body:  # the catalog and the tags are lists, not models: name them in $defs
            name = CATALOG_DEF if kind == "resources" else kind.capitalize()
            defs[name] = {"description": KINDS[kind][2], **body}
            body = {"$ref": f"#/$defs/{name}"}
        refs.append(body)
    body = {"anyOf": refs, "$defs": defs}
    return _document("roadmap-site curriculum file",
                     "Any file under curriculum/: a roadmap.yml, a phase file or a resource "
                     "catalog file. Each kind also has its own schema.", body)


def all_schemas() -> dict[str, dict[str, Any]]:
    """File name -> schema, for every file ``roadmap-site schema --dir`` writes."""
    out = {KINDS[kind][0]: file_schema(kind) for kind in KINDS}
    out[COMBINED] = curriculum_schema()
    return out


def dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _document(title: str, description: str, body: dict[str, Any]) -> dict[str, Any]:
    body = {k: v for k, v in body.items() if k not in ("title", "description")}
    return {"$schema": DIALECT, "title": title, "description": description, **body}
