"""Two quotes side by side: contrasting positions, each with its speaker and date."""

from __future__ import annotations

from layout_drafts import NAMES, Draft, item, laid, text_of
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from briefing_app.deck.preview import preview_deck
from briefing_app.layout import registry
from briefing_app.layout.boxes import PAGE_HEIGHT, PAGE_WIDTH, FieldRef, ItemRef, TextBox
from briefing_app.layout.layouts.quote import Quotation
from briefing_app.layout.layouts.two_quotes import LAYOUT, TwoQuotesContent
from briefing_app.layout.slide_layout import PlaceholderKind, PresentItem
from briefing_app.layout.theme import MINISTRY
from briefing_app.render.export import export_deck
from briefing_app.services import decks, library

MOSCOW = Quotation(
    "Kosovo is a terrible precedent.", "Vladimir Putin", "22 Feb 2008", (2,), ItemRef(1)
)
BELGRADE = Quotation(
    "Serbia will never recognise it.", "Aleksandar Vučić", "1 Mar 2023", (), ItemRef(2)
)


def _content(**fields: object) -> TwoQuotesContent:
    defaults: dict[str, object] = {
        "title": "Moscow and Belgrade read the precedent differently",
        "left_heading": "Moscow",
        "right_heading": "Belgrade",
        "left": MOSCOW,
        "right": BELGRADE,
        "notes": "Contrast the two.",
    }
    return TwoQuotesContent(**{**defaults, **fields})  # type: ignore[arg-type]


def _by_name(page):
    return {b.name: b for b in page.boxes}


def test_is_registered_and_declares_two_headed_quote_slots() -> None:
    assert registry.get("two_quotes") is LAYOUT
    assert LAYOUT.placeholders == (PlaceholderKind.TITLE,) + (PlaceholderKind.BODY,) * 4
    spec = LAYOUT.template_slots(MINISTRY, True)
    assert [s.label for s in spec.slots] == [
        "left heading",
        "left quote",
        "right heading",
        "right quote",
    ]
    left, right = spec.slot("left quote").frame, spec.slot("right quote").frame
    assert left.x + left.w < right.x  # side by side, left first
    assert spec.slot("left heading").weight < 1  # headings are optional


def test_its_quotes_and_headings_name_the_slots_they_fill() -> None:
    (page,) = laid(_content())
    boxes = _by_name(page)
    assert boxes["LeftQuote"].slot == "left quote"
    assert boxes["RightQuote"].slot == "right quote"
    assert boxes["LeftHeading"].slot == "left heading"


def test_each_column_shows_its_quote_speaker_and_date() -> None:
    (page,) = laid(_content())
    boxes = _by_name(page)
    left, right = boxes["LeftQuote"], boxes["RightQuote"]
    assert text_of(left).startswith("\u201cKosovo is a terrible precedent.\u201d")
    assert text_of(left).endswith("\u2014 Vladimir Putin, 22 Feb 2008")
    assert (
        text_of(right)
        == "\u201cSerbia will never recognise it.\u201d \u2014 Aleksandar Vučić, 1 Mar 2023"
    )
    assert "[2]" in text_of(left)  # the quote's citation mark
    # Each paragraph says which item it came from; the credit is no text to edit.
    assert [p.source for p in left.paragraphs] == [ItemRef(1), ItemRef(1, "credit")]
    assert boxes["LeftHeading"].source == FieldRef("left_heading")
    assert boxes["RightHeading"].source == FieldRef("right_heading")
    assert boxes["Title"].source == FieldRef("title")
    # Side by side: the right column starts after the left ends, the divider between them.
    assert left.x + left.w < boxes["Divider"].x1 < right.x
    # Both quotes share one type size; the credit is smaller.
    sizes = {b.name: [p.lines[0].runs[0].style.size for p in b.paragraphs] for b in (left, right)}
    assert sizes["LeftQuote"][0] == sizes["RightQuote"][0] > sizes["LeftQuote"][1]
    # The bar runs beside the quote's lines, not its credit.
    bar, quote = boxes["LeftQuoteBar"], left.paragraphs[0].lines
    assert bar.y1 <= quote[0].baseline and bar.y2 < left.paragraphs[1].lines[0].baseline
    assert page.notes == "Contrast the two."


def test_every_line_stays_inside_its_box_and_the_page() -> None:
    long = Quotation(" ".join([f"{NAMES} said this."] * 60), NAMES, "2025", (1,), ItemRef(1))
    pages = laid(_content(left=long))
    assert len(pages) > 1 and pages[1].title.endswith(" (cont.)")
    assert pages[1].notes == "" and "LeftHeading" not in _by_name(pages[1])
    for page in pages:
        for box in page.boxes:
            if isinstance(box, TextBox):
                assert box.x >= 0 and box.x + box.w <= PAGE_WIDTH and box.y + box.h <= PAGE_HEIGHT
                for p in box.paragraphs:
                    for ln in p.lines:
                        assert box.x - 1e-6 <= ln.x and ln.x + ln.width <= box.x + box.w + 1e-6
                        top, bottom = ln.baseline - ln.ascent, ln.baseline + ln.descent
                        assert box.y - 1e-6 <= top and bottom <= box.y + box.h + 1e-6, box.name
    words = " ".join(text_of(_by_name(p)["LeftQuote"]) for p in pages if "LeftQuote" in _by_name(p))
    assert words.count("said this.") == 60  # nothing lost across the continuation


def test_an_empty_slide_and_a_single_quote() -> None:
    (page,) = laid(TwoQuotesContent())
    assert not {"LeftQuote", "RightQuote"} & set(_by_name(page))
    (page,) = laid(_content(right=Quotation(), right_heading=""))
    assert "LeftQuote" in _by_name(page) and "RightQuote" not in _by_name(page)


def test_composes_one_quote_per_column_and_moves_one_across_when_a_column_is_empty() -> None:
    quote = dict(speaker=NAMES, date_label="2022")
    both = Draft(items=(item(1, "A", "quote", **quote), item(2, "B", "quote", column=1, **quote)))
    content = LAYOUT.compose(both)
    assert (content.left.ref, content.right.ref) == (ItemRef(1), ItemRef(2))
    assert content.left.speaker == NAMES and content.left.date == "2022"
    one_column = Draft(
        items=(item(1, "note", "argument"), item(2, "A", "quote"), item(3, "B", "quote"))
    )
    content = LAYOUT.compose(one_column)
    assert (content.left.ref, content.right.ref) == (ItemRef(2), ItemRef(3))  # quotes first
    only_right = Draft(items=(item(5, "A", "quote", column=1), item(6, "B", "quote", column=1)))
    content = LAYOUT.compose(only_right)
    assert (content.left.ref, content.right.ref) == (ItemRef(5), ItemRef(6))


def test_dropped_quotes_fill_the_empty_columns_and_the_rest_get_slides() -> None:
    dropped = [("quote", 1), ("argument", 2), ("quote", 3), ("quote", 4)]
    taken = LAYOUT.accept(dropped, [])
    assert [(p.source_id, p.column) for p in taken] == [(1, 0), (3, 1)]
    taken = LAYOUT.accept(dropped, [PresentItem("quote", 0)])
    assert [(p.source_id, p.column) for p in taken] == [(1, 1)]
    plan = registry.plan_drop(dropped, "two_quotes", [PresentItem("quote", 1)])
    assert [(p.source_id, p.column) for p in plan.onto_target] == [(1, 0)]
    assert [name for name, _ in plan.new_slides] == ["argument", "quote", "quote"]


def test_from_the_store_to_the_editor_and_both_exports(essay_store, tmp_path) -> None:
    """The real path: a deck slide with two stored quotes, composed, previewed, exported."""
    decks.create_deck(essay_store, "Contrast")
    slide = decks.add_slide(
        essay_store, "Contrast", "two_quotes", title="Two readings", left_heading="Moscow"
    )
    first, second = library.quotes(essay_store)[:2]
    decks.add_items(
        essay_store,
        slide.id,
        [
            {"source_kind": "quote", "source_id": first.id, "column": 0},
            {"source_kind": "quote", "source_id": second.id, "column": 1},
        ],
    )
    preview = preview_deck(essay_store, "Contrast")
    (shown,) = preview.slides
    ids = [i.id for i in shown.record.items]
    assert [r.item_id for r in shown.regions if r.kind == "item"] == ids
    assert {r.kind for r in shown.regions} >= {"title", "left_heading"}
    text = " ".join(text_of(b) for b in shown.first.boxes if isinstance(b, TextBox))
    assert first.speaker and first.speaker in text and second.text.split()[0] in text
    pptx = export_deck(essay_store, "Contrast", "pptx", tmp_path / "c.pptx")
    exported = Presentation(str(pptx.path)).slides[0]
    assert exported.slide_layout.name == "Two Quotes"  # its own layout in our template
    shapes = {s.name: s for s in exported.shapes}
    assert {"LeftQuote", "RightQuote", "Title", "LeftHeading"} <= set(shapes)
    for name in ("LeftQuote", "RightQuote", "LeftHeading"):  # in placeholders, not loose
        assert shapes[name].is_placeholder, name
    assert shapes["LeftQuote"].placeholder_format.type == PP_PLACEHOLDER.BODY
    assert export_deck(essay_store, "Contrast", "pdf", tmp_path / "c.pdf").slides == 1
