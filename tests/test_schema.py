"""The JSON Schema: generated from the models, committed, mapped for editors, and in step
with the validator (checked with an independent validator, the ``jsonschema`` package)."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

import jsonschema
import pytest
import yaml

from conftest import GOOD, ROOT, run_cli
from roadmap_site import schema
from roadmap_site.pipeline import load_curriculum

SCHEMA_DIR = ROOT / "schema"
KIND_OF_FILE = {"roadmap": "roadmap.schema.json", "phase": "phase.schema.json",
                "track": "track.schema.json", "resources": "resources.schema.json",
                "tags": "tags.schema.json"}


def committed(name: str) -> dict:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def kind_of(path: Path) -> str:
    if path.name == "tags.yml" and path.parent.name == "curriculum":
        return "tags"
    if path.parent.name in ("resources", "tracks"):
        return {"resources": "resources", "tracks": "track"}[path.parent.name]
    return "phase" if path.parent.name == "phases" else "roadmap"


def curriculum_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.yml"))


def validator(name: str) -> jsonschema.protocols.Validator:
    document = committed(name)
    cls = jsonschema.validators.validator_for(document)
    cls.check_schema(document)
    return cls(document)


@pytest.mark.parametrize("kind", ["curriculum", "roadmap", "phase", "resources", "tags"])
def test_committed_schema_equals_generated(kind):
    proc = run_cli("schema", "--kind", kind)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == (SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"), (
        f"schema/{kind}.schema.json is stale: run `roadmap-site schema --dir schema`")


def test_schema_dir_writes_exactly_the_committed_files(tmp_path):
    proc = run_cli("schema", "--dir", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    written = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "out").iterdir()}
    assert written == {p.name: p.read_text(encoding="utf-8") for p in SCHEMA_DIR.iterdir()}


def test_schema_output_file_and_usage_errors(tmp_path):
    out = tmp_path / "s.json"
    assert run_cli("schema", "-o", str(out)).returncode == 0
    assert json.loads(out.read_text()) == schema.curriculum_schema()
    assert run_cli("schema", "--kind", "topic").returncode == 2
    assert run_cli("schema", "-o", str(out), "--dir", str(tmp_path)).returncode == 2
    proc = run_cli("schema", "-o", str(out / "under-a-file.json"))  # out is a file, not a folder
    assert proc.returncode == 1 and "roadmap-site schema: error:" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_schemas_are_valid_draft7_and_combined_covers_each_kind():
    for name in [*KIND_OF_FILE.values(), "curriculum.schema.json"]:
        document = committed(name)
        assert document["$schema"] == "http://json-schema.org/draft-07/schema#"
        jsonschema.Draft7Validator.check_schema(document)
    combined = committed("curriculum.schema.json")
    assert {"Roadmap", "Phase", "Catalog", "Topic"} <= set(combined["$defs"])
    assert len(combined["anyOf"]) == 5  # roadmap, phase, track, catalog, tags


@pytest.mark.parametrize("root", [ROOT / "curriculum", GOOD], ids=["curriculum", "fixture"])
def test_every_curriculum_file_validates_against_its_schema(root):
    files = curriculum_files(root)
    # the fixture has no tags.yml (then any tag is accepted)
    assert {kind_of(p) for p in files} == set(KIND_OF_FILE) - ({"tags"} if root == GOOD else set())
    combined = validator("curriculum.schema.json")
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for v in (validator(KIND_OF_FILE[kind_of(path)]), combined):
            errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in v.iter_errors(data)]
            assert errors == [], f"{path.relative_to(root)}: {errors[:3]}"


# Each edit must be rejected by the validator *and* the schema: they describe one format.
BROKEN = {
    "unknown key": ("basics/phases/start.yml", "    level: beginner\n    hours: 10",
                    "    levle: beginner\n    hours: 10"),
    "missing required key": ("basics/phases/start.yml", "    title: Python\n", ""),
    "bad enum": ("basics/phases/start.yml", "level: beginner", "level: beginer"),
    "bad id": ("basics/phases/next.yml", "id: regression", "id: Linear_Regression"),
    "wrong type": ("basics/phases/start.yml", "hours: 10", "hours: ten"),
    "hours out of range": ("basics/phases/start.yml", "hours: 10", "hours: 500"),
    "url scheme": ("basics/phases/start.yml", "url: https://en.wikipedia.org/wiki/Linear_algebra",
                   "url: javascript:alert(1)"),
    "roadmap without phases": ("basics/roadmap.yml", "phases: [start, next]", "phases: []"),
    "catalog quality": ("resources/catalog.yml", "quality: 5", "quality: 9"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_schema_rejects_what_the_validator_rejects(case, good_copy):
    file, old, new = BROKEN[case]
    path = good_copy / file
    text = path.read_text(encoding="utf-8")
    assert old in text, (case, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert not load_curriculum(good_copy).ok
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert list(validator(KIND_OF_FILE[kind_of(path)]).iter_errors(data)), case
    assert list(validator("curriculum.schema.json").iter_errors(data)), case


def test_vscode_maps_every_curriculum_file_to_exactly_its_schema():
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    for schema_path in mapping:
        assert (ROOT / schema_path).is_file(), schema_path
    for path in curriculum_files(ROOT / "curriculum"):
        rel = PurePosixPath("/" + path.relative_to(ROOT).as_posix())
        matches = [s for s, globs in mapping.items() if any(rel.match(g) for g in globs)]
        assert matches == [f"./schema/{KIND_OF_FILE[kind_of(path)]}"], rel
    extensions = json.loads((ROOT / ".vscode/extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]
