"""A house template is worked out once per analysed template, and never mixed up with
another (stored_template keeps its results by the identity of its inputs)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace

import pytest

from briefing_app.render.pptx_template import stored_template
from briefing_app.templates.stored import analysed, default_template


def test_the_same_template_is_worked_out_once() -> None:
    package, match = default_template()
    assert stored_template(package, match) is stored_template(package, match)


def test_an_equal_match_that_is_another_object_is_worked_out_afresh() -> None:
    package, match = default_template()
    first = stored_template(package, match)
    again = stored_template(package, replace(match))
    assert again is not first
    assert again == first


def test_another_template_gets_its_own() -> None:
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed")
    ours = stored_template(*default_template())
    data = subprocess.run(
        ["pandoc", "--print-default-data-file", "reference.pptx"],
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout
    theirs = stored_template(*analysed("pandoc-reference", data, "reference.pptx"))
    assert theirs.data != ours.data
    assert stored_template(*default_template()) is ours  # still kept after another
