"""Line breaking of styled paragraphs and fitting them into a frame.

Conventions every renderer reproduces:

* a line occupies a slot of ``LINE_HEIGHT`` x size points ("exact" line spacing);
* the first slot of a frame starts at the frame's top (space-before of the first paragraph
  in a frame is dropped); each later paragraph adds its ``space_before``;
* the baseline sits at ``slot top + line_height - descent`` (extra leading goes above the
  text, as in LibreOffice's fixed line spacing), so ascender and descender stay in the slot.

Lines break where the Unicode line breaking algorithm (UAX #14, by ICU) allows, as
LibreOffice breaks them: after spaces (but not before "..." or a closing bracket), after
hyphens and dashes, before and after an em dash; not after a slash (LibreOffice's one
difference). Breaks are found in the paragraph's whole text, so a run boundary is no break
point (a comma in another style stays with its word); a word wider than the line is broken
between characters. Paragraphs are tokenised and measured once (in ems) so trying several
sizes and continuing a long paragraph on later slides is linear in its length.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise

from icu4py.breakers import LineBreaker
from icu4py.locale import Locale

from briefing_app.layout.boxes import Run, SourceRef, TextLine, TextParagraph, TextStyle
from briefing_app.layout.metrics import FaceMetrics, face_for, text_width

LINE_HEIGHT = 1.2  # baseline-to-baseline distance as a multiple of the font size
WIDTH_TOLERANCE = 0.015  # lines are wrapped to 98.5 % of the frame width
_EPS = 1e-6

_NOBREAK_SPACES = "\u00a0\u2007\u202f"
_SPACES = re.compile(rf"[^\S{_NOBREAK_SPACES}]+")
# Splits a text into words (anything else, no-break spaces included) and the breakable
# whitespace between them, alternately.
_SPACES_SPLIT = re.compile(rf"([^\S{_NOBREAK_SPACES}]+)")
# Not offered: after a soft hyphen (the break would need a drawn hyphen) and after a slash
# (LibreOffice keeps "UN/OSCE", "and/or" and a URL whole, unlike UAX #14).
_NO_BREAK_AFTER = "\u00ad/"
_SURROGATE = re.compile("[\ud800-\udfff]")
_LOCALE = Locale("en")
_BREAKS_CACHED = 4096  # paragraph texts whose break offsets are remembered

Pos = tuple[int, int, int]  # cluster index, segment index, character offset
Segment = tuple[int, str, float]  # template index, text, width in ems
# An unbreakable cluster: (space template or -1, space width em, width em, segments)
Cluster = tuple[int, float, float, tuple[Segment, ...]]


@dataclass(frozen=True)
class Frame:
    x: float
    y: float
    w: float
    h: float

    @property
    def bottom(self) -> float:
        return self.y + self.h


@dataclass(frozen=True)
class Template:
    """The style and link of an input run; its ``size`` is replaced when laid out."""

    style: TextStyle
    link: str | None = None


@dataclass(frozen=True)
class ParaSpec:
    """A paragraph ready to wrap. Lengths ``indent``/``bullet_indent``/``space_before`` are
    in ems of the paragraph's size, so they shrink with it."""

    templates: tuple[Template, ...]
    clusters: tuple[Cluster, ...]
    ascent_em: float
    descent_em: float
    scale: float = 1.0  # paragraph size = max(floor, frame size x scale)
    indent: float = 0.0
    bullet: str | None = None
    bullet_indent: float = 0.0
    bullet_style: TextStyle | None = None
    space_before: float = 0.0
    align: str = "left"
    start: Pos = (0, 0, 0)
    source: SourceRef | None = None  # the slide item this paragraph draws, kept on its lines

    @property
    def empty(self) -> bool:
        return self.start[0] >= len(self.clusters)

    @property
    def continued(self) -> bool:
        return self.start != (0, 0, 0)


@dataclass(frozen=True)
class Fit:
    paragraphs: tuple[TextParagraph, ...]
    size: float
    height: float  # from the frame top to the bottom of the last slot
    overflow: tuple[ParaSpec, ...] = ()

    @property
    def fits(self) -> bool:
        return not self.overflow

    @property
    def lines(self) -> tuple[TextLine, ...]:
        return tuple(line for p in self.paragraphs for line in p.lines)


@lru_cache(maxsize=1024)
def sized(style: TextStyle, size: float) -> TextStyle:
    """``style`` at ``size`` (``dataclasses.replace`` costs ~15 us; layout asks thousands
    of times for the same few styles)."""
    return replace(style, size=size)


# Width in ems of every word measured so far, per face (its file and width scale: "wide"
# measures Liberation Sans's file 1.2 times wider than "sans"): words repeat across runs,
# items and slides. Bounded; cleared when full.
_TOKENS: dict[tuple[str, float], dict[str, float]] = {}
_TOKENS_MAX = 50_000


def _token_cache(fm: FaceMetrics) -> dict[str, float]:
    return _TOKENS.setdefault(fm.key, {})


def normalize_spaces(text: str) -> str:
    """Collapse breakable whitespace to single spaces and strip the ends."""
    return _SPACES.sub(" ", text).strip()


def break_offsets(text: str) -> frozenset[int]:
    """Offsets in ``text`` where a new line may start (besides 0 and the end), by the
    Unicode line breaking algorithm as ICU implements it for English (LibreOffice's
    breaker). Breakable whitespace counts as a space; there are no forced breaks."""
    return _breaks(text)[0]


def _breaks(text: str) -> tuple[frozenset[int], tuple[int, ...]]:
    """:func:`break_offsets` as a set and in ascending order."""
    if len(text) > 20_000:  # a long text is not worth remembering
        return _break_offsets(text)
    return _cached_break_offsets(text)


@lru_cache(maxsize=_BREAKS_CACHED)
def _cached_break_offsets(text: str) -> tuple[frozenset[int], tuple[int, ...]]:
    return _break_offsets(text)


def _break_offsets(text: str) -> tuple[frozenset[int], tuple[int, ...]]:
    flat = _SPACES.sub(lambda m: " " * len(m.group()), text)
    flat = _SURROGATE.sub("\ufffd", flat)  # a lone surrogate cannot go to ICU; same length
    ends = [end for _, end in LineBreaker(flat, _LOCALE).segments()]
    if any(ord(c) > 0xFFFF for c in flat):  # ICU counts UTF-16 units; we count characters
        index: dict[int, int] = {}
        units = 0
        for i, char in enumerate(flat):
            index[units] = i
            units += 2 if ord(char) > 0xFFFF else 1
        index[units] = len(flat)
        ends = [index[end] for end in ends if end in index]
    n = len(flat)
    ordered = tuple(sorted({e for e in ends if 0 < e < n and flat[e - 1] not in _NO_BREAK_AFTER}))
    return frozenset(ordered), ordered


def first_unit(text: str) -> str:
    """The beginning of ``text`` up to its first break opportunity, without the spaces
    there: what a viewer tries to fit at the end of the line before."""
    ordered = _breaks(text)[1]
    end = ordered[0] if ordered else len(text)
    return text[:end].rstrip(" ")


def make_para(runs: Sequence[Run], **options: object) -> ParaSpec:
    """Tokenise and measure ``runs`` once; ``options`` are further ParaSpec fields."""
    live = [run for run in runs if run.text]
    text = "".join(run.text for run in live)
    starts, ordered = _breaks(text)
    last_break = len(ordered)
    n = len(text)
    templates: list[Template] = []
    faces: list[FaceMetrics] = []
    clusters: list[Cluster] = []
    segs: list[Segment] = []
    space: tuple[int, float] = (-1, 0.0)
    pending: tuple[int, float] | None = None
    width = 0.0
    offset = 0
    for run in live:
        ti = len(templates)
        fm = face_for(run.style)
        templates.append(Template(run.style, run.link))
        faces.append(fm)
        get, nd = fm.em_widths.get, fm.notdef_em
        space_em = fm.char_em(" ")
        measured = _token_cache(fm)
        begin = offset
        # alternately a word (anything but breakable whitespace) and breakable whitespace
        for k, part in enumerate(_SPACES_SPLIT.split(run.text)):
            if not part:
                continue
            end = begin + len(part)
            if k & 1:  # breakable whitespace
                after = end
                while after < n and text[after].isspace() and text[after] not in _NOBREAK_SPACES:
                    after += 1
                if after >= n or after in starts:  # a break: the space may hang at a line end
                    if pending is None and (segs or clusters):
                        pending = (ti, space_em)
                elif segs and not segs[-1][1].endswith(" "):  # inside a unit ("end ...")
                    t, s, e = segs[-1]
                    if t == ti:
                        segs[-1] = (ti, s + " ", e + space_em)
                    else:
                        segs.append((ti, " ", space_em))
                    width += space_em
                begin = end
                continue
            # break offsets inside the word (after a hyphen, …): most words have none
            i = bisect_right(ordered, begin)
            if i < last_break and ordered[i] < end:
                cuts = [begin, *(p for p in range(begin + 1, end) if p in starts), end]
                toks: Iterable[tuple[int, str]] = [(a, text[a:b]) for a, b in pairwise(cuts)]
            else:
                toks = ((begin, part),)
            for a, tok in toks:
                em = measured.get(tok)
                if em is None:
                    if len(measured) >= _TOKENS_MAX:
                        measured.clear()
                    em = measured[tok] = sum([get(c, nd) for c in tok])
                if segs and a in starts:
                    clusters.append((space[0], space[1], width, tuple(segs)))
                    segs, width = [], 0.0
                if not segs:
                    space = pending if (pending is not None and clusters) else (-1, 0.0)
                    pending = None
                    segs.append((ti, tok, em))
                elif segs[-1][0] == ti:
                    segs[-1] = (ti, segs[-1][1] + tok, segs[-1][2] + em)
                else:
                    segs.append((ti, tok, em))
                width += em
            begin = end
        offset += len(run.text)
    if segs:
        clusters.append((space[0], space[1], width, tuple(segs)))
    bullet_style = options.get("bullet_style")
    all_faces = [*faces, face_for(bullet_style)] if isinstance(bullet_style, TextStyle) else faces
    asc = max((f.ascent for f in all_faces), default=0.905)
    desc = max((f.descent for f in all_faces), default=0.212)
    return ParaSpec(tuple(templates), tuple(clusters), asc, desc, **options)  # type: ignore[arg-type]


def iter_lines(
    spec: ParaSpec, size: float, width: float, start: Pos | None = None
) -> Iterator[tuple[list[tuple[int, str]], float, Pos]]:
    """Greedy line breaking: yields (pieces, width in pt, position after the line)."""
    clusters = spec.clusters
    n = len(clusters)
    ci, si, co = spec.start if start is None else start
    avail = width / size if size > 0 else 0.0
    limit = avail + _EPS
    pieces: list[tuple[int, str]] = []
    w = 0.0
    while ci < n:
        sp_t, sp_em, c_em, segs = clusters[ci]
        if si == 0 and co == 0:
            extra = sp_em if (pieces and sp_t >= 0) else 0.0
            if w + extra + c_em <= limit:
                if pieces and sp_t >= 0:
                    pieces.append((sp_t, " "))
                if len(segs) == 1:  # most clusters are one word in one style
                    pieces.append(segs[0][:2])
                else:
                    pieces.extend((t, s) for t, s, _ in segs)
                w += extra + c_em
                ci += 1
                continue
            if pieces:
                yield pieces, w * size, (ci, 0, 0)
                pieces, w = [], 0.0
                continue
        # The cluster is wider than a line (or resumed mid-word): break between characters.
        while si < len(segs):
            t, text, _ = segs[si]
            fm = face_for(spec.templates[t].style)
            get, nd = fm.em_widths.get, fm.notdef_em
            i = seg_start = co
            length = len(text)
            while i < length:
                cw = get(text[i], nd)
                if w + cw > limit and (pieces or i > seg_start):
                    if i > seg_start:
                        pieces.append((t, text[seg_start:i]))
                    yield pieces, w * size, (ci, si, i)
                    pieces, w, seg_start = [], 0.0, i
                    continue
                w += cw
                i += 1
            if seg_start < length:
                pieces.append((t, text[seg_start:]))
            si, co = si + 1, 0
        ci, si, co = ci + 1, 0, 0
    if pieces:
        yield pieces, w * size, (n, 0, 0)


def para_size(spec: ParaSpec, size: float, floor: float) -> float:
    return max(floor, round(size * spec.scale * 2) / 2) if spec.scale != 1.0 else size


def _runs(
    spec: ParaSpec, pieces: list[tuple[int, str]], styles: list[TextStyle]
) -> tuple[Run, ...]:
    """Join consecutive pieces of one template into runs in the laid-out size."""
    if len(styles) == 1 and pieces:  # one style, one run (most paragraphs)
        return (Run("".join([s for _, s in pieces]), styles[0], spec.templates[0].link),)
    runs: list[Run] = []
    last = -1
    texts: list[str] = []
    for t, s in pieces:
        if t != last and texts:
            runs.append(Run("".join(texts), styles[last], spec.templates[last].link))
            texts = []
        last = t
        texts.append(s)
    if texts:
        runs.append(Run("".join(texts), styles[last], spec.templates[last].link))
    return tuple(runs)


def _line_x(frame: Frame, spec: ParaSpec, indent: float, width: float) -> float:
    if spec.align == "center":
        return frame.x + indent + max(0.0, (frame.w - indent - width) / 2)
    if spec.align == "right":
        return max(frame.x + indent, frame.x + frame.w - width - 0.01)
    return frame.x + indent


def layout_at(
    paragraphs: Sequence[ParaSpec], frame: Frame, size: float, floor: float, final: bool
) -> Fit | None:
    """Lay out at one size; None when it does not fit and ``final`` is False, else the lines
    that fit plus the overflow (whole paragraphs where possible, else split by lines).

    A paragraph whose lines leave no wrap width at which both LibreOffice (which kerns)
    and PowerPoint (which does not) break them as laid out is wrapped a little narrower
    (:func:`_viewer_narrowing`), where that still fits as the first layout did."""
    fit, placed = _layout_once(paragraphs, frame, size, floor, final, {})
    narrow: dict[int, float] = {}
    for _ in range(_NARROWING_TRIES):
        if fit is None:
            return None
        wanted = {
            idx: width
            for idx, (spec, ps, raw) in placed.items()
            if (width := _viewer_narrowing(spec, ps, raw)) is not None
        }
        if not wanted:
            return fit
        for idx, width in wanted.items():
            narrow[idx] = min(width, narrow.get(idx, width))
        trial, trial_placed = _layout_once(paragraphs, frame, size, floor, final, narrow)
        if (
            trial is None
            or trial.overflow != fit.overflow
            or len(trial.paragraphs) != len(fit.paragraphs)
        ):
            return fit  # narrower lines would not fit as these do: keep these
        fit, placed = trial, trial_placed
    return fit


# Raw lines of a placed paragraph: (spec, size, [(pieces, width pt, position after)]).
_Placed = dict[int, tuple[ParaSpec, float, list[tuple[list[tuple[int, str]], float, Pos]]]]
_NARROWING_TRIES = 4
# Where the widest line and the narrowest "line + next word" differ by more than this,
# the viewers' measures (kerning, pixel rounding: about 1 %) cannot disagree.
_VIEWERS_DIFFER = 1.03
_NARROWING_STEP = 0.1  # points below the least width at which a next word would fit


def _layout_once(
    paragraphs: Sequence[ParaSpec],
    frame: Frame,
    size: float,
    floor: float,
    final: bool,
    narrow: dict[int, float],
) -> tuple[Fit | None, _Placed]:
    """:func:`layout_at` with paragraph ``idx`` wrapped at most ``narrow[idx]`` points
    wide; also the raw lines of each paragraph placed whole."""
    out: list[TextParagraph] = []
    placed: _Placed = {}
    y = frame.y
    for idx, spec in enumerate(paragraphs):
        if spec.empty:
            continue
        ps = para_size(spec, size, floor)
        lh = LINE_HEIGHT * ps
        sb = spec.space_before * ps if out else 0.0
        indent = spec.indent * ps
        avail = frame.w * (1 - WIDTH_TOLERANCE) - indent
        if idx in narrow:
            avail = min(avail, narrow[idx])
        asc, desc = spec.ascent_em * ps, spec.descent_em * ps
        lines: list[TextLine] = []
        raw: list[tuple[list[tuple[int, str]], float, Pos]] = []
        slot = y + sb
        pos = spec.start
        complete = True
        styles = [sized(tpl.style, ps) for tpl in spec.templates]
        bottom = frame.bottom + _EPS
        for pieces, w, nxt in iter_lines(spec, ps, avail):
            if slot + lh > bottom:
                complete = False
                break
            x = _line_x(frame, spec, indent, w)
            runs = _runs(spec, pieces, styles)
            at_space = nxt[1] == 0 and nxt[2] == 0 and nxt[0] < len(spec.clusters)
            at_space = at_space and spec.clusters[nxt[0]][0] >= 0
            lines.append(
                TextLine(runs, x, slot + lh - desc, w, asc, desc, False, " " if at_space else "")
            )
            raw.append((pieces, w, nxt))
            slot += lh
            pos = nxt
        if not complete:
            if not final:
                return None, placed
            if out and (len(lines) < 2 or not _taller_than(spec, frame, ps, avail)):
                rest = tuple(paragraphs[idx:])  # move the whole item on
            else:
                if lines:
                    out.append(_paragraph(spec, lines, frame, ps, sb, lh))
                    y = slot
                rest = (replace(spec, start=pos), *paragraphs[idx + 1 :])
            return Fit(tuple(out), size, y - frame.y, rest), placed
        if lines:
            out.append(_paragraph(spec, lines, frame, ps, sb, lh))
            placed[idx] = (spec, ps, raw)
            y = slot
    return Fit(tuple(out), size, y - frame.y), placed


def _viewer_narrowing(
    spec: ParaSpec, size: float, raw: list[tuple[list[tuple[int, str]], float, Pos]]
) -> float | None:
    """A narrower wrap width (points) for a paragraph whose lines no one width wraps the
    same in PowerPoint and our PDF (advance widths) and in LibreOffice (kerned, on its
    reference device: :mod:`briefing_app.layout.viewer_metrics`); None when one does.

    Every line must fit (a lower bound) and no line may take the next line's first unit
    (an upper bound), in both measures. Where the widest line by one measure is wider
    than some line plus its next unit by the other, the width becomes just less than
    that least upper bound, so the line that was too wide breaks earlier.

    A line may end inside a word (after a hyphen): the rest of the word up to its next
    break is what must not fit then. LibreOffice's widths are taken at the size the text
    is set on the page (a house template's page scales it:
    :func:`briefing_app.layout.viewer_metrics.page_scale`)."""
    if len(raw) < 2 or spec.align != "left":
        return None
    clusters = spec.clusters
    styles = [sized(tpl.style, size) for tpl in spec.templates]
    # (line, what a viewer tries to fit after it, the advance width of both)
    nexts: list[tuple[int, list[tuple[int, str]], float]] = []
    for i, (_, w, (ci, si, co)) in enumerate(raw[:-1]):
        if ci >= len(clusters):
            continue
        sp_t, sp_em, c_em, segs = clusters[ci]
        if si or co:  # inside a word: after a hyphen, else between two characters
            unit = _rest_of_word(segs, si, co)
            up = w + sum(text_width(text, styles[t]) for t, text in unit)
            nexts.append((i, unit, up))
            continue
        space = [(sp_t, " ")] if sp_t >= 0 else []
        nexts.append((i, [*space, *((t, text) for t, text, _ in segs)],
                      w + ((sp_em if sp_t >= 0 else 0.0) + c_em) * size))  # fmt: skip
    lower = max(w for _, w, _ in raw)
    if not nexts or min(up for _, _, up in nexts) > lower * _VIEWERS_DIFFER:
        return None
    from briefing_app.layout.viewer_metrics import OFFICE_SLACK, libreoffice_width

    def office(pieces: Sequence[tuple[int, str]]) -> float:
        return libreoffice_width([(text, styles[t]) for t, text in pieces])

    # a line LibreOffice may break as if it were a little wider than it draws it
    office_widths = [office(pieces) * (1 + OFFICE_SLACK) for pieces, _, _ in raw]
    lower = max(lower, *office_widths)
    upper = min(up for _, _, up in nexts)
    for i, unit, _ in nexts:
        upper = min(upper, office([*raw[i][0], *unit]))
    if upper > lower:
        return None
    # a line LibreOffice sets too wide for that width breaks earlier only below its own
    # advance width (layout wraps by advance widths)
    too_wide = [w for (_, w, _), o in zip(raw, office_widths, strict=True) if o >= upper]
    return min([upper, *too_wide]) - _NARROWING_STEP


def _rest_of_word(segs: tuple[Segment, ...], si: int, co: int) -> list[tuple[int, str]]:
    """What a viewer tries to fit after a line that ends inside a word (segment ``si``,
    character ``co``): up to the word's next break (after a hyphen: "third-" then
    "party"), or its next character where it was broken between two."""
    rest = [(segs[si][0], segs[si][1][co:]), *((t, text) for t, text, _ in segs[si + 1 :])]
    word = "".join(text for _, text, _ in segs)
    at = sum(len(text) for _, text, _ in segs[:si]) + co
    after_break = at in break_offsets(word)
    take = len(word) - at
    if after_break:
        later = [b - at for b in sorted(break_offsets(word)) if b > at]
        take = later[0] if later else take
    else:
        take = 1
    unit: list[tuple[int, str]] = []
    for t, text in rest:
        if take <= 0:
            break
        unit.append((t, text[:take]))
        take -= len(text[:take])
    return unit


def _taller_than(spec: ParaSpec, frame: Frame, size: float, avail: float) -> bool:
    """Whether the whole paragraph is taller than the frame (stops counting early)."""
    limit = int(frame.h // (LINE_HEIGHT * size))
    return any(n > limit for n, _ in enumerate(iter_lines(spec, size, avail), start=1))


def _paragraph(
    spec: ParaSpec, lines: list[TextLine], frame: Frame, size: float, sb: float, lh: float
) -> TextParagraph:
    last = lines[-1]  # as dataclasses.replace would make it, without its cost
    lines[-1] = TextLine(
        last.runs,
        last.x,
        last.baseline,
        last.width,
        last.ascent,
        last.descent,
        True,
        last.break_text,
    )
    show_bullet = spec.bullet is not None and not spec.continued
    bstyle = spec.bullet_style or (spec.templates[0].style if spec.templates else None)
    return TextParagraph(
        lines=tuple(lines),
        align=spec.align,
        line_height=lh,
        space_before=sb,
        bullet=spec.bullet if show_bullet else None,
        bullet_x=frame.x + spec.bullet_indent * size if show_bullet else 0.0,
        bullet_style=sized(bstyle, size) if show_bullet and bstyle else None,
        source=spec.source,
    )


def fit_paragraphs(
    paragraphs: Sequence[ParaSpec],
    frame: Frame,
    max_size: float,
    min_size: float,
    step: float = 1.0,
    floor: float | None = None,
) -> Fit:
    """Shrink from ``max_size`` by ``step`` until everything fits; at ``min_size`` return
    what fits plus the overflow (whole paragraphs where possible, else split by lines).
    ``floor`` (default ``min_size``) is the least size of a paragraph with ``scale`` < 1."""
    floor = min_size if floor is None else floor
    size = max_size
    while size > min_size + _EPS:
        fit = layout_at(paragraphs, frame, size, floor, final=False)
        if fit is not None:
            return fit
        size = max(min_size, size - step)
    fit = layout_at(paragraphs, frame, min_size, floor, final=True)
    assert fit is not None
    return fit


def fit_text(
    text: str,
    style: TextStyle,
    frame: Frame,
    max_size: float,
    min_size: float,
    *,
    align: str = "left",
    suffix: str = "",
    step: float = 1.0,
) -> Fit:
    """Single-style text that must stay in ``frame``: shrink, then as a last resort cut it
    with "…" (keeping ``suffix``, e.g. " (cont.)", at the end)."""
    text = normalize_spaces(text)
    # Nothing beyond this many characters can fit (no glyph is narrower than 0.1 em
    # except zero-width marks); cutting first keeps megabyte titles cheap.
    lines = max(1, int(frame.h // (LINE_HEIGHT * min_size)))
    bound = lines * (int(frame.w / (0.1 * min_size)) + 1) + len(suffix)
    if len(text) > bound:
        text = text[:bound]

    def spec_for(body: str) -> ParaSpec:
        return make_para([Run(body + suffix, style)], align=align)

    def at_floor(body: str) -> Fit | None:
        """``body`` laid out at ``min_size``, or None when it does not fit."""
        return layout_at([spec_for(body)], frame, min_size, min_size, final=False)

    fit = fit_paragraphs([spec_for(text)], frame, max_size, min_size, step)
    if fit.fits:
        return fit
    placed = sum(len(r.text) for line in fit.lines for r in line.runs)
    lo, hi = 0, min(len(text), placed + 1)
    while lo < hi:  # largest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if at_floor(_cut(text, mid)) is not None:
            lo = mid
        else:
            hi = mid - 1
    body = _cut(text, lo)
    space = body.rfind(" ", 0, len(body) - 1)
    if space > 0.7 * len(body):
        word_cut = body[:space].rstrip(" ,;:") + "…"
        if at_floor(word_cut) is not None:
            body = word_cut
    result = at_floor(body)
    return result if result is not None else Fit((), min_size, 0.0)


def _cut(text: str, n: int) -> str:
    return text[:n].rstrip() + "…" if n < len(text) else text
