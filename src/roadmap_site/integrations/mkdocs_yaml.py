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


class ConfigError(ValueError):
    """mkdocs.yml cannot be used: the message names the file (and line, where known)."""


def load(path: Path) -> dict[str, Any]:
    """``mkdocs.yml`` as data, checked for the shapes this tool reads; a ConfigError otherwise."""
    shown = Path(path).as_posix()
    try:
        with open(path, encoding="utf-8") as f:
            data = yaml.load(f, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{shown}: not valid UTF-8 (byte {exc.start}); save it as UTF-8") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise ConfigError(f"{shown}{where}: YAML syntax error: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{shown}: YAML error: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{shown}: nested too deeply to read") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{shown}: expected a mapping (key: value) at the top level")
    _check(data, shown)
    return data


# key -> (what it must be, a test): the settings this tool reads or writes back.
_SHAPES = {
    "site_name": ("text", lambda v: isinstance(v, str)),
    "docs_dir": ("a folder name", lambda v: isinstance(v, str)),
    "site_dir": ("a folder name", lambda v: isinstance(v, str)),
    "nav": ("a list of pages", lambda v: isinstance(v, list)),
    "hooks": ("a list of file names", lambda v: isinstance(v, list) and all(isinstance(h, str) for h in v)),
    "extra_css": ("a list of file names", lambda v: isinstance(v, list)),
    "extra_javascript": ("a list of file names", lambda v: isinstance(v, list)),
    "theme": ("a theme name or a mapping with 'name'", lambda v: isinstance(v, (str, dict))),
    "plugins": ("a list of plugin names (or name: options mappings), or a mapping", lambda v: _plugins_ok(v)),
}


def _plugins_ok(value: Any) -> bool:
    def options_ok(options: Any) -> bool:
        return isinstance(options, (dict, type(None)))

    if isinstance(value, dict):
        return all(map(options_ok, value.values()))
    return isinstance(value, list) and all(
        isinstance(i, str) or (isinstance(i, dict) and len(i) == 1 and options_ok(next(iter(i.values()))))
        for i in value)


def _check(config: dict[str, Any], shown: str) -> None:
    for key, (expected, ok) in _SHAPES.items():
        value = config.get(key)
        if value is not None and not isinstance(value, Tagged) and not ok(value):  # !ENV: known at build time
            raise ConfigError(f"{shown}: '{key}' must be {expected}, not {type(value).__name__}")
    options = dict(plugin_entries(config)).get(PLUGIN_NAME) or {}
    folder = options.get("curriculum_dir", "curriculum")
    if not isinstance(folder, (str, Tagged)):
        raise ConfigError(f"{shown}: the {PLUGIN_NAME} plugin's 'curriculum_dir' must be a folder name, "
                          f"not {type(folder).__name__}")


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
