"""How much of a template's text would sit on art it cannot be read on.

A template with several slide masters often has one made for the title slide (art over
the whole page) and others for content (art kept to the edges); their layouts have the
same placeholders, so placeholders alone cannot tell them apart. What a communications
officer sees is whether the titles and body text can be read where the master puts them.
So each text placeholder of the layouts our content slides use is sampled on a grid: at
each point the template's art (:mod:`briefing_app.templates.art`, the drawing list the PDF
and preview draw) is composited into the colour behind the text, and the point counts as
unreadable when the text's colour (the title's, the body text's as the slides show it:
:mod:`briefing_app.templates.text_color`) falls below
WCAG's contrast for its size there, the more so the further below. Titles are sampled
where our layout puts them (the title placeholder, clear of the marking band and agenda
tracker of a marked deck). A placeholder's own fill (a half-white panel behind the body)
is composited on the art behind its text, as the slides draw it.
:func:`master_clash` gives the unreadable share, the figure
:func:`briefing_app.templates.match.match_template` ranks equally fitting masters by.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from briefing_app.layout.boxes import Box
from briefing_app.layout.theme import Theme
from briefing_app.templates import ooxml as ox
from briefing_app.templates.art import placeholder_fill, template_art, title_color
from briefing_app.templates.backdrop import RGB, backdrop_at, contrast, rgb
from briefing_app.templates.inspect import Placeholder
from briefing_app.templates.match import TemplateMatch
from briefing_app.templates.package import TemplatePackage
from briefing_app.templates.text_color import text_colors
from briefing_app.templates.theme import scale_of, template_theme

_P, _A = f"{{{ox.NS_P}}}", f"{{{ox.NS_A}}}"
# WCAG 2 minimum contrast: large text (titles) 3:1, body text 4.5:1.
TITLE_CONTRAST, BODY_CONTRAST = 3.0, 4.5
GRID = 16  # samples along each side of a placeholder
# Our cover and section slides are judged by their own layouts' title-slide art; the
# master is chosen for the slides that carry the briefing's text.
NOT_CONTENT = ("title", "section")


def master_clash(package: TemplatePackage) -> Callable[[TemplateMatch], float]:
    """For a match on one master: the share (0..1) of its content layouts' text where it
    would not reach WCAG contrast on the art, the title's share and the body's averaged."""

    def clash(match: TemplateMatch) -> float:
        theme = template_theme(match)
        # the title's colour as the export gives it (TemplateLook): the layout's title
        # placeholder's when our titles sit in it, else the master's title style's
        color = title_color(package, match, from_layout=theme.title_box is not None)
        title_rgb = rgb(color or theme.title_style().color)
        body_rgb = rgb(text_colors(package, match).text)  # as the slides show it
        page = (match.info.width, match.info.height)
        title = _title_area(match, theme)
        shares = []
        seen: set[str] = set()
        for choice in match.choices:
            if choice.ours in NOT_CONTENT or choice.layout is None:
                continue
            if choice.layout.part in seen:
                continue
            seen.add(choice.layout.part)
            part = choice.layout.part
            art = template_art(package, part, page)
            body = [
                (a.placeholder, body_rgb, BODY_CONTRAST, _filled(package, part, a.placeholder))
                for a in choice.assignments
                if a.placeholder is not None
            ]
            title_fill = _filled(package, part, choice.title, title) if choice.title else ()
            # the title counts as much as all the body text: a slide's message is its title
            title_share = _unreadable(art, [(title, title_rgb, TITLE_CONTRAST, title_fill)])
            shares.append((title_share + _unreadable(art, body)) / 2 if body else title_share)
        return sum(shares) / len(shares) if shares else 0.0

    return clash


def _title_area(match: TemplateMatch, theme: Theme) -> Placeholder:
    """Where our titles go on this master in a marked deck with parts (the default
    briefing), as the layout engine puts them: inside its title placeholder, clear of the
    marking band and agenda tracker (or in our title frame, without a usable one)."""
    k = scale_of(match)
    frame = replace(theme, tracker=True).title_frame(True)
    return Placeholder("title", 0, "title", frame.x * k, frame.y * k, frame.w * k, frame.h * k)


def _filled(
    package: TemplatePackage, part: str, placeholder: Placeholder, area: Placeholder | None = None
) -> tuple[Box, ...]:
    """The fill the placeholder shows behind its text (inherited from the layout or its
    master; :func:`briefing_app.templates.art.placeholder_fill`) over ``area`` (else the
    placeholder's own frame), as a box to composite on the art; none without one."""
    found = placeholder_fill(package, part, placeholder)
    if found is None:
        return ()
    shape, reader = found
    at = area or placeholder
    box = reader.frame_fill(shape, (at.x, at.y, at.w, at.h), placeholder.name)
    return (box,) if box is not None else ()


def _unreadable(
    art: tuple[Box, ...], texts: list[tuple[Placeholder, RGB, float, tuple[Box, ...]]]
) -> float:
    """Area-weighted share of the ``texts`` placeholders' sample points below contrast,
    each weighted by how far below (:func:`_shortfall`), on the art and the placeholder's
    own fill."""
    total = bad = 0.0
    for ph, color, minimum, fill in texts:
        if ph.w <= 0 or ph.h <= 0:
            continue
        behind = (*art, *fill)
        misses = 0.0
        for i in range(GRID):
            for j in range(GRID):
                x = ph.x + (i + 0.5) * ph.w / GRID
                y = ph.y + (j + 0.5) * ph.h / GRID
                misses += _shortfall(contrast(color, backdrop_at(behind, x, y)), minimum)
        total += ph.area
        bad += ph.area * misses / GRID**2
    return bad / total if total else 0.0


def _shortfall(contrast: float, minimum: float) -> float:
    """How far a point falls short of ``minimum``: 0 when it reaches it, 1 for text in its
    background's colour, in proportion between. White titles on a template's light-blue
    band (under 3:1 but read) thus count for less than white titles on a white page."""
    if contrast >= minimum:
        return 0.0
    return (minimum - contrast) / (minimum - 1.0)
