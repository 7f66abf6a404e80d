"""Synthetic stores for benchmarks: a document with many arguments, and decks built from them."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from sqlalchemy import insert

from briefing_app.services import decks
from briefing_app.store.models import Argument, Document, Paragraph, Section
from briefing_app.store.store import Store, open_store

WORDS = (
    "ceasefire", "territory", "Donbas", "Kosovo", "Serbia", "NATO", "Belgrade", "Pristina",
    "Kyiv", "Moscow", "sovereignty", "referendum", "guarantees", "administration", "interim",
    "resolution", "council", "leverage", "enlargement", "sanctions", "Vučić", "Đukić",
    "Šekerinska", "alliance", "security", "the", "of", "and", "to", "in", "a", "for", "with",
    "on", "by", "would", "could", "should", "must", "may",
)  # fmt: skip


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def synthetic_store(path: Path | str, arguments: int, seed: int = 7) -> Store:
    """A store at ``path`` (a file, or a server's URL) holding one document with
    ``arguments`` arguments (bulk-inserted)."""
    rng = random.Random(seed)
    store = open_store(path)
    with store.transaction() as session:
        doc = Document(
            slug="synthetic",
            title="Synthetic essay",
            author="Bench Mark",
            publisher="Benchmarks",
            published=date(2025, 1, 1),
            source_name="synthetic",
            content_hash="0" * 64,
        )
        session.add(doc)
        session.flush()
        section = Section(document_id=doc.id, position=0, title=None)
        session.add(section)
        session.flush()
        paragraph = Paragraph(
            document_id=doc.id, section_id=section.id, position=0, text=sentence(rng, 60)
        )
        session.add(paragraph)
        session.flush()
        rows = [
            {
                "document_id": doc.id,
                "key": f"arg-{i}",
                "label": sentence(rng, 5)[:-1],
                "claim": sentence(rng, rng.randint(12, 30)),
                "kind": "premise",
                "perspectives": ["us"],
                "quote": "",
                "origin": "curated",
                "paragraph_id": paragraph.id,
            }
            for i in range(arguments)
        ]
        for start in range(0, len(rows), 5000):
            session.execute(insert(Argument), rows[start : start + 5000])
    return store


def synthetic_deck(store: Store, name: str, slides: int, per_slide: int = 5) -> list[list[str]]:
    """A deck of argument slides built from the store's first arguments; returns the bullets."""
    from sqlalchemy import select

    with store.read() as session:
        ids = list(session.scalars(select(Argument.id).order_by(Argument.id).limit(slides * 5)))
    decks.create_deck(store, name, title="Synthetic deck", author="Bench")
    bullets: list[list[str]] = []
    with store.transaction() as session:
        deck = decks.deck_by_name(session, name)
        for n in range(slides):
            slide = decks.add_slide_in(session, deck, "argument", title=f"Slide {n + 1}")
            texts = []
            for k in range(per_slide):
                item = decks.add_item_in(
                    session, slide, source_kind="argument", source_id=ids[(n * 5 + k) % len(ids)]
                )
                texts.append(item.text)
            bullets.append(texts)
    return bullets
