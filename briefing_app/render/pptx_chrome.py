"""The deck's running chrome (marking, deck title, slide number, and the deck's date
under a house template's date placeholder) as its layouts' own text.

python-pptx (and any tool built on it) does not clone a layout's date, footer and
slide-number placeholders onto a slide it adds, so chrome kept in those placeholders is
lost on every slide added that way. Ours is therefore ordinary text on each slide layout
of the exported deck, like a logo: the marking bands, the deck title and the slide number
as a ``slidenum`` field (it shows each slide's own number and stays right after
reordering). Slides do not repeat it. Every layout carries it, the cover's and the section
dividers' too (their pages show the deck title and number without the sources line and
rule), so a slide added from any layout shows the marking, footer and number; the
template's own date, footer and slide-number placeholders stay on its masters and
layouts, unused by our slides (the deck's date is set on the footer line under the
date placeholder, static text like the deck title).
"""

from __future__ import annotations

from collections.abc import Iterable

from briefing_app.layout.boxes import Box, LaidDeck, RectBox, TextBox
from briefing_app.render.pptx_markup import as_field, rect_xml, textbox_xml, theme_font_refs
from briefing_app.render.pptx_template import PptxTemplate, theme_color_refs

MARKING_BOXES = frozenset({"MarkingTop", "MarkingBottom", "MarkingTopBand", "MarkingBottomBand"})
FOOTER_BOXES = frozenset({"DeckTitle", "DeckDate", "SlideNumber"})
CHROME_BOXES = MARKING_BOXES | FOOTER_BOXES
SLIDENUM_GUID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
# Shape ids of the chrome on a layout: far above any id a template's layout uses.
_FIRST_ID = 9000


def _no_link(url: str) -> str:
    return ""


def _shape(shape_id: int, box: Box, template: PptxTemplate) -> str:
    if isinstance(box, RectBox):
        return theme_color_refs(rect_xml(shape_id, box, True), template.colors)
    if not isinstance(box, TextBox):
        return ""
    xml = theme_font_refs(textbox_xml(shape_id, box, _no_link), template.body_fonts)
    xml = theme_color_refs(xml, template.colors)
    if box.name == "SlideNumber":
        return as_field(xml, "slidenum", SLIDENUM_GUID, "\u2039#\u203a")
    return xml


def _markup(boxes: Iterable[Box], template: PptxTemplate) -> str:
    return "".join(_shape(_FIRST_ID + n, box, template) for n, box in enumerate(boxes))


def layout_chrome(deck: LaidDeck, template: PptxTemplate, layouts: Iterable[str]) -> dict[str, str]:
    """Markup to add to each slide layout part in ``layouts`` (member names): the deck's
    chrome as the layout's own shapes, at the place layout gave it on the slides."""
    if not deck.slides:
        return {}
    # Every page has the running footer in the same place (layout.chrome.running_footer).
    drawn = {b.name: b for b in deck.slides[0].boxes if b.name in CHROME_BOXES}
    # Our own template (or a stored copy of it) draws the marking on its master and its
    # cover and section layouts.
    marking = (
        []
        if template.house or template.marking_prompt
        else [drawn[n] for n in sorted(MARKING_BOXES) if n in drawn]
    )
    marking.sort(key=lambda b: not isinstance(b, RectBox))  # bands behind their text
    footer = [drawn[n] for n in ("DeckDate", "DeckTitle", "SlideNumber") if n in drawn]
    shapes = _markup([*marking, *footer], template)
    return {part: shapes for part in layouts} if shapes else {}
