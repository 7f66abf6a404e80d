"""The vocabulary: one label and one colour per review status and per argument kind, each
colour readable on white and told apart by readers with a colour-vision deficiency."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from colorspacious import cspace_convert, deltaE

from briefing_app.domain.vocabulary import (
    ARGUMENT_KIND_COLOURS,
    ARGUMENT_KINDS,
    ATTENTION_ORDER,
    REVIEW_STATUSES,
    UNREVIEWED,
    review_status,
)

# colorspacious simulates a deficiency with Machado, Oliveira & Fernandes (2009); severity 100
# is the full dichromacy (deuteranopia, protanopia, tritanopia).
VISIONS = {
    "normal vision": None,
    "deuteranopia": "deuteranomaly",
    "protanopia": "protanomaly",
    "tritanopia": "tritanomaly",
}


def _rgb(hex_colour: str) -> np.ndarray:
    return np.array([int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])


def _seen(hex_colour: str, cvd_type: str | None) -> np.ndarray:
    """The colour (sRGB, 0–1) as a reader with the deficiency sees it."""
    rgb = _rgb(hex_colour)
    if cvd_type is None:
        return rgb
    space = {"name": "sRGB1+CVD", "cvd_type": cvd_type, "severity": 100}
    return np.clip(cspace_convert(rgb, space, "sRGB1"), 0, 1)


def _closest(colours: dict[str, str], vision: str) -> tuple[float, str, str]:
    """The two colours that look most alike, and how far apart: ΔE in CAM02-UCS, where
    about 1 is a just-noticeable difference."""
    cvd_type = VISIONS[vision]
    return min(
        (float(deltaE(_seen(colours[a], cvd_type), _seen(colours[b], cvd_type), "sRGB1")), a, b)
        for a, b in itertools.combinations(colours, 2)
    )


def _contrast_on_white(hex_colour: str) -> float:
    """WCAG 2 contrast ratio of the colour against white."""
    c = _rgb(hex_colour)
    r, g, b = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


STATUS_COLOURS = {key: review_status(key).colour for key in REVIEW_STATUSES}


def test_each_status_has_one_label_colour_glyph_and_underline() -> None:
    statuses = [review_status(key) for key in REVIEW_STATUSES]
    for attribute in ("label", "colour", "underline"):
        values = [getattr(s, attribute) for s in statuses]
        assert len(set(values)) == len(values), attribute
    assert sorted(ATTENTION_ORDER) == sorted(REVIEW_STATUSES)
    assert review_status("agreed").label == "Agreed"
    assert review_status("needs-source").label == "Needs source"


def test_colours_read_on_white() -> None:
    """WCAG AA for text: every status and kind colour has at least 4.5:1 contrast on white."""
    for key, colour in {**STATUS_COLOURS, **ARGUMENT_KIND_COLOURS}.items():
        assert _contrast_on_white(colour) >= 4.5, (key, round(_contrast_on_white(colour), 2))


def test_every_argument_kind_has_its_own_colour() -> None:
    assert set(ARGUMENT_KIND_COLOURS) == set(ARGUMENT_KINDS)
    assert len(set(ARGUMENT_KIND_COLOURS.values())) == len(ARGUMENT_KIND_COLOURS)


@pytest.mark.parametrize("vision", VISIONS)
def test_review_statuses_stay_clearly_apart(vision: str) -> None:
    """Four statuses, read at a glance in the tree, reader and report: ΔE above 20."""
    distance, a, b = _closest(STATUS_COLOURS, vision)
    assert distance > 20, (a, b, round(distance, 1))


@pytest.mark.parametrize("vision", VISIONS)
def test_argument_kinds_stay_apart(vision: str) -> None:
    """Nine kinds, always written out beside their colour: ΔE above 12. (Nine colours dark
    enough for text cannot all be as far apart as four under a dichromacy.)"""
    distance, a, b = _closest(ARGUMENT_KIND_COLOURS, vision)
    assert distance > 12, (a, b, round(distance, 1))


def test_the_simulation_finds_colours_a_dichromat_confuses() -> None:
    """The check can fail: the kind colours used before (objection crimson, precedent brown)
    are far apart to normal vision but nearly one colour under deuteranopia."""
    before = {"objection": "#AD1457", "precedent": "#795548"}
    assert _closest(before, "normal vision")[0] > 20
    assert _closest(before, "deuteranopia")[0] < 5


def test_unknown_status_reads_as_unreviewed_and_mnemonics_sit_in_labels() -> None:
    assert review_status("no-such-status").key == UNREVIEWED
    assert review_status(None).key == UNREVIEWED
    assert review_status("disputed").label_with_mnemonic == "Dis&puted"
    for key in REVIEW_STATUSES:
        status = review_status(key)
        assert status.label_with_mnemonic.replace("&", "", 1) == status.label
        assert "&" in status.label_with_mnemonic
