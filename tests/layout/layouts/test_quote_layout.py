"""The quote layout: the slide's first quote, its speaker and date under it."""

from __future__ import annotations

from layout_drafts import NAMES, Draft, item, laid, text_of

from briefing_app.layout.boxes import ItemRef
from briefing_app.layout.layouts.quote import LAYOUT, QuoteContent
from briefing_app.layout.slide_layout import PresentItem


def test_the_first_quote_is_shown_with_its_speaker_and_date() -> None:
    draft = Draft(
        title="In his words",
        items=(
            item(1, "An argument first."),
            item(2, "We will never accept it.", "quote", speaker=NAMES, date_label="3 Mar 2022"),
        ),
    )
    content = LAYOUT.compose(draft)
    assert isinstance(content, QuoteContent)
    assert content.quote.ref == ItemRef(2) and content.quote.speaker == NAMES
    (page,) = laid(content)
    quote = next(b for b in page.boxes if b.name == "Quote")
    speaker = next(b for b in page.boxes if b.name == "Speaker")
    assert text_of(quote) == "\u201cWe will never accept it.\u201d"  # type: ignore[arg-type]
    assert text_of(speaker) == f"\u2014 {NAMES}, 3 Mar 2022"  # type: ignore[arg-type]
    assert quote.source == ItemRef(2) and speaker.source == ItemRef(2, "credit")


def test_without_a_quote_the_first_item_is_shown() -> None:
    content = LAYOUT.compose(Draft(items=(item(7, "Free text", None),)))
    assert content.quote.text == "Free text" and content.quote.speaker == ""


def test_an_empty_quote_slide_takes_one_quote() -> None:
    dropped = [("quote", 1), ("quote", 2), ("argument", 3)]
    assert [p.source_id for p in LAYOUT.accept(dropped, [])] == [1]
    assert LAYOUT.accept(dropped, [PresentItem("quote")]) == ()
