"""Static text on a template's masters and layouts (a ministry's name, "Confidential", a
slide-number field in a text box) laid out by our own engine, so the PDF and the preview
draw it where PowerPoint and LibreOffice set it.

A run's look is resolved as PowerPoint resolves it: the run's properties, then its
paragraph's, then the shape's list style, then the master's ``otherStyle`` (text that is
not in a placeholder), then the shape style's font reference; theme fonts (``+mn-lt``,
``+mj-lt``) come from the master's theme and are measured with their metric twins.
Fields show what they stand for on each slide: ``slidenum`` the slide's number,
``datetime`` the deck's date. Nothing is cut: the text is the template's, not ours.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from lxml import etree

from briefing_app.layout.boxes import Run, TextBox, TextParagraph, TextStyle
from briefing_app.layout.chrome import shift
from briefing_app.layout.fonts import METRIC_SUBSTITUTES
from briefing_app.layout.metrics import text_width
from briefing_app.layout.wrap import Frame, layout_at, make_para
from briefing_app.templates import ooxml as ox
from briefing_app.templates.drawingml import Palette, num
from briefing_app.templates.package import TemplatePackage

_P, _A = f"{{{ox.NS_P}}}", f"{{{ox.NS_A}}}"
DEFAULT_SIZE = 18.0  # PowerPoint's size for text no style sizes
_INSET_LR, _INSET_TB = 91440, 45720  # bodyPr's default insets in EMU
_ALIGN = {"l": "left", "ctr": "center", "r": "right", "just": "left", "dist": "left"}


@dataclass(frozen=True)
class SlideFields:
    """What a template's fields show on one slide."""

    number: int = 0
    date: str = ""


NO_FIELDS = SlideFields()


@dataclass(frozen=True)
class TextContext:
    """What a master gives the text on it and on its layouts."""

    palette: Palette
    other_style: etree._Element | None  # the master's p:txStyles/p:otherStyle
    minor_font: str  # the theme's body ("+mn-lt") and heading ("+mj-lt") faces
    major_font: str

    @classmethod
    def for_master(cls, package: TemplatePackage, master: str, palette: Palette) -> TextContext:
        theme = next(
            (t for typ, t, ext in package.rels(master).values() if typ == ox.RT_THEME and not ext),
            None,
        )
        minor = major = ""
        if theme is not None and theme in package.parts:
            root = package.xml(theme)
            found = root.find(f".//{_A}fontScheme/{_A}minorFont/{_A}latin")
            minor = found.get("typeface", "") if found is not None else ""
            found = root.find(f".//{_A}fontScheme/{_A}majorFont/{_A}latin")
            major = found.get("typeface", "") if found is not None else ""
        other = package.xml(master).find(f"{_P}txStyles/{_P}otherStyle")
        return cls(palette, other, minor, major)


def _number(value: str | None, default: float) -> float:
    try:
        found = float(value) if value is not None else default
    except ValueError:
        return default
    return found if math.isfinite(found) else default


def font_key(face: str) -> str:
    """Our family for an Office face: its metric twin, else Liberation Sans."""
    return METRIC_SUBSTITUTES.get(" ".join(face.split()).lower(), "sans")


def _level_props(holder: etree._Element | None, level: int) -> etree._Element | None:
    if holder is None:
        return None
    return holder.find(f"{_A}lvl{level}pPr")


class _RunLook:
    """Resolves a run's size, weight, slant, colour and face through the style chain."""

    def __init__(self, ctx: TextContext, sp: etree._Element, palette: Palette, level: int) -> None:
        self.ctx = ctx
        self.palette = palette
        lst = sp.find(f"{_P}txBody/{_A}lstStyle")
        chain = [_level_props(lst, level), _level_props(ctx.other_style, level)]
        self.chain = [p.find(f"{_A}defRPr") for p in chain if p is not None]
        self.font_ref = sp.find(f"{_P}style/{_A}fontRef")

    def style(self, *own: etree._Element | None) -> TextStyle:
        holders = [h for h in (*own, *self.chain) if h is not None]

        def attr(name: str) -> str | None:
            return next((h.get(name) for h in holders if h.get(name) is not None), None)

        size = _number(attr("sz"), DEFAULT_SIZE * 100) / 100
        size = size if 1.0 <= size <= 400.0 else DEFAULT_SIZE
        color = None
        for h in holders:
            fill = h.find(f"{_A}solidFill")
            if fill is not None:
                color = self.palette.color_of(fill)
                break
        if color is None and self.font_ref is not None:
            color = self.palette.color_of(self.font_ref)
        rgb = color.rgb if color is not None else (self.palette.scheme_rgb("tx1") or "000000")
        face = ""
        for h in holders:
            latin = h.find(f"{_A}latin")
            if latin is not None and latin.get("typeface"):
                face = latin.get("typeface", "")
                break
        if not face and self.font_ref is not None:
            face = "+mj-lt" if self.font_ref.get("idx") == "major" else "+mn-lt"
        if face in ("", "+mn-lt"):
            face = self.ctx.minor_font
        elif face == "+mj-lt":
            face = self.ctx.major_font
        return TextStyle(
            font_key(face), size, attr("b") in ("1", "true"), attr("i") in ("1", "true"), rgb
        )


def _field_text(el: etree._Element, fields: SlideFields) -> tuple[str, bool]:
    """The text a field shows on a slide, and whether it differs from slide to slide."""
    kind = el.get("type", "")
    if kind == "slidenum":
        return (str(fields.number) if fields.number else ""), True
    if kind.startswith("datetime"):
        return fields.date, True
    t = el.find(f"{_A}t")
    return (t.text or "" if t is not None else ""), False


def has_text(sp: etree._Element) -> bool:
    """Whether a shape holds text to show (a field counts)."""
    body = sp.find(f"{_P}txBody")
    if body is None:
        return False
    return body.find(f".//{_A}fld") is not None or any(
        (t.text or "").strip() for t in body.iter(f"{_A}t")
    )


def static_text(
    ctx: TextContext,
    sp: etree._Element,
    palette: Palette,
    frame: tuple[float, float, float, float],
    fields: SlideFields,
    name: str,
) -> tuple[TextBox | None, bool]:
    """``sp``'s text laid out in ``frame`` (its page rectangle, in points), and whether it
    shows a field (so it changes with the slide)."""
    body = sp.find(f"{_P}txBody")
    if body is None:
        return None, False
    pr = body.find(f"{_A}bodyPr")

    def inset(name: str, default: int) -> float:
        value = pr.get(name) if pr is not None else None
        return _number(value, default) / ox.EMU_PER_PT

    left, right = inset("lIns", _INSET_LR), inset("rIns", _INSET_LR)
    top, bottom = inset("tIns", _INSET_TB), inset("bIns", _INSET_TB)
    wrap = pr is None or pr.get("wrap", "square") != "none"
    anchor = pr.get("anchor", "t") if pr is not None else "t"
    x, y, w, h = frame
    inner = Frame(x + left, y + top, max(w - left - right, 1.0), max(h - top - bottom, 1.0))
    varies = False
    laid: list[TextParagraph] = []
    cursor = inner.y
    for p in body.iterfind(f"{_A}p"):
        ppr = p.find(f"{_A}pPr")
        level = int(num(ppr, "lvl", 0)) + 1 if ppr is not None else 1
        look = _RunLook(ctx, sp, palette, min(level, 9))
        lst_ppr = [
            h for h in (ppr, *(_level_props(s, level) for s in (
                sp.find(f"{_P}txBody/{_A}lstStyle"), ctx.other_style))) if h is not None
        ]  # fmt: skip
        algn = next((h.get("algn") for h in lst_ppr if h.get("algn")), "l")
        align = _ALIGN.get(algn or "l", "left")
        lines: list[list[Run]] = [[]]
        for el in p:
            tag = etree.QName(el).localname
            if tag == "r":
                t = el.find(f"{_A}t")
                text = t.text or "" if t is not None else ""
                lines[-1].append(Run(text, look.style(el.find(f"{_A}rPr"))))
            elif tag == "fld":
                text, changes = _field_text(el, fields)
                varies = varies or changes
                lines[-1].append(Run(text, look.style(el.find(f"{_A}rPr"))))
            elif tag == "br":
                lines.append([])
        end = p.find(f"{_A}endParaRPr")
        for runs in lines:
            runs = [r for r in runs if r.text]
            if not runs:  # an empty line still takes its height
                size = look.style(end).size
                cursor += 1.2 * size
                continue
            size = max(r.style.size for r in runs)
            spec = make_para(runs, align=align)
            width = inner.w
            if not wrap:  # unwrapped text grows out of its frame from its alignment
                width = max(inner.w, sum(text_width(r.text, r.style) for r in runs) + 1)
            grow = width - inner.w
            fx = inner.x - {"center": grow / 2, "right": grow}.get(align, 0.0)
            fit = layout_at([spec], Frame(fx, cursor, width, 1e6), size, size, final=True)
            if fit is None:
                continue
            laid.extend(fit.paragraphs)
            cursor += fit.height
    if not any(line.runs for par in laid for line in par.lines):
        return None, varies
    height = cursor - inner.y
    if anchor in ("ctr", "b"):
        dy = (inner.h - height) / 2 if anchor == "ctr" else inner.h - height
        laid = list(shift(laid, dy))
    return TextBox(x, y, w, h, tuple(laid), name), varies
