"""Bad templates are one sentence each; good .pptx and .potx files are read."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from briefing_app.templates import package as pkg
from briefing_app.templates.build_default import build_bytes, build_parts
from briefing_app.templates.ooxml import CT_PRESENTATION, CT_TEMPLATE
from briefing_app.templates.package import (
    TemplateError,
    read_template_bytes,
    read_template_file,
)


def _zip(parts: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buffer.getvalue()


def _parts() -> dict[str, str]:
    return dict(build_parts())


def _one_sentence(message: str) -> None:
    assert message.endswith(".") and "\n" not in message and "Traceback" not in message


def test_our_template_reads_and_a_potx_opens_in_python_pptx(tmp_path: Path) -> None:
    package = read_template_bytes(build_bytes(), "briefing.pptx")
    assert package.main_part == "ppt/presentation.xml"
    parts = _parts()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        CT_PRESENTATION, CT_TEMPLATE
    )
    potx = tmp_path / "house.potx"
    potx.write_bytes(_zip(parts))
    with pytest.raises(ValueError):  # python-pptx alone refuses a template
        Presentation(str(potx))
    package = read_template_file(potx)
    prs = Presentation(io.BytesIO(package.as_presentation()))
    assert len(prs.slide_layouts) == len(package.rels("ppt/slideMasters/slideMaster1.xml")) - 1


@pytest.mark.parametrize(
    ("name", "make", "words"),
    [
        ("notes.pptx", lambda: b"just some text, not a zip", "not a PowerPoint file"),
        ("report.pptx", lambda: _zip({"word/document.xml": "<w/>"}), "not a PowerPoint"),
        (
            "report.docx",
            lambda: _zip(
                {
                    "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/content-types"><Override PartName="/word/document.xml" '
                    'ContentType="application/vnd.openxmlformats-officedocument.'
                    'wordprocessingml.document.main+xml"/></Types>',
                    "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                    'Target="word/document.xml"/></Relationships>',
                    "word/document.xml": "<w/>",
                }
            ),
            "not a PowerPoint presentation",
        ),
        (
            "locked.pptx",
            lambda: bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 4096,
            "password-protected",
        ),
        ("macros.pptm", lambda: build_bytes(), "macros"),
        ("macros.potm", lambda: build_bytes(), "macros"),
    ],
)
def test_bad_files_are_one_sentence(name: str, make, words: str) -> None:
    with pytest.raises(TemplateError) as caught:
        read_template_bytes(make(), name)
    _one_sentence(str(caught.value))
    assert words in str(caught.value)


def test_a_macro_part_is_refused_even_under_a_pptx_name() -> None:
    parts = _parts()
    parts["ppt/vbaProject.bin"] = "not really a VBA project"
    with pytest.raises(TemplateError, match="macros"):
        read_template_bytes(_zip(parts), "innocent.pptx")


def test_no_slide_layouts() -> None:
    parts = {k: v for k, v in _parts().items() if "slideLayout" not in k}
    rels = "ppt/slideMasters/_rels/slideMaster1.xml.rels"
    parts[rels] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/theme" Target="../theme/theme1.xml"/></Relationships>'
    )
    with pytest.raises(TemplateError, match="no slide layouts"):
        read_template_bytes(_zip(parts), "empty.pptx")


def test_broken_relationships() -> None:
    parts = _parts()
    del parts["ppt/slideLayouts/slideLayout3.xml"]
    with pytest.raises(TemplateError) as caught:
        read_template_bytes(_zip(parts), "broken.pptx")
    assert "refers to a missing part (ppt/slideLayouts/slideLayout3.xml)" in str(caught.value)
    _one_sentence(str(caught.value))


def test_zip_bomb_by_ratio_and_by_declared_size(monkeypatch: pytest.MonkeyPatch) -> None:
    parts = _parts()
    parts["ppt/media/image1.png"] = "\0" * (20 * 1024 * 1024)  # packs a thousandfold
    bomb = _zip(parts)
    assert len(bomb) < 200_000
    with pytest.raises(TemplateError, match="unpacks to far more data"):
        read_template_bytes(bomb, "bomb.pptx")
    monkeypatch.setattr(pkg, "MAX_UNPACKED_BYTES", 50_000)
    with pytest.raises(TemplateError, match="unpacks to far more data"):
        read_template_bytes(build_bytes(), "big.pptx")


def test_a_200_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.pptx"
    with path.open("wb") as f:
        f.truncate(200 * 1024 * 1024)  # sparse: no disk space used
    with pytest.raises(TemplateError) as caught:
        read_template_file(path)
    assert "200 MB" in str(caught.value)
    _one_sentence(str(caught.value))


def test_xml_with_an_external_entity_is_refused_not_expanded() -> None:
    parts = _parts()
    parts["ppt/presentation.xml"] = (
        '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        + parts["ppt/presentation.xml"]
        .split("\n", 1)[1]
        .replace("<p:sldSz", "<p:sldSz data='&x;'", 1)
    )
    with pytest.raises(TemplateError, match="not readable XML"):
        read_template_bytes(_zip(parts), "entity.pptx")


def test_content_placeholders_without_an_idx_are_numbered(
    libreoffice_templates: dict[str, Path],
) -> None:
    """LibreOffice writes a layout's content placeholders as ``<p:ph/>`` (all idx 0); read
    as a template, each gets an idx of its own, so a slide can fill every one of them."""
    path = libreoffice_templates["Beehive"]
    with zipfile.ZipFile(path) as z:
        raw = [n for n in z.namelist() if n.startswith("ppt/slideLayouts/slideLayout")]
        assert any(b"<p:ph/>" in z.read(n) for n in raw)  # what LibreOffice writes
    package = read_template_file(path)
    for name in package.parts:
        if name.startswith("ppt/slideLayouts/") and name.endswith(".xml"):
            root = package.xml(name)
            phs = list(root.iter("{*}ph"))
            indexes = [ph.get("idx") for ph in phs if ph.get("type") not in ("title", "ctrTitle")]
            assert None not in indexes, name
            assert len(set(indexes)) == len(indexes), name
    again = read_template_bytes(package.as_presentation(), "again.pptx")
    assert again.parts == package.parts  # numbering is stable: nothing left to number
