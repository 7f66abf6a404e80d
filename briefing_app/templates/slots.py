"""What each of our slide layouts wants from a template layout: a title and its slots.

A slot is a placeholder role (subtitle, body, content, picture) with the frame our layout
engine gives that part of the slide on the 960 x 540 pt page (with the marking bands).
The house template is built from these frames, and a user's template layouts are scored
against them, so both directions use one description.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing_app.layout.theme import MINISTRY, Theme
from briefing_app.layout.wrap import LINE_HEIGHT, Frame

# Placeholder roles and the <p:ph type> we write for each in our own template.
ROLE_PH_TYPE = {"subtitle": "subTitle", "body": "body", "content": "obj", "picture": "pic"}


@dataclass(frozen=True)
class Slot:
    role: str  # subtitle | body | content | picture
    label: str  # what it holds, for people ("quote", "left column")
    frame: Frame
    weight: float = 1.0  # optional parts weigh less than the main text


@dataclass(frozen=True)
class LayoutSlots:
    key: str  # our layout name (briefing_app.layout)
    name: str  # the slide layout's name in our template
    title_kind: str  # "ctrTitle" (cover) or "title"
    title: Frame
    slots: tuple[Slot, ...]
    chrome: bool = True  # date, footer and slide number placeholders

    def slot(self, label: str) -> Slot:
        return next(s for s in self.slots if s.label == label)


def layout_slots(t: Theme = MINISTRY, marked: bool = True) -> tuple[LayoutSlots, ...]:
    """Our layouts in the order our template lists them (most general first); the frames
    are those of a marked deck unless ``marked`` is False."""
    m = marked
    top = t.top(m)
    title = t.title_frame(m)
    body = t.body_frame(m)
    x, w = 80.0, t.page_w - 80.0 - 96.0  # beside the cover's navy band

    def content(label: str = "body") -> tuple[Slot, ...]:
        return (Slot("content", label, body),)

    pad, bar = 16.0, 6.0
    bluf = Frame(body.x + bar + 20, body.y + pad, body.w - bar - 40, body.h - 2 * pad)
    speaker_h, quote_gap = 2 * LINE_HEIGHT * 18.0, 16.0
    qx, qw = body.x + 28, body.w - 28 - 40
    gap = 48.0
    col_w = (body.w - gap) / 2
    head_h = 2 * LINE_HEIGHT * 20.0
    map_col = round(body.w * 0.36)
    area = Frame(body.x + map_col + 24, body.y, body.w - map_col - 24, body.h - 48.0)
    return (
        LayoutSlots("argument", "Argument", "title", title, content("bullets")),
        LayoutSlots(
            "title",
            "Cover",
            "ctrTitle",
            Frame(x, top + 110, w, 150),
            (
                Slot("subtitle", "subtitle", Frame(x, top + 272, w, 56)),
                Slot("body", "author and date", Frame(x, top + 358, w, 48), 0.5),
            ),
            chrome=False,
        ),
        LayoutSlots(
            "section",
            "Section",
            "title",
            Frame(x, top + 100, w, 150),
            (Slot("body", "subtitle", Frame(x, top + 282, w, 84), 0.5),),
            chrome=False,
        ),
        LayoutSlots(
            "bluf",
            "Bottom Line Up Front",
            "title",
            title,
            (Slot("content", "key judgements", bluf),),
        ),
        LayoutSlots("agenda", "Agenda", "title", title, content("agenda")),
        LayoutSlots(
            "quote",
            "Quote",
            "title",
            title,
            (
                Slot("body", "quote", Frame(qx, body.y, qw, body.h - speaker_h - quote_gap)),
                Slot("body", "speaker", Frame(qx, body.bottom - speaker_h, qw, speaker_h), 0.5),
            ),
        ),
        LayoutSlots(
            "comparison",
            "Comparison",
            "title",
            title,
            (
                Slot("body", "left heading", Frame(body.x, body.y, col_w, head_h), 0.5),
                Slot(
                    "content",
                    "left column",
                    Frame(body.x, body.y + head_h + 14, col_w, body.h - head_h - 14),
                ),
                Slot(
                    "body", "right heading", Frame(body.x + col_w + gap, body.y, col_w, head_h), 0.5
                ),
                Slot(
                    "content",
                    "right column",
                    Frame(body.x + col_w + gap, body.y + head_h + 14, col_w, body.h - head_h - 14),
                ),
            ),
        ),
        LayoutSlots("timeline", "Timeline", "title", title, content("timeline")),
        LayoutSlots(
            "map",
            "Map",
            "title",
            title,
            (
                Slot("content", "bullets", Frame(body.x, body.y, map_col, body.h)),
                Slot("picture", "map", area),
                Slot("body", "caption", Frame(area.x, area.bottom + 4, area.w, 44.0), 0.5),
            ),
        ),
        LayoutSlots("sources", "Sources", "title", title, content("references")),
    )


LAYOUT_SLOTS: dict[str, LayoutSlots] = {s.key: s for s in layout_slots()}
