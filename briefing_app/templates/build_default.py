"""Build our house template, ``resources/templates/briefing.pptx``, from code.

One 16:9 slide master with the marking bands, title and footer rules, real title, body,
date, footer and slide-number placeholders (the number is a ``slidenum`` field); one named
slide layout per layout of ours (their placeholders are the slots each layout declares,
on the frames our layout engine uses, see :mod:`briefing_app.templates.slots`); a theme
whose fonts (Arial, which we measure as Liberation Sans) and colours are those of
:mod:`briefing_app.layout.theme`.

The file is byte-for-byte reproducible: fixed part order, fixed ZIP timestamps, fixed
document dates and GUIDs. Run ``python -m briefing_app.templates.build_default`` after
changing the theme or a layout's slots, and commit the result.

Exports build the template in memory from the layouts the registry has, so a layout added
since the file was last written (one module, its tests and a registry line) already gets
its own slide layout there; the shipped file serves it by geometry, like any house
template, until it is written again (:func:`shipped_layouts`).
"""

from __future__ import annotations

import sys
import zipfile
from functools import cache
from pathlib import Path

from briefing_app.layout.slide_layout import PlaceholderKind, TemplateSlot, TemplateSlots
from briefing_app.layout.theme import MINISTRY, Theme
from briefing_app.layout.wrap import Frame
from briefing_app.paths import RESOURCES_DIR
from briefing_app.templates import ooxml as ox
from briefing_app.templates.ooxml import attr, emu, text
from briefing_app.templates.slots import layout_slots

TEMPLATES_DIR = RESOURCES_DIR / "templates"
DEFAULT_TEMPLATE = TEMPLATES_DIR / "briefing.pptx"
TEMPLATE_NAME = "Briefing (house style)"
MARKING_PROMPT = "MARKING"  # replaced by the deck's marking on export
MARKING_SHAPE_NAMES = ("Marking Top", "Marking Bottom")
FONT = "Arial"  # measured with Liberation Sans (same advance widths)
_ZIP_TIME = (2026, 1, 1, 0, 0, 0)
_DATE = "2026-01-01T00:00:00Z"
_SLIDENUM_GUID = "{4F1B6A0E-2C1D-4E55-9B7A-1C0B5D2E7A01}"
_DATETIME_GUID = "{4F1B6A0E-2C1D-4E55-9B7A-1C0B5D2E7A02}"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_PNS = f'xmlns:a="{ox.NS_A}" xmlns:r="{ox.NS_R}" xmlns:p="{ox.NS_P}"'
_MASTER_ID = 2147483648
_DT_IDX, _FTR_IDX, _NUM_IDX = 10, 11, 12


# -- small markup helpers ------------------------------------------------------------------


def _xfrm(f: Frame) -> str:
    return (
        f'<a:xfrm><a:off x="{emu(f.x)}" y="{emu(f.y)}"/>'
        f'<a:ext cx="{emu(f.w)}" cy="{emu(f.h)}"/></a:xfrm>'
    )


def _color(color: str) -> str:
    """A colour element: "scheme:tx2" is a theme colour, "1F3864" an RGB value."""
    if color.startswith("scheme:"):
        return f'<a:schemeClr val="{color[7:]}"/>'
    return f'<a:srgbClr val="{color}"/>'


def _fill(color: str) -> str:
    return f"<a:solidFill>{_color(color)}</a:solidFill>"


def _rpr(size: float, color: str, bold: bool = False, italic: bool = False, font: str = "") -> str:
    flags = (' b="1"' if bold else ' b="0"') + (' i="1"' if italic else "")
    latin = f'<a:latin typeface="{font}"/>' if font else ""
    return f'<a:defRPr sz="{round(size * 100)}"{flags}>{_fill(color)}{latin}</a:defRPr>'


def _ppr(
    level: int,
    size: float,
    color: str,
    *,
    bold: bool = False,
    italic: bool = False,
    align: str = "l",
    mar_l: float = 0.0,
    indent: float = 0.0,
    space_before: float = 0.0,
    bullet: str = "",
    bullet_color: str = "",
    font: str = "+mn-lt",
) -> str:
    """One ``a:lvlNpPr``; ``bullet`` is a character, "autonum" or "" (no bullet)."""
    if bullet == "autonum":
        bu = f'<a:buClr>{_color(bullet_color or color)}</a:buClr><a:buFont typeface="+mj-lt"/>'
        bu += '<a:buAutoNum type="arabicPeriod"/>'
    elif bullet:
        bu = f"<a:buClr>{_color(bullet_color or color)}</a:buClr>"
        bu += f'<a:buFont typeface="Arial"/><a:buChar char={attr(bullet)}/>'
    else:
        bu = "<a:buNone/>"
    return (
        f'<a:lvl{level}pPr marL="{emu(mar_l)}" indent="{emu(indent)}" algn="{align}">'
        '<a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
        f'<a:spcBef><a:spcPts val="{round(space_before * 100)}"/></a:spcBef>'
        f"{bu}{_rpr(size, color, bold, italic, font)}</a:lvl{level}pPr>"
    )


def _list_style(*levels: str) -> str:
    return "<a:lstStyle>" + "".join(levels) + "</a:lstStyle>"


def _body_pr(anchor: str = "t") -> str:
    return (
        f'<a:bodyPr vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" '
        f'rtlCol="0" anchor="{anchor}"><a:noAutofit/></a:bodyPr>'
    )


def _placeholder(
    shape_id: int,
    name: str,
    ph: str,
    frame: Frame | None,
    prompt: str = "",
    list_style: str = "<a:lstStyle/>",
    anchor: str = "t",
    paragraph: str = "",
) -> str:
    geometry = _xfrm(frame) if frame is not None else ""
    body = paragraph or (
        f'<a:p><a:r><a:rPr lang="en-GB"/><a:t>{text(prompt)}</a:t></a:r></a:p>'
        if prompt
        else '<a:p><a:endParaRPr lang="en-GB"/></a:p>'
    )
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={attr(name)}/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr>'
        f'<p:spPr>{geometry}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
        f"<p:txBody>{_body_pr(anchor)}{list_style}{body}</p:txBody></p:sp>"
    )


def _rect(shape_id: int, name: str, frame: Frame, color: str, decorative: bool = True) -> str:
    ext = ox.DECORATIVE_EXT if decorative else ""
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={attr(name)}>{ext}</p:cNvPr>'
        f'<p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr>{_xfrm(frame)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f"{_fill(color)}<a:ln><a:noFill/></a:ln></p:spPr></p:sp>"
    )


def _line(shape_id: int, name: str, x1: float, y: float, x2: float, color: str, w: float) -> str:
    return (
        f'<p:cxnSp><p:nvCxnSpPr><p:cNvPr id="{shape_id}" name={attr(name)}>'
        f'{ox.DECORATIVE_EXT}</p:cNvPr><p:cNvCxnSpPr/><p:nvPr userDrawn="1"/></p:nvCxnSpPr>'
        f"<p:spPr>{_xfrm(Frame(x1, y, x2 - x1, 0))}"
        f'<a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
        f'<a:ln w="{emu(w)}">{_fill(color)}</a:ln></p:spPr></p:cxnSp>'
    )


def _marking_bands(t: Theme, first_id: int, marked: bool = True) -> str:
    """The marking at the top and bottom of the page: a dark band with centred text."""
    if not marked:
        return ""
    out = []
    for k, (name, y) in enumerate(
        zip(MARKING_SHAPE_NAMES, (0.0, t.page_h - t.marking_h), strict=True)
    ):
        frame = Frame(0.0, y, t.page_w, t.marking_h)
        out.append(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{first_id + k}" name={attr(name)}/>'
            '<p:cNvSpPr txBox="1"/><p:nvPr userDrawn="1"/></p:nvSpPr>'
            f'<p:spPr>{_xfrm(frame)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
            f"{_fill(t.marking_fill)}<a:ln><a:noFill/></a:ln></p:spPr>"
            f"<p:txBody>{_body_pr('ctr')}<a:lstStyle/>"
            f'<a:p><a:pPr algn="ctr"/><a:r><a:rPr lang="en-GB" sz="{round(t.marking_size * 100)}" '
            f'b="1">{_fill(t.marking_text)}<a:latin typeface="+mn-lt"/></a:rPr>'
            f"<a:t>{MARKING_PROMPT}</a:t></a:r></a:p></p:txBody></p:sp>"
        )
    return "".join(out)


def _tree(shapes: str) -> str:
    return (
        '<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
        '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/>'
        f'<a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>{shapes}</p:spTree>'
    )


# -- chrome: footer line placeholders -----------------------------------------------------


def _chrome_frames(t: Theme, marked: bool = True) -> dict[str, Frame]:
    meta_y = t.footer_rule_y(marked) + 6
    return {
        "dt": Frame(t.margin + 612, meta_y, 160, 13.0),
        "ftr": Frame(t.margin, meta_y, 600, 13.0),
        "sldNum": Frame(t.page_w - t.margin - 80, meta_y, 80, 13.0),
    }


def _chrome(t: Theme, first_id: int, with_geometry: bool, marked: bool = True) -> str:
    frames = _chrome_frames(t, marked)
    muted = "scheme:accent3"
    dt = _placeholder(
        first_id,
        "Date Placeholder",
        f'<p:ph type="dt" sz="half" idx="{_DT_IDX}"/>',
        frames["dt"] if with_geometry else None,
        list_style=_list_style(_ppr(1, t.meta_size, muted, align="r", font="")),
        paragraph=(
            f'<a:p><a:fld id="{_DATETIME_GUID}" type="datetime1"><a:rPr lang="en-GB"/>'
            '<a:t>01/01/2026</a:t></a:fld><a:endParaRPr lang="en-GB"/></a:p>'
        ),
    )
    ftr = _placeholder(
        first_id + 1,
        "Footer Placeholder",
        f'<p:ph type="ftr" sz="quarter" idx="{_FTR_IDX}"/>',
        frames["ftr"] if with_geometry else None,
        list_style=_list_style(_ppr(1, t.meta_size, muted, font="")),
    )
    num = _placeholder(
        first_id + 2,
        "Slide Number Placeholder",
        f'<p:ph type="sldNum" sz="quarter" idx="{_NUM_IDX}"/>',
        frames["sldNum"] if with_geometry else None,
        list_style=_list_style(_ppr(1, t.number_size, "scheme:tx2", bold=True, align="r", font="")),
        paragraph=(
            f'<a:p><a:fld id="{_SLIDENUM_GUID}" type="slidenum"><a:rPr lang="en-GB"/>'
            '<a:t>\u2039#\u203a</a:t></a:fld><a:endParaRPr lang="en-GB"/></a:p>'
        ),
    )
    return dt + ftr + num


# -- master ------------------------------------------------------------------------------


def _bullet_levels(t: Theme, size: float) -> str:
    """Claims (navy square) and supporting points (muted dash), as our layout sets them."""
    sub = size * 0.9
    levels = [
        _ppr(
            1,
            size,
            "scheme:tx1",
            mar_l=size,
            indent=-size,
            space_before=0.55 * size,
            bullet="\u25aa",
            bullet_color="scheme:tx2",
        ),
        _ppr(
            2,
            sub,
            "scheme:tx1",
            mar_l=2.1 * size,
            indent=-0.9 * size,
            space_before=0.25 * size,
            bullet="\u2013",
            bullet_color="scheme:accent3",
        ),
    ]
    for level in range(3, 10):
        levels.append(
            _ppr(
                level,
                sub,
                "scheme:tx1",
                mar_l=(level + 0.1) * size,
                indent=-0.9 * size,
                space_before=0.25 * size,
                bullet="\u2013",
                bullet_color="scheme:accent3",
            )
        )
    return "".join(levels)


def master_xml(t: Theme, layout_count: int, marked: bool = True) -> str:
    title = t.title_frame(marked)
    body = t.body_frame(marked)
    shapes = _placeholder(
        2, "Title Placeholder", '<p:ph type="title"/>', title, "Click to edit the title", anchor="b"
    )
    shapes += _placeholder(
        3,
        "Text Placeholder",
        '<p:ph type="body" idx="1"/>',
        body,
        paragraph=(
            '<a:p><a:pPr lvl="0"/><a:r><a:rPr lang="en-GB"/><a:t>Claim</a:t></a:r></a:p>'
            '<a:p><a:pPr lvl="1"/><a:r><a:rPr lang="en-GB"/><a:t>Supporting point</a:t></a:r></a:p>'
        ),
    )
    shapes += _chrome(t, 4, with_geometry=True, marked=marked)
    rule_y = t.title_rule_y(marked)
    shapes += _line(7, "Title Rule", t.margin, rule_y, t.page_w - t.margin, t.navy, t.title_rule_w)
    foot_y = t.footer_rule_y(marked)
    shapes += _line(8, "Footer Rule", t.margin, foot_y, t.page_w - t.margin, t.rule, 0.5)
    shapes += _marking_bands(t, 9, marked)
    layout_ids = "".join(
        f'<p:sldLayoutId id="{_MASTER_ID + 1 + k}" r:id="rId{k + 1}"/>' for k in range(layout_count)
    )
    title_style = (
        "<p:titleStyle>"
        + _ppr(1, t.title_size, "scheme:tx2", bold=True, font="+mj-lt")
        + "</p:titleStyle>"
    )
    body_style = "<p:bodyStyle>" + _bullet_levels(t, t.body_size) + "</p:bodyStyle>"
    other = "<p:otherStyle>" + _ppr(1, 18.0, "scheme:tx1") + "</p:otherStyle>"
    return (
        f"{_XML}<p:sldMaster {_PNS}><p:cSld>"
        '<p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg>'
        f"{_tree(shapes)}</p:cSld>"
        '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" '
        'accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" '
        'hlink="hlink" folHlink="folHlink"/>'
        f"<p:sldLayoutIdLst>{layout_ids}</p:sldLayoutIdLst>"
        f"<p:txStyles>{title_style}{body_style}{other}</p:txStyles></p:sldMaster>"
    )


# -- layouts -----------------------------------------------------------------------------

_PROMPTS = {
    "subtitle": "Subtitle",
    "author and date": "Author, office \u00b7 date",
    "bullets": "Claim",
    "key judgements": "Key judgement",
    "agenda": "Agenda item",
    "quote": "\u201cQuotation\u201d",
    "left quote": "\u201cQuotation\u201d",
    "right quote": "\u201cQuotation\u201d",
    "points": "Point",
    "numbered points": "Point",
    "speaker": "\u2014 Speaker, date",
    "left heading": "Heading",
    "right heading": "Heading",
    "left column": "Claim",
    "right column": "Claim",
    "timeline": "Date \u2014 event",
    "map": "Map",
    "caption": "Caption",
    "references": "[1] Reference",
    "body": "Text",
}


def _slot_style(t: Theme, key: str, slot: TemplateSlot) -> str:
    """The list style our layout engine gives the text of ``slot`` (sizes before fitting)."""
    muted, navy = "scheme:accent3", "scheme:tx2"
    label = slot.label
    if label == "subtitle":
        return _list_style(_ppr(1, 22.0, muted))
    if label == "author and date":
        return _list_style(_ppr(1, 16.0, "scheme:tx1", bold=True))
    if label == "quote" and key == "callout":
        return _list_style(_ppr(1, 18.0, "scheme:tx1", italic=True))
    if label == "quote":
        return _list_style(_ppr(1, 28.0, "scheme:tx1", italic=True))
    if label.endswith("quote"):
        return _list_style(_ppr(1, 24.0, "scheme:tx1", italic=True))
    if label == "speaker":
        return _list_style(_ppr(1, 18.0, navy, bold=True))
    if label.endswith("heading"):
        return _list_style(_ppr(1, 20.0, navy, bold=True))
    if label == "caption":
        return _list_style(_ppr(1, 12.0, muted, italic=True))
    if label == "references":
        return _list_style(_ppr(1, 16.0, "scheme:tx1", space_before=6.4))
    if label == "timeline":
        return _list_style(_ppr(1, 18.0, "scheme:tx1", space_before=9.0))
    if label in ("agenda", "key judgements", "numbered points"):
        size = {"agenda": 24.0, "key judgements": 22.0}.get(label, t.body_size)
        mar = size * 1.25
        return _list_style(
            _ppr(
                1,
                size,
                "scheme:tx1",
                mar_l=mar,
                indent=-mar,
                space_before=(0.8 if label == "agenda" else 0.6) * size,
                bullet="autonum",
                bullet_color=navy,
            )
        )
    if key == "map":
        return _list_style(_bullet_levels(t, 18.0))
    return "<a:lstStyle/>"  # bullets (and a picture): the master's body style


def _slot_ph(slot: TemplateSlot, idx: int) -> str:
    if slot.kind == PlaceholderKind.OBJECT:
        return f'<p:ph idx="{idx}"/>'
    return f'<p:ph type="{slot.kind}" idx="{idx}"/>'


def layout_xml(t: Theme, key: str, spec: TemplateSlots, marked: bool = True) -> str:
    """The slide layout for our layout ``key``, from what it declares (``spec``)."""
    cover = spec.ooxml_type == "title"
    big = cover or spec.ooxml_type == "secHead"  # drawn on the side band, as a cover
    title_size = t.cover_title_size if cover else t.section_title_size
    title_style = (
        _list_style(_ppr(1, title_size, "scheme:tx2", bold=True, font="+mj-lt"))
        if big
        else "<a:lstStyle/>"
    )
    ph = f'<p:ph type="{spec.title_kind}"/>'
    shapes = ""
    next_id = 2
    if big:  # these layouts hide the master's rules: draw the band and marking here
        band = Frame(0.0, t.top(marked), 16.0, t.bottom(marked) - t.top(marked))
        shapes += _rect(next_id, "Side Band", band, t.navy)
        next_id += 1
    shapes += _placeholder(
        next_id, "Title", ph, spec.title, "Click to edit the title", title_style, anchor="b"
    )
    next_id += 1
    for k, slot in enumerate(spec.slots, start=1):
        shapes += _placeholder(
            next_id,
            slot.label.capitalize(),
            _slot_ph(slot, k),
            slot.frame,
            _PROMPTS.get(slot.label, "Text") if slot.kind != PlaceholderKind.PICTURE else "",
            _slot_style(t, key, slot),
        )
        next_id += 1
    # every layout has them, the cover and section's too (placed as on the master)
    shapes += _chrome(t, next_id, with_geometry=False, marked=marked)
    next_id += 3
    if big:
        x = spec.title.x
        if cover:
            y, w, width = t.top(marked) + 344, 240.0, 1.5
        else:
            y, w, width = t.top(marked) + 264, 96.0, 4.0
        shapes += _line(next_id, "Accent Rule", x, y, x + w, t.navy, width)
        shapes += _marking_bands(t, next_id + 1, marked)
    show = ' showMasterSp="0"' if big else ""
    return (
        f'{_XML}<p:sldLayout {_PNS} type={attr(spec.ooxml_type)} preserve="1"{show}>'
        f"<p:cSld name={attr(spec.name)}>{_tree(shapes)}</p:cSld>"
        "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
    )


def title_only_xml(t: Theme) -> str:
    """A "Title Only" layout for slides the user makes by hand (charts, pictures)."""
    shapes = _placeholder(
        2, "Title", '<p:ph type="title"/>', None, "Click to edit the title", anchor="b"
    )
    shapes += _chrome(t, 3, with_geometry=False)
    return (
        f'{_XML}<p:sldLayout {_PNS} type="titleOnly" preserve="1">'
        f'<p:cSld name="Title Only">{_tree(shapes)}</p:cSld>'
        "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
    )


# -- theme and package -------------------------------------------------------------------


def theme_xml(t: Theme) -> str:
    colors = {
        "dk1": t.text,
        "lt1": t.background,
        "dk2": t.navy,
        "lt2": t.panel,
        "accent1": t.accent,
        "accent2": t.navy,
        "accent3": t.muted,
        "accent4": t.rule,
        "accent5": t.marking_fill,
        "accent6": "7F7F7F",
        "hlink": t.accent,
        "folHlink": t.muted,
    }
    scheme = "".join(f'<a:{k}><a:srgbClr val="{v}"/></a:{k}>' for k, v in colors.items())
    faces = f'<a:latin typeface="{FONT}"/><a:ea typeface=""/><a:cs typeface=""/>'
    fonts = f"<a:majorFont>{faces}</a:majorFont><a:minorFont>{faces}</a:minorFont>"
    solid = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    fills = solid * 3
    lines = "".join(
        f'<a:ln w="{w}" cap="flat" cmpd="sng" algn="ctr">{solid}'
        '<a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>'
        for w in (6350, 12700, 19050)
    )
    effects = "<a:effectStyle><a:effectLst/></a:effectStyle>" * 3
    return (
        f'{_XML}<a:theme xmlns:a="{ox.NS_A}" name="Briefing">'
        f'<a:themeElements><a:clrScheme name="Briefing">{scheme}</a:clrScheme>'
        f'<a:fontScheme name="Briefing">{fonts}</a:fontScheme>'
        f'<a:fmtScheme name="Briefing"><a:fillStyleLst>{fills}</a:fillStyleLst>'
        f"<a:lnStyleLst>{lines}</a:lnStyleLst>"
        f"<a:effectStyleLst>{effects}</a:effectStyleLst>"
        f"<a:bgFillStyleLst>{fills}</a:bgFillStyleLst></a:fmtScheme></a:themeElements>"
        "<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"
    )


def _rels(rels: list[tuple[str, str]]) -> str:
    body = "".join(
        f'<Relationship Id="rId{k}" Type="{rtype}" Target="{target}"/>'
        for k, (rtype, target) in enumerate(rels, start=1)
    )
    return f'{_XML}<Relationships xmlns="{ox.NS_RELS}">{body}</Relationships>'


def build_parts(
    t: Theme = MINISTRY, marked: bool = True, layouts: tuple[str, ...] | None = None
) -> list[tuple[str, str]]:
    """Every part of the template as (member name, XML text), in writing order; with
    ``marked`` False, the variant for an unmarked deck (no bands, frames moved up); with
    ``layouts``, a slide layout for those of ours only (by name)."""
    specs = {
        key: spec
        for key, spec in layout_slots(t, marked).items()
        if layouts is None or key in layouts
    }
    layout_parts = [layout_xml(t, k, s, marked) for k, s in specs.items()]
    layout_parts.append(title_only_xml(t))
    n = len(layout_parts)
    overrides = [
        ("/ppt/presentation.xml", ox.CT_PRESENTATION),
        ("/ppt/slideMasters/slideMaster1.xml", ox.CT_SLIDE_MASTER),
        *((f"/ppt/slideLayouts/slideLayout{k}.xml", ox.CT_SLIDE_LAYOUT) for k in range(1, n + 1)),
        ("/ppt/theme/theme1.xml", ox.CT_THEME),
        ("/ppt/presProps.xml", ox.CT_PRES_PROPS),
        ("/ppt/viewProps.xml", ox.CT_VIEW_PROPS),
        ("/ppt/tableStyles.xml", ox.CT_TABLE_STYLES),
        ("/docProps/core.xml", ox.CT_CORE),
        ("/docProps/app.xml", ox.CT_EXTENDED),
    ]
    types = (
        f'{_XML}<Types xmlns="{ox.NS_TYPES}">'
        f'<Default Extension="rels" ContentType="{ox.CT_RELS}"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{p}" ContentType="{c}"/>' for p, c in overrides)
        + "</Types>"
    )
    w, h = emu(t.page_w), emu(t.page_h)
    presentation = (
        f'{_XML}<p:presentation {_PNS} saveSubsetFonts="1">'
        f'<p:sldMasterIdLst><p:sldMasterId id="{_MASTER_ID}" r:id="rId1"/></p:sldMasterIdLst>'
        f'<p:sldSz cx="{w}" cy="{h}"/><p:notesSz cx="{h}" cy="{w}"/>'
        "<p:defaultTextStyle>"
        + _ppr(1, 18.0, "scheme:tx1")
        + "</p:defaultTextStyle></p:presentation>"
    )
    core = (
        f"{_XML}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{text(TEMPLATE_NAME)}</dc:title><dc:creator>Briefing App</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{_DATE}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{_DATE}</dcterms:modified>'
        "</cp:coreProperties>"
    )
    app = (
        f'{_XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        'docPropsVTypes"><TotalTime>0</TotalTime><Application>Briefing App</Application>'
        "<PresentationFormat>Widescreen</PresentationFormat><Slides>0</Slides><Notes>0</Notes>"
        "</Properties>"
    )
    parts = [
        ("[Content_Types].xml", types),
        (
            "_rels/.rels",
            _rels(
                [
                    (ox.RT_OFFICE_DOCUMENT, "ppt/presentation.xml"),
                    (ox.RT_CORE, "docProps/core.xml"),
                    (ox.RT_EXTENDED, "docProps/app.xml"),
                ]
            ),
        ),
        ("docProps/core.xml", core),
        ("docProps/app.xml", app),
        ("ppt/presentation.xml", presentation),
        (
            "ppt/_rels/presentation.xml.rels",
            _rels(
                [
                    (ox.RT_SLIDE_MASTER, "slideMasters/slideMaster1.xml"),
                    (ox.RT_THEME, "theme/theme1.xml"),
                    (ox.RT_PRES_PROPS, "presProps.xml"),
                    (ox.RT_VIEW_PROPS, "viewProps.xml"),
                    (ox.RT_TABLE_STYLES, "tableStyles.xml"),
                ]
            ),
        ),
        ("ppt/presProps.xml", f"{_XML}<p:presentationPr {_PNS}/>"),
        (
            "ppt/viewProps.xml",
            f'{_XML}<p:viewPr {_PNS}><p:gridSpacing cx="76200" cy="76200"/></p:viewPr>',
        ),
        (
            "ppt/tableStyles.xml",
            f'{_XML}<a:tblStyleLst xmlns:a="{ox.NS_A}" '
            'def="{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"/>',
        ),
        ("ppt/theme/theme1.xml", theme_xml(t)),
        ("ppt/slideMasters/slideMaster1.xml", master_xml(t, n, marked)),
        (
            "ppt/slideMasters/_rels/slideMaster1.xml.rels",
            _rels(
                [
                    (ox.RT_SLIDE_LAYOUT, f"../slideLayouts/slideLayout{k}.xml")
                    for k in range(1, n + 1)
                ]
                + [(ox.RT_THEME, "../theme/theme1.xml")]
            ),
        ),
    ]
    for k, xml in enumerate(layout_parts, start=1):
        parts.append((f"ppt/slideLayouts/slideLayout{k}.xml", xml))
        parts.append(
            (
                f"ppt/slideLayouts/_rels/slideLayout{k}.xml.rels",
                _rels([(ox.RT_SLIDE_MASTER, "../slideMasters/slideMaster1.xml")]),
            )
        )
    return parts


@cache
def build_bytes(
    t: Theme = MINISTRY, marked: bool = True, layouts: tuple[str, ...] | None = None
) -> bytes:
    """The template file's bytes (identical on every run)."""
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, xml in build_parts(t, marked, layouts):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, xml.encode("utf-8"), compresslevel=9)
    return buffer.getvalue()


def shipped_layouts(path: Path = DEFAULT_TEMPLATE) -> tuple[str, ...]:
    """Our layouts (by name) that the template file at ``path`` has a slide layout for."""
    import re

    from lxml import etree

    names = set()
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            if re.fullmatch(r"ppt/slideLayouts/slideLayout\d+\.xml", member):
                c_sld = etree.fromstring(archive.read(member)).find(f"{{{ox.NS_P}}}cSld")
                if c_sld is not None:
                    names.add(c_sld.get("name", ""))
    return tuple(key for key, spec in layout_slots().items() if spec.name in names)


def write_default(path: Path = DEFAULT_TEMPLATE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(build_bytes())
    return path


def main() -> int:
    path = write_default()
    print(f"Wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
