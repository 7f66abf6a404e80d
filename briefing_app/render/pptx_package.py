"""Write a PowerPoint package from prepared slide markup, without python-pptx's object model.

python-pptx builds every slide, notes page and relationship as objects, looks each one up
again by walking the package, and serialises it through lxml; for a 100-slide deck that
was more than half of the export. Here python-pptx makes one small presentation once per
process (its default template, our slide size, the notes master, one blank slide with a
notes page) and we keep the bytes it writes: every template part as is, and the blank
slide and notes page as text to fill in. Each export then only joins strings and writes
the ZIP. The parts, names, relationships and content types are the ones python-pptx
writes for the same deck, so the file is the same PowerPoint file, made faster.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.opc.spec import default_content_types
from pptx.parts.coreprops import CorePropertiesPart
from pptx.parts.image import Image

from briefing_app.render.pptx_text import xml_attr, xml_safe, xml_text

XML_HEADER = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
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
    """Bytes of python-pptx's default presentation, and the blank slide and notes page."""

    parts: tuple[tuple[str, bytes], ...]  # (member name, bytes): every part that never changes
    content_types: tuple[tuple[str, str], ...]  # (part name, content type) of those parts
    presentation: tuple[str, str]  # presentation.xml around its slide id list
    presentation_rels: tuple[tuple[str, str, str], ...]  # (rId, type, target) but slides
    core: bytes
    slide: tuple[str, str, str]  # around the slide name, and the shapes
    notes: tuple[str, str]  # around the notes text's paragraphs
    layout_target: str  # the blank layout, relative to a slide
    master_target: str  # the notes master, relative to a notes page


@cache
def template(width: int, height: int) -> _Template:
    """Harvest python-pptx's output for a one-slide presentation (once per process)."""
    from pptx import Presentation

    prs = Presentation()
    prs.slide_width, prs.slide_height = width, height
    notes_master = prs.notes_master.part  # first, so it takes the next free rId
    slide = prs.slides.add_slide(prs.slide_layouts[_BLANK_LAYOUT])
    slide._element.cSld.set("name", _MARK)
    notes = slide.notes_slide
    notes.notes_text_frame.text = _MARK
    package = prs.part.package
    slide_part, notes_part, core_part = slide.part, notes.part, prs.core_properties.part
    layout_part = slide_part.part_related_by(RT.SLIDE_LAYOUT)
    slide_rel = next(r for r in prs.part.rels.values() if r.reltype == RT.SLIDE)
    prs.part.drop_rel(slide_rel.rId)
    prs.part._element.sldIdLst.clear()

    dynamic = {prs.part, slide_part, notes_part, core_part}
    parts: list[tuple[str, bytes]] = []
    types: list[tuple[str, str]] = []
    for part in package.iter_parts():
        types.append((str(part.partname), part.content_type))
        if part in dynamic:
            continue
        parts.append((part.partname.membername, part.blob))
        if part.rels:
            parts.append((part.partname.rels_uri.membername, part.rels.xml))
    parts.insert(0, (PackURI("/").rels_uri.membername, package._rels.xml))
    dynamic_names = {str(notes_part.partname), str(slide_part.partname)}
    head, sep, tail = prs.part.blob.decode().partition("<p:sldIdLst/>")
    slide_xml = slide_part.blob.decode()
    before_name, _, rest = slide_xml.partition(_MARK)
    before_shapes, _, after_shapes = rest.partition("</p:spTree>")
    mark_par = f"<a:p><a:r><a:t>{_MARK}</a:t></a:r></a:p>"
    notes_head, _, notes_tail = notes_part.blob.decode().partition(mark_par)
    if not (sep and before_name.endswith('name="') and after_shapes and notes_tail):
        raise RuntimeError("python-pptx's template is not laid out as expected")
    return _Template(
        parts=tuple(parts),
        content_types=tuple(t for t in types if t[0] not in dynamic_names),
        presentation=(head + "<p:sldIdLst>", "</p:sldIdLst>" + tail),
        presentation_rels=tuple(
            sorted(
                ((r.rId, r.reltype, r.target_ref) for r in prs.part.rels.values()),
                key=lambda rel: int(rel[0][3:]),
            )
        ),
        core=core_part.blob,
        slide=(before_name, before_shapes, "</p:spTree>" + after_shapes),
        notes=(notes_head, notes_tail),
        layout_target=_target(slide_part, layout_part, RT.SLIDE_LAYOUT),
        master_target=_target(notes_part, notes_master, RT.NOTES_MASTER),
    )


def _target(source: Part, target: Part, reltype: str) -> str:
    """How ``source`` refers to ``target`` (a path relative to it)."""
    return source.rels[source.relate_to(target, reltype)].target_ref


@dataclass
class _Media:
    """Images in the package, one part per distinct image (as python-pptx dedupes them)."""

    by_sha1: dict[str, tuple[str, Image]] = field(default_factory=dict)

    def add(self, path: str) -> tuple[str, str]:
        """(part name, description) for the image file at ``path``."""
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
    _ids: dict[tuple[str, str], str] = field(default_factory=dict)

    def _add(self, reltype: str, target: str, external: bool = False) -> str:
        key = (reltype, target)
        if key not in self._ids:
            self._ids[key] = f"rId{len(self.rels) + 1}"
            self.rels.append((self._ids[key], reltype, target, external))
        return self._ids[key]

    def link(self, url: str) -> str:
        """The rId of an external hyperlink to ``url``."""
        return self._add(RT.HYPERLINK, url, external=True)

    def image(self, path: str) -> tuple[str, str]:
        """The rId of the image at ``path`` and its description (the file name)."""
        partname, description = self.media.add(path)
        return self._add(RT.IMAGE, ".." + partname[len("/ppt") :]), description


@dataclass(frozen=True)
class CoreProperties:
    """What docProps/core.xml says about the deck."""

    title: str
    author: str
    subject: str
    keywords: str


class PptxPackage:
    """Slides added in order, then written as one .pptx file."""

    def __init__(self, width: int, height: int) -> None:
        self.template = template(width, height)
        self.media = _Media()
        self._slides: list[tuple[str, SlideRels, str | None]] = []  # (xml, rels, notes xml)

    def new_rels(self) -> SlideRels:
        rels = SlideRels(self.media)
        rels._add(RT.SLIDE_LAYOUT, self.template.layout_target)
        return rels

    def add_slide(self, name: str, shapes: str, rels: SlideRels, notes: str | None) -> None:
        """Add a slide named ``name`` holding ``shapes`` (markup), with plain-text ``notes``."""
        head, middle, tail = self.template.slide
        xml = f"{head}{xml_attr(name)}{middle}{shapes}{tail}"
        notes_xml = None
        if notes:
            notes_head, notes_tail = self.template.notes
            notes_xml = f"{notes_head}{_notes_paragraphs(notes)}{notes_tail}"
        self._slides.append((xml, rels, notes_xml))

    def write(self, path: Path, props: CoreProperties) -> None:
        """Write the package to ``path`` (a new file)."""
        tpl = self.template
        entries: list[tuple[str, bytes | str]] = []
        types = list(tpl.content_types)
        pres_rels = [(rid, rt, target, False) for rid, rt, target in tpl.presentation_rels]
        next_rid = 1 + max(int(rid[3:]) for rid, *_ in pres_rels)
        slide_ids = []
        notes_count = 0
        for n, (xml, rels, notes_xml) in enumerate(self._slides, start=1):
            slide_name = f"ppt/slides/slide{n}.xml"
            rid = f"rId{next_rid + n - 1}"
            pres_rels.append((rid, RT.SLIDE, f"slides/slide{n}.xml", False))
            slide_ids.append(f'<p:sldId id="{255 + n}" r:id="{rid}"/>')
            slide_rels = list(rels.rels)
            if notes_xml is not None:
                notes_count += 1
                notes_name = f"ppt/notesSlides/notesSlide{notes_count}.xml"
                slide_rels.append(
                    (f"rId{len(slide_rels) + 1}", RT.NOTES_SLIDE, "../" + notes_name[4:], False)
                )
                entries.append((notes_name, notes_xml))
                entries.append(
                    (
                        f"ppt/notesSlides/_rels/notesSlide{notes_count}.xml.rels",
                        _rels_xml(
                            [
                                ("rId1", RT.NOTES_MASTER, tpl.master_target, False),
                                ("rId2", RT.SLIDE, f"../slides/slide{n}.xml", False),
                            ]
                        ),
                    )
                )
                types.append(("/" + notes_name, CT.PML_NOTES_SLIDE))
            entries.append((slide_name, xml))
            entries.append((f"ppt/slides/_rels/slide{n}.xml.rels", _rels_xml(slide_rels)))
            types.append(("/" + slide_name, CT.PML_SLIDE))
        for partname, image in self.media.by_sha1.values():
            entries.append((partname[1:], image.blob))
            types.append((partname, image.content_type))
        head, tail = tpl.presentation
        fixed = [
            ("[Content_Types].xml", _content_types_xml(types)),
            ("ppt/presentation.xml", head + "".join(slide_ids) + tail),
            ("ppt/_rels/presentation.xml.rels", _rels_xml(pres_rels)),
            ("docProps/core.xml", _core_xml(tpl.core, props)),
        ]
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL) as zf:
            for name, data in [*fixed, *tpl.parts, *entries]:
                zf.writestr(name, data.encode() if isinstance(data, str) else data)


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
    defaults = {"rels": CT.OPC_RELATIONSHIPS, "xml": CT.XML}
    overrides = {}
    for partname, content_type in parts:
        ext = partname.rsplit(".", 1)[-1]
        if (ext.lower(), content_type) in default_content_types:
            defaults[ext.lower()] = content_type
        else:
            overrides[partname] = content_type
    items = [f'<Default Extension="{e}" ContentType="{t}"/>' for e, t in sorted(defaults.items())]
    items += [f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in sorted(overrides.items())]
    return f'{XML_HEADER}<Types xmlns="{_TYPES_NS}">{"".join(items)}</Types>'


def _core_xml(blob: bytes, props: CoreProperties) -> bytes:
    """The template's core properties with the deck's title, author, subject, keywords."""
    part = CorePropertiesPart.load(
        PackURI("/docProps/core.xml"),
        CT.OPC_CORE_PROPERTIES,
        None,  # type: ignore[arg-type]  # no package: the part is only serialised
        blob,
    )
    part.title = xml_safe(props.title)[:CORE_PROPERTY_CHARS]
    part.author = part.last_modified_by = xml_safe(props.author)[:CORE_PROPERTY_CHARS]
    part.subject = xml_safe(props.subject)[:CORE_PROPERTY_CHARS]
    part.keywords = xml_safe(props.keywords)[:CORE_PROPERTY_CHARS]
    part.revision = 1
    return part.blob
