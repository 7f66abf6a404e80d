"""Among masters whose layouts fit equally, content slides get the one whose art stays
clear of their text: in LibreOffice's Focus (a title master of full-page rays first, then
masters with art only at the corners) and in a small two-master template made here."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from briefing_app.layout.boxes import Box
from briefing_app.services.templates import analyse
from briefing_app.templates.art import ART_PREFIX, template_art
from briefing_app.templates.build_default import build_bytes
from briefing_app.templates.inspect import CHROME_TYPES, inspect_package
from briefing_app.templates.legibility import backdrop_at, master_clash
from briefing_app.templates.match import TemplateMatch, match_template
from briefing_app.templates.package import TemplatePackage, read_template_bytes, read_template_file
from tests.small_templates import shape, small_template

GRID = 12
CONTENT = ("argument", "bluf", "comparison", "map", "sources")


def _art_over_text(package: TemplatePackage, match: TemplateMatch) -> float:
    """Share of sample points in the text placeholders of our content slides' layouts
    where the art (background aside) changes what lies behind the text."""
    page = (match.info.width, match.info.height)
    hits = total = 0
    for key in CONTENT:
        choice = match.choice(key)
        assert choice.layout is not None
        art = template_art(package, choice.layout.part, page)
        ground: tuple[Box, ...] = tuple(b for b in art if b.name == ART_PREFIX + "background")
        for ph in choice.layout.placeholders:
            if ph.type in CHROME_TYPES:
                continue
            for i in range(GRID):
                for j in range(GRID):
                    x, y = ph.x + (i + 0.5) * ph.w / GRID, ph.y + (j + 0.5) * ph.h / GRID
                    total += 1
                    hits += backdrop_at(art, x, y) != backdrop_at(ground, x, y)
    return hits / total


def _masters(package: TemplatePackage) -> list[TemplateMatch]:
    """The match each master alone would give (every master's layouts fit equally here)."""
    info = inspect_package(package)
    return [
        match_template(info, rank_masters=lambda m, i=m.index: 0.0 if m.master == i else 1.0)
        for m in info.masters
    ]


def test_focus_content_slides_use_a_master_whose_art_keeps_clear_of_the_text(
    libreoffice_templates: dict[str, Path],
) -> None:
    package = read_template_file(libreoffice_templates["Focus"])
    info, match = analyse(package)  # what `template check` and every export use
    assert len(info.masters) > 1
    per_master = [_art_over_text(package, m) for m in _masters(package)]
    # the title master's rays lie behind most of the text; LibreOffice lists it first
    assert per_master[0] > 0.5
    assert match.master != 0
    assert per_master[match.master] == min(per_master)
    assert per_master[match.master] < 0.05
    # placeholders alone cannot tell the masters apart: the first would win on them
    assert match_template(info).master == 0
    assert master_clash(package)(match) < master_clash(package)(_masters(package)[0])


def _two_masters() -> bytes:
    """Our template with its master and layouts doubled: the first master draws a dark
    block behind the titles and body text, the second only a strip at the left edge."""
    src = zipfile.ZipFile(io.BytesIO(build_bytes(marked=False)))
    parts = {n: src.read(n) for n in src.namelist()}
    layouts = sorted(n for n in parts if re.fullmatch(r"ppt/slideLayouts/slideLayout\d+\.xml", n))
    out: dict[str, bytes] = dict(parts)
    shift = 100
    for name in layouts:
        number = int(re.findall(r"\d+", name)[-1])
        new = f"ppt/slideLayouts/slideLayout{number + shift}.xml"
        out[new] = parts[name]
        rels = parts[f"ppt/slideLayouts/_rels/slideLayout{number}.xml.rels"].decode()
        out[f"ppt/slideLayouts/_rels/slideLayout{number + shift}.xml.rels"] = rels.replace(
            "slideMaster1.xml", "slideMaster2.xml"
        ).encode()
    master = parts["ppt/slideMasters/slideMaster1.xml"].decode()
    master_rels = parts["ppt/slideMasters/_rels/slideMaster1.xml.rels"].decode()
    dark = (
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        '<a:solidFill><a:srgbClr val="1A1A1A"/></a:solidFill>'
    )
    first = master.replace("</p:spTree>", shape("Block", 0, 0, 960, 540, dark) + "</p:spTree>", 1)
    second = master.replace("</p:spTree>", shape("Strip", 0, 0, 12, 540, dark) + "</p:spTree>", 1)
    second = re.sub(
        r'<p:sldLayoutId id="(\d+)"',
        lambda m: f'<p:sldLayoutId id="{int(m[1]) + 1000}"',
        second,
    )
    out["ppt/slideMasters/slideMaster1.xml"] = first.encode()
    out["ppt/slideMasters/slideMaster2.xml"] = second.encode()
    out["ppt/slideMasters/_rels/slideMaster2.xml.rels"] = re.sub(
        r"slideLayout(\d+)\.xml", lambda m: f"slideLayout{int(m[1]) + shift}.xml", master_rels
    ).encode()
    pres_rels = parts["ppt/_rels/presentation.xml.rels"].decode()
    out["ppt/_rels/presentation.xml.rels"] = pres_rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdMaster2" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/slideMaster" Target="slideMasters/slideMaster2.xml"/></Relationships>',
    ).encode()
    pres = parts["ppt/presentation.xml"].decode()
    out["ppt/presentation.xml"] = pres.replace(
        "</p:sldMasterIdLst>",
        '<p:sldMasterId id="2147484000" r:id="rIdMaster2"/></p:sldMasterIdLst>',
    ).encode()
    types = parts["[Content_Types].xml"].decode()
    extra = (
        '<Override PartName="/ppt/slideMasters/slideMaster2.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.presentationml.slideMaster+xml"/>'
    )
    for name in layouts:
        number = int(re.findall(r"\d+", name)[-1])
        extra += (
            f'<Override PartName="/ppt/slideLayouts/slideLayout{number + shift}.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.presentationml.'
            'slideLayout+xml"/>'
        )
    out["[Content_Types].xml"] = types.replace("</Types>", extra + "</Types>").encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in out.items():
            dst.writestr(name, data)
    return buffer.getvalue()


def test_of_two_equal_masters_the_one_whose_art_keeps_clear_of_the_text_wins() -> None:
    package = read_template_bytes(_two_masters(), "two-masters.pptx")
    info, match = analyse(package)
    assert len(info.masters) == 2
    assert len(info.layouts_of(0)) == len(info.layouts_of(1))
    assert match_template(info).master == 0  # on placeholders alone: a tie, the first
    assert match.master == 1
    first, second = _masters(package)
    assert _art_over_text(package, first) > 0.9
    assert _art_over_text(package, second) < 0.05
    clash = master_clash(package)
    assert clash(first) > 0.5 > 0.05 > clash(second)


def test_equal_masters_whose_text_reads_as_well_keep_the_first() -> None:
    """Art that does not hurt reading (our template's own, repeated) changes nothing."""
    # both masters' art made harmless: a pale tint, under the text or beside it
    package = read_template_bytes(_retint(_two_masters(), "1A1A1A", "F4F4F4"), "pale.pptx")
    _, match = analyse(package)
    assert match.master == 0


def _retint(data: bytes, old: str, new: str) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename.startswith("ppt/slideMasters/slideMaster"):
                content = content.replace(old.encode(), new.encode())
            dst.writestr(info, content)
    return buffer.getvalue()


def test_a_placeholders_own_fill_is_behind_its_text() -> None:
    """On a dark page, body text in the theme's dark text colour cannot be read; with the
    body placeholder filled white on the master (inherited by the layouts, drawn behind
    the text on every slide) it can, and the master's figure says so."""
    dark = (
        '<p:bg><p:bgPr><a:solidFill><a:srgbClr val="101830"/></a:solidFill>'
        "<a:effectLst/></p:bgPr></p:bg>"
    )
    white_body = {
        r'(type="body" idx="1"/></p:nvPr></p:nvSpPr><p:spPr>.*?</a:prstGeom>)': r"\1"
        '<a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>'
    }
    plain = small_template(dark)
    filled = small_template(dark, master=white_body)
    assert master_clash(filled[0])(filled[1]) < master_clash(plain[0])(plain[1]) - 0.1
