"""The layout theme a house template implies: its page, its title and body frames, and
the free font we measure its theme font with.

Layout works on a page 960 points wide. A template's page is mapped onto it by one scale
factor ``k`` (template width / 960): a 16:9 template is a 960 x 540 page for layout, a
4:3 one 960 x 720. Placeholders are divided by ``k`` into that page; the laid-out deck is
multiplied by ``k`` again before it is drawn (:mod:`briefing_app.layout.scale`), which
keeps every line break, since advance widths scale with the type size.
"""

from __future__ import annotations

from dataclasses import replace

from briefing_app.layout.boxes import PAGE_WIDTH
from briefing_app.layout.fonts import METRIC_SUBSTITUTES
from briefing_app.layout.theme import MINISTRY, Theme
from briefing_app.layout.wrap import Frame
from briefing_app.templates.inspect import Placeholder
from briefing_app.templates.match import TemplateMatch

# A template's frames are used when they leave room for a briefing's text: the title in
# the upper part of the page, the body at least this tall. Otherwise ours are used.
TITLE_BOTTOM_SHARE = 0.35
MIN_BODY_SHARE = 0.45
# A template's date placeholder this far down the page is in its footer, where our
# footer line shows the deck's date under it.
DATE_TOP_SHARE = 0.75


def scale_of(match: TemplateMatch) -> float:
    """Points of the template's page per point of layout's page."""
    return match.info.width / PAGE_WIDTH if match.info.width > 0 else 1.0


def _frame(ph: Placeholder, k: float) -> Frame:
    return Frame(ph.x / k, ph.y / k, ph.w / k, ph.h / k)


def template_theme(
    match: TemplateMatch, base: Theme = MINISTRY, title_color: str | None = None
) -> Theme:
    """``base`` on the template's page, with its title and body frames, font and title
    colour (the master's title style's, so a title on a dark band stays readable)."""
    k = scale_of(match)
    page_h = match.info.height / k
    theme = replace(
        base,
        name="template",
        page_w=PAGE_WIDTH,
        page_h=page_h,
        rules=False,
        title_color=title_color,
        page_scale=k,
    )
    master = next((m for m in match.info.masters if m.index == match.master), None)
    fonts = {f.role: f.name for f in master.fonts} if master else {}
    if "body" in fonts:
        key = METRIC_SUBSTITUTES.get(" ".join(fonts["body"].split()).lower())
        theme = replace(theme, font=key or "wide")  # no twin: measured conservatively
    if "headings" in fonts:  # titles in the heading font (Cambria over Calibri text)
        key = METRIC_SUBSTITUTES.get(" ".join(fonts["headings"].split()).lower())
        theme = replace(theme, title_font=key or "wide_headings")
    choice = match.choice("argument")
    if choice.title is not None:
        title = _frame(choice.title, k)
        # on the page (a slide size changed without moving the placeholders leaves them
        # reaching past its edge), in its upper part, and wide enough for a title
        inside = title.x >= 0 and title.x + title.w <= PAGE_WIDTH and title.y >= 0
        if inside and title.bottom <= TITLE_BOTTOM_SHARE * page_h and title.w > 300:
            theme = replace(theme, title_box=title, margin=max(8.0, title.x))
    layout_placeholders = choice.layout.placeholders if choice.layout is not None else ()
    date = next((p for p in layout_placeholders if p.type == "dt"), None)
    if date is not None:  # a date placeholder in the footer area: the deck's date goes there
        frame = _frame(date, k)
        if frame.y >= DATE_TOP_SHARE * page_h and frame.x >= 0 and frame.w > 0:
            theme = replace(theme, date_box=frame)
    content = next((a.placeholder for a in choice.assignments if a.placeholder), None)
    if content is not None:
        body = _frame(content, k)
        fits = body.x >= 0 and body.x + body.w <= PAGE_WIDTH and body.w > 300
        if fits and body.h >= MIN_BODY_SHARE * page_h and theme.title_box is not None:
            theme = replace(theme, body_box=body, margin=max(8.0, body.x))
    return theme
