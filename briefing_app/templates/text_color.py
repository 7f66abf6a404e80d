"""The colours of a house template's body text and of the muted text beside it (footers,
sources, subtitles), as its slides will show them.

Body text takes the colour the master gives body text: its body placeholder's list
style, else its body text style (``p:txStyles/p:bodyStyle``, first level), else the
formatting of that placeholder's prompt text (LibreOffice's conversions of its templates
keep their outline style there and have no text styles), else the theme's ``tx1``;
resolved through the master's colour map and theme (a slide maps colours as its master
does). A colour that would not read on our panels (the bottom line's, quotes': our
layouts set body text on them) is passed over: light text made for a dark master, or a
pale one, gives way to the next, down to the theme's ``tx1`` and else to ours; the
legibility ranking then judges each master with the colour its slides really get.
Muted text is a lighter variant of a dark body colour and a darker one of a light body
colour, made with PowerPoint's own colour transforms, so the export can name it as the
theme's colour with them and a change of theme colours reaches it. The layout theme
takes both colours from here (so PDF, PPTX and preview draw them alike) and so does the
legibility ranking of masters.
"""

from __future__ import annotations

import colorsys
from dataclasses import dataclass

from lxml import etree

from briefing_app.layout.theme import MINISTRY
from briefing_app.templates import ooxml as ox
from briefing_app.templates.backdrop import contrast, rgb
from briefing_app.templates.drawingml import COLOR_TAGS, Palette, Rgba
from briefing_app.templates.match import TemplateMatch
from briefing_app.templates.package import TemplatePackage

_P, _A = f"{{{ox.NS_P}}}", f"{{{ox.NS_A}}}"
# The formatting of a placeholder's prompt text ("Click to edit the outline text format").
_PROMPT_PROPS = (f"./{_P}txBody/{_A}p/{_A}r/{_A}rPr", f"./{_P}txBody/{_A}p/{_A}endParaRPr")
# PowerPoint's "Lighter 35%" (black becomes 595959), else less where that would not read
# on our panels (a coloured body text), and "Darker 25%" (white: BFBFBF).
LIGHTER = tuple((("lumMod", 100000 - n), ("lumOff", n)) for n in (35000, 25000, 15000))
DARKER = ((("lumMod", 75000),),)
# The colour roles a slide can name, in the order a colour two of them share is named by.
COLOR_ROLES = ("tx1", "tx2", "bg1", "bg2", *(f"accent{n}" for n in range(1, 7)), "hlink")
BODY_CONTRAST = 4.5  # WCAG's minimum for body text
MIN_TEXT_OPACITY = 0.5  # a fainter colour is not taken as the text's
_QUOTE = {'"': "&quot;"}


@dataclass(frozen=True)
class TextColors:
    """Body and muted text colours (RGB), and the theme colour markup each is written as
    in a PPTX (``<a:schemeClr val="tx1"/>``; None: not a theme colour, written as RGB)."""

    text: str
    muted: str
    text_ref: str | None = None
    muted_ref: str | None = None

    @property
    def refs(self) -> dict[str, str]:
        """RGB -> its theme colour markup, for the colours that are the theme's."""
        pairs = ((self.muted, self.muted_ref), (self.text, self.text_ref))
        return {rgb: ref for rgb, ref in pairs if ref is not None}


def placeholder_shape(root: etree._Element, ph_type: str, idx: int | None) -> etree._Element | None:
    """The ``p:sp`` of ``root`` holding the placeholder of ``ph_type`` (and ``idx``)."""
    for sp in root.iter(f"{_P}sp"):
        ph = sp.find(f"./{_P}nvSpPr/{_P}nvPr/{_P}ph")
        if ph is None or ph.get("type", "obj") != ph_type:
            continue
        if idx is None or int(ph.get("idx", "0") or 0) == idx:
            return sp
    return None


def _color_element(holder: etree._Element | None) -> etree._Element | None:
    fill = holder.find(f"{_A}solidFill") if holder is not None else None
    for child in fill if fill is not None else ():
        if etree.QName(child).localname in COLOR_TAGS:
            return child
    return None


def _candidates(package: TemplatePackage, match: TemplateMatch) -> list[etree._Element]:
    """The colours said for body text, strongest first: the master's body placeholder's
    list style, the master's body text style, then the formatting of that placeholder's
    prompt text (where LibreOffice's conversions keep their outline style)."""
    master = next(m for m in match.info.masters if m.index == match.master)
    root = package.xml(master.part)
    body = placeholder_shape(root, "body", None)
    style = root.find(f"{_P}txStyles/{_P}bodyStyle/{_A}lvl1pPr/{_A}defRPr")
    holders = [
        body.find(f"./{_P}txBody/{_A}lstStyle/{_A}lvl1pPr/{_A}defRPr")
        if body is not None
        else None,
        style,
        *(body.find(path) if body is not None else None for path in _PROMPT_PROPS),
    ]
    found = (_color_element(h) for h in holders)
    return [el for el in found if el is not None]


def _variant(element: etree._Element, palette: Palette, panel: str) -> tuple[str, etree._Element]:
    """The muted variant of the colour ``element``: RGB, and the element with the
    lightening (the most that still reads on ``panel``) or darkening transforms added
    after its own."""
    base = palette.resolve(element)
    color = base.rgb if base is not None else "000000"
    r, g, b = rgb(color)
    steps = LIGHTER if colorsys.rgb_to_hls(r, g, b)[1] < 0.5 else DARKER
    for step in steps:
        muted = etree.fromstring(etree.tostring(element))
        for name, value in step:
            etree.SubElement(muted, f"{_A}{name}", val=str(value))
        found = palette.resolve(muted)
        if found is not None and _readable(found, panel):
            break
    return (found.rgb if found is not None else color), muted


def _markup(element: etree._Element) -> str | None:
    """``element`` as slide markup when it is a theme colour (its transforms kept)."""
    if etree.QName(element).localname != "schemeClr" or element.get("val") == "phClr":
        return None
    transforms = "".join(
        f"<a:{etree.QName(t).localname}"
        + "".join(f' {k}="{ox.escape(v, _QUOTE)}"' for k, v in t.attrib.items())
        + "/>"
        for t in element
    )
    name = ox.escape(element.get("val", ""))
    if not transforms:
        return f'<a:schemeClr val="{name}"/>'
    return f'<a:schemeClr val="{name}">{transforms}</a:schemeClr>'


def _readable(color: Rgba | None, panel: str) -> bool:
    """Whether ``color`` is a text colour that reads on our ``panel`` colour."""
    if color is None or color.opacity < MIN_TEXT_OPACITY:
        return False
    return contrast(rgb(color.rgb), rgb(panel)) >= BODY_CONTRAST


def text_colors(
    package: TemplatePackage, match: TemplateMatch, panel: str = MINISTRY.panel
) -> TextColors:
    """The body and muted text colours slides in ``match``'s master show: the first the
    master says that reads on our ``panel`` (body text is set on panels, as the bottom
    line's and quotes'), else the theme's ``tx1``, else ours."""
    master = next(m for m in match.info.masters if m.index == match.master)
    palette = Palette.for_master(package, master.part)
    tx1 = etree.Element(f"{_A}schemeClr", val="tx1")  # no style says it: the theme's
    said = [*_candidates(package, match), tx1]
    element = next((el for el in said if _readable(palette.resolve(el), panel)), None)
    if element is None:  # nothing the template says reads on our panels: ours
        return TextColors(MINISTRY.text, MINISTRY.muted)
    resolved = palette.resolve(element)
    text = resolved.rgb if resolved is not None else "000000"
    if etree.QName(element).localname != "schemeClr":  # an RGB the theme has: named so
        role = next((r for r in COLOR_ROLES if palette.scheme_rgb(r) == text), None)
        element = etree.Element(f"{_A}schemeClr", val=role) if role else element
    muted, muted_element = _variant(element, palette, panel)
    return TextColors(text, muted, _markup(element), _markup(muted_element))
