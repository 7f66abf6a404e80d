"""A template as a deck exports in it: checked once per content, from the store or ours.

Reading the template's bytes goes through a :class:`StoreReader`, so the export command
and the app find a deck's template the same way; the analysis (layouts chosen, masters
ranked) is cached by content, as the bytes are content-addressed.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from briefing_app.store.reading import StoreReader
from briefing_app.templates.build_default import TEMPLATE_NAME, build_bytes
from briefing_app.templates.inspect import TemplateInfo, inspect_package
from briefing_app.templates.legibility import master_clash
from briefing_app.templates.match import TemplateMatch, match_template
from briefing_app.templates.package import TemplatePackage, read_template_bytes

Analysed = tuple[TemplatePackage, TemplateMatch]


def analyse(package: TemplatePackage) -> tuple[TemplateInfo, TemplateMatch]:
    info = inspect_package(package)
    return info, match_template(info, rank_masters=master_clash(package))


@lru_cache(maxsize=8)
def analysed(digest: str, data: bytes, filename: str) -> Analysed:
    """The package and layout choices of a template's bytes (``digest`` names them)."""
    package = read_template_bytes(data, filename)
    return package, analyse(package)[1]


def stored_template_of(reader: StoreReader, deck_name: str) -> Analysed | None:
    """The house template the deck ``deck_name`` exports in, or None when it uses ours."""
    row = reader.deck_template(deck_name)
    if row is None:
        return None
    return analysed(row.sha256, row.data, row.filename or row.name)


def default_template() -> Analysed:
    """Ours, as exports build it (with a slide layout for every layout we have)."""
    data = build_bytes()
    return analysed(hashlib.sha256(data).hexdigest(), data, TEMPLATE_NAME)
