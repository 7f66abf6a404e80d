"""DrawingML freeform shapes (``a:custGeom``) for vector paths, written in one pass.

python-pptx's FreeformBuilder recomputes the shape's offset over every point for each
segment, which is quadratic in the point count: a Europe map took 2 s. The markup here
is the same kind of editable freeform PowerPoint draws, one shape per feature.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from lxml import etree

from briefing_app.layout.boxes import PathBox

EMU_PER_PT = 12700
_NS = (
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
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
    if box.fill:
        return f'<a:solidFill><a:srgbClr val="{_hex(box.fill)}"/></a:solidFill>'
    return "<a:noFill/>"


def _line(box: PathBox) -> str:
    if box.stroke and box.stroke_width > 0:
        width = round(box.stroke_width * EMU_PER_PT)
        color = _hex(box.stroke)
        return f'<a:ln w="{width}"><a:solidFill><a:srgbClr val="{color}"/></a:solidFill></a:ln>'
    return "<a:ln><a:noFill/></a:ln>"


def freeform_sp(shape_id: int, box: PathBox) -> etree._Element | None:
    """A ``p:sp`` freeform for ``box`` (None when it has no drawable ring)."""
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
    xml = (
        f'<p:sp {_NS}><p:nvSpPr><p:cNvPr id="{shape_id}" name={quoteattr(box.name)}/>'
        "<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>"
        f'<a:xfrm><a:off x="{left}" y="{top}"/><a:ext cx="{width}" cy="{height}"/></a:xfrm>'
        '<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="l" t="t" r="r" b="b"/>'
        f'<a:pathLst><a:path w="{width}" h="{height}">{"".join(paths)}</a:path></a:pathLst>'
        f"</a:custGeom>{_fill(box)}{_line(box)}</p:spPr></p:sp>"
    )
    return etree.fromstring(xml)
