"""OOXML names shared by the template builder, the template reader and the renderers."""

from __future__ import annotations

from collections.abc import Mapping

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
RT_CUSTOM = _DOC + "custom-properties"
RT_SLIDE = _DOC + "slide"
RT_NOTES_MASTER = _DOC + "notesMaster"
RT_NOTES_SLIDE = _DOC + "notesSlide"
RT_HYPERLINK = _DOC + "hyperlink"
RT_IMAGE = _DOC + "image"
RT_PRINTER_SETTINGS = _DOC + "printerSettings"
RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
RT_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"

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
CT_CUSTOM = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CT_SLIDE = _PML + "slide+xml"
CT_NOTES_SLIDE = _PML + "notesSlide+xml"
CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"
CT_XML = "application/xml"
# The OPC's default content types by file extension (ISO/IEC 29500-2, as python-pptx's
# ``pptx.opc.spec``): a part whose extension and type are listed needs no override.
DEFAULT_CONTENT_TYPES = frozenset(
    {
        ("bin", _PML + "printerSettings"),
        ("bin", "application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"),
        ("bin", "application/vnd.openxmlformats-officedocument.wordprocessingml.printerSettings"),
        ("bmp", "image/bmp"),
        ("emf", "image/x-emf"),
        ("fntdata", "application/x-fontdata"),
        ("gif", "image/gif"),
        ("jpe", "image/jpeg"),
        ("jpeg", "image/jpeg"),
        ("jpg", "image/jpeg"),
        ("mov", "video/quicktime"),
        ("mp4", "video/mp4"),
        ("mpg", "video/mpeg"),
        ("png", "image/png"),
        ("rels", CT_RELS),
        ("tif", "image/tiff"),
        ("tiff", "image/tiff"),
        ("vid", "video/unknown"),
        ("wdp", "image/vnd.ms-photo"),
        ("wmf", "image/x-wmf"),
        ("wmv", "video/x-ms-wmv"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("xml", CT_XML),
    }
)

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


def escape(data: str, entities: Mapping[str, str] | None = None) -> str:
    """``&``, ``<`` and ``>`` escaped, then each of ``entities`` replaced: what
    ``xml.sax.saxutils.escape`` does, without importing it (it imports urllib.request,
    and with it http and email, a tenth of an export command's imports)."""
    data = data.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    for key, value in (entities or {}).items():
        data = data.replace(key, value)
    return data


def text(value: str) -> str:
    return escape(value)


def attr(value: str) -> str:
    """A quoted XML attribute value (as ``xml.sax.saxutils.quoteattr`` quotes it)."""
    data = escape(value, {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})
    if '"' not in data:
        return f'"{data}"'
    if "'" not in data:
        return f"'{data}'"
    return '"{}"'.format(data.replace('"', "&quot;"))
