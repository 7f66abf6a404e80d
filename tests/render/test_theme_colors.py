"""Text in a colour the template's theme carries names the theme colour (as PowerPoint
writes it), so a communications officer's change of theme colours reaches the text;
a map's labels keep their RGB values (chosen against its fills, which keep theirs)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from briefing_app.deck.outline import DEFAULT_OUTLINE, build_from_outline
from briefing_app.layout.theme import MINISTRY
from briefing_app.render.export import export_deck
from briefing_app.render.pptx_template import theme_color_refs

_GROUP = re.compile(r"<p:grpSp>.*?</p:grpSp>", re.S)


def test_text_names_the_theme_colours_of_our_template(essay_store, tmp_path: Path) -> None:
    build_from_outline(essay_store, DEFAULT_OUTLINE, "Default", marking="OFFICIAL-SENSITIVE")
    path = export_deck(essay_store, "Default", "pptx", tmp_path / "ours.pptx").path
    # our theme: dk1 = body text, dk2 = titles, accent1 = links and marks, accent3 = muted
    theme_rgb = {MINISTRY.text: "tx1", MINISTRY.navy: "tx2", MINISTRY.accent: "accent1",
                 MINISTRY.muted: "accent3"}  # fmt: skip
    named: set[str] = set()
    with zipfile.ZipFile(path) as z:
        slides = [n for n in z.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
        for name in slides:
            xml = z.read(name).decode()
            outside_map = _GROUP.sub("", xml)
            for body in re.findall(r"<p:txBody>.*?</p:txBody>", outside_map, re.S):
                for rgb in theme_rgb:
                    assert f'<a:srgbClr val="{rgb}"/>' not in body, (name, rgb)
                named |= set(re.findall(r'<a:schemeClr val="(\w+)"/>', body))
            for group in _GROUP.findall(xml):  # the map's labels keep their own colours
                assert "<a:schemeClr" not in group, name
    assert set(theme_rgb.values()) <= named


def test_only_the_theme_s_colours_are_renamed() -> None:
    colors = {"1F3864": "tx2"}
    xml = '<a:srgbClr val="1f3864"/><a:srgbClr val="1F3865"/>'
    assert theme_color_refs(xml, colors) == '<a:schemeClr val="tx2"/><a:srgbClr val="1F3865"/>'
    assert theme_color_refs(xml, {}) == xml
