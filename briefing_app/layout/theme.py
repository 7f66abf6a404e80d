"""The "ministry" house style: sober policy-office slides that survive grayscale print.

White page, navy titles and rules, near-black body text, one muted steel-blue accent for
citation marks and links, Liberation Sans (Arial metrics) throughout. All numbers are
points on the 960 x 540 page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import ClassVar, TypeVar, cast

from briefing_app.layout.boxes import PAGE_HEIGHT, PAGE_WIDTH, TextStyle
from briefing_app.layout.keepout import Outline, clear, lift_clear
from briefing_app.layout.wrap import LINE_HEIGHT, Frame

_T = TypeVar("_T")


@dataclass(frozen=True)
class Theme:
    name: str = "ministry"
    font: str = "sans"
    title_font: str | None = None  # a house template's heading font, where not ``font``
    # colours (RGB hex)
    background: str = "FFFFFF"
    navy: str = "1F3864"  # titles, rules, bullets
    text: str = "262626"  # body text
    muted: str = "595959"  # subtitles, footer, speaker details
    accent: str = "2E6DA4"  # citation marks and links
    rule: str = "A6A6A6"  # thin footer rules and dividers
    panel: str = "EDF1F7"  # BLUF panel, map placeholder
    marking_fill: str = "3A3A3A"
    marking_text: str = "FFFFFF"
    # geometry
    page_w: float = PAGE_WIDTH
    page_h: float = PAGE_HEIGHT
    margin: float = 48.0
    marking_h: float = 20.0
    title_gap: float = 22.0  # from the content top to the title frame
    title_h: float = 72.0  # two lines at 30 pt
    title_rule_gap: float = 6.0
    title_rule_w: float = 1.5
    body_gap: float = 14.0  # title rule to body
    footer_rule_from_bottom: float = 30.0
    sources_h: float = 24.0  # two lines at 10 pt
    sources_gap: float = 4.0  # sources to footer rule
    body_to_sources: float = 8.0
    # type sizes
    title_size: float = 30.0
    title_min: float = 24.0
    body_size: float = 20.0
    body_min: float = 14.0  # floor for all body text
    footer_size: float = 10.0
    footer_min: float = 8.0
    meta_size: float = 9.0  # deck title in the footer
    number_size: float = 10.0
    marking_size: float = 10.0
    cover_title_size: float = 40.0
    cover_title_min: float = 28.0
    section_title_size: float = 40.0
    section_title_min: float = 28.0
    # A house template's own frames (virtual points, see templates.theme) and whether we
    # draw our title and footer rules on top of its design.
    title_box: Frame | None = None
    body_box: Frame | None = None
    # A house template's date placeholder: the footer line shows the deck's date there
    # (only its left and right edges are used; the date sits on the deck title's line).
    date_box: Frame | None = None
    rules: bool = True
    title_color: str | None = None  # a house template's title colour (RGB), else navy
    # The agenda tracker (layout.tracker): drawn when the deck has parts, in a strip above
    # our title that the title frame keeps clear of (on a house template: see _house_top).
    tracker: bool = False
    tracker_size: float = 10.0
    tracker_h: float = 14.0
    tracker_gap: float = 4.0  # above and below the strip
    # A house template's art our frames keep clear of (layout.keepout), on the slides of
    # the layout being laid out (``art``); ``art_of`` gives it by our layout's name (each
    # layout's slides use their own template layout, with its own art), found when first
    # asked for; ``footer_art`` is what the footer line, in one place on every page
    # (a PPTX's layouts all carry it there), keeps clear of: the content slides' art.
    art: tuple[Outline, ...] = ()
    art_of: Callable[[str], tuple[Outline, ...]] | None = field(
        default=None, compare=False, repr=False
    )
    footer_art: tuple[Outline, ...] = ()
    # Where a house template shows the slide number in its own art (a disc with a number
    # field, as Midnightblue's): our footer line leaves the number to it where a marking
    # band does not hide it.
    number_box: Frame | None = None
    # The footer line's colour on a house template whose art under it (a dark band) our
    # muted grey cannot be read on: (unmarked, marked); None keeps ours.
    footer_colors: tuple[str | None, str | None] = (None, None)
    sources_colors: tuple[str | None, str | None] = (None, None)  # the sources line's
    # Page points per layout point: a house template's page is drawn this much larger or
    # smaller than layout's 960-point page (layout.scale); LibreOffice's measures use it.
    page_scale: float = 1.0

    def for_layout(self, name: str) -> Theme:
        """This theme on the slides of our layout ``name``: with that layout's art."""
        if self.art_of is None:
            return self
        memo = self._frames
        found = memo.get(("layout", name))
        if found is None:
            art = self.art_of(name)
            found = memo[("layout", name)] = self if art == self.art else replace(self, art=art)
        return cast(Theme, found)

    # -- styles ---------------------------------------------------------------------------
    def style(self, size: float, color: str | None = None, **kw: bool) -> TextStyle:
        return TextStyle(self.font, size, color=color or self.text, **kw)

    def heading_style(self, size: float, color: str | None = None, **kw: bool) -> TextStyle:
        """Text of titles: in the heading font."""
        return TextStyle(self.title_font or self.font, size, color=color or self.text, **kw)

    def title_style(self) -> TextStyle:
        return self.heading_style(self.title_size, self.title_color or self.navy, bold=True)

    def body_style(self) -> TextStyle:
        return self.style(self.body_size)

    def mark_style(self, base: TextStyle) -> TextStyle:
        return replace(base, bold=False, italic=False, color=self.accent)

    # -- zones ----------------------------------------------------------------------------
    def top(self, marking: bool) -> float:
        return self.marking_h if marking else 0.0

    def bottom(self, marking: bool) -> float:
        return self.page_h - (self.marking_h if marking else 0.0)

    @property
    def content_w(self) -> float:
        return self.page_w - 2 * self.margin

    def _memo(self, key: tuple[object, ...], make: Callable[[], _T]) -> _T:
        """``make()``, computed once per theme: frames clear of a template's art are
        asked for again and again while a deck is laid out."""
        if not self.art and not self.footer_art:
            return make()
        memo = self._frames
        if key not in memo:
            memo[key] = make()
        return cast(_T, memo[key])

    @cached_property
    def _frames(self) -> dict[tuple[object, ...], object]:
        return {}

    def title_frame(self, marking: bool) -> Frame:
        if self.title_box is not None:  # the template's title placeholder, never moved
            return self._house_top(marking)[0]
        top = max(self.top(marking) + self.title_gap, self._below_tracker(marking))
        frame = Frame(self.margin, top, self.content_w, self.title_h)
        return self._memo(("title", marking), lambda: self._clear_title(frame))

    def _clear_title(self, frame: Frame) -> Frame:
        """``frame`` beside the template's art it meets (a ribbon at the top corner), so
        a long title wraps before the art instead of running under it; where that
        leaves less than half its width, the largest clear part of it."""
        if not self.art:
            return frame
        cleared = clear(frame, self.art, sideways=True)
        if cleared.w >= 0.5 * frame.w:
            return cleared
        return clear(frame, self.art)

    def tracker_frame(self, marking: bool) -> Frame | None:
        """The strip the agenda tracker is drawn in: above our title; on a house template
        where its title frame leaves room (None where it leaves none)."""
        if self.title_box is not None:
            return self._house_top(marking)[1]
        strip = Frame(self.margin, self.top(marking) + self.tracker_gap, self.content_w,
                      self.tracker_h)  # fmt: skip
        return self._memo(("tracker", marking), lambda: self._clear_strip(strip))

    def _below_tracker(self, marking: bool) -> float:
        """Where our title may start: below the tracker's strip when there is one."""
        if not self.tracker:
            return self.top(marking)
        return self.top(marking) + self.tracker_h + 2 * self.tracker_gap

    def _house_top(self, marking: bool) -> tuple[Frame, Frame | None]:
        """A house template's title frame and the tracker's strip. The title stays inside
        the template's title placeholder, on the art designed for it (a band, a box): only
        the part of it under the marking band is given up. The tracker takes the room
        above the title frame where it is free; else the frame's own top, where the rest
        still holds two title lines at the floor size; else the free room between title
        and body; else it is not shown (:func:`briefing_app.layout.tracker.tracker_boxes`
        warns). Where the template's art crosses a place (a band's edge, a card's
        border), the strip goes lower in it, clear of the art."""
        return self._memo(("house top", marking), lambda: self._find_house_top(marking))

    def _find_house_top(self, marking: bool) -> tuple[Frame, Frame | None]:
        box = self.title_box
        assert box is not None
        top = self.top(marking)
        y = max(box.y, top)
        title = self._clear_title(Frame(box.x, y, box.w, max(box.bottom - y, 0.0)))
        if not self.tracker:
            return title, None
        gap, h = self.tracker_gap, self.tracker_h
        above = self._free_strip(box.x, box.w, top + gap, box.y - gap - h)
        if above is not None:
            return title, above
        lowest = box.bottom - 2 * LINE_HEIGHT * self.title_min - gap - h
        inside = self._free_strip(box.x, box.w, top + gap, lowest)
        if inside is not None:
            rest = Frame(box.x, inside.bottom + gap, box.w, box.bottom - inside.bottom - gap)
            return self._clear_title(rest), inside
        if self.body_box is not None:
            below = self._free_strip(box.x, box.w, box.bottom + gap, self.body_box.y - gap - h)
            if below is not None:
                return title, below
        return title, None

    STRIP_STEP: ClassVar[float] = 2.0  # how far apart the places tried for a strip are

    def _free_strip(self, x: float, w: float, y0: float, y1: float) -> Frame | None:
        """The highest tracker strip of width ``w`` at ``x`` starting between ``y0`` and
        ``y1`` that the template's art leaves clear (see :meth:`_clear_strip`)."""
        y = y0
        while y <= y1 + 1e-6:
            found = self._clear_strip(Frame(x, y, w, self.tracker_h))
            if found is not None:
                return found
            if not self.art:
                return None
            y += self.STRIP_STEP
        return None

    def _clear_strip(self, strip: Frame) -> Frame | None:
        """The agenda tracker's ``strip`` beside the template's art it meets; None when
        that leaves less than half of it (the tracker goes elsewhere, or is not shown)."""
        if not self.art:
            return strip
        cleared = clear(strip, self.art, sideways=True)
        return cleared if cleared.w >= 0.5 * strip.w else None

    def title_rule_y(self, marking: bool) -> float:
        return self.title_frame(marking).bottom + self.title_rule_gap

    def footer_rule_y(self, marking: bool) -> float:
        return self.bottom(marking) - self.footer_rule_from_bottom

    def sources_frame(self, marking: bool) -> Frame:
        """Above the footer rule; on a house template, beside or above its art."""
        y = self.footer_rule_y(marking) - self.sources_gap - self.sources_h
        frame = Frame(self.margin, y, self.content_w, self.sources_h)
        if not self.art:
            return frame
        # above the footer line, where the template's art moved that up
        meta_y = self.meta_frame(marking).y
        frame = Frame(frame.x, min(y, meta_y - 6 - self.sources_gap - self.sources_h),
                      frame.w, frame.h)  # fmt: skip
        return self._memo(("sources", marking),
                          lambda: lift_clear(frame, self.art, self.page_h / 2))  # fmt: skip

    def clear_of_art(self, frame: Frame, sideways: bool = False) -> Frame:
        """The largest part of one of our own frames (a cover's or a section's) that the
        house template's art leaves clear (beside it only, when ``sideways``); the frame as
        it is where the art leaves too little of it to hold a line."""
        if not self.art:
            return frame
        found = clear(frame, self.art, sideways)
        return found if found.w >= 0.5 * frame.w and found.h >= 0.5 * frame.h else frame

    def footer_color(self, marking: bool, ours: str, sources: bool = False) -> str:
        """The colour of the footer line's text (or the sources line's): ``ours`` unless
        the template's art under the line needs another to be read."""
        colors = self.sources_colors if sources else self.footer_colors
        return colors[1 if marking else 0] or ours

    def template_numbers(self, marking: bool) -> bool:
        """Whether the template's own art shows the slide number, clear of our marking."""
        box = self.number_box
        return box is not None and box.y >= self.top(marking) and box.bottom <= self.bottom(marking)

    def meta_frame(self, marking: bool) -> Frame:
        """The line under the footer rule holding deck title and slide number; on a house
        template, narrowed beside its art or moved up above it (as the sources line)."""
        frame = Frame(self.margin, self.footer_rule_y(marking) + 6, self.content_w, 13.0)
        if not self.footer_art:
            return frame
        # narrowed only a little, so the date and deck title keep their places, else
        # moved up
        art = self.footer_art
        return self._memo(("meta", marking),
                          lambda: lift_clear(frame, art, self.page_h / 2, 0.9))  # fmt: skip

    def body_frame(self, marking: bool) -> Frame:
        return self._memo(("body", marking), lambda: self._body_frame(marking))

    def _body_frame(self, marking: bool) -> Frame:
        bottom = self.sources_frame(marking).y - self.body_to_sources
        if self.body_box is not None:  # the template's body placeholder, above our sources
            box = self.body_box
            top = max(box.y, self.title_frame(marking).bottom)
            tracker = self.tracker_frame(marking) if self.tracker else None
            if tracker is not None:  # a strip below the title: the body starts under it
                top = max(top, tracker.bottom + self.tracker_gap)
            frame = Frame(box.x, top, box.w, min(box.bottom, bottom) - top)
        else:
            top = self.title_rule_y(marking) + self.body_gap
            frame = Frame(self.margin, top, self.content_w, bottom - top)
        # the largest part of it clear of the template's art (a wedge, a picture)
        return clear(frame, self.art) if self.art else frame


MINISTRY = Theme()
THEMES: dict[str, Theme] = {"ministry": MINISTRY}


def get_theme(name: str | None) -> Theme:
    """The named theme; unknown names fall back to "ministry"."""
    return THEMES.get(name or "", MINISTRY)
