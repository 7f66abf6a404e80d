"""Rules for text that need no fonts: what every store can hold, which links may be links.

Rendering-time cleaning (which characters the bundled fonts draw) lives with the fonts in
:mod:`briefing_app.layout.textclean`.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

_SURROGATES = re.compile("[\ud800-\udfff]")
MAX_LINK_CHARS = 2048


def storable_text(text: str) -> str:
    """Text every store can hold: NUL (which PostgreSQL refuses) is dropped and lone
    surrogates (which cannot be encoded) become U+FFFD.

    Everything else is kept as typed; full cleaning happens on the way to a renderer.
    """
    if "\x00" in text:
        text = text.replace("\x00", "")
    if not _SURROGATES.search(text):
        return text
    joined = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    return _SURROGATES.sub("\ufffd", joined)


def safe_link(target: str | None) -> str | None:
    """``target`` if an export may make it a hyperlink, else None (it stays plain text).

    Only absolute ``http``/``https`` URLs with a host and ``mailto:`` addresses pass:
    never ``javascript:``, ``file:``, ``data:``, relative or scheme-less links, and
    nothing holding spaces, control or invisible format characters (viewers strip them, so
    a tab inside ``javascript:`` would still run) or lone surrogates.
    """
    if not target or len(target) > MAX_LINK_CHARS:
        return None
    if any(ch.isspace() or unicodedata.category(ch)[0] == "C" for ch in target):
        return None
    try:
        parts = urlsplit(target)
        host = parts.hostname
    except ValueError:  # e.g. a malformed IPv6 host
        return None
    scheme = parts.scheme.lower()
    if scheme in ("http", "https") and host:
        return target
    if scheme == "mailto" and "@" in parts.path.strip("@"):
        return target
    return None
