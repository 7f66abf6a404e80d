"""DrawingML text bodies for laid-out text boxes, written as XML in one pass.

python-pptx's text proxies cost ~30 element operations per run; a 100-slide deck spent
most of its export time there. The body is built as a string with escaped text and goes
into the slide's markup as it is (see pptx_markup and pptx_package), so escaping here is
the only thing between the text and the file: :func:`xml_text` and :func:`xml_attr`.
See :mod:`briefing_app.render.pptx_renderer` for the placement rules this follows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from briefing_app.domain.text import safe_link
from briefing_app.layout.boxes import Run, TextBox, TextLine, TextParagraph, TextStyle
from briefing_app.layout.fonts import FAMILIES
from briefing_app.layout.metrics import descent
from briefing_app.layout.viewer_metrics import OFFICE_SLACK, advance_width, libreoffice_width
from briefing_app.layout.wrap import break_offsets, first_unit
from briefing_app.render.citations import is_citation
from briefing_app.templates.ooxml import escape

EMU_PER_PT = 12700
_ALIGN = {"left": "l", "center": "ctr", "right": "r"}
_NUMBERED = re.compile(r"(\d{1,4}|[a-zA-Z])([.)]?)")
_HLINK_COLOR = (
    '<a:extLst><a:ext uri="{A12FA001-AC4F-418D-AE19-62706E023703}">'
    '<ahyp:hlinkClr xmlns:ahyp="http://schemas.microsoft.com/office/drawing/2018/hyperlinkcolor"'
    ' val="tx"/></a:ext></a:extLst>'
)

LinkRelater = Callable[[str], str]  # URL -> relationship id ("" when there is none)
CITATION_TARGET = "#sources"  # asks a LinkRelater for the sources slide
# Characters XML 1.0 cannot hold at all (lxml refuses them; we drop them).
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
# Other control characters: python-pptx writes them in text as "_xHHHH_".
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")
_ATTR_ENTITIES = {'"': "&quot;", "\n": "&#10;", "\t": "&#9;"}


def xml_text(text: str) -> str:
    """``text`` escaped for element content, control characters written as python-pptx
    writes them ("_x0007_") and characters XML cannot hold dropped."""
    text = _NOT_XML.sub("", text)
    if _CONTROL.search(text):
        text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    return escape(text)


def xml_safe(text: str) -> str:
    """``text`` without control characters (but tab and line feed) and characters XML
    cannot hold."""
    return _CONTROL.sub("", _NOT_XML.sub("", text))


def xml_attr(text: str) -> str:
    """:func:`xml_safe` ``text`` escaped for a double-quoted attribute, as lxml writes it."""
    return escape(xml_safe(text), _ATTR_ENTITIES)


def line_descent(line: TextLine) -> float:
    styles = [run.style for run in line.runs] or [TextStyle("sans", 12.0)]
    return max(descent(style) for style in styles)


def line_size(line: TextLine) -> float:
    return max((run.style.size for run in line.runs), default=12.0)


def line_height(par: TextParagraph) -> float:
    if par.line_height > 0:
        return par.line_height
    lines = par.lines
    if len(lines) >= 2 and lines[1].baseline > lines[0].baseline:
        return lines[1].baseline - lines[0].baseline
    first = lines[0]
    if first.ascent + first.descent > 0:
        return first.ascent + first.descent
    return 1.2 * line_size(first)


def vertical_plan(box: TextBox, paragraphs: list[TextParagraph]) -> tuple[float, list[float]]:
    """Top of the text and the space-before of each paragraph."""
    if not paragraphs:
        return box.y, []
    first = paragraphs[0].lines[0]
    top = first.baseline - (line_height(paragraphs[0]) - line_descent(first))
    spacings = [0.0]
    prev = paragraphs[0].lines[-1]
    for par in paragraphs[1:]:
        line = par.lines[0]
        gap = line.baseline - prev.baseline - line_descent(prev)
        spacings.append(max(0.0, gap - (line_height(par) - line_descent(line))))
        prev = par.lines[-1]
    return top, spacings


def _pts(value: float) -> str:
    """A spacing/size in hundredths of a point, as DrawingML wants it."""
    return str(min(158400, max(0, round(value * 100))))


def _hex(color: str) -> str:
    return color.lstrip("#")[:6].upper()


def _office_name(style: TextStyle) -> str:
    return FAMILIES.get(style.font, FAMILIES["sans"]).office_name


@cache
def complex_script(face: str) -> str:
    """The complex-script face to write beside the Latin ``face``: the theme's own for a
    theme reference ("+mn-lt" -> "+mn-cs", as PowerPoint's text styles pair them), else
    ``face`` itself."""
    return face[:-2] + "cs" if face.startswith("+") and face.endswith("-lt") else face


@cache  # a deck repeats a handful of styles thousands of times
def _rpr_open(style: TextStyle, tag: str) -> str:
    name = xml_attr(_office_name(style))
    # A theme's Latin face ("+mn-lt") goes with the theme's complex-script face ("+mn-cs").
    faces = f'<a:latin typeface="{name}"/><a:cs typeface="{complex_script(name)}"/>'
    return (
        f'<{tag} lang="en-GB" sz="{_pts(max(1.0, style.size))}" '
        f'b="{1 if style.bold else 0}" i="{1 if style.italic else 0}" kern="0" '
        # a template's placeholder style may set capitals or spacing: the text is ours
        'cap="none" spc="0" u="none" baseline="0" dirty="0">'
        f'<a:solidFill><a:srgbClr val="{_hex(style.color)}"/></a:solidFill>{faces}'
    )


def _rpr(
    style: TextStyle, tag: str = "a:rPr", link_rid: str | None = None, jump: bool = False
) -> str:
    if link_rid and jump:  # to a slide of this deck, keeping the run's own colour
        link = f'<a:hlinkClick r:id="{link_rid}" action="ppaction://hlinksldjump">'
        link += f"{_HLINK_COLOR}</a:hlinkClick>"
    elif link_rid:
        link = f'<a:hlinkClick r:id="{link_rid}">{_HLINK_COLOR}</a:hlinkClick>'
    else:
        link = ""
    return f"{_rpr_open(style, tag)}{link}</{tag}>"


def _autonum(bullet: str) -> tuple[str, int] | None:
    """DrawingML auto-number scheme and start for markers like "3.", "2)", "c."."""
    match = _NUMBERED.fullmatch(bullet)
    if not match:
        return None
    value, close = match.groups()
    suffix = {".": "Period", ")": "ParenR", "": "Plain"}[close]
    if value.isdigit():
        return f"arabic{suffix}", int(value)
    if suffix == "Plain":
        return None
    case = "Lc" if value.islower() else "Uc"
    return f"alpha{case}{suffix}", ord(value.lower()) - ord("a") + 1


def _bullet(par: TextParagraph) -> str:
    bullet = par.bullet or ""
    if not bullet:
        return "<a:buNone/>"
    style = par.bullet_style or (par.lines[0].runs[0].style if par.lines[0].runs else None)
    style = style or TextStyle("sans", 12.0)
    head = (
        f'<a:buClr><a:srgbClr val="{_hex(style.color)}"/></a:buClr>'
        f'<a:buSzPts val="{_pts(max(1.0, style.size))}"/>'
        f'<a:buFont typeface="{xml_attr(_office_name(style))}"/>'
    )
    autonum = _autonum(bullet)
    if autonum:  # "3." -> native numbering that starts at 3, so editing renumbers
        return head + f'<a:buAutoNum type="{autonum[0]}" startAt="{autonum[1]}"/>'
    return head + f'<a:buChar char="{xml_attr(bullet[0])}"/>'  # viewers draw one character


def joined_runs(lines: Sequence[TextLine]) -> list[tuple[str, Run]]:
    """A paragraph's runs with its lines joined by what each break replaced (a space, or
    nothing after a hyphen); runs of one style and link that meet at a break become one.
    No hard line break is written: the viewer wraps the text (see :func:`wrap_insets`)."""
    merged: list[tuple[str, Run]] = []
    for n, line in enumerate(lines):
        joiner = line.break_text if n < len(lines) - 1 else ""
        for k, run in enumerate(line.runs):
            text = run.text.replace("\n", " ") + (joiner if k == len(line.runs) - 1 else "")
            if not text:
                continue
            if merged and merged[-1][1].style == run.style and merged[-1][1].link == run.link:
                merged[-1] = (merged[-1][0] + text, merged[-1][1])
            else:
                merged.append((text, run))
    return merged


def _next_unit(line: TextLine) -> list[tuple[str, TextStyle]]:
    """What a viewer tries to fit at the end of the previous line: the next line's first
    unit up to a break opportunity (:func:`briefing_app.layout.wrap.first_unit`)."""
    left = len(first_unit("".join(run.text for run in line.runs)))
    pieces: list[tuple[str, TextStyle]] = []
    for run in line.runs:
        if left <= 0:
            break
        piece = run.text[:left]
        pieces.append((piece, run.style))
        left -= len(piece)
    return pieces


def _at_break(line: TextLine, following: TextLine) -> bool:
    """Whether ``line`` ends where a line may break (a space, after a hyphen or dash, …),
    not inside a word too long for the line."""
    if line.break_text == " ":
        return True
    end = "".join(run.text for run in line.runs)
    return len(end) in break_offsets(end + "".join(run.text for run in following.runs))


Measure = Callable[[Sequence[tuple[str, TextStyle]]], float]
Pieces = list[tuple[str, TextStyle]]


@dataclass(frozen=True)
class _Span:
    """One laid-out line as a viewer fits it: where it starts, its text, and, unless it
    ends its paragraph, what the viewer tries to fit after it (which must not fit)."""

    start: float
    line: Pieces
    bounded: bool  # the line and ``after`` give an upper bound
    after: Pieces


def _spans(box: TextBox, paragraphs: Sequence[TextParagraph]) -> list[_Span]:
    spans = []
    for par in paragraphs:
        lines = par.lines
        for n, line in enumerate(lines):
            start = 0.0 if par.align != "left" else line.x - box.x
            pieces = [(run.text, run.style) for run in line.runs]
            if n == len(lines) - 1 or not line.runs or not lines[n + 1].runs:
                spans.append(_Span(start, pieces, False, []))
                continue
            after: Pieces = []
            if line.break_text == " ":
                after.append((" ", line.runs[-1].style))
            if not _at_break(line, lines[n + 1]):
                first = lines[n + 1].runs[0]  # inside a word: one character more overflows
                after.append((first.text[:1], first.style))
            else:
                after.extend(_next_unit(lines[n + 1]))
            spans.append(_Span(start, pieces, True, after))
    return spans


def _wrap_bounds(spans: Sequence[_Span], measure: Measure) -> tuple[float, float]:
    """(lower, upper) wrap width by ``measure``: every line must fit (its right end is a
    lower bound) and the next word must not (line end, space and next word: an upper bound).

    Advance widths add up piece by piece (``advance_width`` sums them in order), so the
    upper bound extends the line's own width instead of measuring the line again."""
    additive = measure is advance_width
    lower, upper = 0.0, float("inf")
    for span in spans:
        width = measure(span.line)
        lower = max(lower, span.start + width)
        if not span.bounded:
            continue
        if additive:
            for piece in span.after:
                width += measure((piece,))
        else:
            width = measure([*span.line, *span.after])
        upper = min(upper, span.start + width)
    return lower, upper


# Where the next word leaves room, LibreOffice's lines get the room it may want
# (viewer_metrics.OFFICE_SLACK).
_OFFICE_SLACK = OFFICE_SLACK
_UPPER_GUARD = 0.25  # points kept below the width at which the next word would fit


def _common_bounds(box: TextBox, paragraphs: Sequence[TextParagraph]) -> Bounds:
    """Wrap-width bounds that hold both by advance widths (layout, PDF, PowerPoint:
    Liberation = Arial, Carlito = Calibri) and as LibreOffice sets the text
    (``layout.viewer_metrics``), and True; where the two leave no common width, the
    advance widths' bounds and False. Last, the least width LibreOffice's lines want."""
    spans = _spans(box, paragraphs)
    exact = _wrap_bounds(spans, advance_width)
    office = _wrap_bounds(spans, libreoffice_width)
    lower, upper = max(exact[0], office[0]), min(exact[1], office[1])
    wanted = office[0] * (1 + _OFFICE_SLACK)
    return (lower, upper, True, wanted) if upper > lower else (*exact, False, wanted)


Bounds = tuple[float, float, bool, float]


_MAX_GROWTH = 0.03  # of its width, the most a loose text box grows for a viewer's lines


def frame_width(box: TextBox, paragraphs: Sequence[TextParagraph], bounds: Bounds) -> float:
    """The width of a loose text box's frame: the box's, or a little wider where a
    viewer's lines need more than the box holds (LibreOffice sets small sizes wider than
    their advances; a map legend's box is as wide as its longest line) and the text
    starts at the box's left edge."""
    lower, upper, _, _ = bounds
    if lower <= box.w or any(p.align != "left" for p in paragraphs):
        return box.w
    wanted = (lower + upper) / 2 if upper != float("inf") else lower + 1.0
    return min(wanted, box.w * (1 + _MAX_GROWTH))


def _chosen_width(bounds: Bounds, limit: float) -> float:
    """The wrap width for ``bounds`` (at most ``limit``): half way between them, or nearer
    the upper one where LibreOffice's lines want the room. Bounds that hold by advance
    widths only (no width suits LibreOffice too) give a width just above their lower one,
    nearest to what LibreOffice wants (it kerns: its lines are narrower); where they leave
    no width, the lower one."""
    lower, upper, common, wanted = bounds
    if upper == float("inf"):
        width = limit
    elif upper > lower:
        width = (lower + upper) / 2
        if common:
            width = max(width, min(wanted, upper - _UPPER_GUARD))
        else:
            width = min(width, lower + _UPPER_GUARD)
        width = min(limit, width)
    else:
        width = min(limit, lower)
    return max(width, min(lower + 0.01, limit))


def _own_widths(box: TextBox, paragraphs: Sequence[TextParagraph]) -> bool:
    """Whether each paragraph wraps at its own width (a right margin each): where no width
    suits the whole box in both viewers and its paragraphs are left-aligned."""
    return len(paragraphs) > 1 and all(p.align == "left" for p in paragraphs)


def wrap_insets(
    box: TextBox, paragraphs: Sequence[TextParagraph], bounds: Bounds | None = None
) -> tuple[float, float]:
    """Left and right insets (points) that make a viewer wrap ``box`` where layout did:
    at the width :func:`_chosen_width` takes between the bounds of :func:`_common_bounds`
    (``bounds`` when the caller has them already). Where those leave no width, the box
    wraps at the widest of its paragraphs' own widths (see :func:`right_margins`)."""
    bounds = bounds or _common_bounds(box, paragraphs)
    if not bounds[2] and _own_widths(box, paragraphs):
        width = max(_chosen_width(_common_bounds(box, [p]), box.w) for p in paragraphs)
    else:
        width = _chosen_width(bounds, box.w)
    spare = max(0.0, box.w - width)
    if all(p.align == "center" for p in paragraphs):
        return spare / 2, spare / 2
    if all(p.align == "right" for p in paragraphs):
        return spare, 0.0
    return 0.0, spare


def right_margins(
    box: TextBox,
    paragraphs: Sequence[TextParagraph],
    width: float,
    bounds: Bounds | None = None,
) -> list[float]:
    """Each paragraph's own right margin (``marR``, points) inside a box that wraps at
    ``width``. Where no box width suits both viewers, each left-aligned paragraph wraps at
    its own width (:func:`_chosen_width` of its own bounds, which are wider apart than
    the box's), the widest at the box's."""
    margins = [0.0] * len(paragraphs)
    if (bounds or _common_bounds(box, paragraphs))[2] or not _own_widths(box, paragraphs):
        return margins  # the box's width suits both; its slack is left alone
    for n, par in enumerate(paragraphs):
        if len(par.lines) < 2:
            continue
        margins[n] = max(0.0, width - _chosen_width(_common_bounds(box, [par]), width))
    return margins


def _paragraph(
    par: TextParagraph, before: float, box: TextBox, relate: LinkRelater, margin: float = 0.0
) -> str:
    lines = par.lines
    marl = indent = 0.0
    if par.align == "left":
        text_x = max(0.0, (lines[1].x if len(lines) > 1 and not par.bullet else lines[0].x) - box.x)
        first_x = (par.bullet_x if par.bullet else lines[0].x) - box.x
        marl, indent = text_x, first_x - text_x
    out = [
        f'<a:p><a:pPr marL="{round(marl * EMU_PER_PT)}" marR="{round(margin * EMU_PER_PT)}" '
        f'indent="{round(indent * EMU_PER_PT)}" '
        f'algn="{_ALIGN.get(par.align, "l")}">'
        f'<a:lnSpc><a:spcPts val="{_pts(line_height(par))}"/></a:lnSpc>'
        f'<a:spcBef><a:spcPts val="{_pts(before)}"/></a:spcBef>'
        f'<a:spcAft><a:spcPts val="0"/></a:spcAft>{_bullet(par)}</a:pPr>'
    ]
    last: TextStyle | None = None
    for text, run in joined_runs(lines):
        link = safe_link(run.link)  # the one rule, again: whoever built the boxes
        if link:
            rpr = _rpr(run.style, link_rid=relate(link))
        elif is_citation(run):  # a citation mark jumps to the sources slide
            rpr = _rpr(run.style, link_rid=relate(CITATION_TARGET) or None, jump=True)
        else:
            rpr = _rpr(run.style)
        out.append(f"<a:r>{rpr}<a:t>{xml_text(text)}</a:t></a:r>")
        last = run.style
    end = last or par.bullet_style or TextStyle("sans", line_size(lines[0]))
    out.append(_rpr(end, "a:endParaRPr") + "</a:p>")
    return "".join(out)


def text_body(
    box: TextBox, relate: LinkRelater, loose: bool = False
) -> tuple[str, float, float, float]:
    """The ``p:txBody`` markup for ``box`` and the frame's (top, height, width) in points;
    the frame of a ``loose`` text box (not a placeholder) may be wider than the box
    (:func:`frame_width`)."""
    paragraphs = [p for p in box.paragraphs if p.lines]
    bounds = _common_bounds(box, paragraphs)  # measured once: it is most of the writing
    width = frame_width(box, paragraphs, bounds) if loose else box.w
    if width != box.w:
        box = replace(box, w=width)
    top, spacings = vertical_plan(box, paragraphs)
    content = sum(
        before + len(p.lines) * line_height(p)
        for p, before in zip(paragraphs, spacings, strict=True)
    )
    inset = max(0.0, top - box.y)
    left, right = wrap_insets(box, paragraphs, bounds)
    frame_top = min(box.y, top)
    frame_bottom = max(box.y + box.h, top + content)
    margins = right_margins(box, paragraphs, box.w - left - right, bounds)
    body = "".join(
        _paragraph(p, before, box, relate, margin)
        for p, before, margin in zip(paragraphs, spacings, margins, strict=True)
    )
    xml = (
        "<p:txBody>"
        f'<a:bodyPr wrap="square" lIns="{round(left * EMU_PER_PT)}" '
        f'tIns="{round(inset * EMU_PER_PT)}" rIns="{round(right * EMU_PER_PT)}" '
        f'bIns="0" anchor="t"><a:noAutofit/></a:bodyPr><a:lstStyle/>'
        f"{body or '<a:p/>'}</p:txBody>"
    )
    return xml, frame_top, frame_bottom - frame_top, box.w
