"""The title (cover) layout: deck title, subtitle, author and date beside a navy band."""

from __future__ import annotations

from layout_drafts import Draft, laid, text_of

from briefing_app.layout.boxes import DeckFieldRef, FieldRef
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


def test_author_date_and_distribution_are_one_box_in_the_byline_slot() -> None:
    """The template's author-and-date placeholder (ours has one on its Cover layout) gets
    the byline: author (bold), date and distribution, one paragraph each, 24 pt apart."""
    from briefing_app.layout.boxes import TextBox
    from briefing_app.layout.chrome import Ctx
    from briefing_app.layout.content import DeckContent
    from briefing_app.layout.engine import finish_page, layout_slide
    from briefing_app.layout.theme import get_theme

    deck = DeckContent("T", author="Western Balkans unit", date_label="2 December 2026",
                       distribution="Ministers only", marking="OFFICIAL")  # fmt: skip
    ctx = Ctx(get_theme(None), deck)
    (page,) = [finish_page(p, 1, ctx) for p in layout_slide(title.LAYOUT.compose(Draft()), ctx)]
    bylines = [b for b in page.boxes if isinstance(b, TextBox) and b.slot == title.BYLINE]
    assert len(bylines) == 1
    (byline,) = bylines
    assert byline.source == DeckFieldRef()  # the editor's double-click needs no box name
    lines = [p.lines for p in byline.paragraphs]
    assert ["".join(r.text for ln in p for r in ln.runs) for p in lines] == [
        "Western Balkans unit",
        "2 December 2026",
        "Distribution: Ministers only",
    ]
    assert [p[0].runs[0].style.bold for p in lines] == [True, False, False]
    baselines = [p[0].baseline for p in lines]
    assert baselines[1] - baselines[0] == baselines[2] - baselines[1] == 24
    for par in byline.paragraphs:  # every line inside the box
        for line in par.lines:
            assert byline.y <= line.baseline - line.ascent
            assert line.baseline + line.descent <= byline.y + byline.h
