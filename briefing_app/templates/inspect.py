"""What a template holds: page size, masters, slide layouts with their placeholders
(type, idx, geometry in points), theme fonts and the free fonts we measure them with.

Geometry a layout placeholder does not state is inherited from the master's placeholder
of the same kind, as PowerPoint does. Everything is read with lxml from the checked
package (no python-pptx objects), so a .potx needs no rewriting here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from briefing_app.layout.fonts import CONSERVATIVE_WIDTH, metric_substitute
from briefing_app.templates import ooxml as ox
from briefing_app.templates.package import TemplatePackage

_P, _A = f"{{{ox.NS_P}}}", f"{{{ox.NS_A}}}"
_R_ID = f"{{{ox.NS_R}}}id"
# A placeholder with no type attribute is an object placeholder.
MASTER_KIND = {
    "title": "title",
    "ctrTitle": "title",
    "subTitle": "body",
    "body": "body",
    "obj": "body",
    "pic": "body",
    "tbl": "body",
    "chart": "body",
    "dgm": "body",
    "media": "body",
    "clipArt": "body",
    "dt": "dt",
    "ftr": "ftr",
    "sldNum": "sldNum",
}
CHROME_TYPES = ("dt", "ftr", "sldNum", "hdr")
TITLE_TYPES = ("title", "ctrTitle")
UNKNOWN_FONT_WIDTH = CONSERVATIVE_WIDTH  # fonts with no metric twin are measured this wide


@dataclass(frozen=True)
class Placeholder:
    type: str  # title, ctrTitle, subTitle, body, obj, pic, dt, ftr, sldNum, ...
    idx: int
    name: str
    x: float  # points
    y: float
    w: float
    h: float
    vertical: bool = False  # text runs top to bottom (East Asian layouts): never used

    @property
    def area(self) -> float:
        return self.w * self.h


@dataclass(frozen=True)
class SlideLayoutInfo:
    master: int  # index of its master in the presentation
    index: int  # index among its master's layouts
    name: str
    part: str
    placeholders: tuple[Placeholder, ...]
    pictures: int = 0  # pictures (logos) the layout draws itself
    shapes: int = 0  # other shapes and text it draws itself
    shows_master_shapes: bool = True

    def of_type(self, *types: str) -> list[Placeholder]:
        return [p for p in self.placeholders if p.type in types]

    @property
    def title(self) -> Placeholder | None:
        """The (horizontal) title placeholder, if the layout has one."""
        return next(
            (p for p in self.placeholders if p.type in TITLE_TYPES and not p.vertical), None
        )


@dataclass(frozen=True)
class FontUse:
    role: str  # "headings" (+mj-lt), "body" (+mn-lt) or "text" (named in a style)
    name: str  # the Office font name
    measured_with: str  # the free face we measure it with
    exact: bool  # True when that face has the same advance widths
    width_factor: float = 1.0  # > 1 when we measure conservatively


@dataclass(frozen=True)
class MasterInfo:
    index: int
    part: str
    name: str
    pictures: int
    shapes: int
    placeholders: tuple[Placeholder, ...]
    fonts: tuple[FontUse, ...]  # its theme's heading and body fonts


@dataclass(frozen=True)
class TemplateInfo:
    filename: str
    width: float  # slide size in points
    height: float
    masters: tuple[MasterInfo, ...]
    layouts: tuple[SlideLayoutInfo, ...]
    fonts: tuple[FontUse, ...]
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def aspect(self) -> str:
        ratio = self.width / self.height if self.height else 0.0
        for label, value in (("16:9", 16 / 9), ("4:3", 4 / 3), ("16:10", 1.6), ("A4", 297 / 210)):
            if abs(ratio - value) < 0.01:
                return label
            if ratio and abs(1 / ratio - value) < 0.01:  # the same page standing up
                return ":".join(reversed(label.split(":"))) if ":" in label else f"{label} portrait"
        return f"{ratio:.2f}:1"

    def layouts_of(self, master: int) -> list[SlideLayoutInfo]:
        return [lay for lay in self.layouts if lay.master == master]


def _pt(value: str | None) -> float:
    return int(value or 0) / ox.EMU_PER_PT


def _placeholders(tree: etree._Element, inherit: dict[str, Placeholder]) -> list[Placeholder]:
    out = []
    for sp in tree.iter(f"{_P}sp", f"{_P}pic", f"{_P}graphicFrame"):
        ph = sp.find(f"./*/{_P}nvPr/{_P}ph")
        if ph is None:
            continue
        ph_type = ph.get("type", "obj")
        idx = int(ph.get("idx", "0") or 0)
        c_nv_pr = sp.find(f"./*/{_P}cNvPr")
        name = c_nv_pr.get("name", "") if c_nv_pr is not None else ""
        xfrm = sp.find(f"./{_P}spPr/{_A}xfrm")
        if xfrm is None:
            xfrm = sp.find(f"./{_P}xfrm")
        off = xfrm.find(f"{_A}off") if xfrm is not None else None
        ext = xfrm.find(f"{_A}ext") if xfrm is not None else None
        if off is not None and ext is not None:
            x, y = _pt(off.get("x")), _pt(off.get("y"))
            w, h = _pt(ext.get("cx")), _pt(ext.get("cy"))
        else:
            base = inherit.get(MASTER_KIND.get(ph_type, "body"))
            if base is None:
                continue  # no geometry anywhere: PowerPoint would not show it either
            x, y, w, h = base.x, base.y, base.w, base.h
        body_pr = sp.find(f"./{_P}txBody/{_A}bodyPr")
        vertical = ph.get("orient") == "vert" or (
            body_pr is not None and body_pr.get("vert", "horz") != "horz"
        )
        out.append(Placeholder(ph_type, idx, name, x, y, w, h, vertical))
    return out


def _drawn(tree: etree._Element) -> tuple[int, int]:
    """Pictures and other shapes a master or layout draws itself (not placeholders)."""
    pictures = shapes = 0
    for el in tree.iter(f"{_P}pic", f"{_P}sp", f"{_P}cxnSp", f"{_P}grpSp"):
        if el.find(f"./*/{_P}nvPr/{_P}ph") is not None:
            continue
        if el.tag == f"{_P}pic":
            pictures += 1
        elif (parent := el.getparent()) is None or parent.tag != f"{_P}grpSp":
            shapes += 1
    return pictures, shapes


def _typefaces(root: etree._Element) -> list[str]:
    names = []
    for latin in root.iter(f"{_A}latin"):
        face = latin.get("typeface", "")
        if face and not face.startswith("+") and face not in names:
            names.append(face)
    return names


def font_use(role: str, name: str) -> FontUse:
    family = metric_substitute(name)
    if family is not None:
        return FontUse(role, name, _spaced(family.pdf_name), True)
    return FontUse(role, name, "Liberation Sans", False, UNKNOWN_FONT_WIDTH)


def _spaced(file_stem: str) -> str:
    """The family's name as a user knows it: "LiberationSerif" -> "Liberation Serif"."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", file_stem)


def _theme_fonts(
    package: TemplatePackage, mrels: dict[str, tuple[str, str, bool]]
) -> tuple[FontUse, ...]:
    theme = next((t for typ, t, _ in mrels.values() if typ == ox.RT_THEME), None)
    if theme is None or theme not in package.parts:
        return ()
    ttree = package.xml(theme)
    out = []
    for role, tag in (("headings", "majorFont"), ("body", "minorFont")):
        latin = ttree.find(f".//{_A}fontScheme/{_A}{tag}/{_A}latin")
        if latin is not None and latin.get("typeface"):
            out.append(font_use(role, latin.get("typeface", "")))
    return tuple(out)


def inspect_package(package: TemplatePackage) -> TemplateInfo:
    """Everything :mod:`briefing_app.templates.match` and the renderers need to know."""
    main = package.main_part
    pres = package.xml(main)
    size = pres.find(f"{_P}sldSz")
    width = _pt(size.get("cx")) if size is not None else 720.0
    height = _pt(size.get("cy")) if size is not None else 540.0
    rels = package.rels(main)
    master_parts = [
        rels[m.get(_R_ID, "")][1]
        for m in pres.iterfind(f"{_P}sldMasterIdLst/{_P}sldMasterId")
        if m.get(_R_ID, "") in rels
    ]
    masters: list[MasterInfo] = []
    layouts: list[SlideLayoutInfo] = []
    fonts: list[FontUse] = []
    named: list[str] = []
    for mi, mpart in enumerate(master_parts):
        mtree = package.xml(mpart)
        mrels = package.rels(mpart)
        m_phs = _placeholders(mtree, {})
        inherit = {MASTER_KIND.get(p.type, "body"): p for p in reversed(m_phs)}
        pics, shapes = _drawn(mtree)
        c_sld = mtree.find(f"{_P}cSld")
        theme_fonts = _theme_fonts(package, mrels)
        masters.append(
            MasterInfo(
                mi,
                mpart,
                c_sld.get("name", "") if c_sld is not None else "",
                pics,
                shapes,
                tuple(m_phs),
                theme_fonts,
            )
        )
        fonts += [f for f in theme_fonts if f not in fonts]
        for face in _typefaces(mtree):
            if face not in named:
                named.append(face)
        ordered = [
            mrels[i.get(_R_ID, "")][1]
            for i in mtree.iterfind(f"{_P}sldLayoutIdLst/{_P}sldLayoutId")
            if i.get(_R_ID, "") in mrels
        ]
        for li, lpart in enumerate(ordered):
            ltree = package.xml(lpart)
            c_sld = ltree.find(f"{_P}cSld")
            pics, shapes = _drawn(ltree)
            for face in _typefaces(ltree):
                if face not in named:
                    named.append(face)
            layouts.append(
                SlideLayoutInfo(
                    master=mi,
                    index=li,
                    name=c_sld.get("name", "") if c_sld is not None else "",
                    part=lpart,
                    placeholders=tuple(_placeholders(ltree, inherit)),
                    pictures=pics,
                    shapes=shapes,
                    shows_master_shapes=ltree.get("showMasterSp", "1") not in ("0", "false"),
                )
            )
    theme_names = {f.name for f in fonts}
    fonts += [font_use("text", n) for n in named if n not in theme_names]
    unknown = dict.fromkeys(f.name for f in fonts if not f.exact)
    warnings = tuple(
        f"{name} has no metric-compatible free font; it is measured as Liberation Sans "
        f"{round((UNKNOWN_FONT_WIDTH - 1) * 100)} % wider, so text cannot overflow but may "
        "wrap early."
        for name in unknown
    )
    return TemplateInfo(
        filename=package.filename,
        width=width,
        height=height,
        masters=tuple(masters),
        layouts=tuple(layouts),
        fonts=tuple(fonts),
        warnings=warnings,
    )
