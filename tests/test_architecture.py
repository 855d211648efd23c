"""The layers: core (the flat modules) <- render <- integrations and cli. Only the MkDocs
adapter (the integrations/plugin/ package) imports mkdocs; the core
imports neither render nor an adapter; render imports no adapter."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "roadmap_site"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _importing(files, prefixes: tuple[str, ...]) -> list[str]:
    return [p.relative_to(PACKAGE).as_posix() for p in files
            if any(m == x or m.startswith(x + ".") for m in imported_modules(p) for x in prefixes)]


def test_only_the_mkdocs_adapter_imports_mkdocs():
    adapter = PACKAGE / "integrations" / "plugin"
    assert (adapter / "hooks.py").is_file()  # the plugin is where this test looks
    modules = [p for p in PACKAGE.rglob("*.py") if not p.is_relative_to(adapter)]
    assert _importing(modules, ("mkdocs",)) == []


def test_layers_import_only_downwards():
    adapters = ("roadmap_site.integrations", "roadmap_site.cli")
    core = [p for p in PACKAGE.glob("*.py") if p.name != "__main__.py"]
    assert len(core) > 10  # the flat core is where it is said to be
    assert _importing(core, ("roadmap_site.render", *adapters)) == []
    assert _importing(sorted((PACKAGE / "render").glob("*.py")), adapters) == []


def test_cli_runs_without_loading_mkdocs():
    code = ("import sys; from roadmap_site.cli import main; main(['validate', '--format', 'json',"
            " 'curriculum']); print('mkdocs' in sys.modules, file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=PACKAGE.parent.parent, timeout=60)
    assert proc.stderr.strip().splitlines()[-1] == "False"


def test_every_cli_command_runs_without_loading_mkdocs(tmp_path):
    """schema, stats, export, new topic and links --list use the core only."""
    from conftest import GOOD, make_project

    project = make_project(tmp_path, GOOD)
    commands = [["schema"], ["stats", "curriculum"], ["links", "--list", "curriculum"],
                ["new", "topic", "basics/start", "fresh-topic"], ["export", str(tmp_path / "out")]]
    for argv in commands:
        code = ("import sys, contextlib, io; from roadmap_site.cli import main\n"
                f"with contextlib.redirect_stdout(io.StringIO()): rc = main({argv!r})\n"
                "print(rc, 'mkdocs' in sys.modules, file=sys.stderr)")
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              cwd=project, timeout=120)
        assert proc.stderr.strip().splitlines()[-1] == "0 False", (argv, proc.stderr)
