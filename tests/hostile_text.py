"""Hostile strings, and a store holding them as arguments and as a deck (shared by the
hostile-text tests of the services, the GUI and the exports)."""

from __future__ import annotations

from briefing_app.services import arguments, decks, library
from briefing_app.store.store import Store

HOSTILE = {
    "controls": "NUL\x00 BEL\x07 ESC\x1b[31m VT\x0b FF\x0c DEL\x7f NEL\x85 C1\x9f end",
    "surrogates": "lone \ud800 high, \udfff low and a pair \ud83d\ude42",
    "arabic": "العربية: صربيا وحلف الناتو",
    "hebrew": "עברית: סרביה ונאט״ו",
    "bidi": "\u202eevil.exe\u202c and \u2067isolate\u2069 \u200bzero\u200dwidth",
    "cjk": "中文 日本語 한국어",
    "emoji": "🙂 🇺🇦 👩🏽‍💻",
    "markup": "<script>alert(1)</script> &amp; <b>bold</b> &lt;i&gt; ]]> {{x}}",
    "traversal": "../../etc/passwd",
    "reserved": "CON",
    "slash": "a/b",
    "windows": "C:\\Windows\\..\\con.txt",
}
MEGABYTE = ("Mega " * 200_001)[:1_000_000]
DECK = "../../etc/passwd"


def hostile_arguments(store: Store, *, megabyte: bool = True) -> dict[str, int]:
    """One user argument per hostile string (label and claim), plus a 1 MB one.

    A store holding the 1 MB argument cannot be searched for its word yet (FTS5's
    snippet() is quadratic in a row's matches), so search tests leave it out.
    """
    paragraph = library.paragraphs(store)[2]
    made = {}
    extra = [("megabyte", MEGABYTE)] if megabyte else []
    for key, text in [*HOSTILE.items(), *extra]:
        made[key] = arguments.create_argument(
            store,
            paragraph_id=paragraph.id,
            start=0,
            end=20,
            label=f"{key}: {text}",
            claim=f"{key} claim: {text}",
            kind="risk",
        ).value
    return made


def hostile_deck(store: Store, argument_ids: dict[str, int]) -> str:
    """The deck ``DECK``: a slide per hostile string (title, point, notes, the argument),
    and one with 1 MB of notes; returns its name."""
    decks.create_deck(
        store,
        DECK,
        title=f"{HOSTILE['traversal']} {HOSTILE['markup']} {HOSTILE['cjk']}",
        subtitle=HOSTILE["arabic"],
        author=HOSTILE["hebrew"],
        marking="CON <script>",
    )
    for key, text in HOSTILE.items():
        slide = decks.add_slide(store, DECK, "argument", title=text)
        decks.add_item(store, slide.id, text=text)
        decks.add_item(store, slide.id, source_kind="argument", source_id=argument_ids[key])
        decks.update_slide(store, slide.id, notes=f"{text}\n\n{key} notes")
    slide = decks.add_slide(store, DECK, "argument", title="A megabyte of notes")
    decks.add_item(store, slide.id, text="The notes below are a megabyte long.")
    decks.update_slide(store, slide.id, notes=MEGABYTE)
    decks.add_slide(store, DECK, "sources", title="Sources")
    return DECK
