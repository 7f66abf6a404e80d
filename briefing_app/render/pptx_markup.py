"""PresentationML shape markup for laid-out boxes: text boxes, rectangles, lines,
freeforms and pictures.

A slide's shapes are written as one string that goes into the slide part as it is (see
pptx_package). python-pptx's shape API re-scans the shape tree and builds proxies for
every property set, and its FreeformBuilder is quadratic in the point count (a Europe
map took 2 s); a 100-slide deck spent most of its export time there. The markup is what
python-pptx itself writes for these shapes — native, editable text boxes, rectangles,
connectors, freeforms and pictures — minus the theme style reference, so no theme line,
fill or shadow leaks in.
"""

from __future__ import annotations

from briefing_app.layout.boxes import PathBox, PictureBox, RectBox, RuleBox, TextBox
from briefing_app.render.pptx_template import ph_xml
from briefing_app.render.pptx_text import (
    LinkRelater,
    complex_script,
    text_body,
    xml_attr,
    xml_text,
)
from briefing_app.templates.inspect import Placeholder
from briefing_app.templates.ooxml import DECORATIVE_EXT
from briefing_app.templates.run_defaults import RunDefaults

EMU_PER_PT = 12700


TEXT_BOX = ' txBox="1"'


def _emu(points: float) -> int:
    return round(points * EMU_PER_PT)


def _solid(color: str | None) -> str:
    if not color:
        return "<a:noFill/>"
    return f'<a:solidFill><a:srgbClr val="{_hex(color)}"/></a:solidFill>'


def _outline(color: str | None, width: float) -> str:
    if color and width > 0:
        return f'<a:ln w="{_emu(width)}">{_solid(color)}</a:ln>'
    return "<a:ln><a:noFill/></a:ln>"


def _nv(tag: str, shape_id: int, name: str, extra: str = "", decorative: bool = False) -> str:
    c_nv_pr = f'<p:cNvPr id="{shape_id}" name="{xml_attr(name)}"'
    c_nv_pr += f">{DECORATIVE_EXT}</p:cNvPr>" if decorative else "/>"
    return f"<p:nv{tag}Pr>{c_nv_pr}<p:cNv{tag}Pr{extra}/><p:nvPr/></p:nv{tag}Pr>"


def _xfrm(x: int, y: int, cx: int, cy: int, flips: str = "") -> str:
    return f'<a:xfrm{flips}><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'


def rect_xml(shape_id: int, box: RectBox, decorative: bool = False) -> str:
    geometry = _xfrm(_emu(box.x), _emu(box.y), _emu(box.w), _emu(box.h))
    return (
        f"<p:sp>{_nv('Sp', shape_id, box.name, decorative=decorative)}<p:spPr>{geometry}"
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f"{_solid(box.fill)}{_outline(box.stroke, box.stroke_width)}</p:spPr></p:sp>"
    )


def line_xml(shape_id: int, box: RuleBox, decorative: bool = False) -> str:
    flips = (' flipH="1"' if box.x2 < box.x1 else "") + (' flipV="1"' if box.y2 < box.y1 else "")
    geometry = _xfrm(
        _emu(min(box.x1, box.x2)),
        _emu(min(box.y1, box.y2)),
        _emu(abs(box.x2 - box.x1)),
        _emu(abs(box.y2 - box.y1)),
        flips,
    )
    return (
        f"<p:cxnSp>{_nv('CxnSp', shape_id, box.name, decorative=decorative)}<p:spPr>{geometry}"
        '<a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
        f"{_outline(box.color, box.width)}</p:spPr></p:cxnSp>"
    )


def textbox_xml(shape_id: int, box: TextBox, relate: LinkRelater) -> str:
    """A native text box at exactly the laid-out frame (see pptx_text for placement)."""
    body, top, height, width = text_body(box, relate, loose=True)
    geometry = _xfrm(_emu(box.x), _emu(top), _emu(width), _emu(height))
    names = _nv("Sp", shape_id, box.name, TEXT_BOX)
    return (
        f"<p:sp>{names}<p:spPr>{geometry}"
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{_solid(box.fill)}</p:spPr>'
        f"{body}</p:sp>"
    )


def theme_font_refs(xml: str, fonts: dict[str, str]) -> str:
    """Runs in a face the theme supplies refer to the theme instead of naming it: their
    Latin face ("+mn-lt") and their complex-script face ("+mn-cs", the theme's own)."""
    for face, ref in fonts.items():
        named = xml_attr(face)
        xml = xml.replace(
            f'<a:latin typeface="{named}"/><a:cs typeface="{named}"/>',
            f'<a:latin typeface="{ref}"/><a:cs typeface="{complex_script(ref)}"/>',
        )
    return xml


# A frame this close to its layout placeholder's (EMU, each way) is that frame: layout
# points scaled onto the template's page round to within a unit or two.
SAME_FRAME_EMU = 2


def placeholder_xml(
    shape_id: int,
    box: TextBox,
    relate: LinkRelater,
    ph: Placeholder,
    fonts: dict[str, str],
    inherits: RunDefaults | None = None,
) -> str:
    """``box`` as the slide's instance of the layout placeholder ``ph``: with the theme's
    font references where they apply, and positioned where layout put it; where that is
    the placeholder's own frame, no position is written, so the slide inherits it (and
    follows the layout when the template's designer moves it). Without a fill of its own
    it inherits the layout's (a template's panel behind its titles: the PDF draws it from
    the same placeholder, see templates.art). Run properties the placeholder inherits
    as they are (``inherits``: bold, italic, the theme's Latin face) are left out; the size
    stays, as layout chose it to fit."""
    body, top, height, width = text_body(box, relate)
    body = theme_font_refs(body, fonts)
    if inherits is not None:
        body = _without_inherited(body, inherits)
    frame = (_emu(box.x), _emu(top), _emu(width), _emu(height))
    own = (_emu(ph.x), _emu(ph.y), _emu(ph.w), _emu(ph.h))
    same = all(abs(a - b) <= SAME_FRAME_EMU for a, b in zip(frame, own, strict=True))
    geometry = "" if same else _xfrm(*frame)
    fill = _solid(box.fill) if box.fill else ""
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{xml_attr(box.name)}"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph_xml(ph.type, ph.idx)}'
        f'</p:nvPr></p:nvSpPr><p:spPr>{geometry}<a:prstGeom prst="rect"><a:avLst/>'
        f"</a:prstGeom>{fill}</p:spPr>{body}</p:sp>"
    )


def _without_inherited(body: str, inherits: RunDefaults) -> str:
    """``body``'s run properties without those equal to what they inherit."""
    if inherits.bold is not None:
        body = body.replace(f' b="{int(inherits.bold)}"', "")
    if inherits.italic is not None:
        body = body.replace(f' i="{int(inherits.italic)}"', "")
    if inherits.latin is not None:  # the complex-script face stays: not all styles say it
        body = body.replace(f'<a:latin typeface="{xml_attr(inherits.latin)}"/>', "")
    return body


def as_field(xml: str, field_type: str, guid: str, text: str) -> str:
    """``xml`` with its first run turned into a field PowerPoint keeps up to date (a slide
    number: ``slidenum``) showing ``text`` until it is worked out."""
    start = xml.find("<a:r>")
    end = xml.find("</a:r>", start)
    if start < 0 or end < 0:
        return xml
    run = xml[start : end + len("</a:r>")]
    t_start, t_end = run.find("<a:t>"), run.find("</a:t>")
    if t_start >= 0 and t_end > t_start:
        run = run[: t_start + len("<a:t>")] + xml_text(text) + run[t_end:]
    field = run.replace("<a:r>", f'<a:fld id="{guid}" type="{field_type}">', 1)
    field = field[: -len("</a:r>")] + "</a:fld>"
    return xml[:start] + field + xml[end + len("</a:r>") :]


def group_xml(
    shape_id: int,
    name: str,
    description: str,
    children: str,
    bounds: tuple[float, float, float, float],
) -> str:
    """A group of already written shapes with alt text (its children keep slide
    coordinates: the group's child frame equals its frame)."""
    x, y, w, h = (_emu(v) for v in bounds)
    frame = (
        f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/>'
        f'<a:chOff x="{x}" y="{y}"/><a:chExt cx="{w}" cy="{h}"/></a:xfrm>'
    )
    return (
        f'<p:grpSp><p:nvGrpSpPr><p:cNvPr id="{shape_id}" name="{xml_attr(name)}" '
        f'descr="{xml_attr(description)}"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
        f"<p:grpSpPr>{frame}</p:grpSpPr>{children}</p:grpSp>"
    )


def picture_xml(shape_id: int, box: PictureBox, rid: str, description: str) -> str:
    """A ``p:pic`` showing the image related as ``rid``, stretched to the box."""
    geometry = _xfrm(_emu(box.x), _emu(box.y), _emu(box.w), _emu(box.h))
    return (
        f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" name="{xml_attr(box.name)}" '
        f'descr="{xml_attr(description)}"/><p:cNvPicPr><a:picLocks noChangeAspect="1"/>'
        f'</p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="{rid}"/>'
        f"<a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>{geometry}"
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
    )


def _hex(color: str) -> str:
    return color.lstrip("#")[:6].upper()


def _fill(box: PathBox) -> str:
    if not box.closed:
        return "<a:noFill/>"
    if box.hatch:
        background = (
            f'<a:srgbClr val="{_hex(box.fill)}"/>'
            if box.fill
            else '<a:srgbClr val="FFFFFF"><a:alpha val="0"/></a:srgbClr>'
        )
        return (
            f'<a:pattFill prst="wdUpDiag"><a:fgClr><a:srgbClr val="{_hex(box.hatch)}"/>'
            f"</a:fgClr><a:bgClr>{background}</a:bgClr></a:pattFill>"
        )
    return _solid(box.fill)


def freeform_xml(shape_id: int, box: PathBox) -> str | None:
    """A ``p:sp`` freeform for ``box``, one path per ring (None when nothing to draw)."""
    rings = [ring for ring in box.rings if len(ring) >= 2]
    if not rings:
        return None
    xs = [round(x * EMU_PER_PT) for ring in rings for x, _ in ring]
    ys = [round(y * EMU_PER_PT) for ring in rings for _, y in ring]
    left, top = min(xs), min(ys)
    width, height = max(max(xs) - left, 1), max(max(ys) - top, 1)
    paths = []
    for ring in rings:
        points = [(round(x * EMU_PER_PT) - left, round(y * EMU_PER_PT) - top) for x, y in ring]
        segments = "".join(f'<a:lnTo><a:pt x="{x}" y="{y}"/></a:lnTo>' for x, y in points[1:])
        close = "<a:close/>" if box.closed else ""
        start = f'<a:moveTo><a:pt x="{points[0][0]}" y="{points[0][1]}"/></a:moveTo>'
        paths.append(f"{start}{segments}{close}")
    return (
        f"<p:sp>{_nv('Sp', shape_id, box.name)}<p:spPr>{_xfrm(left, top, width, height)}"
        '<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="l" t="t" r="r" b="b"/>'
        f'<a:pathLst><a:path w="{width}" h="{height}">{"".join(paths)}</a:path></a:pathLst>'
        f"</a:custGeom>{_fill(box)}{_outline(box.stroke, box.stroke_width)}</p:spPr></p:sp>"
    )
