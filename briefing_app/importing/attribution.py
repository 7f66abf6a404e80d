"""Check that a quote's speaker is the one the essay gives its words to.

Each curated quote carries ``attribution``: the essay's own words that say who speaks
("the Ukrainian President has insisted,", "observed Srećko Đukić"), verbatim, standing
right before or right after the quotation in the same passage. The check then asks:

- the attribution names the speaker (one of the speaker's aliases), and
- no other person or organisation is named between the speaker and the quotation,
  unless the quote lists it in ``others`` (the one addressed, a venue). Words inside
  quotation marks within the attribution are someone's words, not the attribution.

A quote taken from a text (``source``, e.g. a bill) rather than a speaker must have an
attribution that names no person or organisation at all (outside ``others``): so the
words of a bill cannot be given to the member who introduced it, and the reverse.
"""

from __future__ import annotations

import re
from typing import Any

from briefing_app.domain.errors import BriefingError
from briefing_app.importing.spans import TextIndex

MAX_GAP = 4  # quotation marks, a comma and spaces between the attribution and the quote
MAX_LENGTH = 200
SPEAKING_KINDS = ("person", "organisation")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


class AttributionError(BriefingError, ValueError):
    """The quote's attribution is missing, misplaced, or names someone else."""


def _adjacent(body: str, attribution: str, quote: str) -> bool:
    """Whether ``attribution`` stands right before or right after ``quote`` in ``body``."""
    start = body.find(attribution)
    while start >= 0:
        after = start + len(attribution)
        gap = re.match(r"[\s“”\"‘’',:—–(]*", body[after : after + MAX_GAP + 1])
        if gap and len(gap[0]) <= MAX_GAP and body.startswith(quote, after + len(gap[0])):
            return True
        before = body[max(0, start - MAX_GAP - 1) : start]
        tail = re.search(r"[\s“”\"‘’',:—–)]*$", before)
        cut = start - len(tail[0]) if tail else start
        if tail and len(tail[0]) <= MAX_GAP and body[:cut].endswith(quote.rstrip()):
            return True
        start = body.find(attribution, start + 1)
    return False


def _mentions(text: str, alias: str) -> list[tuple[int, int]]:
    """(start, end) of ``alias`` as whole words in ``text`` (also capitalised first)."""
    spans: set[tuple[int, int]] = set()
    for form in {alias, alias[:1].upper() + alias[1:]}:
        pattern = rf"(?<!\w){re.escape(form)}(?!\w)"
        spans |= {m.span() for m in re.finditer(pattern, text)}
    return sorted(spans)


def _named(
    text: str, actors: dict[str, tuple[str, list[str]]], speaker: str | None
) -> list[tuple[int, int, str]]:
    """Who the text names, in order: (start, end, actor key) of people and organisations
    (and the speaker, whatever its kind); a name inside a longer one does not count."""
    found = [
        (start, end, key)
        for key, (kind, aliases) in actors.items()
        if kind in SPEAKING_KINDS or key == speaker
        for alias in aliases
        for start, end in _mentions(text, alias)
    ]
    return sorted(
        (m for m in found if not any(o[0] <= m[0] and m[1] <= o[1] and o != m for o in found)),
        key=lambda m: (m[0], m[0] - m[1]),
    )


def check_attribution(
    index: TextIndex, entry: dict[str, Any], actors: dict[str, tuple[str, list[str]]]
) -> None:
    """Raise AttributionError unless ``entry``'s attribution gives its words to its speaker.

    ``actors`` maps every actor key to (kind, aliases). The speaker must be the first
    person or organisation the attribution names (the subject who says, writes or
    declares); anyone else it names must be listed in ``others``.
    """
    attribution = entry.get("attribution", "")
    if not attribution.strip():
        raise AttributionError("it has no attribution (the essay's words saying who speaks).")
    if len(attribution) > MAX_LENGTH:
        raise AttributionError(f"its attribution is longer than {MAX_LENGTH} characters.")
    passages = [body for _, body in index.paragraphs] + [body for _, body in index.footnotes]
    if not any(_adjacent(body, attribution, entry["text"]) for body in passages):
        raise AttributionError(
            "its attribution does not stand right before or after its text in the essay."
        )
    plain = _QUOTED.sub(lambda m: " " * len(m[0]), attribution)
    speaker = entry.get("speaker") or None
    named = _named(plain, actors, speaker)
    if speaker and (not named or named[0][2] != speaker):
        raise AttributionError(
            f"its attribution “{attribution}” does not name the speaker {speaker!r} first."
        )
    others = set(entry.get("others", []))
    for _, _, key in named:
        if key != speaker and key not in others:
            who = f"the speaker {speaker!r}" if speaker else "its source"
            raise AttributionError(
                f"its attribution “{attribution}” gives the words to {key!r}, not to {who}."
            )
