"""LibreOffice sets each exported PPTX with the same text lines as our PDF (`pdftotext
-layout`, line by line): every line of the default briefing in our template, at least 99 %
in each of LibreOffice's own Impress templates and in pandoc's reference.pptx."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from line_match import LineMatch, compare, libreoffice_pdfs

from briefing_app.deck.outline import DEFAULT_OUTLINE, build_from_outline
from briefing_app.render.export import export_deck
from briefing_app.services import templates
from briefing_app.services.bootstrap import open_prepared

from .conftest import LIBREOFFICE_TEMPLATES

pytestmark = [
    pytest.mark.stress,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed"),
]


@pytest.fixture(scope="module")
def line_matches(
    tmp_path_factory: pytest.TempPathFactory,
    libreoffice_templates: dict[str, Path],
    pandoc_reference: Path,
) -> dict[str, LineMatch]:
    """The default briefing in each template: our PDF against LibreOffice's of our PPTX."""
    work = tmp_path_factory.mktemp("line-match")
    store = open_prepared(str(work / "essay.sqlite"))
    try:
        build_from_outline(store, DEFAULT_OUTLINE, "Default", marking="UNCLASSIFIED")
        named: dict[str, Path | None] = {
            "ours": None,
            **libreoffice_templates,
            "pandoc": pandoc_reference,
        }
        exported = {}
        for name, source in named.items():
            if source is not None:
                templates.add_template(store, source, name)
            templates.set_deck_template(store, "Default", name if source else None)
            pptx = export_deck(store, "Default", "pptx", work / f"{name}.pptx").path
            pdf = export_deck(store, "Default", "pdf", work / f"{name}.pdf").path
            exported[name] = (pptx, pdf)
    finally:
        store.close()
    rendered = libreoffice_pdfs(
        [pptx for pptx, _ in exported.values()], work / "libreoffice", work / "profile"
    )
    results = {name: compare(name, pdf, rendered[pptx]) for name, (pptx, pdf) in exported.items()}
    for result in results.values():
        print(result.summary())
        for page, line in result.missing:
            print(f"    p{page}: {line}")
    return results


def test_every_line_in_our_template(line_matches: dict[str, LineMatch]) -> None:
    ours = line_matches["ours"]
    assert ours.pages[0] == ours.pages[1]
    assert ours.total > 100
    assert ours.percent == 100.0, ours.missing


@pytest.mark.parametrize("name", [*LIBREOFFICE_TEMPLATES, "pandoc"])
def test_99_percent_of_lines_in_other_templates(
    line_matches: dict[str, LineMatch], name: str
) -> None:
    result = line_matches[name]
    assert result.pages[0] == result.pages[1]
    assert result.percent >= 99.0, result.missing
