"""Unit tests for make_snippet()."""

from __future__ import annotations

from casegraph.search.query import parse_query
from casegraph.search.snippet import make_snippet

FILLER = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 6


def _snippet(text: str, query: str, width: int = 200) -> str:
    parsed = parse_query(query)
    return make_snippet(text, parsed.terms, width, prefixes=parsed.prefixes)


def test_short_text_is_returned_whole_with_highlights() -> None:
    assert _snippet("Le Café est ouvert", "cafe") == "Le «Café» est ouvert"


def test_case_accents_and_sharp_s_come_out_original() -> None:
    text = "CAFÉ, café and cafe near the Straße"
    assert _snippet(text, "Café strasse") == "«CAFÉ», «café» and «cafe» near the «Straße»"


def test_arabic_highlights_original_spelling() -> None:
    assert _snippet("قالت الأمم المتحدة", "الامم") == "قالت «الأمم» المتحدة"


def test_arabic_harakat_and_tatweel_stay_inside_the_match() -> None:
    text = "وصل مُحَـمَّدٌ إلى مستشفى المدينة"
    assert _snippet(text, "محمد مستشفي") == "وصل «مُحَـمَّدٌ» إلى «مستشفى» المدينة"


def test_combining_accent_after_match_is_inside_it() -> None:
    assert _snippet("the cafe\u0301 opened", "cafe") == "the «cafe\u0301» opened"


def test_words_match_on_word_boundaries_only() -> None:
    assert _snippet("the cafeteria and the cafe", "cafe") == "the cafeteria and the «cafe»"
    assert _snippet("a recafe b", "cafe") == "a recafe b"


def test_prefix_terms_highlight_whole_words() -> None:
    assert _snippet("convoys convoy convey", "convo*") == "«convoys» «convoy» convey"


def test_prefix_terms_match_exactly_without_prefix_info() -> None:
    assert make_snippet("convoys convoy", ["convo"]) == "convoys convoy"


def test_raw_terms_are_folded() -> None:
    assert make_snippet("Le Café", ["CAFÉ"]) == "Le «Café»"


def test_phrase_spans_punctuation_and_newlines() -> None:
    text = "the United-\nNations said"
    assert _snippet(text, '"united nations"') == "the «United- Nations» said"


def test_overlapping_terms_do_not_nest() -> None:
    assert _snippet("the united nations", '"united nations" nations') == "the «united nations»"


def test_whitespace_is_collapsed() -> None:
    assert _snippet("a\n\n  convoy\t\tleft", "convoy") == "a «convoy» left"


def test_window_prefers_most_distinct_terms() -> None:
    text = "alpha " + FILLER + "alpha beta gamma together here. " + FILLER
    snippet = _snippet(text, "alpha beta gamma", width=100)
    assert "«alpha» «beta» «gamma»" in snippet
    assert snippet.startswith("…")
    assert snippet.endswith("…")


def test_window_is_cut_at_spaces_and_about_width_long() -> None:
    text = FILLER + "the convoy arrived. " + FILLER
    snippet = _snippet(text, "convoy", width=80)
    body = snippet.strip("…").replace("«", "").replace("»", "")
    assert f" {body} " in f" {text} "
    assert 50 <= len(body) <= 80


def test_no_match_gives_start_of_text() -> None:
    snippet = _snippet(FILLER, "convoy", width=60)
    assert snippet.startswith("Lorem ipsum")
    assert snippet.endswith("…")
    assert len(snippet) <= 61
    assert f" {snippet[:-1]} " in f" {FILLER} "


def test_empty_inputs() -> None:
    assert make_snippet("", ["x"]) == ""
    assert make_snippet("short text", []) == "short text"
    assert make_snippet("some text", ["...", ""]) == "some text"


def test_long_match_is_shown_whole() -> None:
    words = " ".join(f"w{i}" for i in range(40))
    snippet = make_snippet(f"start {words} end", [words], width=20)
    assert snippet == f"…«{words}»…"
