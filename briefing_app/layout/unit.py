"""What the policy unit's own slides share: a tag line saying whose text it is.

Assessment, options, decision sought and next steps are the unit's words, not the
essay's. Each is a layout of its own (``layout/layouts``); all draw a navy tag
("POLICY UNIT ASSESSMENT") under the title, with the slide's subtitle beside it as a
status note ("Draft for the unit to edit"), so the reader never takes the unit's view for
the source's, in the app or in any export. Their points need no source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, TypeVar

from briefing_app.layout.boxes import Box, FieldRef, RectBox, Run
from briefing_app.layout.chrome import Ctx, Page, text_box
from briefing_app.layout.content import ContentItem, SlideContent
from briefing_app.layout.lists import bullet_specs, list_pages, numbered_specs
from briefing_app.layout.metrics import face
from briefing_app.layout.slide_layout import (
    PlaceholderKind,
    Placement,
    PresentItem,
    SlideDraft,
    SlideLayout,
    SourceKey,
    TemplateSlot,
    TemplateSlots,
    is_point,
)
from briefing_app.layout.theme import Theme
from briefing_app.layout.wrap import Frame, fit_paragraphs, fit_text, make_para

TAG_SIZE = 11.0
TAG_H = 22.0
TAG_GAP = 12.0
NOTE_SIZE = 13.0
# The template slot of the unit's points, bulleted or numbered.
POINTS, NUMBERED_POINTS = "points", "numbered points"


def points_frame(body: Frame) -> Frame:
    """Where the points go in ``body``: under the tag line."""
    top = body.y + TAG_H + TAG_GAP
    return Frame(body.x, top, body.w, body.bottom - top)


@dataclass(frozen=True)
class UnitContent(SlideContent):
    """The unit's points; ``status`` is the note beside the tag ("Draft for the unit to
    edit"), kept in the slide's subtitle."""

    status: str = ""
    items: tuple[ContentItem, ...] = ()


U = TypeVar("U", bound=UnitContent)


def tag_boxes(ctx: Ctx, tag: str, status: str, frame: Frame) -> list[Box]:
    """The navy tag with ``tag`` in white capitals, and ``status`` beside it."""
    t = ctx.theme
    label = tag.upper()
    style = t.style(TAG_SIZE, "FFFFFF", bold=True)
    width = face(t.font, True).width_em(label) * TAG_SIZE + 16.0
    width = min(width, frame.w * 0.6)
    tag_frame = Frame(frame.x + 8.0, frame.y, width - 16.0, TAG_H)
    fit = fit_text(label, style, tag_frame, TAG_SIZE, 8.0)
    boxes: list[Box] = [
        RectBox(frame.x, frame.y, width, TAG_H, fill=t.navy, name="UnitTagBand"),
        text_box(fit, tag_frame, "UnitTag", anchor="middle"),
    ]
    if status.strip():
        note_frame = Frame(frame.x + width + 10.0, frame.y, frame.w - width - 10.0, TAG_H)
        note_style = t.style(NOTE_SIZE, t.muted, italic=True)
        note = fit_paragraphs([make_para([Run(status, note_style)])], note_frame, NOTE_SIZE, 9.0)
        if not note.fits:
            note = fit_text(status, note_style, note_frame, NOTE_SIZE, 9.0)
        boxes.append(
            text_box(note, note_frame, "UnitStatus", anchor="middle", source=FieldRef("subtitle"))
        )
    return boxes


class UnitLayout(SlideLayout[U]):
    """A slide of the unit's own points under its tag line."""

    tag: ClassVar[str]  # e.g. "Policy unit assessment"
    numbered: ClassVar[bool] = False
    content_type: ClassVar[type[UnitContent]]
    empty_hint = "Type the unit's points here, or drag arguments from the library"

    def compose(self, draft: SlideDraft) -> U:
        # content_type is U itself, which a ClassVar cannot say (it may not hold a TypeVar)
        return self.content_type(  # type: ignore[return-value]
            title=draft.title,
            notes=draft.notes,
            status=draft.subtitle,
            items=tuple(i.content for i in draft.items),
            footer_sources=draft.footer(),
        )

    def lay_out(self, content: U, ctx: Ctx) -> list[Page]:
        t = ctx.theme
        body = t.body_frame(ctx.marking)
        tags = tag_boxes(ctx, self.tag, content.status, body)
        frame = points_frame(body)
        if self.numbered:
            specs = numbered_specs(content.items, t, t.body_size, 0.6)
        else:
            specs = bullet_specs(content.items, t, t.body_size)
        title = content.title or self.tag
        return list_pages(
            ctx, specs, frame, t.body_size, title, content.footer_sources, content.notes, tags,
            slot=self.points_slot,
        )  # fmt: skip

    @property
    def points_slot(self) -> str:
        return NUMBERED_POINTS if self.numbered else POINTS

    def template_slots(self, theme: Theme, marked: bool) -> TemplateSlots:
        points = points_frame(theme.body_frame(marked))
        slot = TemplateSlot(PlaceholderKind.OBJECT, self.points_slot, points)
        return TemplateSlots(self.label, theme.title_frame(marked), (slot,))

    def accept(
        self, dropped: Sequence[SourceKey], present: Sequence[PresentItem]
    ) -> tuple[Placement, ...]:
        return tuple(Placement(kind, ref_id) for kind, ref_id in dropped if is_point(kind))
