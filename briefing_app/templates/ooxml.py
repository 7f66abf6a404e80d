"""OOXML names shared by the template builder, the template reader and the renderers."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
NS = {"p": NS_P, "a": NS_A, "r": NS_R}

# "Mark as decorative" (Office 2019+): an extension inside p:cNvPr's a:extLst.
DECORATIVE_EXT_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
NS_ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"
DECORATIVE_EXT = (
    f'<a:extLst><a:ext uri="{DECORATIVE_EXT_URI}">'
    f'<adec:decorative xmlns:adec="{NS_ADEC}" val="1"/></a:ext></a:extLst>'
)

_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_OFFICE_DOCUMENT = _DOC + "officeDocument"
RT_SLIDE_MASTER = _DOC + "slideMaster"
RT_SLIDE_LAYOUT = _DOC + "slideLayout"
RT_THEME = _DOC + "theme"
RT_PRES_PROPS = _DOC + "presProps"
RT_VIEW_PROPS = _DOC + "viewProps"
RT_TABLE_STYLES = _DOC + "tableStyles"
RT_EXTENDED = _DOC + "extended-properties"
RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

_PML = "application/vnd.openxmlformats-officedocument.presentationml."
CT_PRESENTATION = _PML + "presentation.main+xml"
CT_TEMPLATE = _PML + "template.main+xml"
CT_SLIDESHOW = _PML + "slideshow.main+xml"
CT_PRESENTATION_MACRO = "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"
CT_TEMPLATE_MACRO = "application/vnd.ms-powerpoint.template.macroEnabled.main+xml"
CT_SLIDESHOW_MACRO = "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml"
CT_ADDIN_MACRO = "application/vnd.ms-powerpoint.addin.macroEnabled.main+xml"
CT_SLIDE_MASTER = _PML + "slideMaster+xml"
CT_SLIDE_LAYOUT = _PML + "slideLayout+xml"
CT_PRES_PROPS = _PML + "presProps+xml"
CT_VIEW_PROPS = _PML + "viewProps+xml"
CT_TABLE_STYLES = _PML + "tableStyles+xml"
CT_THEME = "application/vnd.openxmlformats-officedocument.theme+xml"
CT_CORE = "application/vnd.openxmlformats-package.core-properties+xml"
CT_EXTENDED = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"

MAIN_CONTENT_TYPES = (CT_PRESENTATION, CT_TEMPLATE, CT_SLIDESHOW)
MACRO_CONTENT_TYPES = (
    CT_PRESENTATION_MACRO,
    CT_TEMPLATE_MACRO,
    CT_SLIDESHOW_MACRO,
    CT_ADDIN_MACRO,
)

EMU_PER_PT = 12700


def emu(points: float) -> int:
    return round(points * EMU_PER_PT)


def text(value: str) -> str:
    return escape(value)


def attr(value: str) -> str:
    """A quoted XML attribute value."""
    return quoteattr(value)
