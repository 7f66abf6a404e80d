"""Map text wraps where the layout engine may break a line, and a viewer that rewraps it
gets the text back as it was (no space added after a hyphen, none lost at a space)."""

from __future__ import annotations

from briefing_app.layout.boxes import TextStyle
from briefing_app.layout.metrics import text_width
from briefing_app.maps.text import text_block, wrap
from briefing_app.render.pptx_text import joined_runs

STYLE = TextStyle("sans", 7.5)


def test_wrap_breaks_after_a_double_hyphen_and_keeps_a_unit_whole() -> None:
    width = text_width("import … --d", STYLE)
    assert wrap("import … --date) and more", STYLE, width) == ["import … --", "date) and", "more"]
    # No break before "..." even after a space: "offensives" goes down with it.
    width = text_width("Russian offensives ..", STYLE)
    lines = wrap("Russian offensives ... That source", STYLE, width)
    assert lines == ["Russian", "offensives ... That", "source"]


def test_text_block_joins_its_lines_as_the_source_had_them() -> None:
    source = "Ivano-Frankivsk and Zubin Potok"
    box = text_block(["Ivano-", "Frankivsk and Zubin", "Potok"], STYLE, 0, 0, 80, source=source)
    lines = box.paragraphs[0].lines
    assert [line.break_text for line in lines[:-1]] == ["", " "]
    assert "".join(text for text, _ in joined_runs(lines)) == source
