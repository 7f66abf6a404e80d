"""Corrections beside the source: attach, edit, remove; used by timelines and notes."""

from __future__ import annotations

import pytest

from briefing_app.deck.compose import compose_deck
from briefing_app.layout.layouts.timeline import TimelineContent
from briefing_app.services import corrections, decks, library
from briefing_app.store.errors import NotFoundError


def _event(store, key: str):
    return next(e for e in library.events(store) if e.key == key)


def test_a_reviewer_attaches_edits_and_removes_a_correction(essay_store) -> None:
    argument = next(a for a in library.arguments(essay_store) if a.key == "thesis")
    made = corrections.set_correction(
        essay_store, "argument", argument.id, "  Check the  framing. ", kind="caveat",
        author="desk officer",
    )  # fmt: skip
    record = made.value
    assert (record.text, record.heading, record.origin) == ("Check the framing.", "Caveat", "user")
    assert made.changes.corrections == {record.id} and made.changes.sources
    again = corrections.set_correction(essay_store, "argument", argument.id, "Reworded.").value
    assert again.id == record.id and again.kind == "correction"
    assert corrections.correction_for(essay_store, "argument", argument.id) == again
    assert corrections.remove_correction(essay_store, "argument", argument.id).corrections
    assert corrections.correction_for(essay_store, "argument", argument.id) is None
    assert not corrections.remove_correction(essay_store, "argument", argument.id)


def test_a_corrected_date_reorders_the_timeline(essay_store) -> None:
    invasion = _event(essay_store, "russian-invasion-2022")
    refused = _event(essay_store, "serbia-refuses-sanctions-2022")  # "2022": after Feb 2022
    keys = [e.key for e in library.events(essay_store)]
    assert keys.index(refused.key) > keys.index(invasion.key)
    note = "Serbia declined on 24 February 2022."
    corrections.set_correction(essay_store, "event", refused.id, note, date="2022-02-01")
    keys = [e.key for e in library.events(essay_store)]
    assert keys.index(refused.key) == keys.index(invasion.key) - 1
    shown = _event(essay_store, refused.key)
    assert (shown.date_label, shown.essay_date) == ("1 Feb 2022", "2022")


@pytest.mark.parametrize(
    ("kind", "text", "options", "message"),
    [
        ("event", "", {}, "needs a text"),
        ("event", "x", {"date": "2025-13-01"}, "not a real date"),
        ("argument", "x", {"date": "2025"}, "Only an event"),
        ("footnote", "x", {}, "not a footnote"),
        ("event", "x", {"kind": "rumour"}, "not rumour"),
        ("event", "x", {"precision": "day"}, "needs a corrected date"),
    ],
)
def test_bad_corrections_are_one_sentence(essay_store, kind, text, options, message) -> None:
    event = _event(essay_store, "alaska-summit-2025")
    before = corrections.corrections(essay_store)
    with pytest.raises(corrections.CorrectionError, match=message):
        corrections.set_correction(essay_store, kind, event.id, text, **options)
    assert corrections.corrections(essay_store) == before


def test_an_unknown_record_cannot_be_corrected(essay_store) -> None:
    with pytest.raises(NotFoundError, match="no quote with id 999999"):
        corrections.set_correction(essay_store, "quote", 999_999, "x")


def test_corrections_reach_the_speaker_notes(essay_store) -> None:
    meeting = _event(essay_store, "zelensky-trump-meeting-2025")
    decks.create_deck(essay_store, "check")
    slide = decks.add_slide(essay_store, "check", "timeline", title="What happened when")
    decks.add_item(essay_store, slide.id, source_kind="event", source_id=meeting.id)
    composed = compose_deck(essay_store, "check")
    content = next(s for s in composed.content.slides if isinstance(s, TimelineContent))
    assert "Correction: The essay says 19 October" in content.notes
    assert content.entries[0].date_label == "17 Oct 2025"


def test_a_bills_words_are_attributed_to_the_bill(essay_store) -> None:
    from briefing_app.services import sources

    quote = next(q for q in library.quotes(essay_store) if q.key == "mast-support-kosovo")
    assert quote.speaker is None and "Brian Mast" in (quote.source or "")
    with essay_store.read() as session:
        info = sources.resolve(session, "quote", quote.id)
    assert info is not None and info.speaker.startswith("Legislation introduced by")
