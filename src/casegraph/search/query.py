"""Parse casegraph's search syntax into a tree of words to find (querytree.py) plus filters.

Syntax:

- ``convoy aleppo``: every word must appear (AND is implied); ``AND`` may be written.
- ``"united nations"``: a phrase. There is no escape: a ``"`` always opens or closes one.
- ``a OR b``, ``a NOT b``, ``-b``, ``-"a phrase"``, ``-(a OR b)``: alternatives and
  exclusions; ``(`` ``)`` group. Precedence is NOT > AND > OR.
  ``AND``/``OR``/``NOT``/``NEAR`` are operators only in upper case. ``NOT x`` and ``-x``
  both exclude x from the group they stand in (``a -b c`` means ``(a AND c) NOT b``),
  so ``a AND NOT b`` works; a group made only of exclusions is an error.
  A ``-`` starts an exclusion only when it begins a word and is followed by a letter,
  a digit, ``"`` or ``(``; ``e-mail`` and ``-`` are text.
- ``convo*``, ``"united nat"*``: prefix search (stars elsewhere in a word are text).
- ``NEAR(a b, 5)``, ``NEAR("a phrase" b)``: the terms in any order with at most N other
  words among them all (default 10, at most 10000); ``NEAR`` must touch its ``(``, and
  holds only words and phrases, at most MAX_NEAR_TERMS of them.
- Filters, anywhere outside parentheses: ``type:pdf``, ``path:mail/``,
  ``path:"some folder"``, ``lang:ar``, ``date:2015-01..2015-12``,
  ``entity:"Karim Haddad"`` (an entity's id or name: the documents that mention it), and
  the marks people set: ``tag:convoy`` (documents with a note of that tag),
  ``starred:yes``, ``unread:yes`` (``no`` for the opposite). Filters always apply to the
  whole query, so they cannot be excluded, grouped or joined with OR. Repeating
  a field gives alternatives for the store to OR (``type:pdf type:docx``); different
  fields are ANDed. A date is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; a range is
  ``FROM..TO`` with either side optional and both ends inclusive; one date is its whole
  year, month or day.
- A word is ``name:value`` filter syntax only when name is ASCII letters and the value
  does not start with ``//``: an unknown name (``colour:red``) is an error, while
  ``10:30``, ``http://x.org`` and ``Re:`` are plain words. Quote it to search for it:
  ``"colour:red"``.

A query is at most MAX_QUERY_CHARS characters long and its parentheses nest at most
MAX_NESTING deep: deeper nesting would exhaust Python's stack.

Every word and phrase is folded with fold() and kept as text in the tree, never as syntax
for an engine to parse, so user text cannot break the search. A term is the words of its
folded text (a phrase when there are several: ``e-mail`` is ``e`` then ``mail``); terms with
no letter or digit are dropped.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from casegraph.errors import QuerySyntaxError

from ..case.notes import tag_name
from ..querytree import And, Filter, Near, Node, Or, Term, expression, words
from ..text.fold import fold

FILTER_FIELDS = ("type", "path", "lang", "date", "entity", "tag", "starred", "unread")
# the marks a person sets (notes.py): starred:yes, unread:no ...
_YES_NO = {"yes": "yes", "true": "yes", "no": "no", "false": "no"}
DEFAULT_NEAR_DISTANCE = 10
MAX_NEAR_DISTANCE = 10_000
MAX_NEAR_TERMS = 4  # NEAR is searched as one phrase per order of its terms: 4! = 24
MAX_QUERY_CHARS = 5_000
MAX_NESTING = 10

_OPERATORS = ("AND", "OR", "NOT")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_BARE_END = re.compile(r'[\s()"]')
_FILTER_SYNTAX = re.compile(r"([A-Za-z]+):(?!//)(.*)", re.DOTALL)
_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_WHAT = 'a word, a "phrase" or a (group)'


@dataclass(frozen=True)
class ParsedQuery:
    """The words to find as a tree (None: filters only), the filters and the terms to highlight."""

    tree: Node | None
    filters: list[Filter]
    terms: list[str]
    prefixes: list[str] = field(default_factory=list)

    @property
    def expression(self) -> str | None:
        """The tree written out with every operator and group explicit."""
        return None if self.tree is None else expression(self.tree)


@dataclass(frozen=True)
class _Token:
    """One lexical unit: kind is '(', ')', '-', AND, OR, NOT, TERM, NEAR or FILTER."""

    kind: str
    text: str
    node: Node | None = None
    filter: Filter | None = None


def parse_query(q: str) -> ParsedQuery:
    """Parse a user query; raise QuerySyntaxError with a one-line message if it is invalid."""
    if len(q) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(
            f"the query is {len(q)} characters long; at most {MAX_QUERY_CHARS} are allowed"
        )
    clean = _CONTROL.sub(" ", q.encode("utf-8", "replace").decode("utf-8"))
    tokens = _lex(clean)
    if not tokens:
        raise QuerySyntaxError("the query is empty")
    _check_parentheses(tokens)
    parser = _Parser(tokens)
    node = parser.parse_or()
    if node is None and not parser.filters:
        raise QuerySyntaxError("nothing to search for: the query has no letters or digits")
    terms: list[Term] = []
    _collect_positive(node, terms)
    return ParsedQuery(
        tree=node,
        filters=parser.filters,
        terms=_unique(_tokens_of(t) for t in terms),
        prefixes=_unique(_tokens_of(t) for t in terms if t.prefix),
    )


def _lex(q: str) -> list[_Token]:
    """Split the query into tokens."""
    tokens: list[_Token] = []
    i = 0
    while i < len(q):
        ch = q[i]
        if ch.isspace():
            i += 1
        elif ch in "()":
            tokens.append(_Token(ch, ch))
            i += 1
        elif ch == '"':
            text, i = _read_quoted(q, i)
            token, i = _term_token(q, i, text, f'"{text}"')
            tokens.append(token)
        elif ch == "-" and q[i + 1 : i + 2] and (q[i + 1] in '"(' or q[i + 1].isalnum()):
            tokens.append(_Token("-", "-"))
            i += 1
        else:
            token, i = _bare_token(q, i)
            tokens.append(token)
    return tokens


def _read_quoted(q: str, i: int) -> tuple[str, int]:
    """Read the quoted text starting at q[i] == '"'; return it and the index after it."""
    end = q.find('"', i + 1)
    if end < 0:
        raise QuerySyntaxError('unbalanced quotes: a " is never closed')
    return q[i + 1 : end], end + 1


def _read_bare(q: str, i: int) -> tuple[str, int]:
    """Read text up to the next space, parenthesis or quote."""
    match = _BARE_END.search(q, i)
    end = match.start() if match else len(q)
    return q[i:end], end


def _term_token(q: str, i: int, text: str, shown: str) -> tuple[_Token, int]:
    """Make a TERM token from text, taking the prefix stars that follow it at q[i]."""
    end = i
    while q[end : end + 1] == "*":
        end += 1
    return _Token("TERM", shown, node=_make_term(text, end > i)), end


def _make_term(text: str, prefix: bool) -> Term | None:
    """Fold text into a term; None when it has no letter or digit to search for."""
    folded = fold(text)
    return Term(folded, prefix) if words(folded) else None


def _bare_token(q: str, i: int) -> tuple[_Token, int]:
    """Read an unquoted word: an operator, NEAR(...), a filter or a search term."""
    word, end = _read_bare(q, i)
    if word in _OPERATORS:
        return _Token(word, word), end
    if word == "NEAR" and q[end : end + 1] == "(":
        return _near_token(q, end)
    syntax = _FILTER_SYNTAX.fullmatch(word)
    if syntax and (syntax[1].lower() in FILTER_FIELDS or syntax[2] or q[end : end + 1] == '"'):
        return _filter_token(q, end, syntax[1], syntax[2])
    stem = word.rstrip("*")
    return _Token("TERM", word, node=_make_term(stem, stem != word)), end


def _filter_token(q: str, end: int, name: str, value: str) -> tuple[_Token, int]:
    """Make a FILTER token for name:value, reading a quoted value if one follows."""
    field_name = name.lower()
    if not value and q[end : end + 1] == '"':
        value, end = _read_quoted(q, end)
    if field_name not in FILTER_FIELDS:
        known = ", ".join(f"{f}:" for f in FILTER_FIELDS)
        raise QuerySyntaxError(
            f'unknown filter "{name}:" (filters are {known}); '
            f'put it in quotes to search for the text: "{name}:{value}"'
        )
    if not value.strip():
        raise QuerySyntaxError(f"{field_name}: needs a value, e.g. {field_name}:pdf")
    built = _make_filter(field_name, value)
    return _Token("FILTER", f"{name}:{value}", filter=built), end


def _make_filter(field_name: str, value: str) -> Filter:
    """Normalise a filter value: lower-case type and lang, parse date ranges."""
    if field_name == "date":
        return _date_filter(value)
    if field_name == "type":
        return Filter(field_name, value.lower().lstrip("."))
    if field_name == "lang":
        return Filter(field_name, value.lower())
    if field_name == "tag":
        return Filter(field_name, tag_name(value))
    if field_name in ("starred", "unread"):
        if value.lower() not in _YES_NO:
            raise QuerySyntaxError(f"{field_name}: is yes or no, e.g. {field_name}:yes")
        return Filter(field_name, _YES_NO[value.lower()])
    return Filter(field_name, value)


def _date_filter(value: str) -> Filter:
    """Parse date:FROM..TO (either side optional) or date:PERIOD into an inclusive range."""
    low, dots, high = value.partition("..")
    if not dots:
        low = high = value
    if ".." in high or not (low or high):
        raise QuerySyntaxError(f"bad date range {value!r}: use date:2015, date:2015-01..2015-06")
    start = _period_bound(low, first=True) if low else None
    end = _period_bound(high, first=False) if high else None
    if start and end and start > end:
        raise QuerySyntaxError(f"bad date range {value!r}: it ends before it starts")
    return Filter("date", value, start, end)


def _period_bound(text: str, first: bool) -> date:
    """Return the first (or last) day of the year, month or day written in text."""
    match = _DATE.fullmatch(text)
    try:
        if not match:
            raise ValueError(text)
        year = int(match[1])
        month = int(match[2] or (1 if first else 12))
        last_day = calendar.monthrange(year, month)[1]
        return date(year, month, int(match[3] or (1 if first else last_day)))
    except ValueError:
        raise QuerySyntaxError(
            f"bad date {text!r}: use YYYY, YYYY-MM or YYYY-MM-DD, e.g. date:2015-01..2015-12"
        ) from None


def _near_token(q: str, i: int) -> tuple[_Token, int]:
    """Read NEAR(...) whose '(' is at q[i]; return the token and the index after ')'."""
    body, comma, end = _read_near_body(q, i + 1)
    distance = DEFAULT_NEAR_DISTANCE
    if comma is not None:
        body, distance = body[:comma], _near_distance(body[comma + 1 :].strip())
    terms = [_near_term(token) for token in _lex(body)]
    kept = tuple(t for t in terms if t is not None)
    if not kept:
        raise QuerySyntaxError('empty NEAR(): give it words, e.g. NEAR(convoy "border post", 5)')
    if len(kept) > MAX_NEAR_TERMS:
        raise QuerySyntaxError(
            f"NEAR(...) holds at most {MAX_NEAR_TERMS} words or phrases; "
            'join more with AND, e.g. NEAR(convoy "border post", 5) fuel'
        )
    return _Token("NEAR", f"NEAR({q[i + 1 : end - 1]})", node=Near(kept, distance)), end


def _read_near_body(q: str, i: int) -> tuple[str, int | None, int]:
    """Read a NEAR group's text from q[i]: the text, its last unquoted comma, the end."""
    j = i
    comma = None
    while j < len(q):
        if q[j] == '"':
            j = _read_quoted(q, j)[1]
            continue
        if q[j] == "(":
            raise QuerySyntaxError('NEAR(...) can only hold words and "phrases", not groups')
        if q[j] == ")":
            return q[i:j], comma, j + 1
        if q[j] == ",":
            comma = j - i
        j += 1
    raise QuerySyntaxError("unbalanced parentheses: NEAR( is never closed")


def _near_distance(text: str) -> int:
    """Parse the distance of a NEAR group."""
    if not text.isdecimal() or int(text) > MAX_NEAR_DISTANCE:
        raise QuerySyntaxError(
            f"NEAR distance must be a whole number from 0 to {MAX_NEAR_DISTANCE}, "
            "e.g. NEAR(convoy border, 5)"
        )
    return int(text)


def _near_term(token: _Token) -> Term | None:
    """Check that a token inside NEAR(...) is a word or phrase and return its term."""
    if token.kind != "TERM":
        raise QuerySyntaxError(f'NEAR(...) can only hold words and "phrases", not {token.text}')
    return token.node if isinstance(token.node, Term) else None


def _check_parentheses(tokens: list[_Token]) -> None:
    """Raise if the parentheses do not balance or nest deeper than MAX_NESTING."""
    depth = 0
    for token in tokens:
        depth += {"(": 1, ")": -1}.get(token.kind, 0)
        if depth < 0:
            raise QuerySyntaxError("unbalanced parentheses: a ')' has no matching '('")
        if depth > MAX_NESTING:
            raise QuerySyntaxError(
                f"parentheses nested too deep: at most {MAX_NESTING} levels are allowed"
            )
    if depth:
        raise QuerySyntaxError("unbalanced parentheses: a '(' is never closed")


class _Parser:
    """Recursive descent: or := and (OR and)*; and := neg? operand (AND? neg? operand)*."""

    def __init__(self, tokens: list[_Token]):
        self.tokens = tokens
        self.pos = 0
        self.depth = 0
        self.filters: list[Filter] = []

    def peek(self) -> str | None:
        """Kind of the next token, None at the end."""
        return self.tokens[self.pos].kind if self.pos < len(self.tokens) else None

    def take(self) -> _Token:
        """Consume and return the next token."""
        self.pos += 1
        return self.tokens[self.pos - 1]

    def parse_or(self) -> Node | None:
        """Parse alternatives separated by OR."""
        options = [self.parse_and()]
        while self.peek() == "OR":
            self.take()
            options.append(self.parse_and())
        kept = tuple(o for o in options if o is not None)
        return kept[0] if len(kept) == 1 else Or(kept) if kept else None

    def parse_and(self) -> Node | None:
        """Parse a run of (possibly negated) operands joined by AND or juxtaposition."""
        positive: list[Node | None] = []
        negative: list[Node | None] = []
        while True:
            negated = self.peek() in ("-", "NOT")
            if negated:
                self.take()
            (negative if negated else positive).append(self.parse_operand(negated))
            if self.peek() == "AND":
                self.take()
            elif self.peek() in (None, ")", "OR"):
                return _make_and(positive, negative)

    def parse_operand(self, negated: bool) -> Node | None:
        """Parse a term, NEAR, filter or parenthesised group."""
        kind = self.peek()
        if kind in ("TERM", "NEAR"):
            return self.take().node
        if kind == "FILTER":
            self.take_filter(negated)
            return None
        if kind == "(" and self.tokens[self.pos + 1].kind != ")":
            self.take()
            self.depth += 1
            node = self.parse_or()
            self.take()
            self.depth -= 1
            return node
        raise self.missing_operand()

    def take_filter(self, negated: bool) -> None:
        """Record the filter token at pos, checking it stands where filters may."""
        around = {t.kind for t in self.tokens[max(self.pos - 1, 0) : self.pos + 2]}
        token = self.take()
        if negated:
            raise QuerySyntaxError(f"{token.text}: a filter cannot be excluded with - or NOT")
        if self.depth:
            raise QuerySyntaxError(f"{token.text}: filters cannot go inside parentheses")
        if "OR" in around:
            raise QuerySyntaxError(
                f"{token.text}: filters apply to the whole query and cannot be joined with OR"
            )
        assert token.filter is not None
        self.filters.append(token.filter)

    def missing_operand(self) -> QuerySyntaxError:
        """Build the error for an operator or '(' with nothing where an operand must be."""
        here = self.peek()
        before = self.tokens[self.pos - 1].kind if self.pos else None
        if here == "(":
            return QuerySyntaxError('empty parentheses "()"')
        if here in ("AND", "OR"):
            return _needs_both_sides(here)
        if before in ("AND", "OR"):
            return _needs_both_sides(before)
        return QuerySyntaxError(f'"{before}" must be followed by {_WHAT}')


def _needs_both_sides(operator: str) -> QuerySyntaxError:
    """The error for AND/OR with nothing to search on one side."""
    return QuerySyntaxError(f'"{operator}" needs {_WHAT} on both sides')


def _make_and(positive: list[Node | None], negative: list[Node | None]) -> Node | None:
    """Combine an AND run, dropping empty operands; only exclusions is an error."""
    pos = tuple(p for p in positive if p is not None)
    neg = tuple(n for n in negative if n is not None)
    if not pos and neg:
        raise QuerySyntaxError(
            "a search needs at least one word to find, not only words to exclude (-word, NOT word)"
        )
    if not pos:
        return None
    return pos[0] if len(pos) == 1 and not neg else And(pos, neg)


def _collect_positive(node: Node | None, out: list[Term]) -> None:
    """Append the terms a matching document must (or may) contain, skipping exclusions."""
    if isinstance(node, Term):
        out.append(node)
    elif isinstance(node, Near):
        out.extend(node.terms)
    elif isinstance(node, And):
        for child in node.positive:
            _collect_positive(child, out)
    elif isinstance(node, Or):
        for child in node.options:
            _collect_positive(child, out)


def _tokens_of(term: Term) -> str:
    """The term's words joined by single spaces (for highlighting)."""
    return " ".join(words(term.text))


def _unique(items: Iterable[str]) -> list[str]:
    """Distinct items in first-seen order."""
    return list(dict.fromkeys(items))
