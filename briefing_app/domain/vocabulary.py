"""The product's words, each defined once: record kinds and review statuses.

The store's CHECK constraints, the services' validation, the GUI's labels and colours and
the review report all read these, so a status is called and coloured the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

# What a slide item may be taken from (the drag-and-drop payload uses the same words).
SOURCE_KINDS = ("argument", "quote", "footnote", "event", "map")

ARGUMENT_KINDS = (
    "thesis",
    "proposal",
    "premise",
    "benefit",
    "risk",
    "objection",
    "rebuttal",
    "precedent",
    "evidence",
)
# Each argument kind's text colour (the library's Kind column, the detail pane's badge). The
# kind is always written out, so colour is a second cue; still, no two kinds look alike to a
# reader with deuteranopia, protanopia or tritanopia, and each reads on white (4.5:1)
# (tests/domain/test_vocabulary.py).
ARGUMENT_KIND_COLOURS = {
    "thesis": "#1A237E",
    "proposal": "#6041F9",
    "premise": "#335A70",
    "benefit": "#42531E",
    "risk": "#D23458",
    "objection": "#8F1251",
    "rebuttal": "#B800AC",
    "precedent": "#A36100",
    "evidence": "#00837D",
}
RELATION_KINDS = ("supports", "opposes", "elaborates", "responds_to")
# How a relation reads between two arguments ("A responds to B").
RELATION_LABELS = {kind: kind.replace("_", " ") for kind in RELATION_KINDS}
ACTOR_KINDS = ("person", "state", "organisation", "place")
# A reviewer's note beside a record (the essay itself stays verbatim), and what it may be on.
CORRECTION_KINDS = ("correction", "caveat")
CORRECTABLE_KINDS = ("argument", "quote", "event", "actor")


@dataclass(frozen=True)
class Perspective:
    """A party whose view an argument can take. Each document's argument map declares its
    own (``[[perspective]]``), so another essay brings its own parties."""

    key: str  # what arguments store
    name: str  # what the app shows


# Slide layouts are not listed here: each is one module registered in
# briefing_app.layout.registry (``NAMES``, in the order a briefer meets them), so adding a
# layout touches only its module, its tests and the registry.


@dataclass(frozen=True)
class ReviewStatus:
    """One review status: its one label and one colour, and how a highlight shows it.

    ``colour`` (blue, red, wine; dark grey for unreviewed) reads as text on white (4.5:1),
    and the four stay clearly apart to a reader with deuteranopia, protanopia or tritanopia
    (tests/domain/test_vocabulary.py). Colour is never the only cue: every status also has
    its own ``glyph`` and ``underline`` style.
    """

    key: str
    label: str
    colour: str  # text, glyph and underline colour
    tint: str  # highlight background
    strong_tint: str  # highlight background of the selected argument
    underline: str  # solid | dot | dash | wave
    glyph: str  # shown before a reviewed passage; "" for none
    mnemonic: str  # the letter of ``label`` a keyboard shortcut uses

    @property
    def label_with_mnemonic(self) -> str:
        """``label`` with Qt's ``&`` before the mnemonic letter ("Dis&puted")."""
        at = self.label.find(self.mnemonic)
        return self.label if at < 0 else f"{self.label[:at]}&{self.label[at:]}"


UNREVIEWED = "unreviewed"

_STATUSES = (
    ReviewStatus("unreviewed", "Unreviewed", "#333333", "#ECEEF1", "#CBD2DA", "dot", "", "U"),
    ReviewStatus("agreed", "Agreed", "#0076C6", "#DDEBF6", "#A9CBE6", "solid", "✓", "A"),
    ReviewStatus("disputed", "Disputed", "#C80800", "#FADDDA", "#F1ADA6", "wave", "✗", "p"),
    ReviewStatus("needs-source", "Needs source", "#943070", "#F5E3EE", "#E2B6D0", "dash", "?", "N"),
)
REVIEW_STATUSES = tuple(status.key for status in _STATUSES)
# What needs the unit's attention first: the review report's order.
ATTENTION_ORDER = ("needs-source", "disputed", "agreed", "unreviewed")
_BY_KEY = {status.key: status for status in _STATUSES}


def review_status(key: str | None) -> ReviewStatus:
    """The status called ``key`` (an unknown or missing key reads as unreviewed)."""
    return _BY_KEY.get(key or UNREVIEWED, _BY_KEY[UNREVIEWED])


# Handling markings offered in a list; a deck may carry any other (typed) marking too.
STANDARD_MARKINGS = ("UNCLASSIFIED", "OFFICIAL", "OFFICIAL-SENSITIVE", "NATO UNCLASSIFIED",
                     "CUI", "RESTRICTED", "CONFIDENTIAL", "EU RESTRICTED")  # fmt: skip
