"""A house template's own art (its masters' and layouts' background, pictures, shapes
and static text) extracted once into boxes, the renderer-neutral drawing list the PDF
and the Qt preview both draw, so they show what PowerPoint shows behind the content.

A subset of DrawingML, read from the checked package: solid, gradient, pattern and
picture backgrounds, also through the theme's background styles (``bgRef``); pictures;
rectangles, rounded rectangles, ellipses and custom shapes of straight and Bézier
segments (curves flattened), filled solid, with a gradient or through the theme's fill
styles, translucent or not, outlined, with a sharp outer shadow; straight lines and
connectors (rules); groups with their child transforms; flips and rotation. Colours go
through the master's colour map and their transforms
(:mod:`briefing_app.templates.drawingml`). Text outside placeholders is laid out by our
engine (:mod:`briefing_app.templates.art_text`). Placeholders are not art: they are where
the slide's content goes. The PPTX needs none of this: its slides
use the template's real masters.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import posixpath
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from lxml import etree

from briefing_app.layout.boxes import (
    Box,
    FieldRef,
    LaidSlide,
    PathBox,
    PictureBox,
    RectBox,
    RuleBox,
    TextBox,
)
from briefing_app.layout.keepout import Outline
from briefing_app.layout.scale import scaled_slide
from briefing_app.layout.theme import Theme
from briefing_app.layout.wrap import Frame
from briefing_app.templates import ooxml as ox
from briefing_app.templates.art_text import (
    NO_FIELDS,
    SlideFields,
    TextContext,
    has_text,
    static_text,
)
from briefing_app.templates.backdrop import backdrop_at, contrast, rgb
from briefing_app.templates.build_default import MARKING_PROMPT
from briefing_app.templates.drawingml import (
    MIN_OPACITY,
    Fill,
    Palette,
    flipped,
    num,
    place_gradient,
    theme_line_width,
    theme_style_fill,
)
from briefing_app.templates.inspect import MASTER_KIND, Placeholder
from briefing_app.templates.keepout import art_outlines
from briefing_app.templates.match import LayoutChoice, TemplateMatch
from briefing_app.templates.package import TemplatePackage
from briefing_app.templates.picture_fill import picture_fill
from briefing_app.templates.text_color import placeholder_shape, text_colors
from briefing_app.templates.theme import scale_of, template_theme

ART_PREFIX = "Template art: "  # names of the boxes this module makes

_P, _A = f"{{{ox.NS_P}}}", f"{{{ox.NS_A}}}"
_R_EMBED = f"{{{ox.NS_R}}}embed"
_CURVE_STEPS = 8
_PICTURE_TYPES = {".png", ".jpg", ".jpeg", ".gif", ".bmp"}


def _shape_name(el: etree._Element, path: str, default: str) -> str:
    """The shape's own name (its ``cNvPr`` at ``path``) under ART_PREFIX, or ``default``."""
    props = el.find(path)
    return ART_PREFIX + ((props.get("name", "") if props is not None else "") or default)


@dataclass(frozen=True)
class _Transform:
    """Child EMU coordinates -> page points."""

    sx: float = 1 / ox.EMU_PER_PT
    sy: float = 1 / ox.EMU_PER_PT
    dx: float = 0.0
    dy: float = 0.0

    def point(self, x: float, y: float) -> tuple[float, float]:
        return x * self.sx + self.dx, y * self.sy + self.dy


def _xfrm(el: etree._Element) -> tuple[float, float, float, float, bool, bool] | None:
    xfrm = el.find(f"./{_P}spPr/{_A}xfrm")
    if xfrm is None:
        xfrm = el.find(f"./{_P}grpSpPr/{_A}xfrm")
    if xfrm is None:
        return None
    off, ext = xfrm.find(f"{_A}off"), xfrm.find(f"{_A}ext")
    if off is None or ext is None:
        return None
    return (
        num(off, "x", 0),
        num(off, "y", 0),
        num(ext, "cx", 0),
        num(ext, "cy", 0),
        xfrm.get("flipH") == "1",
        xfrm.get("flipV") == "1",
    )


class _Reader:
    """Reads one master or layout part into drawing boxes (and its static text)."""

    def __init__(
        self,
        package: TemplatePackage,
        part: str,
        palette: Palette,
        text: TextContext,
        master: str,
    ) -> None:
        self.package = package
        self.part = part
        self.rels = package.rels(part)
        self.palette = palette
        self.text = text
        self.master = master
        self.boxes: list[Box] = []
        # Text showing a field (it changes from slide to slide): its box here, and how
        # to lay it out for a slide.
        self.fields_at: list[tuple[TextBox, Callable[[SlideFields], TextBox | None]]] = []

    # -- colours -----------------------------------------------------------------------
    def color(self, holder: etree._Element | None) -> str | None:
        """The RGB of a fill's or line's solid colour (None when there is none, or it is
        mostly transparent: left out rather than drawn solid)."""
        if holder is None:
            return None
        found = self.palette.color_of(holder.find(f"{_A}solidFill"))
        if found is None or found.opacity < 0.5:
            return None
        return found.rgb

    def shape_fill(self, el: etree._Element) -> Fill | None:
        """The shape's own fill, else the theme fill its style refers to."""
        sp_pr = el.find(f"{_P}spPr")
        if sp_pr is not None:
            if sp_pr.find(f"{_A}noFill") is not None:
                return None
            own = self.palette.fill_in(sp_pr)
            if own is not None or any(
                sp_pr.find(f"{_A}{k}") is not None for k in ("solidFill", "gradFill", "pattFill")
            ):
                return own
        ref = el.find(f"{_P}style/{_A}fillRef")
        if ref is None:
            return None
        color = self.palette.color_of(ref)
        idx = int(num(ref, "idx", 0))
        return theme_style_fill(self.package, self.master, self.palette, idx, color)

    def shape_line(self, el: etree._Element) -> tuple[str | None, float]:
        """The outline's RGB and width in points (no colour: no outline)."""
        sp_pr = el.find(f"{_P}spPr")
        line = sp_pr.find(f"{_A}ln") if sp_pr is not None else None
        ref = el.find(f"{_P}style/{_A}lnRef")
        given = num(line, "w", -1.0) if line is not None else -1.0
        width = given / ox.EMU_PER_PT if given >= 0 else None
        if line is not None and line.find(f"{_A}noFill") is not None:
            return None, 0.0
        if line is not None and line.find(f"{_A}solidFill") is not None:
            if width == 0.0:  # a hairline (how LibreOffice writes its thinnest lines)
                width = HAIRLINE
            return self.color(line), width if width is not None else 0.75
        if ref is None or int(num(ref, "idx", 0)) <= 0:
            return None, 0.0
        color = self.palette.color_of(ref)
        if color is None or color.opacity < 0.5:
            return None, 0.0
        if width is None:
            width = theme_line_width(self.package, self.master, int(num(ref, "idx", 0)))
        return color.rgb, width

    # -- shapes --------------------------------------------------------------------------
    def tree(self, tree: etree._Element, tf: _Transform) -> None:
        for el in tree:
            tag = etree.QName(el).localname
            if el.find(f"./*/{_P}nvPr/{_P}ph") is not None:
                continue  # placeholders are where the slide's content goes
            if tag == "sp":
                self.shape(el, tf)
            elif tag == "pic":
                self.picture(el, tf)
            elif tag == "cxnSp":
                self.connector(el, tf)
            elif tag == "grpSp":
                self.group(el, tf)

    def group(self, el: etree._Element, tf: _Transform) -> None:
        xfrm = el.find(f"./{_P}grpSpPr/{_A}xfrm")
        if xfrm is None:
            self.tree(el, tf)
            return
        off, ext = xfrm.find(f"{_A}off"), xfrm.find(f"{_A}ext")
        ch_off, ch_ext = xfrm.find(f"{_A}chOff"), xfrm.find(f"{_A}chExt")
        if off is None or ext is None or ch_off is None or ch_ext is None:
            self.tree(el, tf)
            return
        cx, cy = num(ch_ext, "cx", 0) or 1.0, num(ch_ext, "cy", 0) or 1.0
        kx, ky = num(ext, "cx", 0) / cx, num(ext, "cy", 0) / cy
        ox_, oy_ = num(off, "x", 0), num(off, "y", 0)
        cox, coy = num(ch_off, "x", 0), num(ch_off, "y", 0)
        inner = _Transform(
            tf.sx * kx,
            tf.sy * ky,
            tf.dx + tf.sx * (ox_ - cox * kx),
            tf.dy + tf.sy * (oy_ - coy * ky),
        )
        self.tree(el, inner)

    def shape(self, el: etree._Element, tf: _Transform) -> None:
        geometry = _xfrm(el)
        sp_pr = el.find(f"{_P}spPr")
        if geometry is None or sp_pr is None:
            return
        x, y, w, h, flip_h, flip_v = geometry
        rot = _rotation(el)
        name = _shape_name(el, f"./{_P}nvSpPr/{_P}cNvPr", "shape")
        prst = sp_pr.find(f"{_A}prstGeom")
        kind = prst.get("prst", "") if prst is not None else ""
        if kind == "line":
            self.line(el, geometry, tf, name)
            return
        blip_fill = sp_pr.find(f"{_A}blipFill")
        fill = self.shape_fill(el) if blip_fill is None else None
        if fill is not None and fill.opacity < MIN_OPACITY:
            fill = None
        if fill is not None and fill.color is None and (flip_h or flip_v or rot):
            grad = sp_pr.find(f"{_A}gradFill")
            turns = grad is None or grad.get("rotWithShape", "1") in ("1", "true")
            fill = flipped(fill, flip_h, flip_v, rot if turns else 0.0)
        stroke, width = self.shape_line(el)
        place = _placer(x, y, w, h, flip_h, flip_v, rot, tf)
        (x1, y1), (x2, y2) = tf.point(x, y), tf.point(x + w, y + h)
        frame = (x1, y1, x2 - x1, y2 - y1)
        picture = (
            self.picture_fill(blip_fill, sp_pr, kind, (w, h, flip_h, flip_v, rot), place, name)
            if blip_fill is not None
            else None
        )
        if picture is not None:
            self.shadow(sp_pr, kind, w, h, place, name)
            self.boxes.append(picture)
        if fill is not None or stroke is not None:
            solid = fill.color.rgb if fill is not None and fill.color is not None else None
            gradient = (
                place_gradient(fill, *_bounds_of(place, w, h))
                if fill is not None and fill.color is None
                else None
            )
            opacity = fill.box_opacity if fill is not None else 1.0
            if fill is not None:
                self.shadow(sp_pr, kind, w, h, place, name)
            if kind == "rect" and not rot:
                self.boxes.append(
                    RectBox(*frame, solid, stroke, width if stroke else 0.0, name,
                            gradient=gradient, opacity=opacity)
                )  # fmt: skip
            else:
                rings = self.rings(sp_pr, kind, w, h, place)
                if rings:
                    self.boxes.append(
                        PathBox(tuple(rings), True, solid, stroke, width if stroke else 0.0,
                                name=name, gradient=gradient, opacity=opacity)
                    )  # fmt: skip
        if has_text(el) and not _marking_prompt(el):
            box, varies = static_text(self.text, el, self.palette, frame, NO_FIELDS, name)
            if varies:  # a field: laid out again for each slide, in this place
                text, palette = self.text, self.palette

                def relay(fields: SlideFields) -> TextBox | None:
                    return static_text(text, el, palette, frame, fields, name)[0]

                box = TextBox(*frame, (), name)
                self.fields_at.append((box, relay))
            if box is not None:
                self.boxes.append(box)

    def picture_fill(
        self,
        blip_fill: etree._Element,
        sp_pr: etree._Element,
        kind: str,
        shape: tuple[float, float, bool, bool, float],
        place: _Place,
        name: str,
    ) -> PictureBox | None:
        """A shape filled with a picture: the picture (stretched or tiled, flipped and
        turned with the shape) over the shape's bounding box, clipped to its outline."""
        w, h, flip_h, flip_v, rot = shape
        blip = blip_fill.find(f"{_A}blip")
        rel = self.rels.get(blip.get(_R_EMBED, "")) if blip is not None else None
        if rel is None or rel[2] or rel[1] not in self.package.parts:
            return None
        rings = self.rings(sp_pr, kind, w, h, place)
        if not rings:
            return None
        (x0, y0), (x1, y1), (x2, y2) = place(0, 0), place(w, 0), place(0, h)
        size = (math.hypot(x1 - x0, y1 - y0), math.hypot(x2 - x0, y2 - y0))
        data = self.package.parts[rel[1]]
        path = picture_fill(data, blip_fill, size, flip_h, flip_v, rot)
        if path is None:
            return None
        return PictureBox(*_bounds_of(place, w, h), path, name, clip=tuple(rings))

    def frame_fill(
        self, el: etree._Element, frame: tuple[float, float, float, float], name: str
    ) -> Box | None:
        """The fill of the placeholder shape ``el`` drawn in ``frame`` (page points), where
        the slide's instance of it lies; None when it has no fill we draw."""
        fill = self.shape_fill(el)
        if fill is None or fill.opacity < MIN_OPACITY:
            return None
        x, y, w, h = frame
        solid = fill.color.rgb if fill.color is not None else None
        gradient = place_gradient(fill, x, y, w, h) if fill.color is None else None
        return RectBox(x, y, w, h, solid, name=PLACEHOLDER_FILL + name, gradient=gradient,
                       opacity=fill.box_opacity)  # fmt: skip

    def shadow(
        self, sp_pr: etree._Element, kind: str, w: float, h: float, place: _Place, name: str
    ) -> None:
        """A filled shape's outer shadow: its outline offset by the shadow's distance and
        direction, filled with the shadow's colour. Only sharp shadows (as LibreOffice
        writes them); a soft one would be drawn too hard, so it is left out."""
        found = sp_pr.find(f"{_A}effectLst/{_A}outerShdw")
        if found is None or num(found, "blurRad") > MAX_SHADOW_BLUR:
            return
        color = self.palette.color_of(found)
        if color is None or color.opacity < MIN_OPACITY:
            return
        angle = math.radians(num(found, "dir") / 60000)
        dist = num(found, "dist")
        dx, dy = dist * math.cos(angle), dist * math.sin(angle)
        # in the page's directions, whatever the shape's flips and rotation
        shift_x, shift_y = dx / ox.EMU_PER_PT, dy / ox.EMU_PER_PT
        rings = [
            tuple((px + shift_x, py + shift_y) for px, py in ring)
            for ring in self.rings(sp_pr, kind, w, h, place)
        ]
        if rings:
            self.boxes.append(
                PathBox(tuple(rings), True, color.rgb, None, 0.0, name=name + " shadow",
                        opacity=round(color.opacity, 3))
            )  # fmt: skip

    def rings(
        self, sp_pr: etree._Element, kind: str, w: float, h: float, place: _Place
    ) -> list[tuple[tuple[float, float], ...]]:
        """The outline of a preset or custom geometry, in page points."""
        if kind in PRESETS:
            return [tuple(place(px, py) for px, py in _preset_ring(kind, w, h))]
        cust = sp_pr.find(f"{_A}custGeom")
        rings: list[tuple[tuple[float, float], ...]] = []
        if cust is None:
            return rings
        for path in cust.iterfind(f"{_A}pathLst/{_A}path"):
            pw = num(path, "w", 0) or w or 1.0
            ph = num(path, "h", 0) or h or 1.0

            def point(pt: etree._Element, pw: float = pw, ph: float = ph) -> tuple[float, float]:
                return place(num(pt, "x", 0) / pw * w, num(pt, "y", 0) / ph * h)

            ring: list[tuple[float, float]] = []
            for seg in path:
                kind_ = etree.QName(seg).localname
                points = [point(p) for p in seg.iterfind(f"{_A}pt")]
                if kind_ == "moveTo" and points:
                    if len(ring) > 1:
                        rings.append(tuple(ring))
                    ring = [points[0]]
                elif kind_ == "lnTo" and points:
                    ring.append(points[0])
                elif kind_ in ("cubicBezTo", "quadBezTo") and points and ring:
                    ring += _flatten(ring[-1], points)
                elif kind_ == "close" and len(ring) > 1:
                    rings.append(tuple(ring))
                    ring = []
            if len(ring) > 1:
                rings.append(tuple(ring))
        return rings

    def line(
        self,
        el: etree._Element,
        geometry: tuple[float, float, float, float, bool, bool],
        tf: _Transform,
        name: str,
    ) -> None:
        """A straight line (a connector, or a shape of preset geometry "line") from
        corner to corner of its frame."""
        color, width = self.shape_line(el)
        if color is None:
            return
        x, y, w, h, flip_h, flip_v = geometry
        x1, x2 = (x + w, x) if flip_h else (x, x + w)
        y1, y2 = (y + h, y) if flip_v else (y, y + h)
        (px1, py1), (px2, py2) = tf.point(x1, y1), tf.point(x2, y2)
        self.boxes.append(RuleBox(px1, py1, px2, py2, color, width, name))

    def connector(self, el: etree._Element, tf: _Transform) -> None:
        geometry = _xfrm(el)
        if geometry is None or el.find(f"{_P}spPr") is None:
            return
        self.line(el, geometry, tf, _shape_name(el, f"./{_P}nvCxnSpPr/{_P}cNvPr", "line"))

    def picture(self, el: etree._Element, tf: _Transform) -> None:
        geometry = _xfrm(el)
        blip = el.find(f".//{_A}blip")
        if geometry is None or blip is None:
            return
        x, y, w, h, flip_h, flip_v = geometry
        rot = _rotation(el)
        name = _shape_name(el, f"./{_P}nvPicPr/{_P}cNvPr", "picture")
        blip_fill, sp_pr = el.find(f"{_P}blipFill"), el.find(f"{_P}spPr")
        if (flip_h or flip_v or rot) and blip_fill is not None and sp_pr is not None:
            # flipped and turned as the shape is (LibreOffice writes Freshes' watercolour
            # as a tall picture turned a quarter: drawn unturned it stood across the page)
            place = _placer(x, y, w, h, flip_h, flip_v, rot, tf)
            shape = (w, h, flip_h, flip_v, rot)
            picture = self.picture_fill(blip_fill, sp_pr, "rect", shape, place, name)
            if picture is not None:
                self.boxes.append(picture)
            return
        path = self.image(blip.get(_R_EMBED, ""))
        if path is None:
            return
        (x1, y1), (x2, y2) = tf.point(x, y), tf.point(x + w, y + h)
        self.boxes.append(PictureBox(x1, y1, x2 - x1, y2 - y1, str(path), name))

    def image(self, rid: str) -> Path | None:
        """The related picture as a file reportlab can draw (cached per content)."""
        rel = self.rels.get(rid)
        if rel is None or rel[2]:
            return None
        target = rel[1]
        suffix = posixpath.splitext(target)[1].lower()
        if suffix not in _PICTURE_TYPES or target not in self.package.parts:
            return None
        data = self.package.parts[target]
        folder = Path(tempfile.gettempdir()) / "briefing-app-template-art"
        folder.mkdir(exist_ok=True)
        path = folder / (hashlib.sha256(data).hexdigest()[:32] + suffix)
        if not path.exists():
            path.write_bytes(data)
        return path

    def background(self, root: etree._Element, page: tuple[float, float]) -> bool:
        """Boxes for the part's own background; False when it has none (inherit)."""
        bg = root.find(f"{_P}cSld/{_P}bg")
        if bg is None:
            return False
        bg_pr = bg.find(f"{_P}bgPr")
        w, h = page
        name = ART_PREFIX + "background"
        fill: Fill | None = None
        if bg_pr is not None:
            fill = self.palette.fill_in(bg_pr)
            blip = bg_pr.find(f"{_A}blipFill/{_A}blip")
            if blip is not None:
                path = self.image(blip.get(_R_EMBED, ""))
                if path is not None:
                    self.boxes.append(PictureBox(0.0, 0.0, w, h, str(path), name))
                    return True
        else:
            ref = bg.find(f"{_P}bgRef")
            if ref is not None:
                color = self.palette.color_of(ref)
                idx = int(num(ref, "idx", 0))
                fill = theme_style_fill(self.package, self.master, self.palette, idx, color)
                if fill is None and color is not None:
                    fill = Fill(color)
        if fill is not None and fill.opacity >= MIN_OPACITY:
            if fill.color is not None:
                self.boxes.append(
                    RectBox(0.0, 0.0, w, h, fill.color.rgb, name=name, opacity=fill.opacity)
                )
            else:
                gradient = place_gradient(fill, 0.0, 0.0, w, h)
                self.boxes.append(
                    RectBox(0.0, 0.0, w, h, name=name, gradient=gradient, opacity=fill.box_opacity)
                )
        return True


_Place = Callable[[float, float], tuple[float, float]]
HAIRLINE = 0.5  # points: a line of width 0, drawn as thin as viewers draw one
MAX_SHADOW_BLUR = 25400  # EMU (2 pt): a shadow this sharp is drawn, a softer one is not


def _marking_prompt(el: etree._Element) -> bool:
    """Whether the shape holds our template's marking prompt, which exports replace with
    the deck's marking: the slide's own marking boxes draw that."""
    return "".join(t.text or "" for t in el.iter(f"{_A}t")).strip() == MARKING_PROMPT


def _rotation(el: etree._Element) -> float:
    xfrm = el.find(f"./{_P}spPr/{_A}xfrm")
    return num(xfrm, "rot", 0) / 60000 if xfrm is not None else 0.0


def _placer(
    x: float, y: float, w: float, h: float, flip_h: bool, flip_v: bool, rot: float, tf: _Transform
) -> _Place:
    """Maps a point of the shape's own box (0..w, 0..h, EMU) onto the page: flipped,
    then rotated about the box's centre, then through the group transform."""
    cos, sin = math.cos(math.radians(rot)), math.sin(math.radians(rot))

    def place(px: float, py: float) -> tuple[float, float]:
        if flip_h:
            px = w - px
        if flip_v:
            py = h - py
        if rot:
            dx, dy = px - w / 2, py - h / 2
            px, py = w / 2 + dx * cos - dy * sin, h / 2 + dx * sin + dy * cos
        return tf.point(x + px, y + py)

    return place


def _bounds_of(place: _Place, w: float, h: float) -> tuple[float, float, float, float]:
    """The page rectangle (x, y, w, h) a gradient spans: the shape's placed frame."""
    corners = [place(px, py) for px in (0.0, w) for py in (0.0, h)]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)


def _preset_ring(kind: str, w: float, h: float) -> list[tuple[float, float]]:
    """The outline of a preset geometry we draw (see ``PRESETS``), in the shape's box."""
    if kind == "ellipse":
        turns = [2 * math.pi * k / 48 for k in range(48)]
        return [(w / 2 * (1 + math.cos(a)), h / 2 * (1 + math.sin(a))) for a in turns]
    if kind == "roundRect":
        r = min(w, h) * 0.16667
        ring: list[tuple[float, float]] = []
        for cx, cy, start in ((w - r, r, -90), (w - r, h - r, 0), (r, h - r, 90), (r, r, 180)):
            for k in range(7):
                a = math.radians(start + 15 * k)
                ring.append((cx + r * math.cos(a), cy + r * math.sin(a)))
        return ring
    if kind == "flowChartDocument":  # a wavy bottom edge (21600-unit path of the spec)
        kx, ky = w / 21600, h / 21600
        ring = [(0.0, 0.0), (w, 0.0), (w, 17322 * ky)]
        ring += _flatten(ring[-1], [(10800 * kx, 17322 * ky), (10800 * kx, 23922 * ky),
                                    (0.0, 20172 * ky)])  # fmt: skip
        return ring
    ss = min(w, h)
    if kind == "triangle":
        return [(w / 2, 0.0), (w, h), (0.0, h)]
    if kind == "rtTriangle":
        return [(0.0, 0.0), (w, h), (0.0, h)]
    if kind == "diamond":
        return [(w / 2, 0.0), (w, h / 2), (w / 2, h), (0.0, h / 2)]
    if kind == "parallelogram":
        dx = ss * 0.25
        return [(dx, 0.0), (w, 0.0), (w - dx, h), (0.0, h)]
    return [(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)]


PRESETS = frozenset(
    {"rect", "ellipse", "roundRect", "flowChartDocument", "triangle", "rtTriangle", "diamond",
     "parallelogram"}
)  # fmt: skip


def _flatten(
    start: tuple[float, float], points: list[tuple[float, float]]
) -> list[tuple[float, float]]:
    """A Bézier segment as straight lines."""
    control = [start, *points]
    out = []
    for step in range(1, _CURVE_STEPS + 1):
        t = step / _CURVE_STEPS
        pts = control
        while len(pts) > 1:  # de Casteljau
            pts = [
                (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
                for a, b in itertools.pairwise(pts)
            ]
        out.append(pts[0])
    return out


def _master_of(package: TemplatePackage, layout_part: str) -> str | None:
    return next(
        (
            t
            for typ, t, ext in package.rels(layout_part).values()
            if typ == ox.RT_SLIDE_MASTER and not ext
        ),
        None,
    )


@dataclass(frozen=True)
class _LayoutArt:
    """A template layout's art, and where it shows fields laid out again on each slide."""

    boxes: tuple[Box, ...]
    fields: tuple[tuple[int, Callable[[SlideFields], TextBox | None]], ...] = ()

    def at(self, fields: SlideFields) -> tuple[Box, ...]:
        """The art on a slide with these ``fields``."""
        if not self.fields:
            return self.boxes
        boxes: list[Box] = list(self.boxes)
        for index, relay in self.fields:
            boxes[index] = relay(fields) or TextBox(0.0, 0.0, 0.0, 0.0, (), boxes[index].name)
        return tuple(boxes)


def _art(package: TemplatePackage, layout_part: str, page: tuple[float, float]) -> _LayoutArt:
    """The art of ``layout_part``: its background (else its master's), the master's shapes
    (unless the layout hides them), then the layout's own."""
    master = _master_of(package, layout_part)
    if master is None:
        return _LayoutArt(())
    layout_root = package.xml(layout_part)
    master_root = package.xml(master)
    master_palette = Palette.for_master(package, master)
    layout_palette = master_palette.for_layout(layout_root)
    text = TextContext.for_master(package, master, master_palette)
    layout = _Reader(package, layout_part, layout_palette, text, master)
    master_reader = _Reader(package, master, master_palette, text, master)
    if not layout.background(layout_root, page):  # else the master's shows through
        # the master's background in the layout's colours (its colour map override)
        master_bg = _Reader(package, master, layout_palette, text, master)
        master_bg.background(master_root, page)
        layout.boxes[:0] = master_bg.boxes
    if layout_root.get("showMasterSp", "1") not in ("0", "false"):
        tree = master_root.find(f"{_P}cSld/{_P}spTree")
        if tree is not None:
            master_reader.tree(tree, _Transform())
    tree = layout_root.find(f"{_P}cSld/{_P}spTree")
    if tree is not None:
        layout.tree(tree, _Transform())
    backgrounds = [b for b in layout.boxes if b.name == ART_PREFIX + "background"]
    others = [b for b in layout.boxes if b.name != ART_PREFIX + "background"]
    boxes = tuple(backgrounds + master_reader.boxes + others)
    relays = {id(box): relay for box, relay in (*master_reader.fields_at, *layout.fields_at)}
    fields = tuple((n, relays[id(b)]) for n, b in enumerate(boxes) if id(b) in relays)
    return _LayoutArt(boxes, fields)


def template_art(
    package: TemplatePackage,
    layout_part: str,
    page: tuple[float, float],
    fields: SlideFields = NO_FIELDS,
) -> tuple[Box, ...]:
    """The boxes a slide on ``layout_part`` shows behind its content, in page points:
    background, the master's shapes, pictures and static text, then the layout's."""
    return _art(package, layout_part, page).at(fields)


def title_color(
    package: TemplatePackage, match: TemplateMatch, from_layout: bool = True
) -> str | None:
    """The RGB colour titles get: from the title placeholder of the layout our slides use
    (when ``from_layout``, i.e. our titles sit in it), else from the master's."""
    master = next((m for m in match.info.masters if m.index == match.master), None)
    if master is None:
        return None
    palette = Palette.for_master(package, master.part)
    text = TextContext.for_master(package, master.part, palette)
    reader = _Reader(package, master.part, palette, text, master.part)
    choice = match.choice("argument")
    parts = [choice.layout.part] if choice.layout is not None and from_layout else []
    for part in [*parts, master.part]:  # the layout's title, then the master's
        root = package.xml(part)
        for sp in root.iter(f"{_P}sp"):
            ph = sp.find(f"./{_P}nvSpPr/{_P}nvPr/{_P}ph")
            if ph is None or ph.get("type") not in ("title", "ctrTitle"):
                continue
            # its list style, else the formatting of its prompt text
            for path in (f".//{_A}lvl1pPr/{_A}defRPr", f".//{_A}rPr", f".//{_A}endParaRPr"):
                holder = sp.find(path)
                color = reader.color(holder) if holder is not None else None
                if color:
                    return color
            break
        if part == master.part:
            level = root.find(f"{_P}txStyles/{_P}titleStyle/{_A}lvl1pPr/{_A}defRPr")
            if level is not None:
                return reader.color(level)
    return None


_FILL_TAGS = ("noFill", "solidFill", "gradFill", "pattFill", "blipFill", "grpFill")
PLACEHOLDER_FILL = ART_PREFIX + "placeholder fill: "  # + the name of the box it is behind


def _fill_given(sp: etree._Element) -> bool:
    """Whether the shape says its own fill (else a placeholder inherits its master's)."""
    sp_pr = sp.find(f"{_P}spPr")
    if sp_pr is not None and any(sp_pr.find(f"{_A}{tag}") is not None for tag in _FILL_TAGS):
        return True
    return sp.find(f"{_P}style/{_A}fillRef") is not None


def placeholder_fill(
    package: TemplatePackage, layout_part: str, placeholder: Placeholder
) -> tuple[etree._Element, _Reader] | None:
    """The shape whose fill a slide's instance of ``placeholder`` (of the layout
    ``layout_part``) shows, and a reader in its colours: the layout's placeholder when
    it says a fill, else the master's of the same kind (a slide's placeholder with no
    fill of its own inherits so, as PowerPoint draws it); None when neither says one."""
    master = _master_of(package, layout_part)
    if master is None:
        return None
    layout_root, master_root = package.xml(layout_part), package.xml(master)
    palette = Palette.for_master(package, master)
    text = TextContext.for_master(package, master, palette)
    own = placeholder_shape(layout_root, placeholder.type, placeholder.idx)
    if own is not None and _fill_given(own):
        return own, _Reader(package, layout_part, palette.for_layout(layout_root), text, master)
    kind = MASTER_KIND.get(placeholder.type, "body")
    base = placeholder_shape(master_root, kind, None)
    if base is not None and _fill_given(base):
        return base, _Reader(package, master, palette, text, master)
    return None


def filled_placeholders(
    choice: LayoutChoice, boxes: tuple[Box, ...]
) -> list[tuple[TextBox, Placeholder]]:
    """The text boxes a PPTX writes into the chosen layout's placeholders, with theirs:
    the slide's title into the title placeholder, and the first box of each slot that
    has a placeholder into it (a second box of a slot is a text box of its own)."""
    slots = {a.slot: a.placeholder for a in choice.assignments if a.placeholder is not None}
    out: list[tuple[TextBox, Placeholder]] = []
    for box in boxes:
        if not isinstance(box, TextBox):
            continue
        if box.source == FieldRef("title"):
            if choice.title is not None:
                out.append((box, choice.title))
        elif box.slot is not None and box.slot in slots:
            out.append((box, slots.pop(box.slot)))
    return out


_PROMPT = re.compile(r"<[^<>]{1,40}>")  # "<date/time>", "<footer>": a prompt's look


def typed_prompts(package: TemplatePackage, match: TemplateMatch) -> list[str]:
    """Sentences for plain text boxes (not placeholders) on the chosen master or the
    layouts our slides use whose typed text looks like a placeholder's prompt, such as
    "<date/time>": PowerPoint shows that text as typed on every slide, and so do we.
    (LibreOffice's conversion of an Impress template writes a date field of a plain
    text frame so.) A field, such as a slide number, is not typed text."""
    parts = list(dict.fromkeys(c.layout.part for c in match.choices if c.layout is not None))
    masters = list(dict.fromkeys(m for m in map(partial(_master_of, package), parts) if m))
    found: dict[str, None] = {}
    for part in (*masters, *parts):
        tree = package.xml(part).find(f"{_P}cSld/{_P}spTree")
        for sp in tree.iter(f"{_P}sp") if tree is not None else ():
            if sp.find(f"./{_P}nvSpPr/{_P}nvPr/{_P}ph") is not None:
                continue
            typed = "".join(t.text or "" for r in sp.iter(f"{_A}r") for t in r.iter(f"{_A}t"))
            if _PROMPT.fullmatch(typed.strip()):
                found[typed.strip()] = None
    return [
        f"A plain text box on the template's master or layouts shows {text!r} as typed "
        "text, not a placeholder: PowerPoint shows it on every slide, and so do our PDF "
        "and preview; delete it in the template's master view to drop it."
        for text in found
    ]


def _shown(box: Box) -> str:
    """The text a box shows ("" for a box without text)."""
    if not isinstance(box, TextBox):
        return ""
    return "".join(r.text for p in box.paragraphs for ln in p.lines for r in ln.runs)


FOOTER_CONTRAST = 4.5  # WCAG AA for small text


class TemplateLook:
    """What layout and drawing take from a deck's house template: the layout theme, the
    scale onto the template's page, and each template layout's art (computed once; only
    text showing a field, such as the slide number, is laid out again for each slide)."""

    def __init__(self, package: TemplatePackage, match: TemplateMatch) -> None:
        self.package = package
        self.match = match
        theme = template_theme(match)
        color = title_color(package, match, from_layout=theme.title_box is not None)
        self.scale = scale_of(match)
        self.page = (match.info.width, match.info.height)
        self._art: dict[str, _LayoutArt] = {}
        self._fills: dict[tuple[str, str, int], tuple[etree._Element, _Reader] | None] = {}
        self._outlines: dict[str, tuple[Outline, ...]] = {}
        # our layouts' frames keep clear of the art of the template layout each uses
        # body and muted text in the template's body text colour (and a variant of it)
        self.text_colors = text_colors(package, match)
        theme = replace(theme, title_color=color, art_of=self.outlines,
                        footer_art=self.outlines("argument"),
                        number_box=self._number_box(), text=self.text_colors.text,
                        muted=self.text_colors.muted)  # fmt: skip
        plain, marked = theme.for_layout("argument"), replace(theme, tracker=True)
        marked = marked.for_layout("argument")
        self.theme = replace(
            theme,
            footer_colors=(self._ink(theme, plain.meta_frame(False)),
                           self._ink(theme, marked.meta_frame(True))),
            sources_colors=(self._ink(theme, plain.sources_frame(False)),
                            self._ink(theme, marked.sources_frame(True))),
        )  # fmt: skip

    def outlines(self, layout: str) -> tuple[Outline, ...]:
        """The outlines (layout points) of the art behind slides of our ``layout`` that our
        text keeps clear of (:mod:`briefing_app.templates.keepout`), once per template
        layout."""
        choice = self.match.choice(layout)
        part = choice.layout.part if choice.layout is not None else ""
        if part not in self._outlines:
            self._outlines[part] = art_outlines(self.art_for(layout), self.page, self.scale)
        return self._outlines[part]

    def _ink(self, theme: Theme, frame: Frame) -> str | None:
        """A colour for small text in ``frame`` where the art under it (a dark band:
        Piano's, Midnightblue's) leaves our muted grey below WCAG's contrast for small
        text: white or near-black, whichever reads better there; None where ours reads."""
        k = self.scale
        art = self.art_for("argument")
        y = (frame.y + frame.h / 2) * k
        behind = [backdrop_at(art, (frame.x + (i + 0.5) * frame.w / 16) * k, y) for i in range(16)]
        if min(contrast(rgb(theme.muted), c) for c in behind) >= FOOTER_CONTRAST:
            return None
        light = min(contrast(rgb("FFFFFF"), c) for c in behind)
        dark = min(contrast(rgb(theme.text), c) for c in behind)
        return "FFFFFF" if light >= dark else theme.text

    def _number_box(self) -> Frame | None:
        """Where the art of the layout our content slides use shows the slide number (text
        outside placeholders with a number field: it differs from slide to slide), in
        layout points; None where it shows none."""
        first, second = self.art_for("argument", 1), self.art_for("argument", 2)
        for a, b in zip(first, second, strict=True):
            if isinstance(b, TextBox) and _shown(a) != _shown(b):
                k = self.scale
                return Frame(b.x / k, b.y / k, b.w / k, b.h / k)
        return None

    def art_for(self, layout: str, number: int = 0, date: str = "") -> tuple[Box, ...]:
        """The art behind a slide of our ``layout`` numbered ``number`` in a deck dated
        ``date`` (what the template's fields show)."""
        choice = self.match.choice(layout)
        part = choice.layout.part if choice.layout is not None else ""
        if not part:
            return ()
        if part not in self._art:
            self._art[part] = _art(self.package, part, self.page)
        return self._art[part].at(SlideFields(number, date))

    def finish(self, slide: LaidSlide, date: str = "") -> LaidSlide:
        """``slide`` (laid out in this look's theme) on the template's page, its art behind;
        ``date`` is the deck's, shown by the template's date fields. A text box that goes
        into a placeholder with a fill (inherited from its layout or master) gets that
        fill in its frame, drawn just behind it, as PowerPoint draws the placeholder."""
        scaled = scaled_slide(slide, self.scale)
        art = self.art_for(slide.layout, slide.number, date)
        return replace(scaled, boxes=(*art, *self._with_placeholder_fills(slide.layout, scaled)))

    def _with_placeholder_fills(self, layout: str, slide: LaidSlide) -> tuple[Box, ...]:
        choice = self.match.choice(layout)
        if choice.layout is None:
            return slide.boxes
        fills: dict[int, Box] = {}
        for box, placeholder in filled_placeholders(choice, slide.boxes):
            key = (choice.layout.part, placeholder.type, placeholder.idx)
            if key not in self._fills:
                self._fills[key] = placeholder_fill(self.package, choice.layout.part, placeholder)
            found = self._fills[key]
            if found is not None:
                shape, reader = found
                filled = reader.frame_fill(shape, (box.x, box.y, box.w, box.h), box.name)
                if filled is not None:
                    fills[id(box)] = filled
        if not fills:
            return slide.boxes
        out: list[Box] = []
        for each in slide.boxes:
            if id(each) in fills:
                out.append(fills[id(each)])
            out.append(each)
        return tuple(out)
