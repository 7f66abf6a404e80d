"""Sample decks for the layout tests: a realistic briefing and hostile inputs."""

from __future__ import annotations

from briefing_app.layout.content import ContentItem, DeckContent
from briefing_app.layout.layouts.agenda import AgendaContent
from briefing_app.layout.layouts.argument import ArgumentContent
from briefing_app.layout.layouts.bluf import BlufContent
from briefing_app.layout.layouts.comparison import ComparisonContent
from briefing_app.layout.layouts.map import MapContent
from briefing_app.layout.layouts.quote import Quotation, QuoteContent
from briefing_app.layout.layouts.section import SectionContent
from briefing_app.layout.layouts.sources import SourcesContent
from briefing_app.layout.layouts.timeline import TimelineContent, TimelineEntry
from briefing_app.layout.layouts.title import TitleContent

NAMES = "Vučić, Đukić, Šekerinska and Косово"


def realistic_deck(marking: str | None = "UNCLASSIFIED") -> DeckContent:
    item = ContentItem
    slides = (
        TitleContent("Security guarantees for Ukraine after a ceasefire"),
        BlufContent(
            "Bottom line up front",
            items=(
                item(
                    "Western guarantees short of NATO membership will deter Russia only if "
                    "backed by forces on the ground and automatic triggers.",
                    citations=(1, 2),
                ),
                item(
                    "An Article 5-like pledge without US participation is not credible in "
                    "Moscow's eyes.",
                    citations=(3,),
                ),
                item(
                    "Europe can field a reassurance force of 25–30,000 troops but lacks "
                    "enablers: air defence, ISR and lift.",
                    citations=(4,),
                ),
            ),
            footer_sources=("[1] Witkoff on Article 5-like protection", "[2] ISW, March 2025"),
            notes="Lead with the judgement; detail follows.",
        ),
        AgendaContent(
            "Agenda",
            items=tuple(
                item(t)
                for t in (
                    "Context and the negotiating record",
                    "Options for guarantees",
                    "Regional spill-over: the Western Balkans",
                    "Recommendations",
                )
            ),
        ),
        SectionContent("Options for guarantees", subtitle="What is on the table"),
        ArgumentContent(
            "A guarantee is only as good as the forces that back it",
            items=(
                item("Budapest 1994 shows paper assurances fail under pressure.", citations=(5,)),
                item("Signatories had no obligation to act.", level=1),
                item("Russia read the absence of enforcement as licence.", level=1, citations=(6,)),
                item(
                    "Deterrence by denial requires a standing, credible presence.",
                    link="https://example.org/report",
                ),
                item(f"Regional voices ({NAMES}) watch the precedent closely.", level=1),
            ),
            footer_sources=("[5] Budapest Memorandum, 1994", "[6] Kofman, 2023"),
        ),
        QuoteContent(
            "How Washington frames it",
            quote=Quotation(
                "We are going to give them Article 5-like protection, which is one of "
                "the reasons they want to be in NATO.",
                speaker="Steve Witkoff",
                date="17 August 2025",
                citations=(1,),
            ),
            footer_sources=("[1] Witkoff interview, CNN",),
        ),
        ComparisonContent(
            "Two models of guarantee",
            left_heading="Coalition reassurance force",
            left_items=(
                item("European-led, 25–30,000 troops"),
                item("Deployed away from the line of contact", level=1),
                item("Depends on US enablers"),
            ),
            right_heading="Armed neutrality",
            right_items=(
                item("Ukrainian forces as the guarantee"),
                item("Long-term Western financing and industrial support", citations=(7,)),
            ),
        ),
        TimelineContent(
            "Negotiating record",
            entries=tuple(
                TimelineEntry(d, t)
                for d, t in (
                    ("5 Dec 1994", "Budapest Memorandum signed."),
                    ("Feb 2014", "Russia annexes Crimea."),
                    ("24 Feb 2022", "Full-scale invasion."),
                    ("Mar 2022", "Istanbul communiqué drafts a guarantee mechanism."),
                    ("Aug 2025", "Talk of Article 5-like protection."),
                )
            ),
        ),
        MapContent(
            "Where a reassurance force would sit",
            items=(
                item("Western Ukraine: logistics hubs"),
                item("Kyiv: air-defence umbrella"),
                item("Odesa: maritime corridor", citations=(8,)),
            ),
        ),
        SourcesContent(
            "Sources",
            items=tuple(
                item(
                    f"[{n}] Author {n}, 'A long report title about guarantees and deterrence "
                    f"in Eastern Europe', Publisher, 2024.",
                    link="https://example.org/" + str(n),
                )
                for n in range(1, 9)
            ),
        ),
    )
    return DeckContent(
        title="Security guarantees for Ukraine",
        subtitle="Options and risks after a ceasefire",
        author="Policy Planning Staff",
        date_label="September 2025",
        marking=marking,
        slides=slides,
    )


def hostile_deck(marking: str | None = "UNCLASSIFIED") -> DeckContent:
    words = " ".join(f"word{i % 97}" for i in range(10_000))
    long_word = "x" * 5_000
    megabyte = ("Lorem ipsum dolor sit amet, Vučić Đukić Šekerinska Косово. " * 20_000)[:1_000_000]
    many = tuple(
        ContentItem(f"Point {i}: {NAMES}", level=i % 2, citations=(i,)) for i in range(200)
    )
    return DeckContent(
        title="",
        marking=marking,
        slides=(
            TitleContent(""),
            ArgumentContent("Ten thousand words", items=(ContentItem(words),)),
            ArgumentContent(
                long_word,
                items=(ContentItem(long_word),),
                footer_sources=(long_word, words),
            ),
            ArgumentContent("Two hundred items", items=many),
            BlufContent("", items=(ContentItem(""), ContentItem(long_word))),
            SourcesContent("Megabyte", items=(ContentItem(megabyte),)),
            QuoteContent("Quote", quote=Quotation(words, speaker=NAMES)),
            ComparisonContent("", left_items=many, right_items=(ContentItem(words),)),
            TimelineContent(
                "Timeline",
                entries=tuple(
                    TimelineEntry(f"{1990 + i}", f"Entry {i} {NAMES}") for i in range(40)
                ),
            ),
            MapContent("", items=(ContentItem(words),)),
            SectionContent(""),
            AgendaContent("", items=()),
            ArgumentContent("Fallback", items=(ContentItem(""),)),
        ),
    )


SMALL_TEXT_BOXES = {"Footer", "DeckTitle", "SlideNumber", "MarkingTop", "MarkingBottom"}
EPS = 1e-6


def text_boxes(laid):
    from briefing_app.layout.boxes import TextBox

    for slide in laid.slides:
        for box in slide.boxes:
            if isinstance(box, TextBox):
                yield slide, box


def frame_violations(laid) -> list[str]:
    """Every line (and bullet) inside its box, horizontally and vertically."""
    from briefing_app.layout.metrics import text_width

    bad = []
    for slide, box in text_boxes(laid):
        for para in box.paragraphs:
            for line in para.lines:
                where = f"slide {slide.number} {box.name} line {line.runs[:1]!r:.60}"
                if line.x < box.x - EPS or line.x + line.width > box.x + box.w + EPS:
                    bad.append(f"{where}: horizontal")
                if line.baseline - line.ascent < box.y - EPS:
                    bad.append(f"{where}: above top")
                if line.baseline + line.descent > box.y + box.h + EPS:
                    bad.append(f"{where}: below bottom")
                measured = sum(text_width(r.text, r.style) for r in line.runs)
                if abs(measured - line.width) > 1e-3:
                    bad.append(f"{where}: width {line.width} != measured {measured}")
            if para.bullet and para.lines:
                st = para.bullet_style
                first = para.lines[0]
                if para.bullet_x < box.x - EPS or (
                    para.bullet_x + text_width(para.bullet, st) > first.x + EPS
                ):
                    bad.append(f"slide {slide.number} {box.name}: bullet outside its gutter")
    return bad
