"""Small templates made from ours for tests: a master's background, extra shapes and text,
theme and colour map changed (see tests/templates/test_template_art.py)."""

from __future__ import annotations

import io
import re
import zipfile

from briefing_app.templates.build_default import build_bytes
from briefing_app.templates.inspect import inspect_package
from briefing_app.templates.match import TemplateMatch, match_template
from briefing_app.templates.package import TemplatePackage, read_template_bytes

MASTER = "ppt/slideMasters/slideMaster1.xml"
THEME = "ppt/theme/theme1.xml"
EMU = 12700
# PowerPoint's own palette for "Blue, Accent 1" (4472C4): lighter 80/60/40 %, darker 25/50 %
ACCENT1 = "4472C4"
POWERPOINT_SHADES = {
    (20000, 80000): "DAE3F3",
    (40000, 60000): "B4C7E7",
    (60000, 40000): "8FAADC",
    (75000, 0): "2F5597",
    (50000, 0): "203864",
}


def shape(name: str, x: float, y: float, w: float, h: float, inner: str, body: str = "") -> str:
    """A non-placeholder shape at (x, y, w, h) points with ``inner`` spPr content."""
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{900 + len(name)}" name="{name}"/><p:cNvSpPr/><p:nvPr/>'
        f'</p:nvSpPr><p:spPr><a:xfrm><a:off x="{round(x * EMU)}" y="{round(y * EMU)}"/>'
        f'<a:ext cx="{round(w * EMU)}" cy="{round(h * EMU)}"/></a:xfrm>{inner}</p:spPr>'
        f"{body}</p:sp>"
    )


def text_body(paragraphs: str, anchor: str = "t", wrap: str = "square") -> str:
    return (
        f'<p:txBody><a:bodyPr wrap="{wrap}" lIns="0" tIns="0" rIns="0" bIns="0" '
        f'anchor="{anchor}"/><a:lstStyle/>{paragraphs}</p:txBody>'
    )


def small_template(
    background: str | None = None,
    shapes: str = "",
    theme: dict[str, str] | None = None,
    color_map: str | None = None,
    master: dict[str, str] | None = None,
) -> tuple[TemplatePackage, TemplateMatch]:
    """Our template with the master's background, extra master shapes, theme parts
    (regex -> replacement), colour map and other master parts (regex -> replacement)
    changed."""
    data = small_template_bytes(background, shapes, theme, color_map, master)
    package = read_template_bytes(data, "small.pptx")
    return package, match_template(inspect_package(package))


def small_template_bytes(
    background: str | None = None,
    shapes: str = "",
    theme: dict[str, str] | None = None,
    color_map: str | None = None,
    master: dict[str, str] | None = None,
) -> bytes:
    """The .pptx bytes of :func:`small_template`."""
    source = zipfile.ZipFile(io.BytesIO(build_bytes(marked=False)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == MASTER:
                xml = data.decode()
                if background is not None:
                    xml = re.sub(r"<p:bg>.*?</p:bg>", background, xml, count=1)
                xml = xml.replace("</p:spTree>", shapes + "</p:spTree>", 1)
                if color_map is not None:
                    xml = re.sub(r"<p:clrMap [^>]*/>", color_map, xml, count=1)
                for pattern, replacement in (master or {}).items():
                    xml = re.sub(pattern, replacement, xml, count=1, flags=re.S)
                data = xml.encode()
            elif info.filename == THEME:
                xml = data.decode()
                xml = re.sub(r'(<a:accent1><a:srgbClr val=")\w+', rf"\g<1>{ACCENT1}", xml)
                for pattern, replacement in (theme or {}).items():
                    xml = re.sub(pattern, replacement, xml, count=1, flags=re.S)
                data = xml.encode()
            dst.writestr(info, data)
    return out.getvalue()


def static_text_shapes(size: int = 1400) -> str:
    ministry = shape(
        "Ministry",
        40,
        20,
        300,
        60,
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/>',
        text_body(
            f'<a:p><a:pPr algn="ctr"/><a:r><a:rPr lang="en-GB" sz="{size}" b="1">'
            '<a:solidFill><a:schemeClr val="tx2"/></a:solidFill></a:rPr>'
            "<a:t>Ministry of Foreign Affairs and International Cooperation</a:t></a:r></a:p>"
        ),
    )
    number = shape(
        "Number",
        880,
        500,
        60,
        20,
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/>',
        text_body(
            '<a:p><a:pPr algn="r"/><a:fld id="{00000000-0000-0000-0000-000000000001}" '
            'type="slidenum"><a:rPr lang="en-GB" sz="1000"/><a:t>‹#›</a:t></a:fld></a:p>',
            anchor="b",
        ),
    )
    date = shape(
        "Date",
        40,
        500,
        200,
        20,
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/>',
        text_body(
            '<a:p><a:fld id="{00000000-0000-0000-0000-000000000002}" type="datetime1">'
            '<a:rPr lang="en-GB" sz="1000"/><a:t>01/01/2026</a:t></a:fld></a:p>'
        ),
    )
    return ministry + number + date
