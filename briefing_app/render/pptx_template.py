"""Which template a PowerPoint export is built on, and how each laid-out box lands in it.

Every slide uses the template layout chosen for its layout of ours
(:mod:`briefing_app.templates.match`). Its title goes into the layout's title placeholder,
each box that fills one of the layout's template slots (``TextBox.slot``) into the
placeholder that slot was matched to; each keeps the position layout gave it. The deck
title, slide number and marking are the layouts' own text
(:mod:`briefing_app.render.pptx_chrome`). Our own template draws the rules, bands and
marking on its master and layouts, so those boxes are not drawn again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from briefing_app.layout.fonts import metric_substitute
from briefing_app.templates.build_default import MARKING_PROMPT, TEMPLATE_NAME, build_bytes
from briefing_app.templates.drawingml import Palette
from briefing_app.templates.inspect import Placeholder, inspect_package
from briefing_app.templates.match import LayoutChoice, TemplateMatch, match_template
from briefing_app.templates.ooxml import escape
from briefing_app.templates.package import TemplatePackage, read_template_bytes
from briefing_app.templates.run_defaults import RunDefaults, run_defaults
from briefing_app.templates.text_color import COLOR_ROLES, text_colors

# Boxes our own template draws on its master or layouts (by the names layout gives them).
HOUSE_DRAWN = frozenset(
    {
        "TitleRule",
        "FooterRule",
        "MarkingTopBand",
        "MarkingBottomBand",
        "MarkingTop",
        "MarkingBottom",
        "CoverBand",
        "SectionBand",
        "CoverRule",
        "SectionRule",
    }
)


@dataclass(frozen=True)
class PptxTemplate:
    """A checked template, its layout choices, and how to write into it."""

    data: bytes  # the presentation the package is built from (a .potx already rewritten)
    match: TemplateMatch
    house: bool  # our own: it draws rules, bands and the marking itself
    # It shows the marking where it has our "MARKING" prompt (ours, or a copy of ours
    # added as a house template), so the deck's marking replaces that prompt.
    marking_prompt: bool = False
    body_fonts: dict[str, str] = field(default_factory=dict)  # Office face -> "+mn-lt"
    title_fonts: dict[str, str] = field(default_factory=dict)  # Office face -> "+mj-lt"
    replacements: dict[str, str] = field(default_factory=dict)
    # "1F3864" -> "tx2"; or -> the markup of a theme colour with transforms
    colors: dict[str, str] = field(default_factory=dict)
    # What each placeholder our slides fill inherits (layout part, type, idx -> defaults)
    run_defaults: dict[tuple[str, str, int], RunDefaults] = field(default_factory=dict)

    def choice(self, layout: str) -> LayoutChoice:
        return self.match.choice(layout)

    def inherits(self, layout: str, placeholder: Placeholder) -> RunDefaults | None:
        """What runs in ``placeholder`` of the template layout our ``layout`` uses inherit."""
        choice = self.match.choice(layout)
        if choice.layout is None:
            return None
        return self.run_defaults.get((choice.layout.part, placeholder.type, placeholder.idx))


def _run_defaults(
    package: TemplatePackage, match: TemplateMatch
) -> dict[tuple[str, str, int], RunDefaults]:
    """:func:`run_defaults` of every placeholder our slides fill: each chosen layout's
    title and the placeholders its slots were matched to."""
    master = next(m for m in match.info.masters if m.index == match.master)
    out: dict[tuple[str, str, int], RunDefaults] = {}
    for choice in match.choices:
        if choice.layout is None:
            continue
        filled = [choice.title, *(a.placeholder for a in choice.assignments)]
        for ph in filled:
            if ph is None:
                continue
            key = (choice.layout.part, ph.type, ph.idx)
            if key not in out:
                out[key] = run_defaults(package, choice.layout.part, master.part, ph)
    return out


def _theme_fonts(match: TemplateMatch) -> tuple[dict[str, str], dict[str, str]]:
    """Faces the chosen master's theme supplies, as theme references (body, titles): the
    theme's own names, and the Office names of the twins text in them is measured with
    (a Helvetica theme's text is measured with Liberation Sans, which writes "Arial")."""
    master = next(m for m in match.info.masters if m.index == match.master)
    by_role = {f.role: f.name for f in master.fonts}

    def refs(face: str, ref: str) -> dict[str, str]:
        twin = metric_substitute(face)
        return {face: ref, **({twin.office_name: ref} if twin else {})}

    body = refs(by_role["body"], "+mn-lt") if "body" in by_role else {}
    titles = refs(by_role["headings"], "+mj-lt") if "headings" in by_role else dict(body)
    return body, titles


def _theme_colors(package: TemplatePackage, match: TemplateMatch) -> dict[str, str]:
    """The colours the chosen master's theme carries, each as the role a slide names it
    by (through the master's colour map), so text in them follows a change of theme."""
    master = next(m for m in match.info.masters if m.index == match.master)
    palette = Palette.for_master(package, master.part)
    roles: dict[str, str] = {}
    for role in COLOR_ROLES:
        rgb = palette.scheme_rgb(role)
        if rgb is not None:
            roles.setdefault(rgb.upper(), role)
    return roles


def theme_color_refs(xml: str, colors: dict[str, str]) -> str:
    """Solid colours the theme carries name their theme role (``<a:schemeClr val="tx2"/>``)
    instead of their RGB value, as PowerPoint writes text in theme colours."""
    if not colors:
        return xml
    return _SRGB.sub(lambda m: _scheme(m, colors), xml)


_SRGB = re.compile(r'<a:srgbClr val="([0-9A-Fa-f]{6})"/>')


def _scheme(found: re.Match[str], colors: dict[str, str]) -> str:
    role = colors.get(found.group(1).upper())
    if role and role.startswith("<"):  # a theme colour with transforms (muted text)
        return role
    return f'<a:schemeClr val="{role}"/>' if role else found.group(0)


def ph_xml(ph_type: str, idx: int) -> str:
    if ph_type == "obj":
        return f'<p:ph idx="{idx}"/>'
    if idx == 0:
        return f'<p:ph type="{ph_type}"/>'
    return f'<p:ph type="{ph_type}" idx="{idx}"/>'


@cache
def house_template(marked: bool) -> PptxTemplate:
    """Our own template, in the variant for a marked or an unmarked deck."""
    data = build_bytes(marked=marked)
    package = read_template_bytes(data, TEMPLATE_NAME)
    match = match_template(inspect_package(package))
    template = PptxTemplate(data, match, True, True, *_theme_fonts(match))
    defaults = _run_defaults(package, match)
    return replace(template, colors=_theme_colors(package, match), run_defaults=defaults)


def for_marking(template: PptxTemplate, marking: str) -> PptxTemplate:
    """``template`` with the deck's marking put where our template shows its prompt (a
    copy of ours stored as a house template shows it in its bands, empty when unmarked)."""
    if template.house and not marking:
        return template
    if not template.house and not template.marking_prompt:
        return template
    text = f"<a:t>{escape(marking)}</a:t>" if marking else "<a:t></a:t>"
    return replace(template, replacements={**template.replacements, _PROMPT_XML: text})


_PROMPT_XML = f"<a:t>{MARKING_PROMPT}</a:t>"


def _masters_and_layouts(data: bytes) -> list[bytes]:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [
            zf.read(name)
            for name in zf.namelist()
            if name.startswith(("ppt/slideMasters/slideMaster", "ppt/slideLayouts/slideLayout"))
            and name.endswith(".xml")
        ]


@cache
def _has_marking_prompt(data: bytes) -> bool:
    """Whether a master or layout of the presentation ``data`` holds our marking prompt."""
    return any(_PROMPT_XML.encode() in part for part in _masters_and_layouts(data))


# Shrink-on-overflow with the scale last computed for the placeholder's sample text.
_SCALED_AUTOFIT = re.compile(rb"<a:normAutofit\s[^>]*/>")


@cache
def _stale_autofit(data: bytes) -> dict[str, str]:
    """Replacements that drop the font and spacing scale a master's or layout's
    shrink-on-overflow placeholder keeps for its own sample text ("Click to edit…").

    The scale is a cache the office suite recomputes for the text a slide holds, so no
    slide needs it; but LibreOffice (7.x) reads it from the master for a slide's
    placeholder that does not autofit and divides that placeholder's indents by it,
    moving a bullet's text right and wrapping it early.
    """
    found = {m for part in _masters_and_layouts(data) for m in _SCALED_AUTOFIT.findall(part)}
    return {m.decode(): "<a:normAutofit/>" for m in sorted(found)}


# stored_template's results by the identity of their inputs: templates.stored.analysed
# hands out one package and match per template content, so a deck exported again (the
# app exports the same deck many times) does not work its template out again.
_STORED: dict[tuple[int, int], tuple[TemplatePackage, TemplateMatch, PptxTemplate]] = {}
_STORED_MAX = 8


def stored_template(package: TemplatePackage, match: TemplateMatch) -> PptxTemplate:
    """A user's template (any .pptx or .potx that passed the checks)."""
    key = (id(package), id(match))
    hit = _STORED.get(key)
    if hit is not None and hit[0] is package and hit[1] is match:
        return hit[2]
    template = _stored_template(package, match)
    if len(_STORED) >= _STORED_MAX:
        _STORED.pop(next(iter(_STORED)))
    _STORED[key] = (package, match, template)  # keeps both alive, so ids stay theirs
    return template


def _stored_template(package: TemplatePackage, match: TemplateMatch) -> PptxTemplate:
    data = package.as_presentation()
    prompt = _has_marking_prompt(data)
    template = PptxTemplate(data, match, False, prompt, *_theme_fonts(match))
    # body and muted text name the theme's colour they are (text_colors), with transforms
    colors = {**_theme_colors(package, match), **text_colors(package, match).refs}
    defaults = _run_defaults(package, match)
    return replace(
        template, replacements=_stale_autofit(data), colors=colors, run_defaults=defaults
    )
