"""Unit tests for fold() and fold_with_offsets()."""

from __future__ import annotations

import unicodedata

import pytest

from casegraph.text.fold import fold, fold_with_offsets

BMP = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Convoy CONVOY convoy", "convoy convoy convoy"),
        ("Café CAFÉ cafe", "cafe cafe cafe"),
        ("Zürich Ångström naïve façade", "zurich angstrom naive facade"),
        ("Straße", "strasse"),
        ("ΌΣΟΣ", "οσοσ"),
        ("Ёлка", "елка"),
        ("ﬁnance ½", "finance 1⁄2"),
        ("e\u0301", "e"),
    ],
)
def test_case_and_accents(text: str, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أحمد", "احمد"),
        ("إبراهيم", "ابراهيم"),
        ("آمنة", "امنه"),
        ("ٱلله", "الله"),
        ("مدرسة", "مدرسه"),
        ("مستشفى", "مستشفي"),
        ("یک", "يك"),
        ("کتاب", "كتاب"),
        ("مـحـمـد", "محمد"),
        ("مُحَمَّدٌ", "محمد"),
        ("هٰذا", "هذا"),
        ("٠١٢٣٤٥٦٧٨٩", "0123456789"),
        ("۰۱۲۳۴۵۶۷۸۹", "0123456789"),
        ("ﻻ", "لا"),
    ],
)
def test_arabic_variants(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_harakat_range_is_dropped() -> None:
    harakat = "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670"
    assert fold("ب" + harakat + "ت") == "بت"


def test_plain_text_is_unchanged() -> None:
    text = "convoy left at 10:30, heading north; الامم المتحده"
    assert fold(text) == text


def test_fold_is_per_character() -> None:
    assert fold(BMP) == "".join(fold(ch) for ch in BMP)


def test_ascii_folds_as_the_definition_says_alone_and_among_other_characters() -> None:
    ascii_text = "".join(chr(c) for c in range(128))
    by_definition = unicodedata.normalize("NFKD", ascii_text.casefold())
    assert fold(ascii_text) == by_definition
    assert fold("É" + ascii_text + "ß") == "e" + by_definition + "ss"
    assert fold("ÀB-É Ωmega") == "ab-e ωmega"


def test_fold_is_idempotent_and_lower_case() -> None:
    folded = fold(BMP)
    assert fold(folded) == folded
    assert folded.casefold() == folded


def test_lone_surrogate_does_not_raise() -> None:
    assert fold("a\udcff") == "a\udcff"


@pytest.mark.parametrize(
    "text", ["", "abc", "Straße ﬁ", "e\u0301te\u0301", "مُحَـمَّد الأمم", "½ ﷺ", "a\u0640\u0640b"]
)
def test_fold_with_offsets_agrees_with_fold(text: str) -> None:
    folded, offsets = fold_with_offsets(text)
    assert folded == fold(text)
    assert len(offsets) == len(folded)
    assert list(offsets) == sorted(offsets)
    assert "".join(fold(text[i]) for i in dict.fromkeys(offsets)) == folded


def test_offsets_map_back_to_original() -> None:
    text = "Die Straße, الأمم"
    folded, offsets = fold_with_offsets(text)
    start = folded.index("strasse")
    end = start + len("strasse")
    assert text[offsets[start] : offsets[end - 1] + 1] == "Straße"
    start = folded.index("الامم")
    assert text[offsets[start] : offsets[start + 4] + 1] == "الأمم"


def test_arabic_article_is_dropped_only_from_words_long_enough() -> None:
    from casegraph.text.fold import without_arabic_article

    folded = fold("المدرسة وللمدرسة بالمدينة إلى الأمم Alpha")
    assert without_arabic_article(folded) == "مدرسه مدرسه مدينه الي امم alpha"


def test_text_with_no_arabic_letter_is_indexed_as_folded() -> None:
    from casegraph.text.fold import without_arabic_article

    english = fold("The convoy crossed at Ras Kadir; al-Rashid road, ALL clear.")
    assert without_arabic_article(english) == english
