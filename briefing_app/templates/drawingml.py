"""DrawingML colours and fills of a template's masters and layouts, resolved to RGB.

A colour is resolved as PowerPoint and LibreOffice resolve it: a scheme colour through the
master's colour map (``bg1`` -> ``lt1``, as the layout may override it) into the theme's
colour scheme, then its transforms in document order (``lumMod``/``lumOff``/``satMod`` in
HSL, ``tint``/``shade`` in linear RGB, ``alpha``). A fill is solid, a gradient (linear or
radial, its stops resolved) or a pattern (drawn as the mix of its two colours, which is
how it reads at slide scale). Background style references (``bgRef``) and shape style
references (``fillRef``/``lnRef``) pick from the theme's fill and background style lists
with ``phClr`` bound to the reference's own colour.
"""

from __future__ import annotations

import colorsys
import itertools
import math
import re
from dataclasses import dataclass, replace

from lxml import etree

from briefing_app.layout.boxes import Gradient
from briefing_app.templates import ooxml as ox
from briefing_app.templates.package import TemplatePackage

_P, _A = f"{{{ox.NS_P}}}", f"{{{ox.NS_A}}}"
_PCT = 100000.0
_HEX = re.compile(r"[0-9A-Fa-f]{6}")
_GAMMA = 2.3  # LibreOffice's approximation of sRGB's curve for tint and shade
_PRESET = {  # the preset colours templates use (ST_PresetColorVal), others as black
    "black": "000000",
    "white": "FFFFFF",
    "red": "FF0000",
    "green": "008000",
    "blue": "0000FF",
    "yellow": "FFFF00",
    "gray": "808080",
    "grey": "808080",
    "silver": "C0C0C0",
    "navy": "000080",
    "orange": "FFA500",
}
_SYSTEM = {"windowText": "000000", "window": "FFFFFF"}
_DEFAULT_MAP = {
    "bg1": "lt1",
    "tx1": "dk1",
    "bg2": "lt2",
    "tx2": "dk2",
    **{f"accent{n}": f"accent{n}" for n in range(1, 7)},
    "hlink": "hlink",
    "folHlink": "folHlink",
}
COLOR_TAGS = frozenset({"srgbClr", "schemeClr", "sysClr", "prstClr", "hslClr", "scrgbClr"})
# A fill below this opacity is left out (a faint glow drawn at all would be too strong
# in one renderer and missing in another).
MIN_OPACITY = 0.05


def num(el: etree._Element, name: str, default: float = 0.0) -> float:
    """The number attribute ``name`` of ``el``; ``default`` when it is missing or not a
    finite number (a guide name such as "r" in a custom geometry, a damaged file)."""
    value = el.get(name)
    if value is None:
        return default
    try:
        found = float(value)
    except ValueError:
        return default
    return found if math.isfinite(found) else default


@dataclass(frozen=True)
class Rgba:
    """A resolved colour: RGB hex and opacity 0..1."""

    rgb: str
    opacity: float = 1.0


@dataclass(frozen=True)
class Fill:
    """A resolved fill: a solid colour, or a gradient in the unit square of its shape
    (placed on the page by :func:`place_gradient`)."""

    color: Rgba | None = None
    stops: tuple[tuple[float, Rgba], ...] = ()
    linear: bool = True
    angle: float = 0.0  # degrees clockwise from left-to-right (linear)
    focus: tuple[float, float] = (0.5, 0.5)  # centre of a radial gradient, in the unit box

    @property
    def opacity(self) -> float:
        """One opacity for the whole fill (a gradient's averaged over its length)."""
        if self.color is not None:
            return self.color.opacity
        return _mean_opacity(self.stops)

    @property
    def varies(self) -> bool:
        """Whether a gradient's stops differ in opacity (drawn stop by stop, then)."""
        return len({round(c.opacity, 3) for _, c in self.stops}) > 1

    @property
    def box_opacity(self) -> float:
        """The opacity a box drawing this fill gets: 1 when the gradient carries each
        stop's own, else the fill's one opacity."""
        return 1.0 if self.color is None and self.varies else round(self.opacity, 3)


def _mean_opacity(stops: tuple[tuple[float, Rgba], ...]) -> float:
    """Opacity of a gradient as one figure: its stops' opacity averaged over the
    gradient's length (whether it is faint enough to leave out)."""
    if not stops:
        return 1.0
    if len(stops) == 1:
        return stops[0][1].opacity
    total = 0.0
    first, last = stops[0][1].opacity, stops[-1][1].opacity
    span = [(0.0, first), *((p, c.opacity) for p, c in stops), (1.0, last)]
    for (p0, a0), (p1, a1) in itertools.pairwise(span):
        total += (p1 - p0) * (a0 + a1) / 2
    return total


def _hex(r: float, g: float, b: float) -> str:
    return "".join(f"{round(max(0.0, min(1.0, c)) * 255):02X}" for c in (r, g, b))


def _rgb(value: str) -> tuple[float, float, float]:
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


def _to_linear(c: float) -> float:
    return float(c**_GAMMA)


def _from_linear(c: float) -> float:
    return float(max(0.0, c) ** (1 / _GAMMA))


class Palette:
    """The colours of one master (theme scheme + colour map), optionally as a layout
    overrides its map."""

    def __init__(self, scheme: dict[str, str], color_map: dict[str, str]) -> None:
        self.scheme = scheme
        self.color_map = color_map

    @classmethod
    def for_master(cls, package: TemplatePackage, master: str) -> Palette:
        theme = next(
            (t for typ, t, ext in package.rels(master).values() if typ == ox.RT_THEME and not ext),
            None,
        )
        scheme: dict[str, str] = {}
        if theme is not None and theme in package.parts:
            found = package.xml(theme).find(f".//{_A}clrScheme")
            for slot in found if found is not None else ():
                if len(slot):
                    rgba = Palette({}, {}).resolve(slot[0])
                    if rgba is not None:
                        scheme[etree.QName(slot).localname] = rgba.rgb
        color_map = dict(_DEFAULT_MAP)
        found_map = package.xml(master).find(f"{_P}clrMap")
        if found_map is not None:
            color_map.update(found_map.attrib)
        return cls(scheme, color_map)

    def for_layout(self, root: etree._Element) -> Palette:
        """This palette as the layout (or slide) ``root`` overrides its colour map."""
        override = root.find(f"{_P}clrMapOvr/{_A}overrideClrMapping")
        if override is None:
            return self
        return Palette(self.scheme, {**self.color_map, **override.attrib})

    def scheme_rgb(self, name: str) -> str | None:
        """The RGB of a scheme colour name (a role such as ``tx1`` goes through the map)."""
        return self.scheme.get(self.color_map.get(name, name)) or self.scheme.get(name)

    # -- colours ---------------------------------------------------------------------------
    def resolve(self, value: etree._Element, placeholder: Rgba | None = None) -> Rgba | None:
        """The colour element ``value`` (``a:srgbClr`` …) with its transforms applied."""
        tag = etree.QName(value).localname
        opacity = 1.0
        if tag == "srgbClr":
            rgb = value.get("val", "")
        elif tag == "schemeClr":
            name = value.get("val", "")
            if name == "phClr":
                if placeholder is None:
                    return None
                rgb, opacity = placeholder.rgb, placeholder.opacity
            else:
                rgb = self.scheme_rgb(name) or ""
        elif tag == "sysClr":
            rgb = value.get("lastClr", "") or _SYSTEM.get(value.get("val", ""), "")
        elif tag == "prstClr":
            rgb = _PRESET.get(value.get("val", ""), "000000")
        elif tag == "scrgbClr":
            lin = [num(value, k) / _PCT for k in ("r", "g", "b")]
            rgb = _hex(*(_from_linear(c) for c in lin))
        elif tag == "hslClr":
            h = num(value, "hue", 0) / 60000 / 360
            s, lum = num(value, "sat", 0) / _PCT, num(value, "lum", 0) / _PCT
            rgb = _hex(*colorsys.hls_to_rgb(h, lum, s))
        else:
            return None
        if not _HEX.fullmatch(rgb):
            return None
        return _transformed(Rgba(rgb.upper(), opacity), value)

    def color_of(
        self, holder: etree._Element | None, placeholder: Rgba | None = None
    ) -> Rgba | None:
        """The colour held directly by ``holder`` (a ``solidFill``, ``gs``, ``fgClr`` …)."""
        if holder is None:
            return None
        for child in holder:
            if etree.QName(child).localname in COLOR_TAGS:
                return self.resolve(child, placeholder)
        return None

    # -- fills -----------------------------------------------------------------------------
    def fill(self, el: etree._Element, placeholder: Rgba | None = None) -> Fill | None:
        """The fill element ``el`` (``a:solidFill``, ``a:gradFill``, ``a:pattFill``,
        ``a:noFill``) resolved; None for no fill or one we cannot draw."""
        tag = etree.QName(el).localname
        if tag == "solidFill":
            color = self.color_of(el, placeholder)
            return Fill(color) if color is not None else None
        if tag == "gradFill":
            return self._gradient(el, placeholder)
        if tag == "pattFill":
            fg = self.color_of(el.find(f"{_A}fgClr"), placeholder)
            bg = self.color_of(el.find(f"{_A}bgClr"), placeholder)
            if fg is None or bg is None:
                return Fill(fg or bg) if (fg or bg) else None
            mixed = _hex(*((a + b) / 2 for a, b in zip(_rgb(fg.rgb), _rgb(bg.rgb), strict=True)))
            return Fill(Rgba(mixed, (fg.opacity + bg.opacity) / 2))
        return None

    def fill_in(
        self, holder: etree._Element | None, placeholder: Rgba | None = None
    ) -> Fill | None:
        """The fill a properties element (``p:spPr``, ``p:bgPr``) holds, if any."""
        if holder is None:
            return None
        for child in holder:
            if etree.QName(child).localname in ("solidFill", "gradFill", "pattFill"):
                return self.fill(child, placeholder)
        return None

    def _gradient(self, el: etree._Element, placeholder: Rgba | None) -> Fill | None:
        stops: list[tuple[float, Rgba]] = []
        for gs in el.iterfind(f"{_A}gsLst/{_A}gs"):
            color = self.color_of(gs, placeholder)
            if color is not None:
                stops.append((max(0.0, min(1.0, num(gs, "pos", 0) / _PCT)), color))
        if not stops:
            return None
        stops.sort(key=lambda s: s[0])
        path = el.find(f"{_A}path")
        if path is not None:
            rect = path.find(f"{_A}fillToRect")
            inset = {k: num(rect, k) / _PCT if rect is not None else 0.5 for k in "ltrb"}
            focus = ((inset["l"] + 1 - inset["r"]) / 2, (inset["t"] + 1 - inset["b"]) / 2)
            return Fill(stops=tuple(stops), linear=False, focus=focus)
        lin = el.find(f"{_A}lin")
        angle = num(lin, "ang", 0) / 60000 if lin is not None else 90.0
        return Fill(stops=tuple(stops), linear=True, angle=angle)


def _transformed(color: Rgba, value: etree._Element) -> Rgba:
    """``color`` with the transforms under ``value`` applied in order."""
    r, g, b = _rgb(color.rgb)
    opacity = color.opacity
    for t in value:
        name = etree.QName(t).localname
        v = num(t, "val", 0) / _PCT
        if name in ("lumMod", "lumOff", "satMod", "satOff", "hueOff", "hueMod"):
            h, lum, s = colorsys.rgb_to_hls(r, g, b)
            if name == "lumMod":
                lum = lum * v
            elif name == "lumOff":
                lum = lum + v
            elif name == "satMod":
                s = s * v
            elif name == "satOff":
                s = s + v
            elif name == "hueOff":
                h = (h + num(t, "val", 0) / 60000 / 360) % 1.0
            else:
                h = (h * v) % 1.0
            r, g, b = colorsys.hls_to_rgb(h, max(0.0, min(1.0, lum)), max(0.0, min(1.0, s)))
        elif name in ("tint", "shade"):
            lr, lg, lb = (_to_linear(c) for c in (r, g, b))
            if name == "tint":
                lr, lg, lb = (1 - (1 - c) * v for c in (lr, lg, lb))
            else:
                lr, lg, lb = (c * v for c in (lr, lg, lb))
            r, g, b = (_from_linear(c) for c in (lr, lg, lb))
        elif name == "alpha":
            opacity = v
        elif name == "alphaMod":
            opacity *= v
        elif name == "alphaOff":
            opacity += v
        elif name == "inv":
            r, g, b = 1 - r, 1 - g, 1 - b
        elif name in ("gray", "grey"):
            r = g = b = 0.299 * r + 0.587 * g + 0.114 * b
        elif name == "comp":
            h, lum, s = colorsys.rgb_to_hls(r, g, b)
            r, g, b = colorsys.hls_to_rgb((h + 0.5) % 1.0, lum, s)
    return Rgba(_hex(r, g, b), max(0.0, min(1.0, opacity)))


def theme_style_fill(
    package: TemplatePackage, master: str, palette: Palette, idx: int, color: Rgba | None
) -> Fill | None:
    """The theme's fill style ``idx`` (1-999: ``fillStyleLst``; 1001+: ``bgFillStyleLst``)
    with ``phClr`` bound to ``color``; None for index 0 or one the theme lacks."""
    if idx <= 0 or idx == 1000:
        return None
    theme = next(
        (t for typ, t, ext in package.rels(master).values() if typ == ox.RT_THEME and not ext),
        None,
    )
    if theme is None or theme not in package.parts:
        return None
    if idx > 1000:
        styles = package.xml(theme).find(f".//{_A}fmtScheme/{_A}bgFillStyleLst")
        idx -= 1000
    else:
        styles = package.xml(theme).find(f".//{_A}fmtScheme/{_A}fillStyleLst")
    if styles is None or idx > len(styles):
        return None
    return palette.fill(styles[idx - 1], color)


def theme_line_width(package: TemplatePackage, master: str, idx: int) -> float:
    """The width in points of the theme's line style ``idx`` (0.75 pt when unknown)."""
    theme = next(
        (t for typ, t, ext in package.rels(master).values() if typ == ox.RT_THEME and not ext),
        None,
    )
    if idx > 0 and theme is not None and theme in package.parts:
        styles = package.xml(theme).find(f".//{_A}fmtScheme/{_A}lnStyleLst")
        if styles is not None and idx <= len(styles):
            return num(styles[idx - 1], "w", 9525) / ox.EMU_PER_PT
    return 0.75


def flipped(fill: Fill, flip_h: bool, flip_v: bool, rotation: float = 0.0) -> Fill:
    """``fill`` as drawn on a flipped (and rotated) shape: the gradient turns with it."""
    angle, (fx, fy) = fill.angle, fill.focus
    if flip_h:
        angle, fx = 180.0 - angle, 1.0 - fx
    if flip_v:
        angle, fy = -angle, 1.0 - fy
    return replace(fill, angle=(angle + rotation) % 360.0, focus=(fx, fy))


def place_gradient(fill: Fill, x: float, y: float, w: float, h: float) -> Gradient:
    """``fill``'s gradient over the rectangle (x, y, w, h) in page points (y down).

    Linear: along the angle through the centre, long enough that the corners take the
    end colours (as PowerPoint draws it). Radial: stop 0 at the focus, the last stop half
    the box's diagonal away (as LibreOffice draws it).
    """
    colors = tuple((p, c.rgb) for p, c in fill.stops)
    opacities = tuple(c.opacity for _, c in fill.stops) if fill.varies else ()
    if fill.linear:
        a = math.radians(fill.angle)
        dx, dy = math.cos(a), math.sin(a)
        half = (abs(w * dx) + abs(h * dy)) / 2
        cx, cy = x + w / 2, y + h / 2
        return Gradient(
            colors, cx - dx * half, cy - dy * half, cx + dx * half, cy + dy * half,
            opacities=opacities,
        )  # fmt: skip
    fx, fy = x + fill.focus[0] * w, y + fill.focus[1] * h
    radius = math.hypot(w, h) / 2  # as LibreOffice draws it, wherever the focus is
    return Gradient(colors, fx, fy, fx, fy, radius=max(radius, 1.0), opacities=opacities)
