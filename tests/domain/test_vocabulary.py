"""The vocabulary: one label and one colour-blind-safe colour per review status."""

from __future__ import annotations

import itertools

import pytest

from briefing_app.domain.vocabulary import (
    ATTENTION_ORDER,
    REVIEW_STATUSES,
    UNREVIEWED,
    review_status,
)


def _linear(hex_colour: str) -> tuple[float, float, float]:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    return tuple(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)


def _luminance(hex_colour: str) -> float:
    r, g, b = _linear(hex_colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


# Viénot, Brettel & Mollon (1999): dichromat simulation in linear RGB.
_SIMULATIONS = {
    "normal vision": ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)),
    "protanopia": ((0.11238, 0.88762, 0.0), (0.11238, 0.88762, 0.0), (0.00401, -0.00401, 1.0)),
    "deuteranopia": ((0.29275, 0.70725, 0.0), (0.29275, 0.70725, 0.0), (-0.02234, 0.02234, 1.0)),
}


def _seen(hex_colour: str, matrix) -> tuple[float, float, float]:
    """CIELAB (D65) of the colour as a dichromat sees it."""
    rgb = _linear(hex_colour)
    r, g, b = (
        min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True)))) for row in matrix
    )
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_each_status_has_one_label_colour_glyph_and_underline() -> None:
    statuses = [review_status(key) for key in REVIEW_STATUSES]
    for attribute in ("label", "colour", "underline"):
        values = [getattr(s, attribute) for s in statuses]
        assert len(set(values)) == len(values), attribute
    assert sorted(ATTENTION_ORDER) == sorted(REVIEW_STATUSES)
    assert review_status("agreed").label == "Agreed"
    assert review_status("needs-source").label == "Needs source"


def test_colours_read_on_white() -> None:
    """WCAG AA for text: every status colour has at least 4.5:1 contrast on white."""
    for key in REVIEW_STATUSES:
        ratio = 1.05 / (_luminance(review_status(key).colour) + 0.05)
        assert ratio >= 4.5, (key, round(ratio, 2))


@pytest.mark.parametrize("deficiency", sorted(_SIMULATIONS))
def test_colours_stay_apart_with_red_green_colour_blindness(deficiency: str) -> None:
    """Under simulated protanopia and deuteranopia no two statuses look alike: CIELAB
    ΔE above 20 (about 2.3 is a just-noticeable difference)."""
    matrix = _SIMULATIONS[deficiency]
    for a, b in itertools.combinations(REVIEW_STATUSES, 2):
        seen_a, seen_b = (_seen(review_status(k).colour, matrix) for k in (a, b))
        distance = sum((x - y) ** 2 for x, y in zip(seen_a, seen_b, strict=True)) ** 0.5
        assert distance > 20, (a, b, round(distance, 1))


def test_unknown_status_reads_as_unreviewed_and_mnemonics_sit_in_labels() -> None:
    assert review_status("no-such-status").key == UNREVIEWED
    assert review_status(None).key == UNREVIEWED
    assert review_status("disputed").label_with_mnemonic == "Dis&puted"
    for key in REVIEW_STATUSES:
        status = review_status(key)
        assert status.label_with_mnemonic.replace("&", "", 1) == status.label
        assert "&" in status.label_with_mnemonic
