"""Core benchmark: the Qt-free hot paths that must stay fast on large or hostile input.

Parsing the essay and a 10 MB essay-like file, cleaning a megabyte of text, wrapping a
megabyte paragraph, laying out a 100-slide deck, re-previewing a 200-slide deck, reading
the essay for the reader, and searching with huge queries. The tests check what these
paths produce; their times are measured here, never asserted in a test. Run
``python -m briefing_app.bench core``.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from briefing_app.bench.measures import BenchResult, Measure
from briefing_app.bench.synthetic import synthetic_deck, synthetic_store
from briefing_app.deck.compose import compose_deck
from briefing_app.deck.outline import DEFAULT_OUTLINE, build_from_outline
from briefing_app.deck.preview import Previewer
from briefing_app.importing.parse import parse_bytes
from briefing_app.layout.boxes import Run, TextStyle
from briefing_app.layout.engine import layout_deck
from briefing_app.layout.textclean import clean_text, clean_text_with_warnings
from briefing_app.layout.wrap import Frame, fit_paragraphs, make_para
from briefing_app.services import arguments, library
from briefing_app.services.bootstrap import BUNDLED_ESSAY, open_prepared
from briefing_app.services.reader import reader_document
from briefing_app.services.search import search
from briefing_app.store.store import Store

ESSAY = BUNDLED_ESSAY
DECK = "Default briefing"
MEGABYTE_TEXT = "Lorem ipsum dolor sit amet, Vučić Đukić Šekerinska Косово. "


def best_of(repeats: int, step: Callable[[], object]) -> float:
    """The fastest of ``repeats`` runs of ``step``, in seconds (the least disturbed run)."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        step()
        best = min(best, time.perf_counter() - start)
    return best


def _ten_megabyte_essay() -> bytes:
    """The essay's body repeated to about 10 MB, with its head and its footnotes once."""
    source = ESSAY.read_text(encoding="utf-8")
    head, _, rest = source.partition("In less than a year")
    body, _, notes = rest.partition("\nFootnotes\n")
    copies = 10_000_000 // len(body.encode("utf-8"))
    text = head + ("In less than a year" + body + "\n") * copies + "\nFootnotes\n" + notes
    return text.encode("utf-8")


def _parsing(out: BenchResult) -> None:
    essay = ESSAY.read_bytes()
    parse_bytes(essay, ESSAY.name)  # warm the regular expressions
    big = _ten_megabyte_essay()
    out.add(
        Measure("parse_essay_ms", "parse the bundled essay",
                best_of(3, lambda: parse_bytes(essay, ESSAY.name)) * 1000, "ms", 50.0),
        Measure("parse_10mb_s", "parse 10 MB of essay-like text",
                best_of(1, lambda: parse_bytes(big, "big.txt")), "s", 10.0),
    )  # fmt: skip


def _text(out: BenchResult) -> None:
    text = ("Vučić Đukić Šekerinska Косово <&> plain text. " * 25_000)[:1_000_000]
    dirty = text[:500_000] + "\x00\U0001f600\ud800" * 1000 + text[500_000:]
    clean_text("warm up")
    body = TextStyle("sans", 20.0, color="262626")
    paragraph = (MEGABYTE_TEXT * 20_000)[:1_000_000]

    def fit_every_page() -> None:
        fit = fit_paragraphs([make_para([Run(paragraph, body)])], Frame(0, 0, 800, 300), 20, 14)
        while fit.overflow:
            fit = fit_paragraphs(fit.overflow, Frame(0, 0, 800, 300), 14, 14)

    out.add(
        Measure("clean_1mb_s", "clean 1 MB of text, clean and then dirty",
                best_of(3, lambda: (clean_text(text), clean_text_with_warnings(dirty))), "s", 1.0),
        Measure("wrap_1mb_s", "wrap a 1 MB paragraph onto every page it needs",
                best_of(1, fit_every_page), "s", 5.0),
    )  # fmt: skip


def _decks(out: BenchResult, store: Store, folder: Path) -> None:
    content = compose_deck(store, DECK).content
    slides = (content.slides * (100 // len(content.slides) + 1))[:100]
    hundred = replace(content, slides=slides)
    layout_deck(hundred)  # warm the font metrics
    big = synthetic_store(folder / "big.sqlite", arguments=1000)
    synthetic_deck(big, "big", 200)
    previewer = Previewer()
    previewer.preview(big, "big")
    out.add(
        Measure("layout_100_s", "lay out a 100-slide deck",
                best_of(3, lambda: layout_deck(hundred)), "s", 3.0),
        Measure("preview_200_s", "preview a 200-slide deck again, nothing changed",
                best_of(3, lambda: previewer.preview(big, "big")), "s", 1.0),
    )  # fmt: skip
    big.close()


def _reading(out: BenchResult, store: Store) -> None:
    reader_document(store)  # warm the statement caches
    paragraph_id = library.paragraphs(store)[0].id
    arguments.create_argument(store, paragraph_id=paragraph_id, start=0, end=10, label="Huge",
                              claim="Mega " * 20_000, kind="risk")  # fmt: skip
    out.add(
        Measure("reader_ms", "read the essay for the reader",
                best_of(3, lambda: reader_document(store)) * 1000, "ms", 50.0),
        Measure("search_huge_query_s", "search for a 7,000-character query",
                best_of(3, lambda: search(store, "Kosovo " * 1000)), "s", 1.0),
        Measure("search_megaword_s", "search for a one-million-character word",
                best_of(3, lambda: search(store, "x" * 1_000_000)), "s", 1.0),
        Measure("search_huge_argument_s", "search a word of a 100,000-character argument",
                best_of(3, lambda: search(store, "Mega")), "s", 1.0),
    )  # fmt: skip


def run() -> BenchResult:
    out = BenchResult("core")
    _parsing(out)
    _text(out)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        store = open_prepared(str(folder / "essay.sqlite"))
        try:
            build_from_outline(store, DEFAULT_OUTLINE, DECK)
            _decks(out, store, folder)
            _reading(out, store)
        finally:
            store.close()
    for measure in out.measures:
        out.say(f"{measure.label}: {measure.result_text()} (target {measure.target_text()})")
    return out


if __name__ == "__main__":
    run()
