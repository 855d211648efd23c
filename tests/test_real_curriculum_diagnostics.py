"""One mistake in the real curriculum, one precise message: golden diagnostics (issue 12).

Each case copies ``curriculum/`` into a temporary folder, makes one edit a contributor could
make, runs ``roadmap-site validate`` there and compares its whole output (stdout; stderr must be
empty) and exit code with ``golden/real-curriculum/<case>.txt``. The edits are chosen so that
the output depends on the edited place only (and, where a broken item is cited elsewhere, on
its first citation): an unrelated edit of the curriculum should not change a golden file.

Run with ``UPDATE_GOLDEN=1`` to rewrite the golden files after an intended change, then read
the diff. ``python tests/test_real_curriculum_diagnostics.py`` prints the error and warning
counts of every case (set PYTHONPATH to another checkout's ``src`` to count with its code).
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden" / "real-curriculum"


def replace(file: str, old: str, new: str):
    def edit(root: Path) -> None:
        path = root / file
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} is not in {file} exactly once"
        path.write_text(text.replace(old, new), encoding="utf-8")
    return edit


def rename(file: str, new_name: str):
    return lambda root: (root / file).rename((root / file).with_name(new_name))


def delete(file: str):
    return lambda root: (root / file).unlink()


def new_topic(where: str, topic_id: str):
    def edit(root: Path) -> None:
        from roadmap_site.scaffold import add_topic
        roadmap, phase = where.split("/")
        add_topic(root, roadmap, phase, topic_id)
    return edit


ISLR = "- id: islr\n  title: An Introduction to Statistical Learning\n  url: https://www.statlearning.com/\n"
KAGGLE_URL = "  url: https://www.kaggle.com/learn/intro-to-machine-learning\n  type: course\n"
TIDY_URL = "  url: https://www.jstatsoft.org/article/view/v059i10\n"
KNN_HOURS = "    hours: 4\n    reviewed: 2026-12\n    prerequisites: [data-preprocessing]\n"  # k-nearest-neighbors
GMM = "  - id: gaussian-mixture-models\n    title: Gaussian Mixture Models (GMM)\n"
SUPERVISED_TYPO = replace("ml/phases/supervised.yml", "prerequisites: [linear-regression, bias-variance]",
                          "prerequisites: [linear-regresion, bias-variance]")


def not_utf8(root: Path) -> None:
    path = root / "ml/phases/data.yml"
    raw = path.read_bytes()
    assert raw.count(b"title: Data preparation") == 1  # saved as Latin-1 after typing an umlaut
    path.write_bytes(raw.replace(b"title: Data preparation", b"title: D\xe4ta preparation"))


# name -> (edit, the part of the curriculum to validate ("" for all of it), options)
CASES = {
    # A bad field in one catalog entry: the rest of the file stays known; the citations of
    # the broken entry say once that it is broken.
    "catalog-type-textbook": (replace("resources/common.yml", ISLR + "  type: book\n",
                                      ISLR + "  type: textbook\n"), "", ()),
    "catalog-free-yes-please": (replace("resources/ml.yml", KAGGLE_URL + "  free: true\n",
                                        KAGGLE_URL + "  free: yes please\n"), "", ()),
    "catalog-ftp-url": (replace("resources/ml.yml", TIDY_URL, TIDY_URL.replace("https", "ftp")), "", ()),
    # The same as GitHub annotations: the cause first, and a summary last.
    "catalog-type-textbook-github": (replace("resources/common.yml", ISLR + "  type: book\n",
                                             ISLR + "  type: textbook\n"), "", ("--format", "github")),
    # A syntax error in a catalog file: its ids are unknown, so citations are not judged.
    "catalog-syntax-error": (replace("resources/ml.yml", "  level: [intermediate, advanced]\n  quality: 5\n"
                                     "  description: Stanford's",
                                     "  level: [intermediate, advanced\n  quality: 5\n"
                                     "  description: Stanford's"), "", ()),
    # One broken topic: it hides only itself, and the later topics of its file keep their
    # own lines (the first citation of the broken topic is in a later topic).
    "topic-hours-as-text": (replace("ml/phases/supervised.yml", KNN_HOURS,
                                    KNN_HOURS.replace("hours: 4", "hours: three")), "", ()),
    # A broken roadmap.yml: a roadmap that requires it is not told that it does not exist.
    "roadmap-yml-unknown-key": (replace("ml/roadmap.yml", "requires: [foundations]\n",
                                        "requires: [foundations]\nrequirements: [python]\n"), "", ()),
    # A deleted phase file: one error, at the line that lists it, naming the file.
    "phase-file-deleted": (delete("ml/phases/data.yml"), "", ()),
    # A phase file renamed with a typo, or saved as .yaml: one error each.
    "phase-file-renamed": (rename("ml/phases/evaluation.yml", "evalution.yml"), "", ()),
    "phase-file-yaml-suffix": (rename("ml/phases/evaluation.yml", "evaluation.yaml"), "", ()),
    # A key indented too far: the message says that the indentation is wrong.
    "over-indented-key": (replace("ml/phases/unsupervised.yml", GMM + "    summary:",
                                  GMM + "      summary:"), "", ()),
    # A file that is not UTF-8.
    "not-utf8": (not_utf8, "", ()),
    # A typo in a prerequisite: an unknown topic, with the nearest id.
    "unknown-prerequisite": (SUPERVISED_TYPO, "", ()),
    # One roadmap folder: its own problems, checked against the whole curriculum; problems
    # elsewhere are counted, not listed.
    "one-roadmap-folder": (SUPERVISED_TYPO, "ml", ()),
    "one-roadmap-folder-problem-elsewhere": (SUPERVISED_TYPO, "dl", ()),
    # A skeleton from `roadmap-site new topic` left as it is: a warning, which --strict fails.
    "new-topic-skeleton-strict": (new_topic("ml/supervised", "lasso-regression"), "", ("--strict",)),
}


def command(name: str) -> list[str]:
    _, part, options = CASES[name]
    return ["validate", f"curriculum/{part}".rstrip("/"), *options]


def edited_copy(name: str, workdir: Path) -> None:
    shutil.copytree(ROOT / "curriculum", workdir / "curriculum")
    CASES[name][0](workdir / "curriculum")


def run_case(name: str, workdir: Path) -> str:
    """The case's command line, its output and its exit code, as the golden file holds them."""
    from roadmap_site.cli import main

    edited_copy(name, workdir)
    argv = command(name)
    out, err = io.StringIO(), io.StringIO()
    old = Path.cwd()
    os.chdir(workdir)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    finally:
        os.chdir(old)
    assert err.getvalue() == "", err.getvalue()
    return f"$ roadmap-site {' '.join(argv)}\n{out.getvalue()}exit {code}\n"


@pytest.mark.parametrize("name", sorted(CASES))
def test_one_mistake_gives_the_golden_diagnostics(name, tmp_path):
    text = run_case(name, tmp_path)
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover - the before/after table of the closing note
    import json
    import subprocess
    import tempfile

    for name in sorted(CASES):
        with tempfile.TemporaryDirectory() as tmp:
            edited_copy(name, Path(tmp))
            argv = [a for a in command(name) if a not in ("--format", "github", "--strict")]
            proc = subprocess.run([sys.executable, "-m", "roadmap_site", *argv, "--format", "json"],
                                  cwd=tmp, capture_output=True, text=True)
            try:
                found = json.loads(proc.stdout)
                counts = (f"{sum(d['severity'] == 'error' for d in found)} errors, "
                          f"{sum(d['severity'] == 'warning' for d in found)} warnings")
            except ValueError:
                counts = f"no JSON: {proc.stderr.strip()[:100]}"
            print(f"{name:40} exit {proc.returncode}  {counts}")
