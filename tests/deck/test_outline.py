"""Briefings built from outlines: the full read-ahead's shape, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_app.deck.outline import FULL_OUTLINE, build_from_outline
from briefing_app.services import decks
from briefing_app.store.errors import NotFoundError


def test_full_read_ahead_has_the_expected_shape(essay_store) -> None:
    deck = build_from_outline(essay_store, FULL_OUTLINE, "Default", marking="CUI")
    layouts = [s.layout for s in deck.slides]
    assert layouts[0] == "title" and layouts[1] == "bluf" and layouts[-1] == "sources"
    for needed in ("agenda", "section", "argument", "quote", "comparison", "timeline", "map"):
        assert needed in layouts
    titles = " ".join(s.title for s in deck.slides)
    assert "Kosovo-1244" in titles and "NATO" in titles and "UNSCR 1244 (1999)" in titles
    timeline = next(s for s in deck.slides if s.layout == "timeline")
    assert len(timeline.items) >= 20
    comparison = next(s for s in deck.slides if s.layout == "comparison")
    assert {i.column for i in comparison.items} == {0, 1}
    assert deck.marking == "CUI"
    content = [s for s in deck.slides if s.items]
    unit = ("timeline", "assessment", "decision", "next_steps")  # the unit's own text
    assert all(s.notes for s in content if s.layout not in unit)


def test_bad_outline_leaves_no_half_deck(essay_store, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        FULL_OUTLINE.read_text(encoding="utf-8").replace(
            '{argument = "risk-stalemate"}', '{argument = "no-such-key"}'
        ),
        encoding="utf-8",
    )
    with pytest.raises(NotFoundError, match="no-such-key"):
        build_from_outline(essay_store, bad, "Broken")
    assert decks.list_decks(essay_store) == []
