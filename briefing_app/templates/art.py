"""A house template's own art (its masters' and layouts' background, pictures and shapes)
as boxes, so the PDF draws what PowerPoint shows behind the slide's content.

A subset of DrawingML, read from the checked package: solid backgrounds and picture
backgrounds, pictures, rectangles and ellipses, and custom shapes made of straight and
Bézier segments (curves flattened), with solid fills and outlines in RGB, theme or
system colours; straight connectors (rules); groups with their child transforms; flips.
Placeholders are not art, and neither is text yet (static text on a master is rare). The PPTX
needs none of this: its slides use the template's real masters.
"""

from __future__ import annotations

import hashlib
import itertools
import posixpath
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree

from briefing_app.layout.boxes import Box, LaidSlide, PathBox, PictureBox, RectBox, RuleBox
from briefing_app.layout.scale import scaled_slide
from briefing_app.templates import ooxml as ox
from briefing_app.templates.match import TemplateMatch
from briefing_app.templates.package import TemplatePackage
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
        float(off.get("x", 0)),
        float(off.get("y", 0)),
        float(ext.get("cx", 0)),
        float(ext.get("cy", 0)),
        xfrm.get("flipH") == "1",
        xfrm.get("flipV") == "1",
    )


class _Reader:
    def __init__(self, package: TemplatePackage, part: str, colors: dict[str, str]) -> None:
        self.package = package
        self.part = part
        self.rels = package.rels(part)
        self.colors = colors
        self.boxes: list[Box] = []

    # -- colours -----------------------------------------------------------------------
    def color(self, holder: etree._Element | None) -> str | None:
        """The RGB of a fill's or line's solid colour (None when there is none)."""
        if holder is None:
            return None
        fill = holder.find(f"{_A}solidFill")
        if fill is None or len(fill) == 0:
            return None
        value = fill[0]
        tag = etree.QName(value).localname
        if tag == "srgbClr":
            rgb = value.get("val", "")
        elif tag == "schemeClr":
            rgb = self.colors.get(value.get("val", ""), "")
        elif tag == "sysClr":
            rgb = value.get("lastClr", "")
        else:
            return None
        alpha = value.find(f"{_A}alpha")
        if alpha is not None and int(alpha.get("val", "100000")) < 50000:
            return None  # mostly transparent: leave it out rather than draw it solid
        return rgb.upper() if len(rgb) == 6 else None

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
        cx, cy = float(ch_ext.get("cx", 0)) or 1.0, float(ch_ext.get("cy", 0)) or 1.0
        kx, ky = float(ext.get("cx", 0)) / cx, float(ext.get("cy", 0)) / cy
        ox_, oy_ = float(off.get("x", 0)), float(off.get("y", 0))
        cox, coy = float(ch_off.get("x", 0)), float(ch_off.get("y", 0))
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
        fill = self.color(sp_pr)
        line = sp_pr.find(f"{_A}ln")
        stroke = self.color(line)
        width = float(line.get("w", 12700)) / ox.EMU_PER_PT if line is not None else 0.0
        if fill is None and stroke is None:
            return
        name = _shape_name(el, f"./{_P}nvSpPr/{_P}cNvPr", "shape")
        prst = sp_pr.find(f"{_A}prstGeom")
        cust = sp_pr.find(f"{_A}custGeom")
        if prst is not None and prst.get("prst") == "rect":
            (x1, y1), (x2, y2) = tf.point(x, y), tf.point(x + w, y + h)
            self.boxes.append(RectBox(x1, y1, x2 - x1, y2 - y1, fill, stroke, width, name))
            return
        rings: list[tuple[tuple[float, float], ...]] = []
        if prst is not None and prst.get("prst") == "ellipse":
            import math

            ring: list[tuple[float, float]] = [
                (
                    x + w / 2 + w / 2 * math.cos(2 * math.pi * k / 48),
                    y + h / 2 + h / 2 * math.sin(2 * math.pi * k / 48),
                )
                for k in range(48)
            ]
            rings = [tuple(tf.point(px, py) for px, py in ring)]
        elif cust is not None:
            for path in cust.iterfind(f"{_A}pathLst/{_A}path"):
                pw = float(path.get("w", 0)) or w or 1.0
                ph = float(path.get("h", 0)) or h or 1.0

                def place(
                    pt: etree._Element, pw: float = pw, ph: float = ph
                ) -> tuple[float, float]:
                    px, py = float(pt.get("x", 0)) / pw * w, float(pt.get("y", 0)) / ph * h
                    if flip_h:
                        px = w - px
                    if flip_v:
                        py = h - py
                    return tf.point(x + px, y + py)

                ring = []
                for seg in path:
                    kind = etree.QName(seg).localname
                    points = [place(p) for p in seg.iterfind(f"{_A}pt")]
                    if kind == "moveTo" and points:
                        if len(ring) > 1:
                            rings.append(tuple(ring))
                        ring = [points[0]]
                    elif kind == "lnTo" and points:
                        ring.append(points[0])
                    elif kind in ("cubicBezTo", "quadBezTo") and points and ring:
                        ring += _flatten(ring[-1], points)
                    elif kind == "close" and len(ring) > 1:
                        rings.append(tuple(ring))
                        ring = []
                if len(ring) > 1:
                    rings.append(tuple(ring))
        if rings:
            self.boxes.append(
                PathBox(tuple(rings), True, fill, stroke, width if stroke else 0.0, name=name)
            )

    def connector(self, el: etree._Element, tf: _Transform) -> None:
        """A straight connector (a rule) from corner to corner of its frame."""
        geometry = _xfrm(el)
        sp_pr = el.find(f"{_P}spPr")
        if geometry is None or sp_pr is None:
            return
        line = sp_pr.find(f"{_A}ln")
        color = self.color(line)
        if line is None or color is None:
            return
        x, y, w, h, flip_h, flip_v = geometry
        x1, x2 = (x + w, x) if flip_h else (x, x + w)
        y1, y2 = (y + h, y) if flip_v else (y, y + h)
        (px1, py1), (px2, py2) = tf.point(x1, y1), tf.point(x2, y2)
        width = float(line.get("w", 12700)) / ox.EMU_PER_PT
        name = _shape_name(el, f"./{_P}nvCxnSpPr/{_P}cNvPr", "line")
        self.boxes.append(RuleBox(px1, py1, px2, py2, color, width, name))

    def picture(self, el: etree._Element, tf: _Transform) -> None:
        geometry = _xfrm(el)
        blip = el.find(f".//{_A}blip")
        if geometry is None or blip is None:
            return
        path = self.image(blip.get(_R_EMBED, ""))
        if path is None:
            return
        x, y, w, h, _, _ = geometry
        (x1, y1), (x2, y2) = tf.point(x, y), tf.point(x + w, y + h)
        name = _shape_name(el, f"./{_P}nvPicPr/{_P}cNvPr", "picture")
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
        if bg_pr is not None:
            color = self.color(bg_pr)
            if color is not None:
                self.boxes.append(RectBox(0.0, 0.0, w, h, color, name=ART_PREFIX + "background"))
            blip = bg_pr.find(f"{_A}blipFill/{_A}blip")
            if blip is not None:
                path = self.image(blip.get(_R_EMBED, ""))
                if path is not None:
                    self.boxes.append(
                        PictureBox(0.0, 0.0, w, h, str(path), ART_PREFIX + "background")
                    )
        else:
            ref = bg.find(f"{_P}bgRef")
            color = self.color(ref) if ref is not None else None
            if ref is not None and len(ref):
                value = ref[0]
                if etree.QName(value).localname == "schemeClr":
                    color = self.colors.get(value.get("val", ""))
                elif etree.QName(value).localname == "srgbClr":
                    color = value.get("val")
            if color:
                self.boxes.append(RectBox(0.0, 0.0, w, h, color, name=ART_PREFIX + "background"))
        return True


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


def _theme_colors(package: TemplatePackage, master: str) -> dict[str, str]:
    theme = next(
        (t for typ, t, ext in package.rels(master).values() if typ == ox.RT_THEME and not ext), None
    )
    colors: dict[str, str] = {}
    if theme is None or theme not in package.parts:
        return colors
    scheme = package.xml(theme).find(f".//{_A}clrScheme")
    if scheme is None:
        return colors
    for slot in scheme:
        if len(slot):
            value = slot[0]
            rgb = (
                value.get("val")
                if etree.QName(value).localname == "srgbClr"
                else value.get("lastClr")
            )
            if rgb:
                colors[etree.QName(slot).localname] = rgb.upper()
    # The usual colour map: text and backgrounds by their role names.
    for role, named in (("bg1", "lt1"), ("tx1", "dk1"), ("bg2", "lt2"), ("tx2", "dk2")):
        if named in colors:
            colors[role] = colors[named]
    return colors


def _art(package: TemplatePackage, layout_part: str, page: tuple[float, float]) -> tuple[Box, ...]:
    master = next(
        (
            t
            for typ, t, ext in package.rels(layout_part).values()
            if typ == ox.RT_SLIDE_MASTER and not ext
        ),
        None,
    )
    if master is None:
        return ()
    colors = _theme_colors(package, master)
    layout_root = package.xml(layout_part)
    master_root = package.xml(master)
    layout = _Reader(package, layout_part, colors)
    master_reader = _Reader(package, master, colors)
    if not layout.background(layout_root, page):  # else the master's shows through
        master_reader.background(master_root, page)
    if layout_root.get("showMasterSp", "1") not in ("0", "false"):
        tree = master_root.find(f"{_P}cSld/{_P}spTree")
        if tree is not None:
            master_reader.tree(tree, _Transform())
    tree = layout_root.find(f"{_P}cSld/{_P}spTree")
    if tree is not None:
        layout.tree(tree, _Transform())
    backgrounds = [b for b in layout.boxes if b.name == ART_PREFIX + "background"]
    others = [b for b in layout.boxes if b.name != ART_PREFIX + "background"]
    return tuple(backgrounds + master_reader.boxes + others)


def template_art(
    package: TemplatePackage, layout_part: str, page: tuple[float, float]
) -> tuple[Box, ...]:
    """The boxes a slide on ``layout_part`` shows behind its content, in page points."""
    return _art(package, layout_part, page)


def title_color(
    package: TemplatePackage, match: TemplateMatch, from_layout: bool = True
) -> str | None:
    """The RGB colour titles get: from the title placeholder of the layout our slides use
    (when ``from_layout``, i.e. our titles sit in it), else from the master's."""
    master = next((m for m in match.info.masters if m.index == match.master), None)
    if master is None:
        return None
    reader = _Reader(package, master.part, _theme_colors(package, master.part))
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


class TemplateLook:
    """What layout and drawing take from a deck's house template: the layout theme, the
    scale onto the template's page, and each template layout's art (computed once)."""

    def __init__(self, package: TemplatePackage, match: TemplateMatch) -> None:
        self.package = package
        self.match = match
        theme = template_theme(match)
        color = title_color(package, match, from_layout=theme.title_box is not None)
        self.theme = replace(theme, title_color=color)
        self.scale = scale_of(match)
        self.page = (match.info.width, match.info.height)
        self._art: dict[str, tuple[Box, ...]] = {}

    def art_for(self, layout: str) -> tuple[Box, ...]:
        choice = self.match.choice(layout)
        part = choice.layout.part if choice.layout is not None else ""
        if part and part not in self._art:
            self._art[part] = template_art(self.package, part, self.page)
        return self._art.get(part, ())

    def finish(self, slide: LaidSlide) -> LaidSlide:
        """``slide`` (laid out in this look's theme) on the template's page, its art behind."""
        scaled = scaled_slide(slide, self.scale)
        return replace(scaled, boxes=(*self.art_for(slide.layout), *scaled.boxes))
