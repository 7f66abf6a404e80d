"""Layout's measurement caches change nothing but speed, and stay bounded."""

from __future__ import annotations

import pytest

from briefing_app.layout import wrap
from briefing_app.layout.boxes import Run, TextStyle
from briefing_app.layout.metrics import face_for, text_width
from briefing_app.layout.wrap import Frame, fit_paragraphs, make_para, sized

TEXT = "Vučić courts Brussels and Moscow — Đukić calls it ambiguity; self-made well-known x" * 3


def _spec():
    runs = [Run(TEXT, TextStyle("sans", 18)), Run(" [1]", TextStyle("serif", 18, italic=True))]
    return make_para(runs, indent=1.0)


def test_cold_and_warm_measurement_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wrap, "_TOKENS", {})
    cold = _spec()
    assert wrap._TOKENS  # words were remembered
    warm = _spec()
    assert warm == cold
    frame = Frame(0, 0, 300, 400)
    assert fit_paragraphs([warm], frame, 18, 14) == fit_paragraphs([cold], frame, 18, 14)
    # Remembered widths are the font's widths.
    fm = face_for(TextStyle("sans", 18))
    em = wrap._TOKENS[fm.key]["Brussels"]
    assert em == pytest.approx(fm.width_em("Brussels"))


@pytest.mark.parametrize("order", [("wide", "sans"), ("sans", "wide")])
def test_a_family_measured_wider_from_the_same_file_keeps_its_own_widths(
    monkeypatch: pytest.MonkeyPatch, order: tuple[str, str]
) -> None:
    """The "wide" family draws with Liberation Sans's file but measures it wider than "sans" does:
    words remembered for one are not the other's, whichever is measured first."""
    monkeypatch.setattr(wrap, "_TOKENS", {})
    for font in order:
        style = TextStyle(font, 18)
        spec = make_para([Run(TEXT, style)])
        (line,) = fit_paragraphs([spec], Frame(0, 0, 1e6, 400), 18, 18).lines
        assert line.width == pytest.approx(text_width(TEXT, style))
    assert text_width(TEXT, TextStyle("wide", 18)) > text_width(TEXT, TextStyle("sans", 18))


def test_word_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wrap, "_TOKENS", {})
    monkeypatch.setattr(wrap, "_TOKENS_MAX", 50)
    words = " ".join(f"w{i}" for i in range(400))
    spec = make_para([Run(words, TextStyle("sans", 12))])
    assert all(len(cache) <= 50 for cache in wrap._TOKENS.values())
    assert len(spec.clusters) == 400


def test_sized_style_is_the_same_style_at_a_new_size() -> None:
    style = TextStyle("serif", 18, bold=True, italic=True, color="1F3864")
    assert sized(style, 14.5) == TextStyle("serif", 14.5, True, True, "1F3864")
    assert sized(style, 14.5) is sized(style, 14.5)
