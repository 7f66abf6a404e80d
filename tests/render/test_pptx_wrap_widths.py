"""Where no wrap width suits a whole text box in both LibreOffice (kerned) and PowerPoint
(advance widths), each paragraph wraps at its own width (a right margin each)."""

from __future__ import annotations

from briefing_app.layout.boxes import Run, TextBox, TextStyle
from briefing_app.layout.wrap import Frame, _layout_once, make_para
from briefing_app.render.pptx_text import _common_bounds, right_margins, wrap_insets

CARLITO = TextStyle("carlito", 10.5)
# An essay footnote that, laid out 313.5 pt wide, leaves no width suiting both viewers.
NOTE = (
    "[2] Last month, 2025, Russian Foreign Minister Sergei Lavrov made it clear that the"
    " overall Russian position on Ukraine has not changed. Lavrov underscored the need to"
    ' "resolve core problems [and] eliminate primary causes [instead of] leaving large parts'
    ' of Ukraine under Nazi rule." There is wide agreement among Russia scholars that'
    " Putin's aims go beyond simply securing portions of Ukrainian territory. While scholars"
    " posit a range of Russian aims, a common denominator is the core subjugation of"
    " Ukrainian sovereignty, e.g., \"Left unsaid is what many observers considered Putin's"
    " real goal: the overthrow of Ukrainian President Volodymyr Zelenskyy, who he smeared as"
    ' neo-Nazi, and the installation of a puppet regime."'
)
REFERENCE = (
    "Edward P. Joseph, “Balkans Breakthrough for Ukraine: Bring Serbia into NATO & the Kosovo"
    " Model into the Donbas”, Foreign Policy Institute, Johns Hopkins SAIS; published 12"
    " October 2025; revised 13 November 2025."
)


def _box() -> TextBox:
    specs = [make_para([Run(REFERENCE, CARLITO)]), make_para([Run(NOTE, CARLITO)])]
    fit, _ = _layout_once(specs, Frame(36, 0, 313.5, 400), 10.5, 10.5, True, {})
    assert fit is not None and fit.fits
    return TextBox(36, 0, 313.5, 400, fit.paragraphs)


def test_each_paragraph_wraps_within_its_own_bounds_when_the_box_has_none() -> None:
    box = _box()
    paragraphs = list(box.paragraphs)
    assert not _common_bounds(box, paragraphs)[2]  # the box as a whole: no common width
    left, right = wrap_insets(box, paragraphs)
    width = box.w - left - right
    margins = right_margins(box, paragraphs, width)
    assert min(margins) == 0.0  # the widest paragraph wraps at the box's width
    for par, margin in zip(paragraphs, margins, strict=True):
        lower, upper, _, _ = _common_bounds(box, [par])
        assert lower < width - margin < upper  # both viewers where it can, else PowerPoint
    reference, note = (_common_bounds(box, [p])[2] for p in paragraphs)
    assert reference and not note
