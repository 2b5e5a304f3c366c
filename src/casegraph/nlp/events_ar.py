"""Events in Arabic sentences: PLOVER-coded triggers whose sides are the actors the ruler found.

The English model cannot parse Arabic, so this reader goes by word order alone. A trigger is
a word whose stem (Snowball's Arabic stemmer) is a stem of ``lexicon/triggers_ar.csv``, once
a leading "و"/"ف" (and) or a future "سـ" is taken off. Sentences are cut into clauses at
commas, semicolons and colons; within the trigger's clause the source is the actor named just
before it (SVO, particles such as "إن" or "قد" between), else the first one after it that no
preposition governs (VSO); the target is an actor after it behind a preposition ("إلى", "مع",
"للعميد"), or for an attack its object; what is received "from" someone ("تسلّم ... من") is
their hand-over. A place behind "في" (or "من" for a retreat) is where. A noun after "مقابل"
(in exchange for) is what a trade bought, not an act of its own; what a clause says was
agreed is not coded as done. Only the entity ruler's names count: the English model's own
guesses on Arabic text are noise.

Reads: a spaCy ``Doc`` whose entities include the entity ruler's known names.
Writes: ``Event`` records whose offsets point into the page text.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_left
from collections.abc import Collection, Iterator
from functools import cache, lru_cache
from importlib import resources
from typing import cast

import snowballstemmer
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span

from ..records import Event, Role
from . import versions
from .dates import ARABIC_DATE
from .plover import CATEGORIES
from .syntax import ACTOR_LABELS, doc_text

EXTRACTOR = versions.ARABIC_EVENTS

_ARABIC = re.compile(r"[\u0620-\u064A\u0671-\u06D3\u06FA-\u06FF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
_MARKS = re.compile(r"[\u0640\u064B-\u065F\u0670]")  # tatweel and vowel marks
_LETTERS = str.maketrans("أإآٱى", "ااااي")
_SENTENCE = re.compile(r"[^.!?؟\n]+[.!?؟]*")
_CLAUSE = re.compile(r"[^،,;؛:]+")
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _plain(word: str) -> str:
    """A word without vowel marks or tatweel, its alifs bare and a final ى as ي."""
    return _MARKS.sub("", word).translate(_LETTERS)


def _words(text: str) -> frozenset[str]:
    return frozenset(_plain(word) for word in text.split())


# words that may stand between a subject and its verb: "إن الألوية قد دفعت"
_PARTICLES = _words("إن أن قد لقد سوف لم لن ما لا ليس كان كانت تم يتم تتم")
# "لم يتم الانسحاب": the auxiliary between a negation and the act
_AUXILIARIES = _words("تم يتم تتم")
_NEGATORS = _words("لم لن ما لا ليس دون بدون عدم")
_DENIALS = _words("نفى نفت نفوا ينفي تنفي")
_CONDITIONS = _words("إذا لو")
_FUTURE = _words("سوف لن")
# prepositions whose object an act is aimed at; "لل" words ("للعميد") are aimed too
_AIMED = _words("إلى الى مع على ضد ل من")
_PREPOSITIONS = _AIMED | _words("في عن ب بين عبر نحو لدى عند حتى بعد قبل منذ خلال أمام")
_IN_EXCHANGE = _words("مقابل بمقابل لقاء")
# words whose stems fall on a trigger's: "سلمي" (peaceful), "اشتباه" (suspicion), "مساعد"
_LOOKALIKES = tuple(_words("سلمي سلمية اشتباه مساعد تجار"))
_stem = lru_cache(maxsize=1 << 16)(snowballstemmer.stemmer("arabic").stemWord)


@cache
def lexicon() -> dict[str, tuple[str, str]]:
    """Stem -> (category, mode), from every form listed in ``lexicon/triggers_ar.csv``."""
    table: dict[str, tuple[str, str]] = {}
    path = resources.files("casegraph.nlp") / "lexicon" / "triggers_ar.csv"
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            category, mode = row["category"], row["mode"]
            if category not in CATEGORIES or mode not in ("", *CATEGORIES[category].modes):
                raise ValueError(f"triggers_ar.csv: bad coding {category}/{mode} of {row['word']}")
            table[_stem(_plain(row["word"]))] = (category, mode)
    return table


def is_arabic(text: str) -> bool:
    """Whether most of a text's letters are Arabic."""
    return len(_ARABIC.findall(text)) > len(_LATIN.findall(text))


@cache
def ruler_names(nlp: Language) -> frozenset[str]:
    """The names a pipeline's entity ruler finds as written."""
    if "entity_ruler" not in nlp.pipe_names:
        return frozenset()
    # spaCy types every pipe as a callable
    patterns = cast(EntityRuler, nlp.get_pipe("entity_ruler")).patterns
    return frozenset(p["pattern"] for p in patterns if isinstance(p["pattern"], str))


def find_arabic_events(
    doc: Doc, doc_id: str, page: int, offset: int, names: Collection[str]
) -> list[Event]:
    """Every coded event in the Arabic sentences of a parsed piece of a page.

    ``names``: the entity ruler's names (`ruler_names`); only their entities are sides and
    places, as the statistical model's guesses on Arabic text are noise.
    """
    if not _ARABIC.search(doc_text(doc)):
        return []
    labels = ACTOR_LABELS | _PLACE_LABELS
    ents = [e for e in doc.ents if e.label_ in labels and e.text in names]
    events = []
    for sentence, clause in _clauses(doc):
        inside = [e for e in ents if clause.start <= e.start and e.end <= clause.end]
        events += _clause_events(clause, inside, sentence, doc_id, page, offset)
    return events


def _clauses(doc: Doc) -> Iterator[tuple[Span, Span]]:
    """(sentence, clause) token spans for each clause of each Arabic sentence of a text."""
    starts = [t.idx for t in doc]

    def tokens(begin: int, end: int) -> Span:
        return doc[bisect_left(starts, begin) : bisect_left(starts, end)]

    for sentence in _SENTENCE.finditer(doc_text(doc)):
        if is_arabic(sentence.group()):
            at = sentence.start()
            for clause in _CLAUSE.finditer(sentence.group()):
                yield tokens(*sentence.span()), tokens(at + clause.start(), at + clause.end())


def _clause_events(
    clause: Span, ents: list[Span], sentence: Span, doc_id: str, page: int, offset: int
) -> list[Event]:
    """The clause's events; each reads its sides up to the next trigger."""
    named = {i for e in ents for i in range(e.start, e.end)}
    triggers = [(t, found) for t in clause if t.i not in named and (found := _match(t.text))]
    events: list[Event] = []
    for n, (token, ((category, mode), future)) in enumerate(triggers):
        if _word_before(clause, token.i) in _IN_EXCHANGE:
            continue
        if any(e.category == "AGREE" for e in events):
            break  # what the clause says was agreed on is not yet done
        end = triggers[n + 1][0].i if n + 1 < len(triggers) else clause.end
        sides = _roles(clause, token.i, [e for e in ents if e.end <= end], category, mode)
        negated, hypothetical = _flags(token.i, clause, sentence)
        events.append(
            Event(
                doc_id=doc_id,
                page=page,
                start=offset + sentence.start_char,
                end=offset + sentence.end_char,
                trigger_start=offset + token.idx,
                trigger_end=offset + token.idx + len(token),
                category=category,
                mode=mode,
                quad=CATEGORIES[category].quad,
                intensity=CATEGORIES[category].intensity,
                roles=[
                    Role(k, offset + e.start_char, offset + e.end_char, e.text) for k, e in sides
                ]
                + _date(clause, sentence, offset),
                negated=negated,
                hypothetical=hypothetical or future,
                extractor=EXTRACTOR,
            )
        )
    return events


def _date(clause: Span, sentence: Span, offset: int) -> list[Role]:
    """The first date written in the clause, else in the sentence ("في 20 أيلول/سبتمبر 2015")."""
    for span in (clause, sentence):
        found = ARABIC_DATE.search(span.text)
        if found is not None:
            start = offset + span.start_char + found.start()
            return [Role("date", start, start + len(found.group()), found.group())]
    return []


def _match(word: str) -> tuple[tuple[str, str], bool] | None:
    """A word's coding and whether it is said as a future ("سيدفع"), if it is a trigger."""
    plain = _plain(word)
    if plain.endswith(_LOOKALIKES):
        return None
    forms = [plain, plain[1:]] if plain[:1] in "وف" and len(plain) > 3 else [plain]
    for form in forms:
        future = form[:1] == "س" and form[1:2] in "يتنا" and _stem(form[1:]) in lexicon()
        coding = lexicon().get(_stem(form[1:] if future else form))
        if coding is not None:
            return coding, future
    return None


def _bare(token_text: str) -> str:
    """A small word as written plainly, without a leading "و"/"ف" (and)."""
    plain = _plain(token_text)
    return plain[1:] if plain[:1] in "وف" and len(plain) > 2 else plain


def _word_before(clause: Span, i: int) -> str:
    return _bare(clause.doc[i - 1].text) if i > clause.start else ""


def _preposition(clause: Span, ent: Span) -> str:
    """The preposition governing an entity: the word before it, "ل" for a "لل" word."""
    word = _word_before(clause, ent.start)
    if word.startswith("لل"):
        return "ل"
    return word if word in _PREPOSITIONS else ""


def _roles(
    clause: Span, i: int, ents: list[Span], category: str, mode: str
) -> list[tuple[str, Span]]:
    """(role, entity) pairs of a trigger in a clause: source, target and location."""
    after = [e for e in ents if e.start > i]
    froms = ("في", "من") if category == "RETREAT" else ("في",)
    places = [e for e in after if e.label_ in _PLACE_LABELS and _preposition(clause, e) in froms]
    actors = [e for e in after if e.label_ in ACTOR_LABELS and e not in places]
    source = _subject(clause, i, ents) or next(
        (e for e in actors if not _preposition(clause, e)), None
    )
    aimed = [e for e in actors if e is not source and _preposition(clause, e) in _AIMED]
    target = aimed[0] if aimed else None
    if category == "ASSAULT":
        past = source.end if source is not None and source.start > i else i + 1
        objects = [e for e in actors if e.start >= past and not _preposition(clause, e)]
        target = objects[0] if objects else target
    elif mode == "return" and target is not None and _preposition(clause, target) == "من":
        source, target = target, source  # "تسلّم ... من الجيش": received from the army
    sides = [("source", source), ("target", target)] + [("location", p) for p in places[:1]]
    return [(kind, e) for kind, e in sides if e is not None]


def _subject(clause: Span, i: int, ents: list[Span]) -> Span | None:
    """The actor named right before a trigger, over particles ("إن الألوية قد دفعت")."""
    j = i - 1
    while j >= clause.start and _bare(clause.doc[j].text) in _PARTICLES:
        j -= 1
    before = [e for e in ents if e.end == j + 1 and e.label_ in ACTOR_LABELS]
    return before[0] if before and not _preposition(clause, before[0]) else None


def _flags(i: int, clause: Span, sentence: Span) -> tuple[bool, bool]:
    """(negated, hypothetical), from the words before a trigger."""
    doc = clause.doc
    j = i - 1
    while j > clause.start and _bare(doc[j].text) in _AUXILIARIES:
        j -= 1
    before = _bare(doc[j].text) if j >= clause.start else ""
    earlier = {_bare(t.text) for t in doc[sentence.start : i]}
    negated = before in _NEGATORS or bool(earlier & _DENIALS)
    # "سنواصل ضرب ...": a verb said as a future governs the act ("we will keep striking")
    will = before[:1] == "س" and before[1:2] in "يتن" and len(before) > 4
    return negated, will or before in _FUTURE or bool(earlier & _CONDITIONS)
