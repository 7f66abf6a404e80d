"""Hostile text stored through the service functions and searched for.

The strings (NUL and controls, lone surrogates, RTL scripts, CJK, emoji, markup,
path-like names, a megabyte) are in ``tests/hostile_text.py``; the GUI and the exports
take the same strings in ``tests/gui/test_hostile_text_gui.py`` and
``tests/render/test_hostile_exports.py``.
"""

from __future__ import annotations

import pytest
from hostile_text import DECK, HOSTILE, MEGABYTE, hostile_arguments, hostile_deck

from briefing_app.domain.text import storable_text
from briefing_app.services import argument_map, arguments, decks, library
from briefing_app.services.search import search

FOUND_BY_SEARCH = ("controls", "arabic", "hebrew", "cjk", "markup", "traversal", "windows")


def test_services_store_hostile_text_as_typed(essay_store) -> None:
    ids = hostile_arguments(essay_store)
    for key, argument_id in ids.items():
        detail = argument_map.argument_detail(essay_store, argument_id)
        text = storable_text(HOSTILE.get(key, MEGABYTE))
        assert detail.label == f"{key}: {text}".strip()
        assert detail.claim == f"{key} claim: {text}".strip()
    hostile_deck(essay_store, ids)
    record = decks.get_deck(essay_store, DECK)
    assert record.name == DECK
    titles = [s.title for s in record.slides]
    assert titles[: len(HOSTILE)] == [storable_text(t) for t in HOSTILE.values()]
    assert any(s.notes == MEGABYTE for s in record.slides)
    assert "\x00" not in str(record) and "\ud800" not in str(record)


@pytest.mark.parametrize("key", [*HOSTILE, "megabyte", "megaword"])
def test_search_takes_hostile_queries(essay_store, key: str) -> None:
    ids = hostile_arguments(essay_store, megabyte=False)
    query = {"megabyte": MEGABYTE[:200], "megaword": "x" * 1_000_000}.get(key, HOSTILE.get(key))
    hits = search(essay_store, query)
    assert all(isinstance(h.title, str) and isinstance(h.snippet, str) for h in hits)
    if key in FOUND_BY_SEARCH:
        assert ("argument", ids[key]) in {(h.kind, h.id) for h in hits}


def test_a_huge_query_is_answered(essay_store) -> None:
    assert search(essay_store, "Kosovo " * 1000)


def test_a_word_of_a_huge_argument_is_found(essay_store) -> None:
    paragraph_id = library.paragraphs(essay_store)[0].id
    arguments.create_argument(essay_store, paragraph_id=paragraph_id, start=0, end=10,
                              label="Huge", claim="Mega " * 20_000, kind="risk")  # fmt: skip
    assert search(essay_store, "Mega")
