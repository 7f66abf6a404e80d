"""The single boundary where stored text becomes renderable text.

``clean_text`` returns text that python-pptx accepts (XML 1.0 legal), that reportlab draws
without black boxes (every character is in the bundled Liberation Sans faces) and that
measures the same everywhere (NFC). ``<`` and ``&`` are left as typed: renderers never
parse markup. Characters no bundled font covers become a visible ``■`` and a warning.
Storing text (:func:`briefing_app.domain.text.storable_text`) and deciding which links may
become hyperlinks (:func:`briefing_app.domain.text.safe_link`) need no fonts and live in
the domain layer.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from briefing_app.layout.fonts import FAMILIES

REPLACEMENT = "\u25a0"  # ■, present in every Liberation Sans face
# A title, heading or name longer than this is cut where a deck is composed: no layout
# draws more than about 350 characters of one, and renderers measure them again on every
# page (a 1 MB slide title kept the handout busy for hours). A slide title cut so stops
# the export (layout.engine), since a title is never shown cut.
MAX_LINE_FIELD = 400
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_SURROGATES = re.compile("[\ud800-\udfff]")


@lru_cache(maxsize=1)
def covered_codepoints() -> frozenset[int]:
    """Code points every Liberation Sans face (regular, bold, italic, bold italic) maps."""
    from briefing_app.layout.metrics import load_face  # the faces layout measures with

    family = FAMILIES["sans"]
    faces = (family.regular, family.bold, family.italic, family.bold_italic)
    sets = [set(load_face(str(path)).advances) for path in faces]
    return frozenset(set.intersection(*sets))


def _ranges_class(codepoints: list[int]) -> str:
    """A regex character class body matching exactly ``codepoints`` (sorted)."""
    parts: list[str] = []
    start = prev = codepoints[0]
    for cp in [*codepoints[1:], -1]:
        if cp == prev + 1:
            prev = cp
            continue
        if start == prev:
            parts.append(re.escape(chr(start)))
        else:
            parts.append(f"{re.escape(chr(start))}-{re.escape(chr(prev))}")
        start = prev = cp
    return "".join(parts)


@lru_cache(maxsize=1)
def _unsafe_pattern() -> re.Pattern[str]:
    """Matches every character that is not plainly renderable as it stands."""
    ok = {cp for cp in covered_codepoints() if _is_plain(cp)}
    ok.add(0x0A)
    return re.compile(f"[^{_ranges_class(sorted(ok))}]+")


def _is_plain(cp: int) -> bool:
    ch = chr(cp)
    if cp in (0xFFFE, 0xFFFF) or 0xFDD0 <= cp <= 0xFDEF or 0xD800 <= cp <= 0xDFFF:
        return False
    return unicodedata.category(ch) not in ("Cc", "Cf")


def _fix_char(ch: str, covered: frozenset[int]) -> str:
    cp = ord(ch)
    if ch == "\t":
        return " "
    category = unicodedata.category(ch)
    if category in ("Cc", "Cf"):  # controls, NUL, BOM, zero-width and soft hyphen
        return ""
    if cp in (0xFFFE, 0xFFFF) or 0xFDD0 <= cp <= 0xFDEF or (cp & 0xFFFE) == 0xFFFE:
        return ""  # XML-illegal or Unicode noncharacters
    return ch if cp in covered else REPLACEMENT


def _describe(cp: int) -> str:
    if 0xD800 <= cp <= 0xDFFF:
        return "lone surrogate"
    return unicodedata.name(chr(cp), "unnamed character")


def clean_text_with_warnings(text: str) -> tuple[str, list[str]]:
    """Clean ``text`` (see module docstring) and say which characters were replaced."""
    if not text:
        return "", []
    missing: dict[int, int] = {}

    def lone(match: re.Match[str]) -> str:
        cp = ord(match.group())
        missing[cp] = missing.get(cp, 0) + 1
        return REPLACEMENT

    if _SURROGATES.search(text):
        # Join valid surrogate pairs into their character; lone halves become ■.
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
        text = _SURROGATES.sub(lone, text)
    text = _LINE_BREAKS.sub("\n", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    pattern = _unsafe_pattern()
    if pattern.search(text):
        covered = covered_codepoints()
        cache: dict[str, str] = {}

        def fix(match: re.Match[str]) -> str:
            out = []
            for ch in match.group():
                fixed = cache.get(ch)
                if fixed is None:
                    fixed = cache[ch] = _fix_char(ch, covered)
                if fixed == REPLACEMENT:
                    missing[ord(ch)] = missing.get(ord(ch), 0) + 1
                out.append(fixed)
            return "".join(out)

        text = pattern.sub(fix, text)
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
    warnings = [
        f"U+{cp:04X} ({_describe(cp)}) is not in the bundled fonts; "
        f"replaced with {REPLACEMENT} ({count}×)"
        for cp, count in sorted(missing.items())
    ]
    return text, warnings


def clean_text(text: str) -> str:
    """Return renderable text; see :func:`clean_text_with_warnings`."""
    return clean_text_with_warnings(text)[0]
