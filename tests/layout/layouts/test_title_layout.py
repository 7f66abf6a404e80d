"""The title (cover) layout: deck title, subtitle, author and date beside a navy band."""

from __future__ import annotations

from layout_drafts import Draft, laid, text_of

from briefing_app.layout.boxes import FieldRef
from briefing_app.layout.layouts import title
from briefing_app.layout.slide_layout import PlaceholderKind


def test_cover_falls_back_to_the_deck_title_and_subtitle() -> None:
    (page,) = laid(title.LAYOUT.compose(Draft()))
    by_name = {b.name: b for b in page.boxes}
    assert text_of(by_name["Title"]) == "Deck title"  # type: ignore[arg-type]
    assert by_name["Title"].source == FieldRef("title")
    assert by_name["Subtitle"].source == FieldRef("subtitle")
    # the running footer (deck title, number) as on every page; no sources line or rule
    assert {"SlideNumber", "DeckTitle"} <= set(by_name)
    assert not {"Footer", "FooterRule", "TitleRule"} & set(by_name)
    assert title.LAYOUT.placeholders[0] is PlaceholderKind.CENTER_TITLE
    assert not title.LAYOUT.starts_section and not title.LAYOUT.title_zone
