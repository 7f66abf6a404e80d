"""What a screen reader and PowerPoint's accessibility checker get from an exported deck,
in our template and in a house template (pandoc's reference.pptx): rules, bands and panels
marked decorative, each map one group with alt text, and a reading order of title, body,
figure, caption, sources, footer on every slide."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.shapes.base import BaseShape

from briefing_app.deck.outline import DEFAULT_OUTLINE, build_from_outline
from briefing_app.layout.tracker import TRACKER_NAME
from briefing_app.render.export import export_deck
from briefing_app.services import templates

DECORATIVE = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
ADEC = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
# the slide's own chrome, read after its content (the source line is named "Footer")
CHROME = ("Footer", TRACKER_NAME)


def _decorative(shape: BaseShape) -> bool:
    c_nv_pr = shape._element.xpath("./*[1]/p:cNvPr")[0]
    flags = [
        flag.get("val")
        for ext in c_nv_pr.xpath("./a:extLst/a:ext")
        if ext.get("uri") == DECORATIVE
        for flag in ext.iter(ADEC)
    ]
    return flags == ["1"]


def _check(path: Path) -> int:
    """Checks every slide of ``path``; returns how many map groups it saw."""
    maps = 0
    for number, slide in enumerate(Presentation(str(path)).slides, 1):
        read = []
        for shape in slide.shapes:
            where = f"slide {number}, {shape.name}"
            if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
                c_nv_pr = shape._element.nvGrpSpPr.cNvPr
                assert c_nv_pr.get("descr", "").startswith("Map: "), where
                assert not _decorative(shape), where
                maps += 1
                read.append("figure")
            elif not (shape.has_text_frame and shape.text_frame.text.strip()):
                # a shape with nothing to read is a rule, band, panel or chip
                assert _decorative(shape), where
            else:
                assert not _decorative(shape), where
                if shape == slide.shapes.title:
                    read.append("title")
                elif shape.name in CHROME:
                    read.append(shape.name)
                elif shape.name == "Caption":
                    read.append("caption")
                else:
                    read.append("body")
        kinds = list(dict.fromkeys(read))  # first appearance of each kind, in order
        assert kinds[0] == "title", (number, read)
        # the body and figure before the caption, the caption before the slide's chrome
        rank = {"title": 0, "body": 1, "figure": 1, "caption": 2, "Footer": 3, TRACKER_NAME: 4}
        assert [rank[k] for k in read] == sorted(rank[k] for k in read), (number, read)
        if "figure" in read:
            assert read.index("body") < read.index("figure"), (number, read)
        # a quote beside the points supports them: read after them, as it stands after them
        names = [shape.name for shape in slide.shapes]
        if "Body" in names and "Quote" in names:
            assert names.index("Body") < names.index("Quote"), (number, names)
    return maps


def test_decorative_shapes_alt_text_and_reading_order(
    essay_store, tmp_path: Path, pandoc_reference: Path
) -> None:
    build_from_outline(essay_store, DEFAULT_OUTLINE, "Default", marking="OFFICIAL-SENSITIVE")
    ours = export_deck(essay_store, "Default", "pptx", tmp_path / "ours.pptx")
    assert _check(ours.path) == 1
    templates.add_template(essay_store, pandoc_reference, "pandoc")
    templates.set_deck_template(essay_store, "Default", "pandoc")
    house = export_deck(essay_store, "Default", "pptx", tmp_path / "pandoc.pptx")
    assert _check(house.path) == 1


def test_an_undecorated_rule_or_a_map_read_before_the_title_is_caught(
    essay_store, tmp_path: Path
) -> None:
    """The checks above can fail: a rule without its flag, and a map moved ahead of the
    title, are both reported."""
    build_from_outline(essay_store, DEFAULT_OUTLINE, "Default", marking="OFFICIAL-SENSITIVE")
    path = export_deck(essay_store, "Default", "pptx", tmp_path / "ours.pptx").path
    prs = Presentation(str(path))
    rule = next(s for slide in prs.slides for s in slide.shapes if s.name == "Divider")
    (flag,) = rule._element.xpath("./*[1]/p:cNvPr/a:extLst")
    flag.getparent().remove(flag)
    prs.save(tmp_path / "undecorated.pptx")
    with pytest.raises(AssertionError, match="Divider"):
        _check(tmp_path / "undecorated.pptx")
    prs = Presentation(str(path))
    slide = next(s for s in prs.slides if any(x.name.startswith("Map") for x in s.shapes))
    group = next(s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP)
    tree = slide.shapes._spTree
    tree.remove(group._element)
    tree.insert(2, group._element)  # first after the tree's own properties
    prs.save(tmp_path / "map-first.pptx")
    with pytest.raises(AssertionError):
        _check(tmp_path / "map-first.pptx")
