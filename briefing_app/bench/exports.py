"""Export benchmark: our PPTX/PDF export of a 100-slide deck against plain-library baselines.

Baselines write the same bullets: python-pptx into its default template's bullet layout
(and into a house template's title and body placeholders, against our export in that
template), reportlab drawing the text with one font (and, against our PDF in a house
template with a gradient background, a logo, a translucent band and a line of static text
on its master, also drawing those graphics on every page). Figures are printed and
returned as measures, never asserted.
"""

from __future__ import annotations

import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from briefing_app.bench.measures import BenchResult, Measure
from briefing_app.bench.synthetic import synthetic_deck, synthetic_store
from briefing_app.layout.boxes import Box
from briefing_app.render.export import export_deck
from briefing_app.services import templates
from briefing_app.store.store import Store
from briefing_app.templates.art import TemplateLook

if TYPE_CHECKING:
    from reportlab.platypus import Flowable


def _timed(fn: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def _cpu_timed(fn: Callable[[], object], repeat: int = 3) -> float:
    """Best CPU time of ``repeat`` runs: what the work costs whatever else the machine runs
    (wall time on a shared machine is mostly waiting)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def baseline_pptx(bullets: list[list[str]], path: Path, notes: bool = False) -> None:
    from pptx import Presentation

    prs = Presentation()
    layout = prs.slide_layouts[1]
    for n, texts in enumerate(bullets, start=1):
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = f"Slide {n}"
        frame = slide.placeholders[1].text_frame
        frame.text = texts[0]
        for text in texts[1:]:
            frame.add_paragraph().text = text
        if notes:
            slide.notes_slide.notes_text_frame.text = "\n\n".join(texts)
    prs.save(str(path))


def baseline_pptx_in_template(
    bullets: list[list[str]], template: bytes, layout_part: str, body_idx: int, path: Path
) -> None:
    """python-pptx writing the same slides into a house template's placeholders: the
    layout our export chose for bullets, its title and its body placeholder."""
    import io

    from pptx import Presentation

    prs = Presentation(io.BytesIO(template))
    layout = next(
        lay
        for master in prs.slide_masters
        for lay in master.slide_layouts
        if lay.part.partname.membername == layout_part
    )
    for n, texts in enumerate(bullets, start=1):
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = f"Slide {n}"
        frame = slide.placeholders[body_idx].text_frame
        frame.text = texts[0]
        for text in texts[1:]:
            frame.add_paragraph().text = text
    prs.save(str(path))


def _house_template(store: Store, work: Path) -> tuple[bytes, str, int]:
    """Our own template stored as the bench deck's house template; what python-pptx needs
    to write the same slides into it."""
    from briefing_app.templates.build_default import DEFAULT_TEMPLATE

    templates.add_template(store, DEFAULT_TEMPLATE, "House")
    templates.set_deck_template(store, "bench", "House")
    stored = templates.stored_deck_template(store, "bench")
    if stored is None:
        raise RuntimeError("the bench deck's house template was not stored")
    package, match = stored
    choice = match.choice("argument")
    if choice.layout is None:
        raise RuntimeError("our own template has no layout for argument slides")
    body = next(a.placeholder for a in choice.assignments if a.placeholder is not None)
    return package.as_presentation(), choice.layout.part, body.idx


def _baseline_story(bullets: list[list[str]]) -> list[Flowable]:
    """Plain reportlab's pages of the bullets: a heading and the points, a page a slide,
    in the sans face our exports use (registered as "BaselineSans")."""
    from xml.sax.saxutils import escape

    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import PageBreak, Paragraph

    from briefing_app.layout.fonts import FAMILIES

    pdfmetrics.registerFont(TTFont("BaselineSans", str(FAMILIES["sans"].regular)))
    style = getSampleStyleSheet()["BodyText"]
    style.fontName = "BaselineSans"
    style.fontSize = 18
    style.leading = 22
    story: list[Flowable] = []
    for n, texts in enumerate(bullets, start=1):
        story.append(Paragraph(f"Slide {n}", style))
        story += [Paragraph("• " + escape(text), style) for text in texts]
        story.append(PageBreak())
    return story


def baseline_pdf(bullets: list[list[str]], path: Path) -> None:
    from reportlab.lib.pagesizes import landscape, letter
    from reportlab.platypus import SimpleDocTemplate

    SimpleDocTemplate(str(path), pagesize=landscape(letter)).build(_baseline_story(bullets))


_LOGO_REL = "rIdBenchLogo"


def _graphics_template(work: Path) -> Path:
    """Our template with what a house template's master typically draws added: a
    gradient background, a logo picture, a translucent band and a static text line."""
    import io
    import re
    import zipfile

    from PIL import Image, ImageDraw

    from briefing_app.templates.build_default import build_bytes

    logo = io.BytesIO()
    image = Image.new("RGB", (240, 120), "#1F3864")
    ImageDraw.Draw(image).ellipse((20, 10, 120, 110), fill="#F2C200")
    image.save(logo, "PNG")
    emu = 12700
    shapes = (
        f'<p:pic><p:nvPicPr><p:cNvPr id="801" name="Logo"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
        f'<p:blipFill><a:blip r:embed="{_LOGO_REL}"/><a:stretch><a:fillRect/></a:stretch>'
        f'</p:blipFill><p:spPr><a:xfrm><a:off x="{840 * emu}" y="{20 * emu}"/>'
        f'<a:ext cx="{80 * emu}" cy="{40 * emu}"/></a:xfrm><a:prstGeom prst="rect">'
        "<a:avLst/></a:prstGeom></p:spPr></p:pic>"
        '<p:sp><p:nvSpPr><p:cNvPr id="802" name="Band"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="0" y="{470 * emu}"/><a:ext cx="{960 * emu}" '
        f'cy="{30 * emu}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        '<a:solidFill><a:schemeClr val="accent1"><a:alpha val="40000"/></a:schemeClr>'
        "</a:solidFill></p:spPr></p:sp>"
        '<p:sp><p:nvSpPr><p:cNvPr id="803" name="Ministry"/><p:cNvSpPr txBox="1"/><p:nvPr/>'
        f'</p:nvSpPr><p:spPr><a:xfrm><a:off x="{600 * emu}" y="{30 * emu}"/>'
        f'<a:ext cx="{230 * emu}" cy="{20 * emu}"/></a:xfrm><a:prstGeom prst="rect">'
        '<a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr wrap="square"/><a:lstStyle/>'
        '<a:p><a:pPr algn="r"/><a:r><a:rPr lang="en-GB" sz="1000" b="1"/>'
        "<a:t>Ministry of Foreign Affairs</a:t></a:r></a:p></p:txBody></p:sp>"
    )
    background = (
        '<p:bg><p:bgPr><a:gradFill><a:gsLst><a:gs pos="0"><a:srgbClr val="FFFFFF"/></a:gs>'
        '<a:gs pos="100000"><a:schemeClr val="accent1"><a:lumMod val="20000"/>'
        '<a:lumOff val="80000"/></a:schemeClr></a:gs></a:gsLst><a:lin ang="5400000"/>'
        "</a:gradFill><a:effectLst/></p:bgPr></p:bg>"
    )
    source = zipfile.ZipFile(io.BytesIO(build_bytes(marked=False)))
    path = work / "graphics.pptx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            name = info.filename
            if name == "ppt/slideMasters/slideMaster1.xml":
                xml = re.sub(r"<p:bg>.*?</p:bg>", background, data.decode(), count=1)
                data = xml.replace("</p:spTree>", shapes + "</p:spTree>", 1).encode()
            elif name == "ppt/slideMasters/_rels/slideMaster1.xml.rels":
                rel = (
                    f'<Relationship Id="{_LOGO_REL}" Target="../media/bench-logo.png" '
                    'Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    'relationships/image"/>'
                )
                data = data.decode().replace("</Relationships>", rel + "</Relationships>").encode()
            elif name == "[Content_Types].xml" and b'Extension="png"' not in data:
                default = '<Default Extension="png" ContentType="image/png"/>'
                data = data.decode().replace("<Override", default + "<Override", 1).encode()
            out.writestr(info, data)
        out.writestr("ppt/media/bench-logo.png", logo.getvalue())
    return path


def baseline_pdf_with_graphics(
    bullets: list[list[str]], art: tuple[Box, ...], page: tuple[float, float], path: Path
) -> None:
    """Plain reportlab: the same bullets on pages of the template's size, and on every page
    the template's graphics (the art our export draws, extracted beforehand) drawn with
    plain canvas calls."""
    from reportlab.lib.colors import HexColor
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import SimpleDocTemplate

    from briefing_app.layout.boxes import PictureBox, RectBox, RuleBox, TextBox

    width, height = page

    def graphics(canvas: Canvas, _doc: object) -> None:
        for box in art:
            if isinstance(box, RectBox):
                path = canvas.beginPath()
                path.rect(box.x, height - box.y - box.h, box.w, box.h)
                canvas.saveState()
                if box.gradient is not None:
                    g = box.gradient
                    canvas.clipPath(path, stroke=0, fill=0)
                    canvas.linearGradient(
                        g.x1, height - g.y1, g.x2, height - g.y2,
                        [HexColor("#" + c) for _, c in g.stops], [p for p, _ in g.stops],
                    )  # fmt: skip
                elif box.fill:
                    canvas.setFillColor(HexColor("#" + box.fill))
                    canvas.setFillAlpha(box.opacity)
                    canvas.drawPath(path, stroke=0, fill=1)
                canvas.restoreState()
            elif isinstance(box, RuleBox):
                canvas.setStrokeColor(HexColor("#" + box.color))
                canvas.setLineWidth(box.width)
                canvas.line(box.x1, height - box.y1, box.x2, height - box.y2)
            elif isinstance(box, PictureBox):
                canvas.drawImage(box.path, box.x, height - box.y - box.h, box.w, box.h)
            elif isinstance(box, TextBox):
                for par in box.paragraphs:
                    for line in par.lines:
                        text = "".join(run.text for run in line.runs)
                        canvas.setFont("BaselineSans", line.runs[0].style.size)
                        canvas.drawString(line.x, height - line.baseline, text)

    story = _baseline_story(bullets)
    doc = SimpleDocTemplate(str(path), pagesize=(width, height))
    doc.build(story, onFirstPage=graphics, onLaterPages=graphics)


def run(slides: int = 100) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        store = synthetic_store(work / "bench.sqlite", arguments=slides * 5)
        bullets = synthetic_deck(store, "bench", slides)
        results = {
            "ours_pptx_s": _timed(lambda: export_deck(store, "bench", "pptx", work / "o.pptx")),
            "baseline_pptx_s": _timed(lambda: baseline_pptx(bullets, work / "b.pptx")),
            "baseline_pptx_notes_s": _timed(
                lambda: baseline_pptx(bullets, work / "n.pptx", notes=True)
            ),
            "ours_pdf_s": _timed(lambda: export_deck(store, "bench", "pdf", work / "o.pdf")),
            "baseline_pdf_s": _timed(lambda: baseline_pdf(bullets, work / "b.pdf")),
        }
        tracemalloc.start()
        export_deck(store, "bench", "pptx", work / "m.pptx")
        export_deck(store, "bench", "pdf", work / "m.pdf")
        results["peak_python_memory_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        data, layout_part, body_idx = _house_template(store, work)
        results["ours_pptx_house_s"] = _timed(
            lambda: export_deck(store, "bench", "pptx", work / "h.pptx")
        )
        results["baseline_pptx_house_s"] = _timed(
            lambda: baseline_pptx_in_template(
                bullets, data, layout_part, body_idx, work / "hb.pptx"
            )
        )
        results["ours_pptx_house_cpu_s"] = _cpu_timed(
            lambda: export_deck(store, "bench", "pptx", work / "h.pptx")
        )
        results["baseline_pptx_house_cpu_s"] = _cpu_timed(
            lambda: baseline_pptx_in_template(
                bullets, data, layout_part, body_idx, work / "hb.pptx"
            )
        )
        templates.add_template(store, _graphics_template(work), "House graphics")
        templates.set_deck_template(store, "bench", "House graphics")
        stored = templates.stored_deck_template(store, "bench")
        if stored is None:
            raise RuntimeError("the bench deck's graphics template was not stored")
        look = TemplateLook(*stored)
        art, page = look.art_for("argument", 0, ""), look.page
        results["ours_pdf_house_s"] = _timed(
            lambda: export_deck(store, "bench", "pdf", work / "hg.pdf")
        )
        results["baseline_pdf_house_s"] = _timed(
            lambda: baseline_pdf_with_graphics(bullets, art, page, work / "hgb.pdf")
        )
        results["ours_pdf_house_cpu_s"] = _cpu_timed(
            lambda: export_deck(store, "bench", "pdf", work / "hg.pdf"), repeat=5
        )
        results["baseline_pdf_house_cpu_s"] = _cpu_timed(
            lambda: baseline_pdf_with_graphics(bullets, art, page, work / "hgb.pdf"), repeat=5
        )
        store.close()
    results["pdf_house_ratio"] = results["ours_pdf_house_s"] / results["baseline_pdf_house_s"]
    results["pdf_house_cpu_ratio"] = (
        results["ours_pdf_house_cpu_s"] / results["baseline_pdf_house_cpu_s"]
    )
    results["pptx_house_cpu_ratio"] = (
        results["ours_pptx_house_cpu_s"] / results["baseline_pptx_house_cpu_s"]
    )
    results["pptx_house_ratio"] = results["ours_pptx_house_s"] / results["baseline_pptx_house_s"]
    results["pptx_ratio"] = results["ours_pptx_s"] / results["baseline_pptx_s"]
    results["pdf_ratio"] = results["ours_pdf_s"] / results["baseline_pdf_s"]
    return results


def measures(r: dict[str, float], slides: int = 100) -> list[Measure]:
    """The export figures as named measures (targets from the export issue)."""
    deck, best = f"{slides}-slide deck", "best of 3"
    return [
        Measure(
            "pptx_s", f"PPTX export, {deck}", r["ours_pptx_s"], "s", 2.0, note=best, headline=True
        ),
        Measure(
            "pptx_ratio",
            "PPTX export ÷ plain python-pptx",
            r["pptx_ratio"],
            "×",
            1.5,
            strict=False,
            note=f"python-pptx {r['baseline_pptx_s']:.2f} s",
            headline=True,
        ),
        Measure("baseline_pptx_s", "plain python-pptx baseline", r["baseline_pptx_s"], "s"),
        Measure(
            "baseline_pptx_notes_s",
            "python-pptx baseline with the same speaker notes",
            r["baseline_pptx_notes_s"],
            "s",
        ),
        Measure(
            "pptx_notes_ratio",
            "PPTX export ÷ python-pptx with notes",
            r["ours_pptx_s"] / r["baseline_pptx_notes_s"],
            "×",
            note=f"python-pptx with notes {r['baseline_pptx_notes_s']:.2f} s",
            headline=True,
        ),
        Measure(
            "pptx_house_ratio",
            "PPTX export in a house template ÷ python-pptx into its placeholders",
            r["pptx_house_ratio"],
            "×",
            1.0,
            strict=False,
            note=f"ours {r['ours_pptx_house_s']:.2f} s, "
            f"python-pptx {r['baseline_pptx_house_s']:.2f} s",
            headline=True,
        ),
        Measure(
            "pptx_house_cpu_ratio",
            "the same in CPU time (ours includes reading, composing and laying out the deck; "
            "python-pptx is handed its text)",
            r["pptx_house_cpu_ratio"],
            "×",
            note=f"ours {r['ours_pptx_house_cpu_s']:.2f} s, "
            f"python-pptx {r['baseline_pptx_house_cpu_s']:.2f} s",
        ),
        Measure(
            "pdf_s", f"PDF export, {deck}", r["ours_pdf_s"], "s", 2.0, note=best, headline=True
        ),
        Measure(
            "pdf_ratio",
            "PDF export ÷ plain reportlab",
            r["pdf_ratio"],
            "×",
            2.0,
            strict=False,
            note=f"reportlab {r['baseline_pdf_s']:.2f} s",
            headline=True,
        ),
        Measure("baseline_pdf_s", "plain reportlab baseline", r["baseline_pdf_s"], "s"),
        Measure(
            "pdf_house_ratio",
            "PDF export in a house template with master graphics ÷ plain reportlab drawing "
            "the same text and graphics",
            r["pdf_house_ratio"],
            "×",
            2.0,
            strict=False,
            note=f"ours {r['ours_pdf_house_s']:.2f} s, reportlab {r['baseline_pdf_house_s']:.2f} s",
            headline=True,
        ),
        Measure(
            "pdf_house_cpu_ratio",
            "the same in CPU time, best of 5 (ours includes reading, composing and laying out "
            "the deck and extracting the template's graphics; reportlab is handed its text "
            "and graphics)",
            r["pdf_house_cpu_ratio"],
            "×",
            2.0,
            strict=False,
            note=f"ours {r['ours_pdf_house_cpu_s']:.2f} s, "
            f"reportlab {r['baseline_pdf_house_cpu_s']:.2f} s",
        ),
        Measure(
            "peak_python_memory_mb",
            "peak Python heap during both exports (tracemalloc)",
            r["peak_python_memory_mb"],
            "MB",
        ),
    ]


def main(slides: int = 100) -> BenchResult:
    results = run(slides)
    out = BenchResult("exports", measures(results, slides))
    out.say(f"Export benchmark: {slides}-slide deck (best of 3)")
    out.say("| export | ours (s) | baseline (s) | ratio | target |")
    out.say("|---|---|---|---|---|")
    out.say(
        f"| PPTX | {results['ours_pptx_s']:.2f} | {results['baseline_pptx_s']:.2f} "
        f"| {results['pptx_ratio']:.2f}× | ≤ 1.5×, < 2 s |"
    )
    out.say(
        f"| PPTX in a house template | {results['ours_pptx_house_s']:.2f} "
        f"| {results['baseline_pptx_house_s']:.2f} | {results['pptx_house_ratio']:.2f}× "
        "| ≤ 1.0× |"
    )
    out.say(
        f"| PDF | {results['ours_pdf_s']:.2f} | {results['baseline_pdf_s']:.2f} "
        f"| {results['pdf_ratio']:.2f}× | ≤ 2×, < 2 s |"
    )
    out.say(
        f"| PDF in a house template with master graphics | {results['ours_pdf_house_s']:.2f} "
        f"| {results['baseline_pdf_house_s']:.2f} | {results['pdf_house_ratio']:.2f}× "
        f"(CPU {results['pdf_house_cpu_ratio']:.2f}×) | ≤ 2× |"
    )
    out.say(
        f"(python-pptx baseline with the same speaker notes: "
        f"{results['baseline_pptx_notes_s']:.2f} s; ours is "
        f"{results['ours_pptx_s'] / results['baseline_pptx_notes_s']:.2f}× that)"
    )
    out.say(f"Peak Python memory during both exports: {results['peak_python_memory_mb']:.1f} MB")
    return out
