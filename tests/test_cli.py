import json

from conftest import GOOD, ROOT, run_cli


def test_validate_real_curriculum_exits_0():
    proc = run_cli("validate", cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "curriculum is valid: 6 roadmaps" in proc.stdout


def test_validate_fixture_exits_0():
    assert run_cli("validate", str(GOOD)).returncode == 0


def test_usage_errors_exit_2():
    assert run_cli().returncode == 2
    assert run_cli("validate", "--format", "yaml").returncode == 2
    assert run_cli("frobnicate").returncode == 2


def test_missing_folder_exits_1_with_diagnostic(tmp_path):
    proc = run_cli("validate", str(tmp_path / "nope"))
    assert proc.returncode == 1
    assert "curriculum folder does not exist" in proc.stderr


def test_json_and_github_formats(good_copy):
    phase = good_copy / "basics/phases/next.yml"
    phase.write_text(phase.read_text().replace("[python, linear-algebra]", "[python, linear-algebr]"))
    proc = run_cli("validate", "curriculum", "--format", "json", cwd=good_copy.parent)
    assert proc.returncode == 1
    [diag] = json.loads(proc.stdout)
    assert diag == {"file": "curriculum/basics/phases/next.yml", "line": 10, "column": 29,
                    "severity": "error", "message": "unknown topic 'linear-algebr'",
                    "hint": "did you mean 'linear-algebra'?"}
    proc = run_cli("validate", "curriculum", "--format", "github", cwd=good_copy.parent)
    assert proc.returncode == 1
    assert proc.stdout.strip() == (
        "::error file=curriculum/basics/phases/next.yml,line=10,col=29,title=roadmap-site::"
        "unknown topic 'linear-algebr' (hint: did you mean 'linear-algebra'?)")
