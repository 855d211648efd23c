"""The field reference in docs/curriculum-format.md is the one generated from the models, and
it states the ranges the validator really enforces."""

from __future__ import annotations

import re

from conftest import ROOT
from roadmap_site.model import Topic
from roadmap_site.reference import END, START, field_reference

DOC = ROOT / "docs/curriculum-format.md"


def test_the_format_page_carries_the_current_field_reference():
    text = DOC.read_text(encoding="utf-8")
    start, end = text.index(START), text.index(END) + len(END)
    assert text[start:end] + "\n" == field_reference(), (
        "docs/curriculum-format.md is out of date: replace its field reference with the output "
        "of `roadmap-site schema --markdown`")


def test_documented_hours_are_the_enforced_hours():
    row = next(line for line in field_reference().splitlines() if line.startswith("| `hours`"))
    low, high = map(float, re.search(r"from ([\d.]+) to ([\d.]+)", row).groups())
    base = {"id": "t", "title": "T", "summary": "S.", "level": "beginner"}
    for hours, accepted in ((low, True), (high, True), (low / 2, False), (high + 1, False)):
        ok = True
        try:
            Topic.model_validate({**base, "hours": hours})
        except ValueError:
            ok = False
        assert ok is accepted, hours
    # and the prose example agrees with the table
    assert f"({low:g} to {high:g})" in DOC.read_text(encoding="utf-8")


def test_every_model_field_is_documented():
    reference = field_reference()
    for field in Topic.model_fields:
        assert f"| `{field}` |" in reference, field
