"""The bundled default briefing is fit for a minister (issue 12, item 5): at most twelve
slides, one message each, every claim attributed, the unit's view on its own slides."""

from __future__ import annotations

import re

import pytest

from briefing_app.deck.outline import BUNDLED, DEFAULT_OUTLINE, FULL_OUTLINE, build_from_outline
from briefing_app.layout.engine import MAX_WORDS, NOT_CONTENT, words_on
from briefing_app.render.export import laid_out

UNIT_LAYOUTS = {"assessment", "options", "decision", "next_steps"}
# Words that attribute a claim to the essay, its author or another named source.
ATTRIBUTION = re.compile(
    r"^(Joseph|He |Under his plan|The essay|Lavrov|A source|Unit note|Moscow:|Kyiv:|"
    r"Belgrade:|NATO:|Draft unit view|It needs)"
)
TOPIC_TITLES = {"Timeline", "Agenda", "Serbia and NATO", "Bottom line up front", "Sources"}


@pytest.fixture
def briefing(essay_store):
    build_from_outline(essay_store, DEFAULT_OUTLINE, "Default", marking="OFFICIAL-SENSITIVE")
    return essay_store


def test_twelve_slides_at_most_each_within_sixty_words(briefing) -> None:
    deck, warnings = laid_out(briefing, "Default")
    assert len(deck.slides) <= 12
    assert warnings == []  # no slide over the word limit, none empty, every title fits
    for slide in deck.slides:
        if slide.layout not in NOT_CONTENT:
            assert words_on(list(slide.boxes)) <= MAX_WORDS, slide.title
    assert not any(s.layout == "section" for s in deck.slides)  # no empty dividers


def test_titles_state_each_slides_point(briefing) -> None:
    deck, _ = laid_out(briefing, "Default")
    for slide in deck.slides[1:]:
        title = slide.title
        assert title not in TOPIC_TITLES and "…" not in title
        assert len(title.split()) >= 6, title  # a sentence, not a topic


def test_the_bluf_states_the_proposal_its_conditions_the_view_and_the_decision(briefing) -> None:
    deck, _ = laid_out(briefing, "Default")
    bluf = next(s for s in deck.slides if s.layout == "bluf")
    text = " ".join(r.text for b in bluf.boxes if b.name == "Body"
                    for p in b.paragraphs for ln in p.lines for r in ln.runs)  # type: ignore[union-attr]  # fmt: skip
    for needed in ("Joseph proposes", "Security Council", "Kyiv ceding", "neutrality", "32 Allies"):
        assert needed in text
    # the unit's view and the decision itself, not a pointer to a later slide
    assert "Draft unit view" in text
    decision = " ".join(text.split()).partition("Decision sought: ")[2]
    assert decision.startswith(("note this", "Note this")) and "commission" in decision


def test_every_claim_is_attributed_and_the_units_view_has_its_own_slides(briefing) -> None:
    from briefing_app.services import decks

    deck = decks.get_deck(briefing, "Default")
    layouts = [s.layout for s in deck.slides]
    assert "assessment" in layouts and "decision" in layouts
    for slide in deck.slides:
        if slide.layout in UNIT_LAYOUTS:
            assert "draft" in slide.subtitle.lower()  # marked as the unit's draft
            continue
        for item in slide.items:
            if item.source_kind in (None, "argument", "footnote") and slide.layout in (
                "bluf", "argument", "callout", "map"):  # fmt: skip
                assert ATTRIBUTION.match(item.text), item.text
        if slide.layout == "comparison":
            assert "Joseph" in slide.left_heading and "Joseph" in slide.right_heading
    text = " ".join(i.text for s in deck.slides for i in s.items)
    for needed in ("Association of Serb-majority Municipalities", "‘suicide’", "Lavrov"):
        assert needed in text  # the Kosovo side, and the risks the essay does not answer


def test_both_bundled_briefings_build(essay_store) -> None:
    assert BUNDLED == {"default-briefing": DEFAULT_OUTLINE, "full-read-ahead": FULL_OUTLINE}
    full = build_from_outline(essay_store, FULL_OUTLINE, "Full")
    assert len(full.slides) > 12
    assert {"assessment", "decision", "next_steps", "timeline"} <= {s.layout for s in full.slides}


def test_the_annex_shows_footnote_4_verbatim_with_its_correction_beside_it(briefing) -> None:
    """Footnote 4 dates the Zelensky–Trump meeting "19 October"; the annex keeps the
    footnote's words and puts the meeting's correction right after it, and the notes of
    the slide that cites the footnote carry it too."""
    from briefing_app.deck.compose import compose_deck

    slides = compose_deck(briefing, "Default").content.slides
    annex = next(s for s in slides if type(s).__name__ == "SourcesContent")
    texts = [i.text for i in annex.items]  # type: ignore[attr-defined]
    at = next(i for i, t in enumerate(texts) if t.startswith("[4] "))
    assert "19 October meeting" in texts[at]  # the footnote as the essay has it
    assert texts[at + 1] == (
        "Correction: The essay says 19 October; the meeting was on 17 October 2025."
    )
    deck, _ = laid_out(briefing, "Default")
    annex_pages = [s for s in deck.slides if s.layout == "sources"]
    assert len(annex_pages) == 1  # still a one-page annex
    shown = " ".join(r.text for b in annex_pages[0].boxes if hasattr(b, "paragraphs")
                     for p in b.paragraphs for ln in p.lines for r in ln.runs)  # type: ignore[attr-defined]  # fmt: skip
    assert "the meeting was on 17 October 2025" in " ".join(shown.split())
    citing = [s for s in slides if "‘suicide’" in " ".join(
        i.text for i in getattr(s, "items", ()))]  # fmt: skip
    assert citing and all("17 October 2025" in s.notes for s in citing)


def test_the_putin_callout_says_the_words_were_about_crimea(briefing, tmp_path) -> None:
    """The quote's stored context goes into its credit line on the slide and in the PPTX,
    so "the same … as Kosovo's secession" is read as said of Crimea."""
    from pptx import Presentation

    from briefing_app.render.export import export_deck

    deck, _ = laid_out(briefing, "Default")
    quote_boxes = [b for s in deck.slides for b in s.boxes if b.name == "Quote"]
    quote_box = next(b for b in quote_boxes if "secession" in " ".join(
        r.text for ln in b.paragraphs[0].lines for r in ln.runs))  # type: ignore[attr-defined]  # fmt: skip
    credit = " ".join(r.text for p in quote_box.paragraphs[1:]  # type: ignore[attr-defined]
                      for ln in p.lines for r in ln.runs)  # fmt: skip
    credit = " ".join(credit.split())
    assert "Vladimir Putin" in credit and "address on Crimea in March 2014" in credit
    path = export_deck(briefing, "Default", "pptx", tmp_path / "d.pptx").path
    shapes = [sh for s in Presentation(str(path)).slides for sh in s.shapes if sh.has_text_frame]
    texts = [" ".join(sh.text_frame.text.split()) for sh in shapes
             if "secession" in sh.text_frame.text]  # fmt: skip
    assert any("address on Crimea in March 2014" in t for t in texts)


def test_every_content_slide_shows_the_agenda_tracker_instead_of_dividers(briefing) -> None:
    from briefing_app.layout.tracker import TRACKER_NAME
    from briefing_app.services import decks

    parts = decks.get_deck(briefing, "Default").parts
    assert 4 <= len(parts) <= 6 and parts[-1].startswith("Assessment")
    deck, _ = laid_out(briefing, "Default")
    for slide in deck.slides:
        tracker = [b for b in slide.boxes if b.name == TRACKER_NAME]
        assert bool(tracker) == (slide.layout not in NOT_CONTENT), slide.title


@pytest.mark.parametrize("outline", [DEFAULT_OUTLINE, FULL_OUTLINE], ids=["default", "full"])
def test_speaker_notes_label_each_passage_as_what_it_is(essay_store, outline) -> None:
    """Notes quote paragraph N as "Essay ¶N: …" and footnote N as "Footnote N: …", never
    a footnote labelled as a paragraph (footnote 1 was "Essay ¶1"), each once a slide."""
    from sqlalchemy import select

    from briefing_app.services import decks
    from briefing_app.store.models import Footnote, Paragraph

    build_from_outline(essay_store, outline, "Deck")
    with essay_store.read() as session:
        paragraphs = {p.position + 1: " ".join(p.text.split())
                      for p in session.scalars(select(Paragraph))}  # fmt: skip
        footnotes = {f.number: " ".join(f.text.split()) for f in session.scalars(select(Footnote))}
    labelled = re.compile(r"^(Essay ¶|Footnote )(\d+): (.+)$", re.S)
    checked = 0
    for slide in decks.get_deck(essay_store, "Deck").slides:
        blocks = [b for b in slide.notes.split("\n\n") if labelled.match(b)]
        assert len(blocks) == len(set(blocks)), slide.title  # no passage twice on a slide
        for block in blocks:
            kind, number, text = labelled.match(block).groups()  # type: ignore[union-attr]
            source = paragraphs if kind == "Essay ¶" else footnotes
            assert " ".join(text.split()) in source[int(number)], block[:80]
            assert " ".join(text.split()) not in footnotes.values() or kind == "Footnote "
            checked += 1
    assert checked >= 10
