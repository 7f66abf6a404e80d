"""Our house template: reproducible, 16:9, one named layout per layout of ours, real
placeholders, a slide-number field, the marking on the master, theme fonts and colours."""

from __future__ import annotations

import io
import re
import zipfile

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from briefing_app.layout.theme import MINISTRY
from briefing_app.templates.build_default import (
    DEFAULT_TEMPLATE,
    MARKING_SHAPE_NAMES,
    build_bytes,
    shipped_layouts,
)
from briefing_app.templates.inspect import inspect_package
from briefing_app.templates.match import match_template
from briefing_app.templates.package import read_template_bytes
from briefing_app.templates.slots import LAYOUT_SLOTS


def test_the_committed_template_is_what_the_script_builds_byte_for_byte() -> None:
    """For the layouts it has: a layout added since (one module, its tests and a registry
    line) is in the template exports build, and served by geometry in the shipped file
    until the script writes it again."""
    first, second = build_bytes(), build_bytes()
    assert first == second
    rebuild = "run python -m briefing_app.templates.build_default"
    shipped = shipped_layouts()
    assert {"argument", "title", "section", "comparison", "map"} <= set(shipped)
    assert DEFAULT_TEMPLATE.read_bytes() == build_bytes(layouts=shipped), rebuild


def test_a_layout_the_shipped_file_lacks_is_served_by_geometry() -> None:
    """As if two_quotes had been added after the file was written: it gets the layout
    whose placeholders fit it (Comparison's headings and columns), nothing missing but
    what is optional."""
    older = tuple(key for key in LAYOUT_SLOTS if key != "two_quotes")
    package = read_template_bytes(build_bytes(layouts=older), "older.pptx")
    choice = match_template(inspect_package(package)).choice("two_quotes")
    assert choice.name == "Comparison"
    assert all(a.placeholder is not None for a in choice.assignments)
    assert len({a.placeholder.idx for a in choice.assignments}) == 4


def test_one_master_and_a_named_layout_for_each_of_our_layouts() -> None:
    prs = Presentation(io.BytesIO(build_bytes()))
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)  # 13.333 x 7.5 in
    assert len(prs.slide_masters) == 1
    names = [layout.name for layout in prs.slide_layouts]
    for spec in LAYOUT_SLOTS.values():
        assert spec.name in names
    for layout in prs.slide_layouts:
        types = [p.placeholder_format.type for p in layout.placeholders]
        assert PP_PLACEHOLDER.TITLE in types or PP_PLACEHOLDER.CENTER_TITLE in types, layout.name
    by_name = {layout.name: layout for layout in prs.slide_layouts}
    map_types = [p.placeholder_format.type for p in by_name["Map"].placeholders]
    assert PP_PLACEHOLDER.PICTURE in map_types and PP_PLACEHOLDER.OBJECT in map_types
    for layout in prs.slide_layouts:  # the cover's and the section's too
        types = [p.placeholder_format.type for p in layout.placeholders]
        for chrome in (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
            assert types.count(chrome) == 1, (layout.name, chrome)


def test_master_has_slide_number_field_marking_and_decorative_rules() -> None:
    with zipfile.ZipFile(io.BytesIO(build_bytes())) as z:
        master = z.read("ppt/slideMasters/slideMaster1.xml").decode()
        theme = z.read("ppt/theme/theme1.xml").decode()
    assert re.search(r'<a:fld id="\{[0-9A-F-]{36}\}" type="slidenum">', master)
    assert 'type="datetime1"' in master
    for name in MARKING_SHAPE_NAMES:
        assert f'name="{name}"' in master
    # the rules are marked decorative with Office's extension
    assert master.count("{C183D7F6-B498-43B3-948B-1728B52AA6E4}") == 2
    assert 'xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative"' in master
    assert '<a:majorFont><a:latin typeface="Arial"/>' in theme
    assert '<a:minorFont><a:latin typeface="Arial"/>' in theme
    for color in (MINISTRY.navy, MINISTRY.text, MINISTRY.accent, MINISTRY.marking_fill):
        assert f'<a:srgbClr val="{color}"/>' in theme
    # titles and body text take theme fonts, not named ones
    assert "+mj-lt" in master and "+mn-lt" in master


def test_slides_added_from_each_layout_open_and_keep_their_placeholders() -> None:
    prs = Presentation(io.BytesIO(build_bytes()))
    for layout in prs.slide_layouts:
        slide = prs.slides.add_slide(layout)
        assert slide.shapes.title is not None
        slide.shapes.title.text = "Vučić and Đukić"
    out = io.BytesIO()
    prs.save(out)
    again = Presentation(io.BytesIO(out.getvalue()))
    titles = [s.shapes.title.text for s in again.slides]
    assert titles == ["Vučić and Đukić"] * len(prs.slide_layouts)


def test_each_slide_layout_s_type_is_the_one_its_layout_declares() -> None:
    """PowerPoint reads a layout's type (title, secHead, twoTxTwoObj …) when it converts
    slides between templates; a layout declares its own, so adding one needs no line in
    the template builder."""
    prs = Presentation(io.BytesIO(build_bytes()))
    types = {layout.name: layout.element.get("type") for layout in prs.slide_layouts}
    declared = {spec.name: spec.ooxml_type for spec in LAYOUT_SLOTS.values()}
    assert {name: types[name] for name in declared} == declared
    assert declared["Cover"] == "title" and declared["Section"] == "secHead"
    assert declared["Comparison"] == declared["Two Quotes"] == "twoTxTwoObj"
    assert declared["Argument"] == "obj"
