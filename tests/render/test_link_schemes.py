"""Only http, https and mailto links become hyperlinks in exports; the rest stay plain text.

Links enter an export in one place: composing the deck (``briefing_app.deck.compose``),
through ``briefing_app.domain.text.safe_link``. These tests import a document whose
footnotes link with every kind of scheme, cite them on slides, type links by hand, and
read the PowerPoint relationships and PDF link annotations back.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from briefing_app.deck.compose import compose_deck
from briefing_app.domain.text import safe_link
from briefing_app.layout.boxes import TextBox
from briefing_app.render.export import export_deck, laid_out
from briefing_app.services import decks, library
from briefing_app.services.bootstrap import import_file

SAFE = ("https://example.org/report", "mailto:desk@example.org", "http://example.org/good")
UNSAFE = (
    "javascript:alert(document.cookie)",
    "JaVaScRiPt:alert(1)",
    "file:///etc/passwd",
    "data:text/html;base64,PHNjcmlwdD4=",
    "../secret/page.html",
    "//evil.example/x",
    "vbscript:msgbox",
)
DOCUMENT = f"""\
# Link schemes

Body citing every note.[^1][^2][^3][^4][^5][^6][^7][^8][^9][^10] A body link
[click](javascript:alert(1)) and an image ![x](file:///etc/passwd).

[^1]: Safe web source [report]({SAFE[0]}).
[^2]: Mail the [desk]({SAFE[1]}).
[^3]: Script [click me]({UNSAFE[0]}).
[^4]: Mixed case [shout]({UNSAFE[1]}).
[^5]: Local [passwd]({UNSAFE[2]}).
[^6]: Inline [payload]({UNSAFE[3]}).
[^7]: Relative [page]({UNSAFE[4]}).
[^8]: Scheme-less [host]({UNSAFE[5]}).
[^9]: Old [script]({UNSAFE[6]}).
[^10]: Both [bad]({UNSAFE[0]}) and [good]({SAFE[2]}).
"""
TYPED = "Typed [x](javascript:alert(1)) then javascript:alert(2) and file:///etc/passwd"
DECK = "Links"


@pytest.fixture
def linked_store(empty_store, tmp_path: Path):
    source = tmp_path / "link-schemes.md"
    source.write_text(DOCUMENT, encoding="utf-8")
    import_file(empty_store, source)
    notes = library.footnotes(empty_store)
    assert len(notes) == 10
    decks.create_deck(empty_store, DECK)
    slide = decks.add_slide(empty_store, DECK, "argument", title="Footnotes as points")
    for note in notes:
        decks.add_item(empty_store, slide.id, source_kind="footnote", source_id=note.id)
    typed = decks.add_slide(empty_store, DECK, "argument", title="javascript:alert(3)")
    decks.add_item(empty_store, typed.id, text=TYPED)
    decks.update_slide(empty_store, typed.id, notes=TYPED)
    decks.add_slide(empty_store, DECK, "sources", title="Sources")
    return empty_store


@pytest.mark.parametrize("url", SAFE)
def test_safe_links_pass(url: str) -> None:
    assert safe_link(url) == url


@pytest.mark.parametrize(
    "url",
    [
        *UNSAFE,
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\u200bscript:alert(1)",
        "https://example.org/\u202eexe",
        "https://example.org/a b",
        "https://example.org/\ud800",
        "https://",
        "https:///path",
        "https:\\\\example.org",
        "https://[::1",
        "mailto:",
        "mailto:nobody",
        "#",
        "/etc/passwd",
        "",
        None,
        "https://example.org/" + "x" * 3000,
    ],
)
def test_unsafe_links_are_refused(url: str | None) -> None:
    assert safe_link(url) is None


def test_compose_attaches_only_safe_footnote_links(linked_store) -> None:
    content = compose_deck(linked_store, DECK).content
    points, typed, sources = content.slides
    links = {item.text.split()[0]: item.link for item in points.items}
    assert links == {
        "Safe": SAFE[0],
        "Mail": SAFE[1],
        "Script": None,
        "Mixed": None,
        "Local": None,
        "Inline": None,
        "Relative": None,
        "Scheme-less": None,
        "Old": None,
        "Both": SAFE[2],  # its javascript: anchor stays plain text
    }
    assert [item.link for item in typed.items] == [None]
    cited = [item for item in sources.items if item.text.startswith("[")]
    assert [item.link for item in cited] == [links[i.text.split()[1]] for i in cited]


def test_laid_out_runs_carry_only_safe_links_and_keep_the_text(linked_store) -> None:
    deck, _ = laid_out(linked_store, DECK)
    runs = [
        run
        for slide in deck.slides
        for box in slide.boxes
        if isinstance(box, TextBox)
        for para in box.paragraphs
        for line in para.lines
        for run in line.runs
    ]
    assert {run.link for run in runs} == {None, *SAFE}
    text = " ".join(run.text for run in runs)
    for anchor in ("Script click me.", "Local passwd.", "Relative page.", "javascript:alert(3)"):
        assert anchor in text
    assert "javascript:alert(2)" in text


def _pptx_hyperlinks(path: Path) -> set[str]:
    """Every hyperlink target in the slides and notes, as python-pptx reads them."""
    prs = Presentation(str(path))
    parts = [slide.part for slide in prs.slides]
    parts += [slide.notes_slide.part for slide in prs.slides if slide.has_notes_slide]
    rels = [rel for part in parts for rel in part.rels.values()]
    return {rel.target_ref for rel in rels if rel.reltype == RT.HYPERLINK}


def test_exports_link_only_http_https_and_mailto(linked_store, tmp_path: Path) -> None:
    pptx = export_deck(linked_store, DECK, "pptx", tmp_path / "links.pptx").path
    assert _pptx_hyperlinks(pptx) == set(SAFE)
    with zipfile.ZipFile(pptx) as archive:
        rels = b"".join(archive.read(n) for n in archive.namelist() if n.endswith(".rels"))
        xml = b"".join(archive.read(n) for n in archive.namelist() if n.endswith(".xml"))
    external = re.findall(rb'Target="([^"]*)" TargetMode="External"', rels)
    assert {t.decode() for t in external} == set(SAFE)
    for unsafe in (b"javascript:", b"JaVaScRiPt:", b"file:", b"data:", b"vbscript:"):
        assert unsafe not in rels
    assert b"Script click me." in xml  # the anchor is still there, as text
    for fmt in ("pdf", "handout"):
        pdf = export_deck(linked_store, DECK, fmt, tmp_path / f"links-{fmt}.pdf").path
        data = pdf.read_bytes()
        uris = {u.decode() for u in re.findall(rb"/URI \(((?:[^()\\]|\\.)*)\)", data)}
        assert uris == set(SAFE), fmt
        assert not re.search(rb"/S /(?:Launch|JavaScript|GoToR|ImportData)\b", data), fmt
