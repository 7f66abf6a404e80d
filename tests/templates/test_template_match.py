"""Layouts are chosen by placeholder types and geometry, in our template, in pandoc's and
in LibreOffice's own templates; fonts get their metric-compatible free faces."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from briefing_app.templates.build_default import build_bytes
from briefing_app.templates.inspect import inspect_package
from briefing_app.templates.match import TemplateMatch, match_template
from briefing_app.templates.package import read_template_bytes, read_template_file
from briefing_app.templates.slots import LAYOUT_SLOTS


def _match(path: Path) -> TemplateMatch:
    return match_template(inspect_package(read_template_file(path)))


def _renamed(path: Path, rename) -> bytes:
    """The same file with every slide layout renamed by ``rename(old_name)``."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if re.fullmatch(r"ppt/slideLayouts/slideLayout\d+\.xml", info.filename):
                text = data.decode()
                text = re.sub(
                    r'(<p:cSld name=")([^"]*)(")', lambda m: m[1] + rename(m[2]) + m[3], text
                )
                data = text.encode()
            dst.writestr(info, data)
    return out.getvalue()


def test_our_template_gives_each_layout_its_own_named_layout() -> None:
    match = match_template(inspect_package(read_template_bytes(build_bytes(), "ours.pptx")))
    for choice in match.choices:
        assert choice.name == LAYOUT_SLOTS[choice.ours].name
        assert not choice.missing
    assert match.info.aspect == "16:9"
    assert [f.measured_with for f in match.info.fonts] == ["Liberation Sans", "Liberation Sans"]
    assert not match.info.warnings


def test_names_play_no_part(pandoc_reference: Path) -> None:
    before = _match(pandoc_reference)
    german = {
        "Title and Content": "Titel und Inhalt",
        "Title Slide": "Titelfolie",
        "Section Header": "Abschnittsüberschrift",
        "Two Content": "Zwei Inhalte",
        "Comparison": "Vergleich",
    }
    for rename in (lambda n: german.get(n, n + " (de)"), lambda n: "Layout"):
        data = _renamed(pandoc_reference, rename)
        after = match_template(inspect_package(read_template_bytes(data, "renamed.pptx")))
        assert [c.layout.part for c in after.choices] == [c.layout.part for c in before.choices]


def test_pandoc_reference_template(pandoc_reference: Path) -> None:
    match = _match(pandoc_reference)
    info = match.info
    assert info.aspect == "16:9"
    assert [(f.role, f.name, f.measured_with) for f in info.fonts[:2]] == [
        ("headings", "Calibri", "Carlito"),
        ("body", "Calibri", "Carlito"),
    ]
    chosen = {c.ours: c for c in match.choices}
    assert chosen["title"].title.type == "ctrTitle"
    assert chosen["title"].assignments[0].placeholder.type == "subTitle"
    assert chosen["argument"].name == "Title and Content"
    assert chosen["section"].name == "Section Header"
    assert chosen["comparison"].name == "Comparison"
    assert chosen["map"].name == "Two Content"
    for choice in match.choices:
        assert choice.title is not None and not choice.title.vertical
        assert "Vertical" not in choice.name


def test_libreoffice_templates(libreoffice_templates: dict[str, Path]) -> None:
    assert len(libreoffice_templates) >= 5
    for name, path in libreoffice_templates.items():
        match = _match(path)
        info = match.info
        assert info.width > 0 and info.height > 0
        if name == "Vintage":
            assert info.aspect == "4:3"
        # one master for the whole deck; every layout of ours has a title placeholder
        assert {c.layout.master for c in match.choices} == {match.master}
        for choice in match.choices:
            assert choice.title is not None, (name, choice.ours)
            spec = LAYOUT_SLOTS[choice.ours]
            main = [a for a in choice.assignments if spec.slot(a.slot).weight >= 1]
            assert all(a.placeholder is not None for a in main), (name, choice.ours)
            for a in choice.assignments:  # every optional part left out is reported
                assert (a.placeholder is None) == any(a.slot in m for m in choice.missing)
        argument = match.choice("argument")
        assert [a.placeholder.type for a in argument.assignments] == ["obj"]
        assert len(argument.layout.of_type("obj", "body")) == 1
        comparison = match.choice("comparison")
        left, right = (a.placeholder for a in comparison.assignments if "column" in a.slot)
        assert left.x + left.w <= right.x + 1  # side by side, left first
        cover = match.choice("title")
        assert cover.assignments[0].placeholder.type == "subTitle"
        for font in info.fonts:
            assert font.measured_with
        # a font with no free twin gets exactly one warning
        unknown = {f.name for f in info.fonts if not f.exact}
        assert len(info.warnings) == len(unknown)
