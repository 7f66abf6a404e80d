"""How map layers look: one Style per layer, a grayscale-safe palette and its checks.

Colours are RGB hex without '#'. The palette's classes are spaced in relative luminance so
that a map printed in grayscale keeps every class distinguishable; hatching (diagonal lines
in ``hatch`` colour over ``fill``) marks occupied or disputed areas on top of that.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

# Named colours the bundled maps use, with their CIE lightness L* (what grayscale keeps).
PALETTE = {
    "sea": "D6E3EA",  # L* 90
    "land": "C9C6BF",  # L* 80 countries not in focus
    "focus": "FFF8E1",  # L* 98 the subject's ordinary regions
    "ukraine": "FFF5CC",  # L* 96
    "contested": "D8A26E",  # L* 71 oblasts Russia claims to have annexed; Mitrovica
    "nato": "7F9BBB",  # L* 63 NATO members
    "serbia": "C98B5A",  # L* 63 Serbia on the Kosovo map
    "non_nato": "B86A3C",  # L* 53 the Balkans' non-NATO states
    "donbas": "9A5B36",  # L* 45 Donetsk and Luhansk oblasts; Kosovo's Serb-majority north
    "russia": "4E3A38",  # L* 27
    "hatch": "2B2B2B",
    "border": "FFFFFF",
    "region_border": "B8B0A0",
    "outline": "1A1A1A",
    "label": "2E2E2E",
    "label_muted": "55524C",
    "label_light": "FFFFFF",
}


def resolve(color: str | None) -> str | None:
    """A palette name or hex colour to hex (None and '' stay None)."""
    if not color:
        return None
    value = PALETTE.get(color, color).lstrip("#").upper()
    if len(value) != 6 or any(c not in "0123456789ABCDEF" for c in value):
        raise ValueError(f"{color!r} is not a palette name or a six-digit hex colour.")
    return value


def lightness(color: str) -> float:
    """CIE L* (0 black .. 100 white): how light a colour prints in grayscale."""
    y = luminance(color)
    return 116 * y ** (1 / 3) - 16 if y > 0.008856 else 903.3 * y


def luminance(color: str) -> float:
    """WCAG relative luminance of a hex colour (0 black .. 1 white)."""
    value = resolve(color) or "FFFFFF"

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


@dataclass(frozen=True)
class Style:
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 0.5
    hatch: str | None = None
    label: bool = False
    label_size: float = 8.0
    label_min_size: float = 6.0
    label_color: str = "label"
    label_bold: bool = False
    label_italic: bool = False
    label_caps: bool = False
    label_priority: float = 0.0  # higher places first
    label_callout: bool = False  # too small for its label: place it beside, with a leader
    casing: str | None = None  # lines: a wider line of this colour drawn underneath
    casing_width: float = 0.0

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Style:
        data = dict(data or {})
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"Unknown style setting {unknown[0]!r}.")
        style = cls(**data)
        for color in (style.fill, style.stroke, style.hatch, style.label_color, style.casing):
            resolve(color)
        return style

    def to_dict(self) -> dict[str, Any]:
        default = Style()
        return {k: v for k, v in asdict(self).items() if v != getattr(default, k)}

    def hex(self, attr: str) -> str | None:
        return resolve(getattr(self, attr))


def label_color_for(fill: str | None) -> str:
    """Dark or white label text, whichever reads on ``fill``."""
    return PALETTE["label_light"] if fill and luminance(fill) < 0.25 else PALETTE["label"]
