"""parse_query() against the case's real search index, holding real documents."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from casegraph.case.index import SearchIndex
from casegraph.errors import QuerySyntaxError
from casegraph.records import Extraction
from casegraph.search.query import MAX_NESTING, parse_query
from tests.conftest import BACKENDS, new_case

DOCUMENTS = {
    1: "The convoy left Aleppo at dawn.",
    2: "A convoy of trucks reached the border post.",
    3: "The post at the border was closed by the army.",
    4: "Meeting at the Café Zürich with the minister.",
    5: "The cafe on the corner sells coffee.",
    6: "CAFÉ RÉPUBLIQUE opened its doors.",
    7: "Convoys and convoying are different words.",
    8: "وصل أحمد إلى مدرسة القرية",
    9: "احمد ذهب الى مستشفى المدينة",
    10: "مُحَـمَّد في مستشفي المدينة",
    11: "كان مـحـمـد في مدرسه القرية",
    12: "الأمم المتحدة أرسلت قافلة",
    13: "alpha one two three four five six beta",
    14: "हिन्दी भाषा में समाचार",
}


@pytest.fixture(scope="module", params=BACKENDS)
def index(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SearchIndex]:
    """The index of a case of each backend: a search behaves the same on both."""
    case = new_case(request.param, tmp_path_factory.mktemp("fts"), request)
    with case.transaction():
        for number, text in DOCUMENTS.items():
            data = text.encode("utf-8")
            sha = hashlib.sha256(data).hexdigest()
            name = f"{number}.txt"
            doc_id, _, _ = case.documents.add_source(sha, len(data), name, Path(name), 1)
            extraction = Extraction(mime="text/plain", title=str(number), extractor="test 1")
            extraction.add_page(text)
            case.documents.save_extraction(doc_id, extraction, None)
    yield case.index
    case.close()


def search(index: SearchIndex, query: str) -> set[int]:
    tree = parse_query(query).tree
    assert tree is not None
    return {int(hit["title"]) for hit in index.search(tree, [], 100, 0).hits}


@pytest.mark.parametrize(
    ("query", "rows"),
    [
        # AND by default, explicit AND, lower-case operators are words
        ("convoy aleppo", {1}),
        ("border post", {2, 3}),
        ("border AND post", {2, 3}),
        ("convoys and", {7}),
        # phrases
        ('"border post"', {2}),
        ('"post border"', set()),
        ('"border, post"', {2}),
        # OR, NOT, leading minus
        ("aleppo OR army", {1, 3}),
        ("convoy NOT aleppo", {2}),
        ("convoy AND NOT aleppo", {2}),
        ("convoy -aleppo", {2}),
        ("border -army", {2}),
        ("border -army -trucks", set()),
        ('border -"border post"', {3}),
        ("border -(army OR trucks)", set()),
        # prefix
        ("convoy", {1, 2}),
        ("convoy*", {1, 2, 7}),
        ("conv*", {1, 2, 7}),
        ("convoy* -aleppo -trucks", {7}),
        ('"border po"*', {2}),
        # NEAR: six words lie between alpha and beta
        ("NEAR(alpha beta, 6)", {13}),
        ("NEAR(alpha beta, 5)", set()),
        ("NEAR(alpha beta)", {13}),
        ('NEAR("alpha one" beta, 5)', {13}),
        ('NEAR("alpha one" beta, 4)', set()),
        ("NEAR(alph* beta, 6)", {13}),
        ("NEAR(beta alpha, 6)", {13}),
        ("NEAR(beta alpha, 5)", set()),
        ("NEAR(beta six alpha, 5)", {13}),
        ("NEAR(beta six alpha, 4)", set()),
        # parentheses and precedence
        ("(aleppo OR army) convoy", {1}),
        ("(aleppo OR army) -convoy", {3}),
        ("aleppo OR (army post)", {1, 3}),
        ("aleppo OR army post", {1, 3}),
        ("trucks OR border NOT army", {2}),
        # case and accents
        ("Café", {4, 5, 6}),
        ("cafe", {4, 5, 6}),
        ("CAFÉ", {4, 5, 6}),
        ("ZÜRICH", {4}),
        ("zurich", {4}),
        ("republique", {6}),
        # Arabic variants, harakat, tatweel
        ("أحمد", {8, 9}),
        ("احمد", {8, 9}),
        ("إلى", {8, 9}),
        ("الى", {8, 9}),
        ("مدرسة", {8, 11}),
        ("مدرسه", {8, 11}),
        ("مستشفى", {9, 10}),
        ("مستشفي", {9, 10}),
        ("محمد", {10, 11}),
        ("مُحَمَّد", {10, 11}),
        ("مـحـمـد", {10, 11}),
        ('"الأمم المتحدة"', {12}),
        ("الامم المتحده", {12}),
        ("الامم*", {12}),
        ("مستشف* -احمد", {10}),
        # a word of an Indic script is one word, its vowel signs included
        ("भाषा", {14}),
        ('"हिन्दी भाषा"', {14}),
        ("भा*", {14}),
    ],
)
def test_matches(index: SearchIndex, query: str, rows: set[int]) -> None:
    assert search(index, query) == rows


def test_filters_only_need_no_words() -> None:
    assert parse_query("type:pdf date:2015").tree is None


NASTY = [
    '"',
    '""',
    '"""',
    '"a""b"',
    'a"b',
    'a "b c" "',
    "“smart quotes”",
    "„x“",
    "‘a’",
    "«a»",
    "＂x＂",
    "*",
    "**",
    "a*b",
    "*a",
    "a**",
    '"a"*b',
    "＊",
    "^",
    "^a",
    "a^",
    "a^2",
    ":",
    "a:",
    ":a",
    "body:a",
    "{body}: a",
    "- body : a",
    "a:b:c",
    "10:30",
    "http://x.y",
    "NEAR",
    "NEAR(",
    "NEAR)",
    "NEAR(a",
    "NEAR(a,b,c)",
    'NEAR("a" "b", 5',
    "NEAR(a b, 2147483648)",
    "AND",
    "OR",
    "NOT",
    "a AND",
    "a OR b OR",
    "-",
    "--",
    "---a",
    "- -a",
    "+a",
    "a + b",
    "(",
    ")",
    ")(",
    "(()",
    "(a))",
    "&&",
    "||",
    "!a",
    "~a",
    "a~2",
    "[a]",
    "{a}",
    "<a>",
    "\\",
    '\\"',
    "'",
    "a'b",
    "\t\n",
    "col:",
    "type:pdf OR",
    "date:2015..x",
    "🙂",
    "a🙂b",
    "（a）",
    "ﷺ",
    "، ؛ ؟",
    "、。",
    "¿?",
    "—",
    "…",
    "\u200f",
    "\u200c",
    "ـ",
    "ً",
    "\x00",
    "\x01a",
    "a\x00b",
    "\ud800",
    "٭",
    "a,b",
    ",",
    "NEAR(a b, 1e3)",
    "NEAR(a b, ٣)",
    "NEAR(a b, ³)",
    "date:٢٠١٥",
    "AND:x",
    "x AND:y",
    'near("',
    'path:"a" "',
    "a\u0301",
]
ALPHABET = [
    '"',
    "(",
    ")",
    "*",
    "-",
    ":",
    "^",
    ",",
    " ",
    "a",
    "b",
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "NEAR(",
    "type:",
    "x:",
    "date:",
    "“",
    "«",
    "ـ",
    "أ",
    "٣",
    "\x00",
    ".",
    "5",
    "+",
    "{",
    "}",
]


def _fuzz_queries() -> list[str]:
    rng = random.Random(20150131)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 10))) for _ in range(3000)]


def test_hostile_input_never_breaks_the_index(index: SearchIndex) -> None:
    searched = 0
    for query in NASTY + _fuzz_queries():
        try:
            tree = parse_query(query).tree
        except QuerySyntaxError:
            continue
        if tree is not None:
            # a panic of the engine is a BaseException: it fails the test as an error would
            assert index.search(tree, [], 5, 0).total >= 0, query
            searched += 1
    assert searched > 500, "most of the hostile queries are searchable text"


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        ("(a OR ", ")"),
        ("a (b -c ", ")"),
        ("a OR x (b -c ", ")"),
        ("a -(b c ", ")"),
        ("NEAR(a b) -x (", ")"),
    ],
)
def test_the_deepest_nesting_allowed_is_searched(
    index: SearchIndex, opening: str, closing: str
) -> None:
    deepest = opening * MAX_NESTING + "convoy" + closing * MAX_NESTING
    search(index, deepest)
    with pytest.raises(QuerySyntaxError, match=f"at most {MAX_NESTING} levels"):
        parse_query(opening + deepest + closing)
