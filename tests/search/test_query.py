"""Unit tests for parse_query(): the tree (written out), filters, terms and errors."""

from __future__ import annotations

from datetime import date

import pytest

from casegraph.errors import QuerySyntaxError
from casegraph.querytree import And, Term
from casegraph.search.query import (
    MAX_NESTING,
    MAX_QUERY_CHARS,
    Filter,
    ParsedQuery,
    parse_query,
)


@pytest.mark.parametrize(
    ("query", "fts"),
    [
        ("convoy", '"convoy"'),
        ("convoy aleppo", '"convoy" AND "aleppo"'),
        ("convoy AND aleppo", '"convoy" AND "aleppo"'),
        ('"united nations"', '"united nations"'),
        ("convoy OR caravan", '"convoy" OR "caravan"'),
        ("a OR b c", '"a" OR ("b" AND "c")'),
        ("convoy NOT aleppo", '"convoy" NOT "aleppo"'),
        ("convoy AND NOT aleppo", '"convoy" NOT "aleppo"'),
        ("a -b c", '("a" AND "c") NOT "b"'),
        ("a -b -c", '"a" NOT "b" NOT "c"'),
        ('a -"b c"', '"a" NOT "b c"'),
        ("a -(b OR c)", '"a" NOT ("b" OR "c")'),
        ("(a OR b) c", '("a" OR "b") AND "c"'),
        ("a (b -c)", '"a" AND ("b" NOT "c")'),
        ("convo*", '"convo"*'),
        ("convo***", '"convo"*'),
        ('"united nat"*', '"united nat"*'),
        ("NEAR(convoy border, 5)", 'NEAR("convoy" "border", 5)'),
        ('NEAR("border post" convoy, 10)', 'NEAR("border post" "convoy", 10)'),
        ("NEAR(convoy border)", 'NEAR("convoy" "border", 10)'),
        ("NEAR(convo* border,0)", 'NEAR("convo"* "border", 0)'),
        ('NEAR(x "y, z")', 'NEAR("x" "y, z", 10)'),
        ("a -NEAR(b c, 2)", '"a" NOT NEAR("b" "c", 2)'),
        ("and or not near", '"and" AND "or" AND "not" AND "near"'),
        ("near(a b)", '"near" AND ("a" AND "b")'),
        ("CAFÉ Straße", '"cafe" AND "strasse"'),
        ("الأمم المتحدة", '"الامم" AND "المتحده"'),
        ("مُحَـمَّد", '"محمد"'),
        ("e-mail", '"e-mail"'),
        ("10:30", '"10:30"'),
        ("http://example.org/a", '"http://example.org/a"'),
        ("Re: budget", '"re:" AND "budget"'),
        ('"colour:red"', '"colour:red"'),
        ("＂quoted＂", '"""quoted"""'),
        ("a - b", '"a" AND "b"'),
        ("a ... b", '"a" AND "b"'),
        ("a OR .", '"a"'),
        ("a (.) b", '"a" AND "b"'),
        ("a -.", '"a"'),
        ("a\x00b", '"a" AND "b"'),
        ("*a*b*", '"*a*b"*'),
    ],
)
def test_tree_written_out(query: str, fts: str) -> None:
    assert parse_query(query).expression == fts


def test_result_shape() -> None:
    parsed = parse_query('Convoy "Border Post" convo* -aleppo type:pdf')
    assert parsed == ParsedQuery(
        tree=And(
            (Term("convoy"), Term("border post"), Term("convo", prefix=True)), (Term("aleppo"),)
        ),
        filters=[Filter("type", "pdf")],
        terms=["convoy", "border post", "convo"],
        prefixes=["convo"],
    )


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("a b a", ["a", "b"]),
        ("a OR b", ["a", "b"]),
        ("a -b NOT c", ["a"]),
        ("a -(b c)", ["a"]),
        ('"e-mail, now" x', ["e mail now", "x"]),
        ('NEAR("a b" c)', ["a b", "c"]),
        ("الأمم", ["الامم"]),
    ],
)
def test_terms_are_folded_positive_words(query: str, terms: list[str]) -> None:
    assert parse_query(query).terms == terms


def test_filters_anywhere_and_normalised() -> None:
    parsed = parse_query('type:.PDF convoy path:"mail/some folder" lang:AR Path:x/')
    assert parsed.expression == '"convoy"'
    assert parsed.filters == [
        Filter("type", "pdf"),
        Filter("path", "mail/some folder"),
        Filter("lang", "ar"),
        Filter("path", "x/"),
    ]


def test_filters_of_what_people_marked_and_of_entities() -> None:
    parsed = parse_query(
        'convoy tag:"Heavy  Weapons" starred:YES unread:false entity:"Karim Haddad"'
    )
    assert parsed.expression == '"convoy"'
    assert parsed.filters == [
        Filter("tag", "heavy weapons"),
        Filter("starred", "yes"),
        Filter("unread", "no"),
        Filter("entity", "Karim Haddad"),
    ]


def test_filters_only_give_no_fts() -> None:
    parsed = parse_query("type:pdf lang:ar")
    assert parsed.tree is None
    assert parsed.terms == []
    assert len(parsed.filters) == 2


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("2015", date(2015, 1, 1), date(2015, 12, 31)),
        ("2015-02", date(2015, 2, 1), date(2015, 2, 28)),
        ("2016-2", date(2016, 2, 1), date(2016, 2, 29)),
        ("2015-01-31", date(2015, 1, 31), date(2015, 1, 31)),
        ("2015-01..2015-12", date(2015, 1, 1), date(2015, 12, 31)),
        ("2015-03-04..2015-03-04", date(2015, 3, 4), date(2015, 3, 4)),
        ("2015..", date(2015, 1, 1), None),
        ("..2015-06", None, date(2015, 6, 30)),
    ],
)
def test_date_ranges(value: str, start: date | None, end: date | None) -> None:
    (parsed,) = parse_query(f"date:{value}").filters
    assert parsed == Filter("date", value, start, end)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "the query is empty"),
        ("   ", "the query is empty"),
        ("...", "nothing to search for"),
        ('"unclosed', "unbalanced quotes"),
        ('a "b" "c', "unbalanced quotes"),
        ('path:"unclosed', "unbalanced quotes"),
        ("(a b", "unbalanced parentheses: a '(' is never closed"),
        ("a b)", "unbalanced parentheses: a ')' has no matching '('"),
        (")a(", "unbalanced parentheses"),
        ("()", 'empty parentheses "()"'),
        ("a AND ()", 'empty parentheses "()"'),
        ("convoy AND", '"AND" needs a word'),
        ("AND convoy", '"AND" needs a word'),
        ("convoy OR", '"OR" needs a word'),
        ("OR convoy", '"OR" needs a word'),
        ("a OR OR b", '"OR" needs a word'),
        ("(a OR) b", '"OR" needs a word'),
        ("convoy NOT", '"NOT" must be followed by'),
        ("NOT NOT a", '"NOT" must be followed by'),
        ("-a", "at least one word to find"),
        ("NOT a", "at least one word to find"),
        ("-a -b", "at least one word to find"),
        ("a OR -b", "at least one word to find"),
        ("(-a) b", "at least one word to find"),
        ("-a .", "at least one word to find"),
        ("NEAR()", "empty NEAR()"),
        ('NEAR(. ; "")', "empty NEAR()"),
        ("NEAR(a b", "NEAR( is never closed"),
        ("NEAR(a (b))", "not groups"),
        ("NEAR(a OR b)", "not OR"),
        ("NEAR(a -b)", "not -"),
        ("NEAR(a type:pdf)", "not type:pdf"),
        ("NEAR(a b, x)", "NEAR distance must be a whole number"),
        ("NEAR(a b, -1)", "NEAR distance must be a whole number"),
        ("NEAR(a b,)", "NEAR distance must be a whole number"),
        ("NEAR(a, b)", "NEAR distance must be a whole number"),
        ("NEAR(a b, 10001)", "NEAR distance must be a whole number from 0 to 10000"),
        ("NEAR(a b c d e)", "NEAR(...) holds at most 4 words or phrases"),
        ("colour:red", 'unknown filter "colour:"'),
        ('Colour:"dark red"', 'unknown filter "Colour:"'),
        ("type:", "type: needs a value"),
        ("lang: ar", "lang: needs a value"),
        ('path:""', "path: needs a value"),
        ("starred:maybe", "starred: is yes or no"),
        ("unread:1", "unread: is yes or no"),
        ("tag:", "tag: needs a value"),
        ("date:..", "bad date range"),
        ("date:2015..2016..2017", "bad date range"),
        ("date:2016..2015", "it ends before it starts"),
        ("date:2015-13", "bad date '2015-13'"),
        ("date:2015-02-30", "bad date '2015-02-30'"),
        ("date:15", "bad date '15'"),
        ("date:yesterday", "bad date 'yesterday'"),
        ("a OR type:pdf", "cannot be joined with OR"),
        ("type:pdf OR a", "cannot be joined with OR"),
        ("(a type:pdf)", "cannot go inside parentheses"),
        ("a -type:pdf", "cannot be excluded"),
        ("a NOT lang:ar", "cannot be excluded"),
        ("(" * 400 + "a" + ")" * 400, f"at most {MAX_NESTING} levels are allowed"),
        ("(a OR " * 50 + "b" + ")" * 50, f"at most {MAX_NESTING} levels are allowed"),
        ("a " * (MAX_QUERY_CHARS // 2 + 1), f"at most {MAX_QUERY_CHARS} are allowed"),
    ],
)
def test_errors(query: str, message: str) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query(query)
    text = str(caught.value)
    assert message in text
    assert "\n" not in text
    assert text.startswith("E004: ")
