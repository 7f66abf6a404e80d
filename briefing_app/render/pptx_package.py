"""Write a PowerPoint package from prepared slide markup, without python-pptx's object model.

python-pptx builds every slide, notes page and relationship as objects, looks each one up
again by walking the package, and serialises it through lxml; for a 100-slide deck that
was more than half of the export. Here python-pptx opens the template once per process
(python-pptx's default at our slide size, or a house template), and we keep the bytes of
its masters, layouts, theme and notes master as they are, and its notes page as text to
fill in. Each export then only joins strings and writes the ZIP.

What a template carries that a deck must not is left out: its slides, its thumbnail (a
picture of the template, not of the deck), printer settings and its document properties.
The properties are written fresh: created and modified now, the real slide count and the
slide format in app.xml, keywords, and the marking as a custom property.

What python-pptx makes of a template depends only on the template's bytes and python-pptx's
version, so it is kept in the user's cache folder under those two (as Python keeps
bytecode): an export command imports python-pptx only the first time it meets a template.
A missing, unreadable or stale cache file is simply made again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from briefing_app.paths import user_cache_dir
from briefing_app.render.pptx_text import CITATION_TARGET, xml_attr, xml_safe, xml_text
from briefing_app.templates import ooxml as ox

if TYPE_CHECKING:
    from pptx.opc.package import Part
    from pptx.oxml.presentation import CT_Presentation
    from pptx.parts.image import Image
    from pptx.presentation import Presentation as PresentationObject

XML_HEADER = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_EXTENDED_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_MARK = "BRIEFING-APP-TEMPLATE-MARK"
_BLANK_LAYOUT = 6  # "Blank" in python-pptx's default template
# Deflate level for the ZIP: level 1 is a standard ZIP_DEFLATED stream, several times
# faster than the default 6 on slide XML, for files about a quarter larger.
COMPRESS_LEVEL = 1
# python-pptx refuses document properties (title, author…) longer than this.
CORE_PROPERTY_CHARS = 255


@dataclass(frozen=True)
class _Template:
    """Bytes of a template presentation with no slides, and a notes page to fill in."""

    parts: tuple[tuple[str, bytes], ...]  # (member name, bytes): every part that never changes
    content_types: tuple[tuple[str, str], ...]  # (part name, content type) of those parts
    presentation: tuple[str, str]  # presentation.xml around its slide id list
    presentation_rels: tuple[tuple[str, str, str], ...]  # (rId, type, target) but slides
    notes: tuple[str, str]  # around the notes text's paragraphs
    layout_targets: dict[str, str]  # slide layout member name -> target from a slide
    master_target: str  # the notes master, relative to a notes page
    width: int  # slide size, EMU
    height: int


# Parts a template carries that an exported deck must not: its preview picture (it shows
# the template, not the deck), printer settings, and the properties we write fresh.
_DROPPED_RELTYPES = (
    ox.RT_THUMBNAIL,
    ox.RT_PRINTER_SETTINGS,
    ox.RT_EXTENDED,
    ox.RT_CORE,
    ox.RT_CUSTOM,
)


def _presentation_element(prs: PresentationObject) -> CT_Presentation:
    """The ``<p:presentation>`` element (python-pptx types the part's element loosely)."""
    from pptx.oxml.presentation import CT_Presentation

    element = prs.part._element
    if not isinstance(element, CT_Presentation):
        raise RuntimeError("the presentation part holds no <p:presentation> element")
    return element


@cache
def python_pptx_default(width: int, height: int) -> bytes:
    """python-pptx's own default template, resized to ``width`` x ``height`` EMU."""
    import io

    from pptx import Presentation
    from pptx.util import Emu

    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(width), Emu(height)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def template(width: int, height: int) -> _Template:
    """python-pptx's default template at our slide size (before house templates)."""
    return harvest(python_pptx_default(width, height))


@cache
def harvest(data: bytes) -> _Template:
    """The template presentation ``data`` taken apart (see :func:`harvest_with_python_pptx`),
    once per process, from the cache folder when python-pptx has done it before."""
    key = _cache_key(data)
    found = _read_cached(key)
    if found is not None:
        return found
    made = harvest_with_python_pptx(data)
    _write_cached(key, made)
    return made


def harvest_with_python_pptx(data: bytes) -> _Template:
    """Take a template presentation apart: its parts without slides, thumbnail, printer
    settings or properties, and python-pptx's notes page."""
    import io

    from pptx import Presentation

    prs = Presentation(io.BytesIO(data))
    if str(prs.part.partname) != "/ppt/presentation.xml":
        raise RuntimeError(f"the template's presentation part is {prs.part.partname}")
    package = prs.part.package
    for rel in [r for r in package._rels.values() if r.reltype in _DROPPED_RELTYPES]:
        package._rels.pop(rel.rId)
    _presentation_element(prs).get_or_add_sldIdLst().clear()  # a template may hold slides
    for rel in list(prs.part.rels.values()):
        if rel.reltype == ox.RT_SLIDE or rel.reltype in _DROPPED_RELTYPES:
            prs.part.drop_rel(rel.rId)
    notes_master = prs.notes_master.part  # made now if the template has none
    layouts = [layout.part for master in prs.slide_masters for layout in master.slide_layouts]
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    notes = slide.notes_slide
    notes.notes_text_frame.text = _MARK
    notes_part = notes.part
    mark_par = f"<a:p><a:r><a:t>{_MARK}</a:t></a:r></a:p>"
    notes_head, _, notes_tail = notes_part.blob.decode().partition(mark_par)
    master_target = _target(notes_part, notes_master, ox.RT_NOTES_MASTER)
    slide_part = slide.part
    layout_targets = {
        layout.partname.membername: _target(slide_part, layout, ox.RT_SLIDE_LAYOUT)
        for layout in layouts
    }
    sld_id_lst = _presentation_element(prs).sldIdLst
    if sld_id_lst is not None:
        sld_id_lst.clear()
    prs.part.drop_rel(next(r.rId for r in prs.part.rels.values() if r.reltype == ox.RT_SLIDE))

    parts: list[tuple[str, bytes]] = []
    types: list[tuple[str, str]] = []
    for part in package.iter_parts():
        if part is prs.part:
            continue
        types.append((str(part.partname), part.content_type))
        parts.append((part.partname.membername, part.blob))
        if part.rels:
            parts.append((part.partname.rels_uri.membername, part.rels.xml))
    head, sep, tail = prs.part.blob.decode().partition("<p:sldIdLst/>")
    if not sep:  # no slide id list: it goes right after the master (and notes master) lists
        raise RuntimeError("python-pptx's presentation part has no slide id list")
    if not notes_tail:
        raise RuntimeError("python-pptx's notes page is not laid out as expected")
    size = prs.slide_width or 0, prs.slide_height or 0
    return _Template(
        parts=tuple(parts),
        content_types=(*types, (str(prs.part.partname), ox.CT_PRESENTATION)),
        presentation=(head + "<p:sldIdLst>", "</p:sldIdLst>" + tail),
        presentation_rels=tuple(
            sorted(
                ((r.rId, r.reltype, r.target_ref) for r in prs.part.rels.values()),
                key=lambda rel: int(rel[0][3:]) if rel[0][3:].isdigit() else 0,
            )
        ),
        notes=(notes_head, notes_tail),
        layout_targets=layout_targets,
        master_target=master_target,
        width=int(size[0]),
        height=int(size[1]),
    )


# The cache file's layout (this module's own source is in the key too, so a change to
# what harvest_with_python_pptx makes of a template never meets parts made before it).
_CACHE_FORMAT = "1"
_CACHE_MAGIC = b"briefing-app template parts\n"


def _cache_key(data: bytes) -> str:
    """The template's bytes, this module and the python-pptx that would take it apart:
    its location and its ``__init__`` (which carries its version), found without
    importing it."""
    from importlib.util import find_spec

    digest = hashlib.sha256(data)
    digest.update(f"|{_CACHE_FORMAT}|".encode())
    with contextlib.suppress(OSError):
        digest.update(Path(__file__).read_bytes())
    spec = find_spec("pptx")
    if spec is not None and spec.origin:
        digest.update(spec.origin.encode())
        with contextlib.suppress(OSError):
            digest.update(Path(spec.origin).read_bytes())
    return digest.hexdigest()


def _cache_file(key: str) -> Path:
    return user_cache_dir() / "pptx-templates" / f"{key}.bin"


def _encode(tpl: _Template) -> bytes:
    head = {
        "parts": [[name, len(blob)] for name, blob in tpl.parts],
        "content_types": tpl.content_types,
        "presentation": tpl.presentation,
        "presentation_rels": tpl.presentation_rels,
        "notes": tpl.notes,
        "layout_targets": list(tpl.layout_targets.items()),
        "master_target": tpl.master_target,
        "width": tpl.width,
        "height": tpl.height,
    }
    encoded = json.dumps(head, ensure_ascii=False).encode("utf-8")
    blobs = b"".join(blob for _, blob in tpl.parts)
    return _CACHE_MAGIC + len(encoded).to_bytes(8, "big") + encoded + blobs


def _decode(raw: bytes) -> _Template:
    """A cached _Template; ValueError (or a KeyError, TypeError) for anything else."""
    if not raw.startswith(_CACHE_MAGIC):
        raise ValueError("not a template parts file")
    at = len(_CACHE_MAGIC)
    size = int.from_bytes(raw[at : at + 8], "big")
    head = json.loads(raw[at + 8 : at + 8 + size].decode("utf-8"))
    at += 8 + size
    parts = []
    for name, length in head["parts"]:
        parts.append((str(name), raw[at : at + length]))
        at += length
    if at != len(raw):
        raise ValueError("template parts file of the wrong length")
    return _Template(
        parts=tuple(parts),
        content_types=tuple((str(p), str(t)) for p, t in head["content_types"]),
        presentation=(str(head["presentation"][0]), str(head["presentation"][1])),
        presentation_rels=tuple((str(i), str(t), str(r)) for i, t, r in head["presentation_rels"]),
        notes=(str(head["notes"][0]), str(head["notes"][1])),
        layout_targets={str(k): str(v) for k, v in head["layout_targets"]},
        master_target=str(head["master_target"]),
        width=int(head["width"]),
        height=int(head["height"]),
    )


def _read_cached(key: str) -> _Template | None:
    try:
        return _decode(_cache_file(key).read_bytes())
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None  # none yet, or not ours: made again


def _write_cached(key: str, tpl: _Template) -> None:
    """Keep ``tpl`` for the next process (whole or not at all; a cache it cannot write
    only costs that process's successors the time to make it again)."""
    target = _cache_file(key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(_encode(tpl))
            os.replace(temp, target)
        except BaseException:
            os.unlink(temp)
            raise
    except OSError:
        pass


def _target(source: Part, target: Part, reltype: str) -> str:
    """How ``source`` refers to ``target`` (a path relative to it)."""
    return source.rels[source.relate_to(target, reltype)].target_ref


@dataclass
class _Media:
    """Images in the package, one part per distinct image (as python-pptx dedupes them)."""

    by_sha1: dict[str, tuple[str, Image]] = field(default_factory=dict)

    def add(self, path: str) -> tuple[str, str]:
        """(part name, description) for the image file at ``path``."""
        from pptx.parts.image import Image

        image = Image.from_file(path)
        if image.sha1 not in self.by_sha1:
            name = f"/ppt/media/image{len(self.by_sha1) + 1}.{image.ext}"
            self.by_sha1[image.sha1] = (name, image)
        return self.by_sha1[image.sha1][0], image.filename or ""


@dataclass
class SlideRels:
    """One slide's relationships: its layout first, then links and images as shapes ask."""

    media: _Media
    rels: list[tuple[str, str, str, bool]] = field(default_factory=list)
    sources_target: str | None = None  # the sources slide, relative to this slide
    _ids: dict[tuple[str, str], str] = field(default_factory=dict)

    def _add(self, reltype: str, target: str, external: bool = False) -> str:
        key = (reltype, target)
        if key not in self._ids:
            self._ids[key] = f"rId{len(self.rels) + 1}"
            self.rels.append((self._ids[key], reltype, target, external))
        return self._ids[key]

    def link(self, url: str) -> str:
        """The rId of an external hyperlink to ``url``; for ``CITATION_TARGET``, of the
        deck's sources slide ("" when the deck has none)."""
        if url == CITATION_TARGET:
            return self._add(ox.RT_SLIDE, self.sources_target) if self.sources_target else ""
        return self._add(ox.RT_HYPERLINK, url, external=True)

    def image(self, path: str) -> tuple[str, str]:
        """The rId of the image at ``path`` and its description (the file name)."""
        partname, description = self.media.add(path)
        return self._add(ox.RT_IMAGE, ".." + partname[len("/ppt") :]), description


@dataclass(frozen=True)
class CoreProperties:
    """What the document properties say about the deck (core, app and custom parts)."""

    title: str
    author: str
    subject: str
    keywords: str
    marking: str = ""  # the handling marking, also a custom property "Marking"


_SLIDE_HEAD = f'{XML_HEADER}<p:sld xmlns:a="{_A}" xmlns:r="{_R}" xmlns:p="{_P}"><p:cSld name="'
_SLIDE_MIDDLE = (
    '"><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
    '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/>'
    '<a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
)
_SLIDE_TAIL = "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"


class PptxPackage:
    """Slides added in order, then written as one .pptx file.

    ``template`` is the bytes of a presentation whose masters and layouts the slides use
    (python-pptx's default at ``width`` x ``height`` when None).
    """

    def __init__(
        self,
        width: int = 0,
        height: int = 0,
        template_data: bytes | None = None,
        replacements: dict[str, str] | None = None,
    ) -> None:
        self.template = harvest(template_data) if template_data else template(width, height)
        self.default_layout = next(iter(self.template.layout_targets))
        if not template_data:
            self.default_layout = list(self.template.layout_targets)[_BLANK_LAYOUT]
        # Text put into the masters' and layouts' XML as it is written (e.g. the marking).
        self.replacements = replacements or {}
        # Shapes added to slide layouts as they are written (member name -> markup).
        self.layout_shapes: dict[str, str] = {}
        self.media = _Media()
        self._slides: list[tuple[str, SlideRels, str | None]] = []  # (xml, rels, notes xml)

    def new_rels(self, layout: str | None = None) -> SlideRels:
        """Relationships of a new slide on the template's slide layout part ``layout``
        ("ppt/slideLayouts/slideLayout2.xml"; python-pptx's "Blank" in its own template,
        else the first layout, when None)."""
        rels = SlideRels(self.media)
        rels._add(ox.RT_SLIDE_LAYOUT, self.template.layout_targets[layout or self.default_layout])
        return rels

    def add_slide(
        self, name: str, shapes: str, rels: SlideRels, notes: str | None, marking: str = ""
    ) -> None:
        """Add a slide named ``name`` holding ``shapes`` (markup), with plain-text ``notes``.

        With a ``marking``, the slide always has a notes page, and the marking is in that
        page's own header and footer (printed notes pages are pages of the deck too).
        """
        xml = f"{_SLIDE_HEAD}{xml_attr(name)}{_SLIDE_MIDDLE}{shapes}{_SLIDE_TAIL}"
        notes_xml = None
        if notes or marking.strip():
            notes_head, notes_tail = self.template.notes
            if marking.strip():
                head, sep, tail = notes_tail.rpartition("</p:spTree>")
                if sep:
                    notes_tail = head + _notes_marking(marking.strip()) + sep + tail
            notes_xml = f"{notes_head}{_notes_paragraphs(notes or '')}{notes_tail}"
        self._slides.append((xml, rels, notes_xml))

    def write(self, path: Path, props: CoreProperties) -> None:
        """Write the package to ``path`` (a new file)."""
        tpl = self.template
        entries: list[tuple[str, bytes | str]] = []
        types = list(tpl.content_types)
        pres_rels = [(rid, rt, target, False) for rid, rt, target in tpl.presentation_rels]
        next_rid = 1 + max((int(rid[3:]) for rid, *_ in pres_rels if rid[3:].isdigit()), default=0)
        slide_ids = []
        notes_count = 0
        for n, (xml, rels, notes_xml) in enumerate(self._slides, start=1):
            slide_name = f"ppt/slides/slide{n}.xml"
            rid = f"rId{next_rid + n - 1}"
            pres_rels.append((rid, ox.RT_SLIDE, f"slides/slide{n}.xml", False))
            slide_ids.append(f'<p:sldId id="{255 + n}" r:id="{rid}"/>')
            slide_rels = list(rels.rels)
            if notes_xml is not None:
                notes_count += 1
                notes_name = f"ppt/notesSlides/notesSlide{notes_count}.xml"
                slide_rels.append(
                    (f"rId{len(slide_rels) + 1}", ox.RT_NOTES_SLIDE, "../" + notes_name[4:], False)
                )
                entries.append((notes_name, notes_xml))
                entries.append(
                    (
                        f"ppt/notesSlides/_rels/notesSlide{notes_count}.xml.rels",
                        _rels_xml(
                            [
                                ("rId1", ox.RT_NOTES_MASTER, tpl.master_target, False),
                                ("rId2", ox.RT_SLIDE, f"../slides/slide{n}.xml", False),
                            ]
                        ),
                    )
                )
                types.append(("/" + notes_name, ox.CT_NOTES_SLIDE))
            entries.append((slide_name, xml))
            entries.append((f"ppt/slides/_rels/slide{n}.xml.rels", _rels_xml(slide_rels)))
            types.append(("/" + slide_name, ox.CT_SLIDE))
        for partname, image in self.media.by_sha1.values():
            entries.append((partname[1:], image.blob))
            types.append((partname, image.content_type))
        package_rels = [
            ("rId1", ox.RT_OFFICE_DOCUMENT, "ppt/presentation.xml", False),
            ("rId2", ox.RT_CORE, "docProps/core.xml", False),
            ("rId3", ox.RT_EXTENDED, "docProps/app.xml", False),
        ]
        types += [
            ("/docProps/core.xml", ox.CT_CORE),
            ("/docProps/app.xml", ox.CT_EXTENDED),
        ]
        properties = [
            ("docProps/core.xml", _core_xml(props)),
            ("docProps/app.xml", _app_xml(len(self._slides), notes_count, tpl, props)),
        ]
        if props.marking.strip():
            package_rels.append(("rId4", ox.RT_CUSTOM, "docProps/custom.xml", False))
            types.append(("/docProps/custom.xml", ox.CT_CUSTOM))
            properties.append(("docProps/custom.xml", _custom_xml({"Marking": props.marking})))
        head, tail = tpl.presentation
        fixed = [
            ("[Content_Types].xml", _content_types_xml(types)),
            ("_rels/.rels", _rels_xml(package_rels)),
            ("ppt/presentation.xml", head + "".join(slide_ids) + tail),
            ("ppt/_rels/presentation.xml.rels", _rels_xml(pres_rels)),
            *properties,
        ]
        parts = tpl.parts
        if self.replacements or self.layout_shapes:
            parts = tuple((name, self._styled(name, data)) for name, data in parts)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL) as zf:
            written: list[tuple[str, str | bytes]] = [*fixed, *parts, *entries]
            for name, data in written:
                zf.writestr(name, data.encode() if isinstance(data, str) else data)

    def _styled(self, name: str, data: bytes) -> bytes:
        """A master's or layout's bytes with the replacements made and shapes added."""
        if not _STYLED.match(name):
            return data
        if self.replacements:
            data = _replaced(data, self.replacements)
        extra = self.layout_shapes.get(name)
        if extra:
            text = data.decode("utf-8")
            head, sep, tail = text.rpartition("</p:spTree>")
            if sep:
                data = (head + extra + sep + tail).encode("utf-8")
        return data


_STYLED = re.compile(r"ppt/(slideMasters|slideLayouts)/[^/]+\.xml$")


def _replaced(data: bytes, replacements: dict[str, str]) -> bytes:
    text = data.decode("utf-8")
    for old, new in replacements.items():
        text = text.replace(old, new)
    return text.encode("utf-8")


# Header and footer of a notes page (python-pptx's notes master positions, portrait
# 7.5 x 10 in), given explicitly so a notes master without them still shows the marking.
_NOTES_BANDS = (
    (90, "Header", "hdr", "", 0),
    (91, "Footer", "ftr", ' idx="4"', 8685213),
)


def _notes_marking(marking: str) -> str:
    """Header and footer placeholders of a notes page, each holding ``marking``."""
    text = xml_text(marking)
    shapes = []
    for shape_id, name, kind, idx, y in _NOTES_BANDS:
        shapes.append(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name} Marking"/>'
            '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            f'<p:nvPr><p:ph type="{kind}" sz="quarter"{idx}/></p:nvPr></p:nvSpPr>'
            f'<p:spPr><a:xfrm><a:off x="0" y="{y}"/><a:ext cx="6858000" cy="458787"/>'
            "</a:xfrm></p:spPr>"
            '<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:pPr algn="ctr"/>'
            f'<a:r><a:rPr lang="en-GB" b="1" dirty="0"/><a:t>{text}</a:t></a:r></a:p>'
            "</p:txBody></p:sp>"
        )
    return "".join(shapes)


def _notes_paragraphs(text: str) -> str:
    """Notes as python-pptx's ``TextFrame.text`` writes them: a paragraph per line,
    a line break per vertical tab, no run properties."""
    out = []
    for line in text.split("\n"):
        pieces = line.split("\v")
        runs = "<a:br/>".join(f"<a:r><a:t>{xml_text(p)}</a:t></a:r>" if p else "" for p in pieces)
        out.append(f"<a:p>{runs}</a:p>" if runs else "<a:p/>")
    return "".join(out)


def _rels_xml(rels: list[tuple[str, str, str, bool]]) -> str:
    items = "".join(
        f'<Relationship Id="{rid}" Type="{reltype}" Target="{xml_attr(target)}"'
        + (' TargetMode="External"/>' if external else "/>")
        for rid, reltype, target, external in rels
    )
    return f'{XML_HEADER}<Relationships xmlns="{_RELS_NS}">{items}</Relationships>'


def _content_types_xml(parts: list[tuple[str, str]]) -> str:
    """Defaults by extension where the spec has one, overrides for the rest (as python-pptx)."""
    defaults = {"rels": ox.CT_RELS, "xml": ox.CT_XML}
    overrides = {}
    for partname, content_type in parts:
        ext = partname.rsplit(".", 1)[-1]
        if (ext.lower(), content_type) in ox.DEFAULT_CONTENT_TYPES:
            defaults[ext.lower()] = content_type
        else:
            overrides[partname] = content_type
    items = [f'<Default Extension="{e}" ContentType="{t}"/>' for e, t in sorted(defaults.items())]
    items += [f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in sorted(overrides.items())]
    return f'{XML_HEADER}<Types xmlns="{_TYPES_NS}">{"".join(items)}</Types>'


def _w3cdtf(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _prop(value: str) -> str:
    return xml_text(xml_safe(value)[:CORE_PROPERTY_CHARS])


def _core_xml(props: CoreProperties) -> str:
    """Title, author, subject and keywords of the deck; created and modified now."""
    now = _w3cdtf(datetime.now(UTC))
    return (
        f"{XML_HEADER}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{_prop(props.title)}</dc:title>"
        f"<dc:subject>{_prop(props.subject)}</dc:subject>"
        f"<dc:creator>{_prop(props.author)}</dc:creator>"
        f"<cp:keywords>{_prop(props.keywords)}</cp:keywords>"
        f"<cp:lastModifiedBy>{_prop(props.author)}</cp:lastModifiedBy>"
        "<cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def presentation_format(width: int, height: int) -> str:
    """PowerPoint's name for a slide size ("Widescreen", "On-screen Show (4:3)", ...)."""
    known = {
        (12192000, 6858000): "Widescreen",
        (9144000, 6858000): "On-screen Show (4:3)",
        (9144000, 5143500): "On-screen Show (16:9)",
        (9144000, 5715000): "On-screen Show (16:10)",
    }
    if (width, height) in known:
        return known[(width, height)]
    ratio = width / height if height else 0.0
    for label, value in (("16:9", 16 / 9), ("4:3", 4 / 3), ("16:10", 1.6)):
        if abs(ratio - value) < 0.01:
            return f"Custom ({label})"
    return "Custom"


def _app_xml(slides: int, notes: int, tpl: _Template, props: CoreProperties) -> str:
    return (
        f'{XML_HEADER}<Properties xmlns="{_EXTENDED_NS}" xmlns:vt="{_VT_NS}">'
        "<TotalTime>0</TotalTime><Application>Briefing App</Application>"
        f"<PresentationFormat>{presentation_format(tpl.width, tpl.height)}</PresentationFormat>"
        f"<Slides>{slides}</Slides><Notes>{notes}</Notes><HiddenSlides>0</HiddenSlides>"
        "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
        "<AppVersion>16.0000</AppVersion></Properties>"
    )


def _custom_xml(values: dict[str, str]) -> str:
    items = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{pid}" '
        f'name="{xml_attr(name)}"><vt:lpwstr>{_prop(value)}</vt:lpwstr></property>'
        for pid, (name, value) in enumerate(values.items(), start=2)
    )
    return f'{XML_HEADER}<Properties xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT_NS}">{items}</Properties>'
