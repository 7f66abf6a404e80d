"""The handout's notes never print a source twice (issue 12, item 8): a paragraph or
footnote given in full under one slide is a pointer to it under any later slide."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from office_tools import run

from briefing_app.deck.outline import DEFAULT_OUTLINE, FULL_OUTLINE, build_from_outline
from briefing_app.layout.boxes import LaidSlide
from briefing_app.render.export import export_deck
from briefing_app.render.pdf_renderer import handout_notes

# "Essay ¶7: Second, Trump …" or "Footnote 6: As noted above …", not "Essay ¶7: in full …"
SOURCE = re.compile(r"^(Essay ¶\d+|Footnote \d+): (?!in full under slide \d+\.)", re.M)
POINTER = re.compile(r"^(Essay ¶\d+|Footnote \d+): in full under slide (\d+)\.", re.M)


@pytest.mark.parametrize("two_up", [False, True])
@pytest.mark.parametrize("outline", [DEFAULT_OUTLINE, FULL_OUTLINE], ids=["default", "full"])
def test_no_passage_is_printed_twice_in_a_handout(essay_store, tmp_path: Path, outline,
                                                  two_up: bool) -> None:  # fmt: skip
    build_from_outline(essay_store, outline, "Deck", marking="OFFICIAL-SENSITIVE")
    path = export_deck(essay_store, "Deck", "handout", tmp_path / "h.pdf", two_up=two_up).path
    text = run("pdftotext", str(path), "-")  # reading order: notes beside a slide too
    given = Counter(SOURCE.findall(text))
    assert given and given.most_common(1)[0][1] == 1, given.most_common(3)
    pointers = POINTER.findall(text)
    assert pointers  # the default briefing cites ¶7 on three slides
    for label, _slide in pointers:
        assert given[label] == 1  # points at a passage that is printed


def _slide(number: int, notes: str) -> LaidSlide:
    return LaidSlide(number, f"Slide {number}", (), notes)


def test_handout_notes_keep_the_briefers_words_and_corrections() -> None:
    passage = "Essay ¶7: Second, Trump can introduce non-military pressure."
    correction = "Correction: The essay says 19 October; the meeting was on 17 October 2025."
    notes = handout_notes(
        [
            _slide(2, f"Bottom line.\n\n{passage}"),
            _slide(5, f"Why this slide.\n\n{passage}\n\n{correction}"),
            _slide(6, f"{passage}\n\n{passage}"),
        ]
    )
    assert notes[0] == f"Bottom line.\n\n{passage}"
    assert notes[1] == f"Why this slide.\n\nEssay ¶7: in full under slide 2.\n\n{correction}"
    assert notes[2] == "Essay ¶7: in full under slide 2."
