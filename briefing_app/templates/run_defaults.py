"""The run properties a slide's placeholder text inherits: bold, italic and the Latin face
its first level gets from the layout's placeholder, the master's
placeholder of its kind and the master's text style, as PowerPoint resolves them.

A slide can then leave out what it would only repeat, so a run follows the template
where it agrees with it. Only a value some level states is known: where none states one
(LibreOffice's conversions of its templates keep their outline style in the master
placeholder's prompt text instead, which PowerPoint does not inherit but LibreOffice
does), or where that prompt text says otherwise, nothing is left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from lxml import etree

from briefing_app.templates import ooxml as ox
from briefing_app.templates.inspect import MASTER_KIND, Placeholder
from briefing_app.templates.package import TemplatePackage
from briefing_app.templates.text_color import placeholder_shape

_P, _A = f"{{{ox.NS_P}}}", f"{{{ox.NS_A}}}"
_LEVEL1 = f"./{_P}txBody/{_A}lstStyle/{_A}lvl1pPr/{_A}defRPr"
_PROMPT = f"./{_P}txBody/{_A}p/{_A}r/{_A}rPr"
_STYLE = {"title": "titleStyle", "body": "bodyStyle"}


@dataclass(frozen=True)
class RunDefaults:
    """What a placeholder's first-level runs inherit; None where it is not known."""

    bold: bool | None = None
    italic: bool | None = None
    latin: str | None = None  # the Latin face, e.g. "+mn-lt" (the theme's body font)


def _flag(value: str | None) -> bool | None:
    return None if value is None else value in ("1", "true")


def _latin(props: etree._Element) -> str | None:
    latin = props.find(f"{_A}latin")
    return latin.get("typeface") if latin is not None else None


_T = TypeVar("_T")


def _first(
    read: Callable[[etree._Element], _T | None],
    stated: list[etree._Element],
    prompts: list[etree._Element],
    agrees: Callable[[_T, etree._Element], bool],
) -> _T | None:
    """The value the first of ``stated`` to say one says, where every prompt run
    ``agrees`` with it; else None."""
    value = next((v for v in map(read, stated) if v is not None), None)
    if value is None or not all(agrees(value, p) for p in prompts):
        return None
    return value


def _same_flag(name: str) -> Callable[[bool, etree._Element], bool]:
    return lambda value, el: _flag(el.get(name)) in (None, value)


def _same_latin(value: str, el: etree._Element) -> bool:
    return _latin(el) in (None, value)


def run_defaults(
    package: TemplatePackage, layout_part: str, master_part: str, placeholder: Placeholder
) -> RunDefaults:
    """What runs in a slide's instance of ``placeholder`` (of ``layout_part``) inherit."""
    kind = MASTER_KIND.get(placeholder.type, "body")
    layout_sp = placeholder_shape(package.xml(layout_part), placeholder.type, placeholder.idx)
    master_root = package.xml(master_part)
    master_sp = placeholder_shape(master_root, kind, None)
    shapes = [sp for sp in (layout_sp, master_sp) if sp is not None]
    style = _STYLE.get(kind, "otherStyle")
    levels = [
        *(sp.find(_LEVEL1) for sp in shapes),
        master_root.find(f"{_P}txStyles/{_P}{style}/{_A}lvl1pPr/{_A}defRPr"),
    ]
    stated = [el for el in levels if el is not None]
    prompts = [el for sp in shapes for el in sp.iterfind(_PROMPT)]
    return RunDefaults(
        _first(lambda el: _flag(el.get("b")), stated, prompts, _same_flag("b")),
        _first(lambda el: _flag(el.get("i")), stated, prompts, _same_flag("i")),
        _first(_latin, stated, prompts, _same_latin),
    )
