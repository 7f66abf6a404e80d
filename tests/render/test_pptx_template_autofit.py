"""A house template's stale autofit scale is not carried into the export (LibreOffice would
divide a slide placeholder's indents by it)."""

from __future__ import annotations

import io
import zipfile

from briefing_app.render.pptx_package import _replaced
from briefing_app.render.pptx_template import _stale_autofit

MASTER = (
    '<p:sldMaster><a:bodyPr lIns="0"><a:normAutofit fontScale="78000" lnSpcReduction="10000"/>'
    "</a:bodyPr><a:bodyPr><a:normAutofit/></a:bodyPr><a:bodyPr><a:noAutofit/></a:bodyPr>"
    "</p:sldMaster>"
)


def _package(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, text in parts.items():
            zf.writestr(name, text)
    return buffer.getvalue()


def test_scaled_autofit_in_masters_and_layouts_becomes_plain_autofit() -> None:
    data = _package(
        {
            "ppt/slideMasters/slideMaster1.xml": MASTER,
            "ppt/slideLayouts/slideLayout2.xml": '<a:normAutofit fontScale="92500"/>',
            "ppt/slides/slide1.xml": '<a:normAutofit fontScale="50000"/>',
        }
    )
    replacements = _stale_autofit(data)
    assert set(replacements) == {
        '<a:normAutofit fontScale="78000" lnSpcReduction="10000"/>',
        '<a:normAutofit fontScale="92500"/>',
    }
    fixed = _replaced(MASTER.encode(), replacements).decode()
    assert "fontScale" not in fixed and "lnSpcReduction" not in fixed
    assert fixed.count("<a:normAutofit/>") == 2 and "<a:noAutofit/>" in fixed


def test_a_template_without_a_scale_is_left_alone() -> None:
    assert _stale_autofit(_package({"ppt/slideMasters/slideMaster1.xml": "<a:normAutofit/>"})) == {}
