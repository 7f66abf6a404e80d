"""Provenance marks (issue 12): † after a point reworded from its source, ‡ after the
unit's own words on a slide of the source's; the page's source line says what they mean,
and they are not words the audience has to read."""

from __future__ import annotations

from briefing_app.layout.boxes import ItemRef, TextBox
from briefing_app.layout.chrome import EDITED_MARK, LEGEND, UNIT_MARK
from briefing_app.layout.content import ContentItem, DeckContent
from briefing_app.layout.engine import layout_deck, words_on
from briefing_app.layout.layouts.argument import ArgumentContent


def _laid(*items: ContentItem, sources: tuple[str, ...] = ("Joseph (2025), ¶ 5",)):
    slide = ArgumentContent("Vučić and Đukić weigh the offer", items=items,
                            footer_sources=sources)  # fmt: skip
    (page,) = layout_deck(DeckContent("Deck", slides=(slide,))).slides
    return page


def _runs(page, name: str) -> list[str]:
    box = next(b for b in page.boxes if b.name == name)
    assert isinstance(box, TextBox)
    return [r.text for p in box.paragraphs for line in p.lines for r in line.runs]


def _footer(page) -> str:
    return " ".join("".join(_runs(page, "Footer")).split())


def test_each_point_says_whose_words_it_is_and_the_source_line_explains() -> None:
    page = _laid(
        ContentItem("Verbatim claim of the essay.", citations=(2,), ref=ItemRef(1)),
        ContentItem("Reworded claim.", citations=(3,), differs_from_source=True, ref=ItemRef(2)),
        ContentItem("The unit's reading.", unit=True, ref=ItemRef(3)),
    )
    runs = [r.strip() for r in _runs(page, "Body")]
    assert runs.count(EDITED_MARK) == 1 and runs.count(UNIT_MARK) == 1
    assert runs[runs.index(EDITED_MARK) - 1].endswith("Reworded claim.")  # glued to it
    assert runs[runs.index(EDITED_MARK) + 1] == "[3]"  # then the citation
    assert _footer(page) == (f"Source: Joseph (2025), ¶ 5. {LEGEND[EDITED_MARK]}; "
                             f"{LEGEND[UNIT_MARK]}.")  # fmt: skip
    assert words_on(list(page.boxes)) == 5 + 2 + 3  # marks are not words


def test_no_marks_no_legend_and_a_legend_without_sources() -> None:
    plain = _laid(ContentItem("Verbatim claim.", ref=ItemRef(1)))
    assert _footer(plain) == "Source: Joseph (2025), ¶ 5"
    own = _laid(ContentItem("The unit's reading.", unit=True, ref=ItemRef(1)), sources=())
    assert _footer(own) == f"{LEGEND[UNIT_MARK]}."
