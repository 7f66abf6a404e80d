"""Points with a quote: the quote as a callout on the slide it supports."""

from __future__ import annotations

from layout_drafts import Draft, item, laid, paragraph_refs, text_of

from briefing_app.layout.boxes import ItemRef, TextBox
from briefing_app.layout.content import ContentItem
from briefing_app.layout.layouts.callout import LAYOUT
from briefing_app.layout.slide_layout import DraftItem


def _quote(item_id: int, text: str, edited: bool = False) -> DraftItem:
    content = ContentItem(text, ref=ItemRef(item_id), differs_from_source=edited)
    return DraftItem(content, "quote", speaker="Vladimir Putin, President of Russia",
                     date_label="Mar 2014")  # fmt: skip


def test_points_left_quote_right_in_quotation_marks_with_role_and_date() -> None:
    draft = Draft(
        title="Joseph argues Putin can hardly reject the 1244 model",
        items=(
            item(1, "Joseph argues Putin has invoked 1244."),
            _quote(2, "is absolutely the same"),
        ),
    )
    (page,) = laid(LAYOUT.compose(draft))
    assert paragraph_refs(page) == [ItemRef(1)]
    quote = next(b for b in page.boxes if b.name == "Quote")
    assert isinstance(quote, TextBox)
    text = text_of(quote)
    assert text.startswith("\u201cis absolutely the same\u201d")
    assert "\u2014 Vladimir Putin, President of Russia, Mar 2014" in text
    body = next(b for b in page.boxes if b.name == "Body")
    assert body.x + body.w < quote.x  # beside the points, not over them
    assert "CalloutPanel" in {b.name for b in page.boxes}


def test_an_edited_quote_is_a_paraphrase_without_quotation_marks() -> None:
    draft = Draft(
        title="T", items=(item(1, "Point."), _quote(2, "Putin likened Crimea to Kosovo", True))
    )
    (page,) = laid(LAYOUT.compose(draft))
    text = text_of(next(b for b in page.boxes if b.name == "Quote"))  # type: ignore[arg-type]
    assert "\u201c" not in text and "\u201d" not in text
    assert "Paraphrased from Vladimir Putin, President of Russia, Mar 2014" in text


def test_the_callout_is_drawn_once_when_points_continue() -> None:
    items = tuple(item(i, f"Point {i} " + "with quite a few words " * 10) for i in range(1, 9))
    pages = laid(LAYOUT.compose(Draft(title="Long", items=(*items, _quote(20, "words")))))
    assert len(pages) > 1
    assert ["Quote" in {b.name for b in p.boxes} for p in pages] == [True] + [False] * (
        len(pages) - 1
    )
