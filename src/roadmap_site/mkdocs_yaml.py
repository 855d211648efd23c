"""Read and write ``mkdocs.yml`` without importing MkDocs.

Material configs use tags such as ``!!python/name:material.extensions.emoji.twemoji`` and
MkDocs knows ``!ENV`` and ``!relative``. Safe loading would reject them and full loading would
import code, so each tagged value is kept as a :class:`Tagged` and written back unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

PLUGIN_NAME = "roadmap-site"


@dataclass(frozen=True)
class Tagged:
    """A tagged YAML value (``!!python/name:x``, ``!ENV [A, b]``) kept as written."""

    tag: str
    kind: str  # "scalar", "sequence" or "mapping"
    value: Any


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: _Loader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        return Tagged(node.tag, "scalar", loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(node.tag, "sequence", loader.construct_sequence(node, deep=True))
    return Tagged(node.tag, "mapping", loader.construct_mapping(node, deep=True))


def _represent_tagged(dumper: _Dumper, data: Tagged) -> yaml.Node:
    if data.kind == "sequence":
        return dumper.represent_sequence(data.tag, data.value)
    if data.kind == "mapping":
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


for _prefix in ("tag:yaml.org,2002:python/", "!"):
    _Loader.add_multi_constructor(_prefix, _construct_tagged)
_Dumper.add_representer(Tagged, _represent_tagged)


def load(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        data = yaml.load(f, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data


def dump(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def plugin_entries(config: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The ``plugins`` setting as (name, options) pairs, whichever of its two forms is used."""
    plugins = config.get("plugins")
    if plugins is None:
        return [("search", {})]  # MkDocs' default
    if isinstance(plugins, dict):
        return [(name, opts or {}) for name, opts in plugins.items()]
    out = []
    for item in plugins:
        if isinstance(item, dict):
            name, opts = next(iter(item.items()))
            out.append((name, opts or {}))
        else:
            out.append((str(item), {}))
    return out


def without_plugin(config: dict[str, Any], name: str = PLUGIN_NAME) -> list:
    """The ``plugins`` list with ``name`` removed (and MkDocs' default made explicit)."""
    return [n if not opts else {n: opts} for n, opts in plugin_entries(config) if n != name]
