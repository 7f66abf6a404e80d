"""A child for the export crash test: exports two decks in turn to the same two files.

Prints ``ready`` once the store is open and the renderers and fonts are loaded, then
``try FORMAT DECK`` before each export and ``saved FORMAT DECK`` after it returned, so the
parent knows which complete file each target may hold when it kills this process.
With ``"die_before": "fsync"`` or ``"replace"`` it kills itself at that step of its first
export instead: the temporary file fully written, but not yet synced or renamed.
Run as ``python export_child.py '{"store": ..., "decks": [...], "targets": {...}}'``.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import sys

from briefing_app.render.export import export_deck, laid_out, renderer
from briefing_app.store.store import open_store


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def die_before(name: str) -> None:
    """Make ``os.<name>`` kill this process, as a crash at that moment would."""

    def dying(*_args: object) -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    setattr(os, name, dying)


def main() -> None:
    config = json.loads(sys.argv[1])
    store = open_store(config["store"])
    for fmt in config["targets"]:
        renderer(fmt)
    laid_out(store, config["decks"][0])  # loads the fonts
    say("ready")
    if config.get("die_before"):
        die_before(config["die_before"])
    for deck in itertools.cycle(config["decks"]):
        for fmt, target in config["targets"].items():
            say(f"try {fmt} {deck}")
            export_deck(store, deck, fmt, out=target)
            say(f"saved {fmt} {deck}")


if __name__ == "__main__":
    main()
