"""The reader document: text, footnote markers, links, emphasis and argument highlights."""

from __future__ import annotations

import pytest

from briefing_app.services import library
from briefing_app.services.reader import reader_document
from briefing_app.services.review import add_review
from briefing_app.store.errors import NotFoundError


def test_sections_and_paragraphs_follow_the_essay(essay_store) -> None:
    doc = reader_document(essay_store)
    stored = library.paragraphs(essay_store)
    assert doc.title.startswith("Balkans Breakthrough for Ukraine")
    assert doc.author == "Edward P. Joseph"
    assert [p.text for p in doc.paragraphs()] == [p.text for p in stored]
    assert [p.index for p in doc.paragraphs()] == list(range(len(stored)))
    titled = [s.title for s in doc.sections if s.title]
    assert any("Kosovo-1244" in t for t in titled)
    assert doc.paragraph(stored[0].id).text == stored[0].text


def test_footnote_markers_carry_their_text(essay_store) -> None:
    doc = reader_document(essay_store)
    notes = {n.number: n for n in library.footnotes(essay_store)}
    marks = [(p, m) for p in doc.paragraphs() for m in p.footnotes]
    assert len(marks) == len(notes) == len(doc.notes)
    for paragraph, mark in marks:
        assert mark.text == notes[mark.number].text
        assert 0 <= mark.offset <= len(paragraph.text)
        assert paragraph.index == notes[mark.number].paragraph


def test_links_and_emphasis_are_spans_of_the_text(essay_store) -> None:
    doc = reader_document(essay_store)
    links = [(p, k) for p in doc.paragraphs() for k in p.links]
    emphasis = [(p, e) for p in doc.paragraphs() for e in p.emphasis]
    assert links and emphasis
    assert any(p.text[k.start : k.end] == "European Union" for p, k in links)
    for p, span in links + emphasis:
        assert 0 <= span.start < span.end <= len(p.text)


def test_highlights_quote_the_text_and_show_the_latest_status(essay_store) -> None:
    arguments = {a.id: a for a in library.arguments(essay_store)}
    first = next(iter(arguments))
    add_review(essay_store, first, "agreed")
    add_review(essay_store, first, "disputed", "on reflection")
    doc = reader_document(essay_store)
    found = {}
    for paragraph, h in doc.highlights():
        assert paragraph.text[h.start : h.end] == arguments[h.argument_id].quote
        found[h.argument_id] = h
    anchored = {a.id for a in arguments.values() if a.paragraph is not None}
    assert set(found) == anchored
    assert found[first].status == "disputed"
    assert {h.status for i, h in found.items() if i != first} == {"unreviewed"}


def test_unknown_document_is_a_clear_error(essay_store, empty_store) -> None:
    with pytest.raises(NotFoundError, match="no-such"):
        reader_document(essay_store, "no-such")
    with pytest.raises(NotFoundError):
        reader_document(empty_store)
    assert reader_document(essay_store, "balkans-breakthrough-for-ukraine").sections
