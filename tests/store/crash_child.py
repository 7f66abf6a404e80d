"""A child process for the crash and concurrency tests: it edits or exports a store in a loop.

It goes through the same services the desktop app's models call and prints one flushed
line per step on stdout: ``ready`` once the store is open; ``try {json}`` before each
service call with the store's state before and after it; ``saved {json}`` once the call
has returned (so after its commit). The parent can then kill it at any moment and know
what the store must hold. Run as ``python crash_child.py '{json config}'``; see
crash_support.py for the config and for checking the store afterwards.
"""

from __future__ import annotations

import json
import random
import sys
import time
from typing import Any

from briefing_app.services import arguments, decks, review
from briefing_app.store.models import Argument
from briefing_app.store.store import Store, open_store

# An expectation is [key, sql, params, rows]: the query must return exactly ``rows``.
Expectation = list[Any]


def say(tag: str, payload: object = None) -> None:
    line = tag if payload is None else f"{tag} {json.dumps(payload)}"
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class Editor:
    """Random edits of one deck and some arguments, with what each must leave behind."""

    def __init__(self, store: Store, config: dict[str, Any]) -> None:
        self.store = store
        self.rng = random.Random(config["seed"])
        self.prefix = config["prefix"]
        self.deck_name = config["deck"]
        self.arguments = config["arguments"]
        self.paragraphs = config["paragraphs"]
        self.path = config["store"]
        self.reopen = config.get("reopen", True)
        self.step = 0
        deck = decks.get_deck(store, self.deck_name)
        self.deck_id = deck.id
        self.order = [s.id for s in deck.slides]
        self.slides = {s.id: (s.title, s.notes) for s in deck.slides}
        self.items = {i.id: (s.id, i.text) for s in deck.slides for i in s.items}
        with store.read() as session:
            self.tags = {a: [t.name for t in session.get(Argument, a).tags] for a in self.arguments}
        self.ops = [
            (self.add_review, 3), (self.add_slide, 2), (self.update_slide, 3),
            (self.delete_slide, 1), (self.add_item, 3), (self.set_item_text, 3),
            (self.move_slide, 2), (self.set_tags, 2), (self.create_argument, 1),
        ]  # fmt: skip
        if self.reopen:
            self.ops.append((self.reopen_store, 1))

    # --- expectations ---------------------------------------------------------------

    def order_rows(self, titles: list[str]) -> Expectation:
        sql = "SELECT title FROM slide WHERE deck_id = ? ORDER BY position"
        return [f"order {self.deck_id}", sql, [self.deck_id], [[t] for t in titles]]

    def titles(self, order: list[int] | None = None) -> list[str]:
        return [self.slides[s][0] for s in (self.order if order is None else order)]

    @staticmethod
    def slide_row(slide_id: int, fields: tuple[str, str] | None) -> Expectation:
        sql = "SELECT title, notes FROM slide WHERE id = ?"
        return [f"slide {slide_id}", sql, [slide_id], [list(fields)] if fields else []]

    @staticmethod
    def item_row(item_id: int, text: str | None) -> Expectation:
        sql = "SELECT text FROM slide_item WHERE id = ?"
        return [f"item {item_id}", sql, [item_id], [[text]] if text is not None else []]

    @staticmethod
    def slide_gone(slide_id: int, fields: tuple[str, str]) -> Expectation:
        """The deleted slide is not there. SQLite may give its id to a later slide, so
        the check is for this slide (its id and text), not for the id alone."""
        sql = "SELECT title, notes FROM slide WHERE id = ? AND title = ? AND notes = ?"
        return [f"slide {slide_id}", sql, [slide_id, *fields], []]

    @staticmethod
    def item_gone(item_id: int, text: str) -> Expectation:
        """The deleted point is not there (its id may be reused, as for slides)."""
        sql = "SELECT text FROM slide_item WHERE id = ? AND text = ?"
        return [f"item {item_id}", sql, [item_id, text], []]

    @staticmethod
    def count(key: str, table: str, column: str, value: str, n: int) -> Expectation:
        sql = f"SELECT count(*) FROM {table} WHERE {column} = ?"
        return [key, sql, [value], [[n]]]

    @staticmethod
    def tag_rows(argument_id: int, names: list[str]) -> Expectation:
        sql = (
            "SELECT t.name FROM tag t JOIN argument_tag x ON x.tag_id = t.id "
            "WHERE x.argument_id = ? ORDER BY t.name"
        )
        return [f"tags {argument_id}", sql, [argument_id], [[n] for n in sorted(names)]]

    # --- operations: each returns (before, after, call) -------------------------------

    def label(self, what: str) -> str:
        return f"{self.prefix} {what} {self.step}"

    def add_review(self):
        argument = self.rng.choice(self.arguments)
        comment = self.label("review")
        status = self.rng.choice(["agreed", "disputed", "needs-source"])
        key = f"review {comment}"
        table = "review_annotation"
        before = [self.count(key, table, "comment", comment, 0)]
        after = [self.count(key, table, "comment", comment, 1)]

        def call():
            review.add_review(self.store, argument, status, comment, author=self.prefix)
            return after

        return before, after, call

    def add_slide(self):
        title = self.label("slide")
        at = self.rng.randint(0, len(self.order))
        key = f"new slide {title}"
        titles = self.titles()
        before = [self.order_rows(titles), self.count(key, "slide", "title", title, 0)]
        titles.insert(at, title)
        after = [self.order_rows(titles), self.count(key, "slide", "title", title, 1)]

        def call():
            record = decks.add_slide(
                self.store, self.deck_name, "argument", title=title, position=at
            )
            self.slides[record.id] = (title, "")
            self.order.insert(at, record.id)
            return [self.order_rows(self.titles()), self.slide_row(record.id, (title, ""))]

        return before, after, call

    def update_slide(self):
        slide = self.rng.choice(self.order)
        fields = (self.label("title"), self.label("notes"))
        before = [self.slide_row(slide, self.slides[slide]), self.order_rows(self.titles())]
        titles = [fields[0] if s == slide else self.slides[s][0] for s in self.order]
        after = [self.slide_row(slide, fields), self.order_rows(titles)]

        def call():
            decks.update_slide(self.store, slide, title=fields[0], notes=fields[1])
            self.slides[slide] = fields
            return after

        return before, after, call

    def delete_slide(self):
        if len(self.order) <= 3:
            return self.add_slide()
        slide = self.rng.choice(self.order)
        items = [i for i, (s, _) in self.items.items() if s == slide]
        rest = [s for s in self.order if s != slide]
        before = [self.order_rows(self.titles()), self.slide_row(slide, self.slides[slide])]
        before += [self.item_row(i, self.items[i][1]) for i in items]
        after = [self.order_rows(self.titles(rest)), self.slide_gone(slide, self.slides[slide])]
        after += [self.item_gone(i, self.items[i][1]) for i in items]

        def call():
            decks.delete_slide(self.store, slide)
            self.order.remove(slide)
            for item in items:
                del self.items[item]
            return after

        return before, after, call

    def add_item(self):
        slide = self.rng.choice(self.order)
        text = self.label("point")
        key = f"new item {text}"
        before = [self.count(key, "slide_item", "text", text, 0)]
        after = [self.count(key, "slide_item", "text", text, 1)]

        def call():
            record = decks.add_item(self.store, slide, text=text)
            self.items[record.id] = (slide, text)
            return [self.item_row(record.id, text)]

        return before, after, call

    def set_item_text(self):
        if not self.items:
            return self.add_item()
        item = self.rng.choice(sorted(self.items))
        slide, old = self.items[item]
        text = self.label("wording")
        before, after = [self.item_row(item, old)], [self.item_row(item, text)]

        def call():
            decks.set_item_text(self.store, item, text)
            self.items[item] = (slide, text)
            return after

        return before, after, call

    def move_slide(self):
        slide = self.rng.choice(self.order)
        rest = [s for s in self.order if s != slide]
        at = self.rng.randint(0, len(rest))
        new_order = [*rest[:at], slide, *rest[at:]]
        before = [self.order_rows(self.titles())]
        after = [self.order_rows(self.titles(new_order))]

        def call():
            decks.move_slide(self.store, slide, at)
            self.order = new_order
            return after

        return before, after, call

    def set_tags(self):
        argument = self.rng.choice(self.arguments)
        names = [self.label("tag").replace(" ", "-"), "crash-test"]
        before = [self.tag_rows(argument, self.tags[argument])]
        after = [self.tag_rows(argument, names)]

        def call():
            arguments.set_tags(self.store, argument, names)
            self.tags[argument] = names
            return after

        return before, after, call

    def create_argument(self):
        paragraph, length = self.rng.choice(self.paragraphs)
        label = self.label("argument")
        key = f"argument {label}"
        before = [self.count(key, "argument", "label", label, 0)]
        after = [self.count(key, "argument", "label", label, 1)]

        def call():
            arguments.create_argument(
                self.store,
                paragraph_id=paragraph,
                start=0,
                end=min(length, 60),
                label=label,
                claim=f"Claim of {label}",
                kind="premise",
            )
            return after

        return before, after, call

    def reopen_store(self):
        """Close and reopen, as when the app quits and starts: closing checkpoints the WAL."""

        def call():
            self.store.close()
            self.store = open_store(self.path)
            return []

        return [], [], call

    def run(self, count: int | None) -> None:
        functions, weights = zip(*self.ops, strict=True)
        slowest = 0.0
        while count is None or self.step < count:
            self.step += 1
            op = self.rng.choices(functions, weights)[0]
            before, after, call = op()
            say("try", {"op": op.__name__, "step": self.step, "before": before, "after": after})
            started = time.perf_counter()
            expect = call()
            slowest = max(slowest, time.perf_counter() - started)
            say("saved", {"step": self.step, "expect": expect})
        say("done", {"steps": self.step, "slowest_ms": round(slowest * 1000)})


def main() -> None:
    config = json.loads(sys.argv[1])
    store = open_store(config["store"])
    editor = Editor(store, config)
    say("ready")
    editor.run(config.get("count"))
    editor.store.close()


if __name__ == "__main__":
    main()
