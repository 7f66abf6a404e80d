"""Choose, for each of our layouts, the template slide layout it uses.

Chosen by placeholder types and geometry, never by layout names (they differ by product
and language: "Title and Content", "Title, Content", "Titel und Inhalt"). Each of our
layouts declares its slots (:mod:`briefing_app.templates.slots`). A template layout scores, for
the best assignment of its placeholders to those slots, the type fit times how well each
placeholder overlaps its slot's frame, plus how well its title overlaps ours (positions
as fractions of the page, so 4:3 and other sizes compare fairly). Placeholders left empty
cost a little: an empty placeholder shows "Click to add text" in PowerPoint. One master
serves the whole deck: the one whose layouts score best overall. Masters whose layouts
score the same (LibreOffice's templates repeat one set of layouts on a title master and
content masters) are told apart by where their art lies: the one whose content slides'
text can be read on it wins (``rank_masters``, :mod:`briefing_app.templates.legibility`),
then the earlier one. Among equal scores a layout not yet used by another of our layouts
wins, then the earlier one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from briefing_app.layout import registry
from briefing_app.layout.boxes import PAGE_HEIGHT, PAGE_WIDTH
from briefing_app.layout.slide_layout import PlaceholderKind, TemplateSlot, TemplateSlots
from briefing_app.layout.wrap import Frame
from briefing_app.templates.inspect import (
    CHROME_TYPES,
    TITLE_TYPES,
    Placeholder,
    SlideLayoutInfo,
    TemplateInfo,
)
from briefing_app.templates.slots import LAYOUT_SLOTS

K = PlaceholderKind
# How well a placeholder type holds a slot of each kind (0: not at all).
FIT: dict[str, dict[str, float]] = {
    K.OBJECT: {"obj": 1.0, "body": 0.85},
    K.BODY: {"body": 1.0, "obj": 0.85, "subTitle": 0.5},
    K.SUBTITLE: {"subTitle": 1.0, "body": 0.5, "obj": 0.35},
    K.PICTURE: {"pic": 1.0, "obj": 0.7, "clipArt": 0.5, "media": 0.35},
}
# A slot scores weight x fit x (1 + GEOMETRY x overlap): 1 to 3 per main slot.
GEOMETRY = 2.0
EMPTY_PENALTY = 1.0
OPTIONAL_MIN_OVERLAP = 0.2
TITLE_SCORE, TITLE_KIND_BONUS, NO_TITLE = 3.0, 1.0, -10.0
# Equally fitting masters: one whose rank (unreadable share of text, weighted by how far
# below contrast) is this much lower than an earlier one's is preferred to it.
RANK_TOLERANCE = 0.01
_MAX_CANDIDATES = 7  # placeholders considered per layout (templates rarely have more)

_TEXT_BOX = "drawn as a text box where our layout puts it"
_FALLBACK = {K.PICTURE: "drawn as one group shape in the area our layout gives it"}


@dataclass(frozen=True)
class Assignment:
    slot: str  # the slot's label ("left column")
    kind: PlaceholderKind
    placeholder: Placeholder | None  # None: the slot is drawn without a placeholder


@dataclass(frozen=True)
class LayoutChoice:
    ours: str  # our layout key
    layout: SlideLayoutInfo | None
    score: float
    title: Placeholder | None
    assignments: tuple[Assignment, ...]
    missing: tuple[str, ...]  # sentences: what is missing and what we do instead

    @property
    def name(self) -> str:
        return self.layout.name if self.layout is not None else ""


@dataclass(frozen=True)
class TemplateMatch:
    info: TemplateInfo
    master: int
    choices: tuple[LayoutChoice, ...]

    def choice(self, ours: str) -> LayoutChoice:
        """The choice for our layout ``ours`` (for a name no layout has: the general one's)."""
        found = next((c for c in self.choices if c.ours == ours), None)
        if found is None:
            return next(c for c in self.choices if c.ours == registry.FALLBACK.name)
        return found


def _iou(frame: tuple[float, float, float, float], ph: Placeholder, info: TemplateInfo) -> float:
    """Overlap of a slot frame and a placeholder, both as fractions of their pages."""
    fx, fy, fw, fh = frame
    px, py = ph.x / info.width, ph.y / info.height
    pw, ph_h = ph.w / info.width, ph.h / info.height
    ix = max(0.0, min(fx + fw, px + pw) - max(fx, px))
    iy = max(0.0, min(fy + fh, py + ph_h) - max(fy, py))
    inter = ix * iy
    union = fw * fh + pw * ph_h - inter
    return inter / union if union > 0 else 0.0


def _norm(f: Frame) -> tuple[float, float, float, float]:
    return (f.x / PAGE_WIDTH, f.y / PAGE_HEIGHT, f.w / PAGE_WIDTH, f.h / PAGE_HEIGHT)


def _pair(slot: TemplateSlot, ph: Placeholder, info: TemplateInfo) -> float:
    fit = FIT[slot.kind].get(ph.type, 0.0)
    if fit == 0.0 or ph.vertical:
        return 0.0
    overlap = _iou(_norm(slot.frame), ph, info)
    if slot.weight < 1.0 and overlap < OPTIONAL_MIN_OVERLAP:
        return 0.0  # an optional part goes only where the template has room for it
    return slot.weight * fit * (1.0 + GEOMETRY * overlap)


def score_layout(
    spec: TemplateSlots, layout: SlideLayoutInfo, info: TemplateInfo
) -> tuple[float, tuple[Placeholder | None, ...]]:
    """The score of ``layout`` for ``spec`` and the placeholder each slot gets."""
    title = layout.title
    score = NO_TITLE if title is None else TITLE_SCORE
    if title is not None:
        score += GEOMETRY * _iou(_norm(spec.title), title, info)
        if title.type == spec.title_kind:
            score += TITLE_KIND_BONUS
    candidates = [
        p for p in layout.placeholders if p.type not in CHROME_TYPES and p.type not in TITLE_TYPES
    ][:_MAX_CANDIDATES]
    slots = spec.slots
    pairs = [[_pair(slot, ph, info) for ph in candidates] for slot in slots]
    best, best_assign = _assign(pairs, len(candidates))
    return score + best, tuple(candidates[k] if k >= 0 else None for k in best_assign)


def _assign(pairs: list[list[float]], count: int) -> tuple[float, tuple[int, ...]]:
    """Best injective assignment of placeholders (0..count-1, or -1 for none) to slots;
    a placeholder that cannot hold a slot scores 0 there and is never assigned to it."""
    best: list[object] = [float("-inf"), ()]

    def walk(i: int, used: frozenset[int], total: float, chosen: tuple[int, ...]) -> None:
        if i == len(pairs):
            value = total - EMPTY_PENALTY * (count - len(used))
            if value > best[0]:  # type: ignore[operator]
                best[0], best[1] = value, chosen
            return
        walk(i + 1, used, total, (*chosen, -1))
        for k in range(count):
            if k not in used and pairs[i][k] > 0.0:
                walk(i + 1, used | {k}, total + pairs[i][k], (*chosen, k))

    walk(0, frozenset(), 0.0, ())
    return float(best[0]), tuple(best[1])  # type: ignore[arg-type]


def _choose(
    key: str,
    spec: TemplateSlots,
    layouts: list[SlideLayoutInfo],
    info: TemplateInfo,
    used: set[str],
) -> LayoutChoice:
    scored = []
    for order, layout in enumerate(layouts):
        score, assign = score_layout(spec, layout, info)
        scored.append((round(score, 6), layout.part not in used, -order, layout, assign))
    if not scored:
        return LayoutChoice(key, None, NO_TITLE, None, (), ("no slide layouts",))
    score, _, _, layout, assign = max(scored, key=lambda s: s[:3])
    missing: list[str] = []
    if layout.title is None:
        missing.append("no title placeholder: the title is drawn as a text box")
    assignments = []
    for slot, ph in zip(spec.slots, assign, strict=True):
        assignments.append(Assignment(slot.label, slot.kind, ph))
        if ph is None:
            instead = _FALLBACK.get(slot.kind, _TEXT_BOX)
            missing.append(f"no placeholder for the {slot.label}: {instead}")
    return LayoutChoice(key, layout, score, layout.title, tuple(assignments), tuple(missing))


def match_template(
    info: TemplateInfo,
    ours: tuple[str, ...] | None = None,
    rank_masters: Callable[[TemplateMatch], float] | None = None,
) -> TemplateMatch:
    """The template layout each of our layouts uses, all from the best-fitting master;
    among equally fitting masters the one ``rank_masters`` puts lowest (the share of
    text it would leave unreadable), then the earlier one."""
    keys = ours or tuple(LAYOUT_SLOTS)
    fits: list[tuple[float, TemplateMatch]] = []
    for master in info.masters:
        layouts = info.layouts_of(master.index)
        if not layouts:
            continue
        used: set[str] = set()
        choices = []
        for key in keys:
            choice = _choose(key, LAYOUT_SLOTS[key], layouts, info, used)
            if choice.layout is not None:
                used.add(choice.layout.part)
            choices.append(choice)
        fits.append(
            (sum(c.score for c in choices), TemplateMatch(info, master.index, tuple(choices)))
        )
    if not fits:  # package.py refuses templates without layouts; keep this total
        return TemplateMatch(info, 0, ())
    top = max(total for total, _ in fits)
    tied = [match for total, match in fits if total > top - 1e-6]
    if rank_masters is None or len(tied) == 1:
        return tied[0]
    ranks = [rank_masters(match) for match in tied]
    # the earliest master whose text is about as readable as on the best one: a master
    # is passed over for clearly more readable text, never for a sliver
    return next(m for m, r in zip(tied, ranks, strict=True) if r <= min(ranks) + RANK_TOLERANCE)
