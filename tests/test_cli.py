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


def test_missing_path_is_a_usage_error(tmp_path):
    proc = run_cli("validate", str(tmp_path / "nope"))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "nope: no such folder or file" in proc.stderr


def test_every_format_writes_diagnostics_and_summary_to_stdout(good_copy):
    phase = good_copy / "basics/phases/next.yml"
    phase.write_text(phase.read_text().replace("[python, linear-algebra]", "[python, linear-algebr]"))
    for fmt in ("text", "github", "json"):
        proc = run_cli("validate", "curriculum", "--format", fmt, cwd=good_copy.parent)
        assert (proc.returncode, proc.stderr) == (1, ""), fmt
        assert "linear-algebr" in proc.stdout, fmt
    text = run_cli("validate", "curriculum", cwd=good_copy.parent).stdout.splitlines()
    assert text[0].startswith("curriculum/basics/phases/next.yml:10:29: error: ")
    assert text[-1] == "curriculum is invalid: 1 error, 0 warnings"


def test_github_format_ends_with_a_summary_of_what_github_does_not_show(good_copy):
    """GitHub shows 10 error annotations per step: the summary names how many more there are."""
    catalog = good_copy / "resources/catalog.yml"
    catalog.write_text(catalog.read_text() + "".join(
        f"- id: extra-{i}\n  title: Extra {i}\n  url: ftp://example.org/{i}\n  type: book\n  free: true\n"
        for i in range(12)))
    proc = run_cli("validate", "curriculum", "--format", "github", cwd=good_copy.parent)
    lines = proc.stdout.splitlines()
    assert proc.returncode == 1
    assert [line.split(" ", 1)[0] for line in lines] == ["::error"] * 12 + ["::notice"]
    assert lines[-1].startswith("::notice title=roadmap-site::curriculum is invalid: 12 errors, "
                                "0 warnings; 2 more not shown as annotations")


def test_strict_fails_on_warnings(good_copy):
    deep = good_copy / "advanced/phases/deep.yml"
    deep.write_text(deep.read_text().replace("      - ref: python-docs\n", ""))
    assert run_cli("validate", "curriculum", cwd=good_copy.parent).returncode == 0
    proc = run_cli("validate", "curriculum", "--strict", cwd=good_copy.parent)
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[-1] == ("curriculum is invalid: 0 errors, 1 warning "
                                            "(--strict counts warnings as errors)")


def test_one_roadmap_folder_or_file_is_checked_against_its_curriculum(good_copy):
    """References from advanced/ into basics/ resolve; problems elsewhere are counted only."""
    cwd = good_copy.parent
    for part in ("curriculum/advanced", "curriculum/advanced/phases",
                 "curriculum/advanced/phases/deep.yml", "curriculum/resources"):
        proc = run_cli("validate", part, cwd=cwd)
        assert (proc.returncode, proc.stdout) == (0, f"{part} is valid (0 errors, 0 warnings)\n")
    deep = good_copy / "advanced/phases/deep.yml"
    deep.write_text(deep.read_text().replace("basics/regression", "basics/regresion"))
    proc = run_cli("validate", "curriculum/advanced", cwd=cwd)
    assert proc.returncode == 1
    assert proc.stdout.startswith("curriculum/advanced/phases/deep.yml:10:21: error: unknown topic")
    proc = run_cli("validate", "curriculum/basics", cwd=cwd)
    assert proc.returncode == 0
    assert proc.stdout == ("curriculum/basics is valid (0 errors, 0 warnings); elsewhere in "
                           "curriculum: 1 error, 0 warnings (roadmap-site validate curriculum "
                           "lists them)\n")
    proc = run_cli("validate", ".", cwd=good_copy / "advanced")  # from inside the roadmap
    assert proc.returncode == 1
    assert proc.stdout.startswith("phases/deep.yml:10:21: error: unknown topic 'basics/regresion'")


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
    assert proc.stdout.splitlines() == [
        "::error file=curriculum/basics/phases/next.yml,line=10,col=29,title=roadmap-site::"
        "unknown topic 'linear-algebr' (hint: did you mean 'linear-algebra'?)",
        "::notice title=roadmap-site::curriculum is invalid: 1 error, 0 warnings"]


def _buffered() -> dict:
    """The environment of a user's shell: output buffered as Python does by default."""
    import os

    return {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


def _many_errors(curriculum):
    catalog = curriculum / "resources/catalog.yml"
    catalog.write_text(catalog.read_text() + "".join(
        f"- id: extra-{i}\n  title: Extra {i}\n  url: ftp://example.org/{i}\n  type: book\n  free: true\n"
        for i in range(400)))


def test_the_command_writes_all_its_output_to_a_file_before_its_fast_exit(good_copy, capsys):
    """The command ends without the interpreter's teardown (cli.console): what it buffered for
    a file must still all be there, and its exit code kept."""
    import subprocess
    import sys

    from roadmap_site.cli import main

    _many_errors(good_copy)
    report = good_copy.parent / "report.json"
    with report.open("w") as out:
        proc = subprocess.run([sys.executable, "-m", "roadmap_site", "validate", "--format", "json"],
                              cwd=good_copy.parent, stdout=out, stderr=subprocess.PIPE, text=True,
                              timeout=120, env=_buffered())
    assert (proc.returncode, proc.stderr) == (1, "")
    assert len(json.loads(report.read_text())) > 100
    assert report.stat().st_size > 2 * 8192  # more than one of the stream's buffers
    capsys.readouterr()
    assert main(["validate", "--format", "json", "--no-cache"]) == 1  # the same run, in process
    assert report.read_text() == capsys.readouterr().out


def test_a_reader_that_stops_early_gets_no_traceback(good_copy):
    """``validate | head -1``: the reader has closed the pipe when the command writes its
    report; it still exits with its own code and says nothing on stderr."""
    import subprocess
    import sys

    phase = good_copy / "basics/phases/next.yml"
    phase.write_text(phase.read_text().replace("[python, linear-algebra]", "[python, linear-algebr]"))
    proc = subprocess.Popen([sys.executable, "-m", "roadmap_site", "validate"], cwd=good_copy.parent,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_buffered())
    proc.stdout.close()  # long before the report is written (it takes a curriculum's load)
    assert proc.wait(timeout=120) == 1
    assert proc.stderr.read() == b""
    proc.stderr.close()
