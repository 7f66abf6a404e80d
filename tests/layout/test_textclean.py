from __future__ import annotations

import unicodedata

from briefing_app.layout.textclean import (
    REPLACEMENT,
    clean_text,
    clean_text_with_warnings,
    covered_codepoints,
)


def test_controls_removed_newline_kept_tab_to_space() -> None:
    assert clean_text("a\x00b\x01c\x7f\x9fd\te\nf") == "abcd e\nf"


def test_line_endings_normalised() -> None:
    assert clean_text("a\r\nb\rc\x0bd\u2028e\u2029f\x0cg") == "a\nb\nc\nd\ne\nf\ng"


def test_xml_illegal_and_zero_width_removed() -> None:
    assert clean_text("a\ufffeb\uffffc\ufdd0d\u200be\ufefff\u00adg") == "abcdefg"


def test_markup_characters_stay_as_typed() -> None:
    assert clean_text("<script>&amp; a < b & c") == "<script>&amp; a < b & c"


def test_nfc() -> None:
    text = clean_text("Vuc\u030cic\u0301")
    assert text == "Vučić"
    assert unicodedata.is_normalized("NFC", text)


def test_names_and_cyrillic_untouched() -> None:
    text = "Vučić, Đukić, Šutanovac, Šekerinska, Milošević — Косово, Донбас"
    assert clean_text_with_warnings(text) == (text, [])


def test_lone_surrogate_replaced_with_warning() -> None:
    text, warnings = clean_text_with_warnings("a\ud800b")
    assert text == f"a{REPLACEMENT}b"
    assert len(warnings) == 1 and "U+D800" in warnings[0]
    text.encode("utf-8")  # encodable now


def test_surrogate_pair_is_joined_then_checked() -> None:
    text, warnings = clean_text_with_warnings("x\ud83d\ude00y")
    assert text == f"x{REPLACEMENT}y"
    assert "U+1F600" in warnings[0]


def test_uncovered_character_replaced_and_counted() -> None:
    text, warnings = clean_text_with_warnings("ok \U0001f600 \u4e2d \U0001f600")
    assert text == f"ok {REPLACEMENT} {REPLACEMENT} {REPLACEMENT}"
    assert len(warnings) == 2
    assert "U+4E2D" in warnings[0] and "1×" in warnings[0]  # sorted by code point
    assert "U+1F600" in warnings[1] and "2×" in warnings[1]


def test_replacement_glyph_is_in_font() -> None:
    assert ord(REPLACEMENT) in covered_codepoints()
    assert ord("č") in covered_codepoints() and ord("К") in covered_codepoints()


def test_output_is_pptx_safe() -> None:
    from pptx import Presentation

    hostile = "NUL\x00 VT\x0b FFFF\uffff lone\udfff <script>&amp; \x1b[31m"
    prs = Presentation()
    box = prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_textbox(0, 0, 100, 100)
    box.text_frame.paragraphs[0].add_run().text = clean_text(hostile)


def test_empty_and_idempotent() -> None:
    assert clean_text("") == ""
    once = clean_text("a\x00\U0001f600\r\nb")
    assert clean_text(once) == once


def test_one_megabyte() -> None:
    text = ("Vučić Đukić Šekerinska Косово <&> plain text. " * 25000)[:1_000_000]
    dirty = text[:500_000] + "\x00\U0001f600\ud800" * 1000 + text[500_000:]
    assert clean_text(text) == text
    result, warnings = clean_text_with_warnings(dirty)
    assert len(warnings) == 2 and "\x00" not in result
