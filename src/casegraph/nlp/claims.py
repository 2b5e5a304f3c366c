"""Claims in parsed text: who says what, by which cue, and whether the writer keeps distance.

Kinds: ``direct`` (a quotation with its speaker), ``indirect`` (a reporting verb and its
clause), ``stance`` (a verb of stance or thought and what it is about: "vowed to stay",
"criticised the plan", "called for talks"; also a clause "reportedly" hands on without a
source), ``according_to``, ``headline`` ("Officials: ...", "X says ..." on a line of its
own) and ``document`` (a document as the source: "files obtained by X show ..."). A claim
told inside another's words belongs to the outer speaker (PolNeAR's rule: "she said he
denied it" is one claim). Cue verbs are in ``lexicon/cues.csv`` (``speech`` verbs are shared
with the event reader; ``clause`` and ``object`` verbs attribute only), distancing words in
``lexicon/hedges.txt``.

Reads: a spaCy ``Doc`` with a dependency parse.
Writes: ``Claim`` records whose offsets point into the page text.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_right
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from ..records import Claim, Event, Role
from . import versions
from .syntax import children, doc_text, phrase, sentence_of, sentence_span, word_list

EXTRACTOR = versions.CLAIMS

# cues that report only when a document speaks: "the files show", not "the minister showed"
DOCUMENT_CUES = word_list("document_cues")
DOCUMENT_NOUNS = word_list("document_nouns") | word_list("evidence_nouns")
# nouns that attribute: "Trump's claim that ...", "criticism of the deal from Democrats"
CLAIM_NOUNS = word_list("claim_nouns")
# e-mail and form fields that look like "Speaker: text" lines but are not
FIELD_NAMES = word_list("field_names")
_PRONOUN_KINDS = {
    **dict.fromkeys(("we", "i", "us", "our", "my"), "first"),
    **dict.fromkeys(("it", "he", "she", "they", "its", "his", "her", "their"), "third"),
}
QUOTE_MARKS = re.compile(r"''|[\"“”«»]")
CLOSING = {"“": "”", "«": "»", '"': '"', "''": "''"}
_QUOTE_WORDS = 3
# a quotation goes on after its cue's sentence: '"...," he said. "..."'
_QUOTE_GAP_WORDS = 8
# how far up a chain of verbs a participle's speaker is looked for
_SUBJECT_HOPS = 4
_RELATIVES = frozenset({"who", "that", "which"})
_RELATIVE_REACH = 200
_PARENTHESIS_WORDS = 5  # characters from a name to its relative pronoun
_WHEN = frozenset({"DATE", "TIME"})
_NOUN_PREPS = frozenset({"of", "for", "about", "against", "on", "to"})
# "called for talks", "referred to the memo", "talked about the wall", "railed against trade"
_CONTENT_PREPS = frozenset({"for", "to", "about", "against", "on", "of", "at", "with"})
HEADLINE_SAYS = re.compile(
    r"^(?P<speaker>[^\s:].{1,60}?)\s+(?P<cue>says|say|claims|claim|warns|warn|denies|deny"
    r"|admits|admit|insists|insist|alleges|allege|accuses|accuse)\s+(?P<content>\S.{4,})$"
)
# a speaker in Latin capitals or in Arabic script ("الجيش: ...")
HEADLINE_COLON = re.compile(
    r"^(?P<speaker>[A-Z\u0621-\u064a][^:\n]{1,50}):\s+(?P<content>\S.{7,})$"
)


@cache
def _cue_rows() -> dict[str, tuple[bool, str]]:
    path = resources.files("casegraph.nlp") / "lexicon" / "cues.csv"
    with path.open(encoding="utf-8") as handle:
        return {row["lemma"]: (row["hedged"] == "1", row["kind"]) for row in csv.DictReader(handle)}


@cache
def cues() -> dict[str, bool]:
    """Verbs of saying (lemma -> whether the verb itself hedges: "claimed", "alleged")."""
    rows = _cue_rows().items()
    return {lemma: hedged for lemma, (hedged, kind) in rows if kind.startswith("speech")}


@cache
def attribution_cues() -> dict[str, tuple[bool, str]]:
    """Every verb that attributes (lemma -> (hedges, what it takes)): verbs of saying and of
    thinking take a clause ("speech", "clause"), verbs of stance also an object, an infinitive
    or a prepositional phrase ("object", "speech_object": "criticised the plan", "vowed to
    stay", "called for talks")."""
    return _cue_rows()


def _cue_hedges(token: Token) -> bool:
    return attribution_cues().get(token.lemma_.lower(), (False, ""))[0]


@cache
def hedge_pattern() -> re.Pattern[str]:
    """One pattern for every distancing word or phrase."""
    path = resources.files("casegraph.nlp") / "lexicon" / "hedges.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    words = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


def find_claims(doc: Doc, doc_id: str, page: int, offset: int = 0) -> list[Claim]:
    """Every attributed statement in a parsed piece of a page."""
    text = doc_text(doc)
    # the words each reading starts from, found in one pass over the parse
    according, reporting, nouns = [], [], []
    cue_words, noun_words = attribution_cues(), CLAIM_NOUNS
    for token in doc:
        lemma = token.lemma_.lower()
        if lemma in cue_words or token.lower_ in cue_words:
            reporting.append(token)
        if lemma in noun_words:
            nouns.append(token)
        elif token.lower_ in ("according", "reportedly"):
            according.append(token)
    found = _headlines(text, doc_id, page, offset)
    found += _quotations(doc, text, doc_id, page, offset)
    found += _according_to([t for t in according if t.lower_ == "according"], doc_id, page, offset)
    found += _reported([t for t in reporting if _reporting(t)], doc_id, page, offset)
    found += _nominal(nouns, doc_id, page, offset)
    # last: a clause that someone reports as well is theirs ("X reportedly did Y, Z said")
    found += _reportedly([t for t in according if t.lower_ == "reportedly"], doc_id, page, offset)
    kept: list[Claim] = []
    for claim in found:
        # one cue makes one claim: the first reading of it wins, but a clause that holds a
        # quotation ('he said the plan was "a disaster for the state"') wins over the quotation
        clash = [k for k in kept if _overlaps(claim.cue, k.cue) or _same(claim.content, k.content)]
        if clash and all(k.kind == "direct" and _holds(claim.content, k.content) for k in clash):
            kept = [k for k in kept if k not in clash]
            clash = []
        if not clash:
            kept.append(claim)
    # a claim reported inside another's words is the outer speaker's ("she said he denied it")
    return [c for c in kept if not any(_nested(c, k) for k in kept if k is not c)]


def speakers_for_pronouns(events: list[Event], claims: list[Claim]) -> None:
    """Read "we" in a quotation, and "it" or "he" in reported speech, as the speaker.

    '"We will not withdraw," the general said' and 'Hamas said it had accepted the proposal'
    name their actor in the speaker; the role then spans the speaker's words.
    """
    for event in events:
        for index, role in enumerate(event.roles):
            word = role.text.lower()
            if role.role not in ("source", "target") or word not in _PRONOUN_KINDS:
                continue
            for claim in claims:
                inside = claim.content.start <= role.start < claim.content.end
                fits = claim.kind == "direct" or _PRONOUN_KINDS[word] == "third"
                speaker = claim.speaker
                if inside and fits and speaker and speaker.text.lower() not in _PRONOUN_KINDS:
                    event.roles[index] = Role(role.role, speaker.start, speaker.end, speaker.text)
                    break


def _claim(
    doc_id: str,
    page: int,
    kind: str,
    cue: Role,
    content: Role,
    speaker: Role | None,
    hedged: bool,
    sentence: tuple[int, int],
) -> Claim:
    parts = [cue, content] + ([speaker] if speaker else [])
    start = min([sentence[0]] + [p.start for p in parts])
    end = max([sentence[1]] + [p.end for p in parts])
    return Claim(doc_id, page, start, end, kind, cue, content, speaker, hedged, EXTRACTOR)


def _headlines(text: str, doc_id: str, page: int, offset: int) -> list[Claim]:
    """Lines standing alone that attribute: "Officials: port handed over", "Army says ..."."""
    found = []
    lines = text.split("\n")
    at = 0
    for index, line in enumerate(lines):
        line_start, at = at, at + len(line) + 1
        stripped = line.strip()
        alone = (index == 0 or not lines[index - 1].strip()) and (
            index + 1 == len(lines) or not lines[index + 1].strip()
        )
        # a title (the page's first line) may end in a stop: "Graham: Trump Destroying GOP."
        title = index == 0 and offset == 0 and len(lines) > 1
        stop = stripped.endswith(".")
        if not alone or not 3 <= len(stripped.split()) <= 20 or (stop and not title):
            continue
        lead = line_start + (len(line) - len(line.lstrip()))
        match = HEADLINE_COLON.match(stripped) or (None if stop else HEADLINE_SAYS.match(stripped))
        if match is None:
            continue
        speaker_text = match.group("speaker")
        if speaker_text.split()[0].lower().rstrip(":") in FIELD_NAMES:
            continue
        if len(speaker_text.split()) > 6:
            continue
        if "cue" in match.groupdict():
            cue_start, cue_text = match.start("cue"), match.group("cue")
        else:
            cue_start, cue_text = match.end("speaker"), ":"
        content = match.group("content").rstrip().rstrip(".")
        found.append(
            _claim(
                doc_id,
                page,
                "headline",
                Role(
                    "cue",
                    offset + lead + cue_start,
                    offset + lead + cue_start + len(cue_text),
                    cue_text,
                ),
                _role("content", offset + lead + match.start("content"), content),
                _role("speaker", offset + lead, speaker_text),
                bool(hedge_pattern().search(stripped)) or cues().get(_lemma(cue_text), False),
                (offset + lead, offset + lead + len(stripped)),
            )
        )
    return found


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every quotation's words, its marks left out.

    Straight marks (" and '') open and close in turn; a quotation still open at the end of
    its paragraph runs to that end (a quotation going on in the next paragraph opens again).
    """
    found = []
    for para in re.finditer(r"\S(?:.|\n(?!\s*\n))*", text):
        opened: tuple[int, str] | None = None
        for mark in QUOTE_MARKS.finditer(para.group()):
            at, sign = para.start() + mark.start(), mark.group()
            if opened is not None and sign == CLOSING[opened[1]]:
                found.append((opened[0], at))
                opened = None
            elif sign in CLOSING and (opened is None or sign in ("“", "«")):
                opened = (at + len(sign), sign)
        if opened is not None:
            found.append((opened[0], para.end()))
    return [_trimmed(text, s, e) for s, e in found if len(text[s:e].split()) >= _QUOTE_WORDS]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace()):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return start, end


def _quotations(doc: Doc, text: str, doc_id: str, page: int, offset: int) -> list[Claim]:
    """Quotations of three words or more with the reporting verb next to them.

    A quotation without a cue of its own takes the speaker of the quotation just before it
    ('"We will stay," he said. "We have no choice."': one claim) or of a sentence that
    introduces it ("He went on:").
    """
    found: list[Claim] = []
    spans = quote_spans(text)
    for start, end in spans:
        cue = _nearest_cue(doc, start, end, spans)
        content = _role("content", offset + start, text[start:end])
        if cue is None:
            cue = _trailing_cue(doc, text, end)
        if cue is None:
            last = found[-1] if found else None
            if last is not None and _follows(text, last.content.end - offset, start):
                found[-1] = _extended(last, content, text, offset)
                continue
            cue = _introducing_cue(doc, text, start)
            if cue is None:
                continue
        speaker = _speaker(cue, offset)
        clause = [t for t in sentence_of(cue) if not any(s <= t.idx < e for s, e in spans)]
        clause_text = " ".join(t.text for t in clause)
        sentence = sentence_span(sentence_of(cue), offset)
        found.append(
            _claim(
                doc_id,
                page,
                "direct",
                _token_role("cue", cue, offset),
                content,
                speaker,
                _cue_hedges(cue) or bool(hedge_pattern().search(clause_text)),
                (min(sentence[0], offset + start), max(sentence[1], offset + end)),
            )
        )
    return found


def _follows(text: str, end: int, start: int) -> bool:
    """Whether no more than a cue's few words ("he said.") lie between two quotations."""
    between = text[end:start]
    return len(between.split()) <= _QUOTE_GAP_WORDS and between.count("\n\n") <= 1


def _extended(claim: Claim, more: Role, text: str, offset: int) -> Claim:
    """The claim with its content running on to the end of a further quotation."""
    start = claim.content.start
    content = Role("content", start, more.end, text[start - offset : more.end - offset])
    return Claim(
        claim.doc_id,
        claim.page,
        claim.start,
        max(claim.end, more.end),
        claim.kind,
        claim.cue,
        content,
        claim.speaker,
        claim.hedged,
        claim.extractor,
    )


def _trailing_cue(doc: Doc, text: str, end: int) -> Token | None:
    """The verb of a short sentence right after a quotation, which the parse split off it
    ("''...,'' / Mrs. Clinton said.")."""
    after = end + 1
    while after < len(text) and text[after] in " \"”'.,?!":
        after += 1
    token = _token_at(doc, after)
    if token is None or token.idx < end or "\n\n" in text[end:after]:
        return None
    sent = sentence_of(token)
    if len(sent) > _QUOTE_GAP_WORDS + 2:
        return None
    return next((t for t in sent if _reporting(t) and any(children(t, "nsubj"))), None)


def _introducing_cue(doc: Doc, text: str, start: int) -> Token | None:
    """The verb of a sentence that ends in a colon right before a quotation."""
    before = text[:start].rstrip(" \n\"“«'")
    if not before.endswith(":"):
        return None
    colon = _token_at(doc, len(before) - 1)
    if colon is None or colon.idx != len(before) - 1:
        return None
    verb = colon.head if colon.head.pos_ in ("VERB", "AUX") else None
    if verb is not None and any(children(verb, "nsubj")):
        return verb
    return None


def _nearest_cue(
    doc: Doc, start: int, end: int, spans: list[tuple[int, int]] | None = None
) -> Token | None:
    """The reporting verb closest to a quotation, outside every quotation, in the sentences
    it touches."""
    quoted = spans or [(start, end)]
    touched = [t for t in (_token_at(doc, start), _token_at(doc, max(start, end - 1))) if t]
    sentences = {sentence_of(t) for t in touched}
    candidates = [
        t
        for sent in sentences
        for t in sent
        if (_reporting(t) or _goes_on(t)) and not any(s - 1 <= t.idx <= e for s, e in quoted)
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda t: min(abs(t.idx - start), abs(t.idx - end)))


def _goes_on(verb: Token) -> bool:
    """ "..., he continued.", "she went on": a verb of going on that quotes when it takes
    nothing else."""
    lemma = verb.lemma_.lower()
    went_on = lemma == "go" and any(c.lower_ == "on" for c in children(verb, "prt"))
    if not (lemma == "continue" or went_on) or not any(children(verb, "nsubj")):
        return False
    return not any(children(verb, "dobj", "xcomp", "prep"))


def _token_at(doc: Doc, char: int) -> Token | None:
    """The token that starts at or last before a character offset (found by bisection)."""
    starts = doc.user_data.get("casegraph_token_starts")
    if starts is None:
        starts = doc.user_data["casegraph_token_starts"] = [t.idx for t in doc]
    index = bisect_right(starts, char) - 1
    return doc[index] if index >= 0 else None


def _according_to(words: list[Token], doc_id: str, page: int, offset: int) -> list[Claim]:
    """ "According to X, Y" and "Y, according to X"."""
    found = []
    for token in words:
        to = next((c for c in token.children if c.lower_ == "to"), None)
        source = next(children(to, "pobj"), None) if to is not None else None
        if to is None or source is None:
            continue
        sent = sentence_of(token)
        phrase_tokens = {t.i for t in token.subtree}
        before = [t for t in sent if t.i < min(phrase_tokens)]
        after = [t for t in sent if t.i > max(phrase_tokens)]
        content_tokens = max(before, after, key=len)
        content = _tokens_role("content", content_tokens, offset)
        if content is None:
            continue
        cue = Role(
            "cue",
            offset + token.idx,
            offset + to.idx + len(to),
            token.doc[token.i : to.i + 1].text,
        )
        speaker = _subtree_role("speaker", source, offset)
        found.append(
            _claim(
                doc_id,
                page,
                "according_to",
                cue,
                content,
                speaker,
                bool(hedge_pattern().search(sent.text)),
                sentence_span(sent, offset),
            )
        )
    return found


def _reportedly(words: list[Token], doc_id: str, page: int, offset: int) -> list[Claim]:
    """ "The talks reportedly failed": a claim the writer hands on without its source."""
    found = []
    for token in words:
        sent = sentence_of(token)
        tokens = [t for t in token.head.subtree if t.i != token.i and t in sent]
        content = _tokens_role("content", tokens, offset)
        if content is None or token.dep_ != "advmod":
            continue
        cue = _token_role("cue", token, offset)
        found.append(
            _claim(doc_id, page, "stance", cue, content, None, True, sentence_span(sent, offset))
        )
    return found


def _reported(verbs: list[Token], doc_id: str, page: int, offset: int) -> list[Claim]:
    """A reporting verb with its clause: "X said (that) Y", "Y, X said", "files show Y"."""
    found = []
    for token in verbs:
        content = _reported_content(token, offset)
        kind = "indirect"
        if content is None:
            content, kind = _stance_content(token, offset), "stance"
        subject = _document_subject(token)
        document = subject is not None and subject.lemma_.lower() in DOCUMENT_NOUNS
        if token.lemma_.lower() in DOCUMENT_CUES and not document:
            continue
        if document and content is None:
            content = _shown_content(token, offset)  # "polls show Clinton ahead"
        if content is None:
            continue
        if subject is not None and subject.lower_ == "it" and subject.dep_ == "nsubjpass":
            agent = next((o for p in children(token, "agent") for o in children(p, "pobj")), None)
            speaker = phrase(agent, "speaker", offset) if agent is not None else None
        elif document and subject is not None and subject.i == token.head.i:
            speaker = phrase(subject, "speaker", offset)
        elif document and subject is not None:
            speaker = _subtree_role("speaker", subject, offset)
        else:
            speaker = _speaker(token, offset)
        sent = sentence_of(token)
        hedged = _cue_hedges(token) or bool(hedge_pattern().search(sent.text))
        found.append(
            _claim(
                doc_id,
                page,
                "document" if document else kind,
                _token_role("cue", token, offset),
                content,
                speaker,
                hedged,
                sentence_span(sent, offset),
            )
        )
    return found


def _document_subject(verb: Token) -> Token | None:
    """The verb's subject, or the noun a participle hangs from ("results showing ...")."""
    subject = next(children(verb, "nsubj", "nsubjpass"), None)
    if subject is None and verb.dep_ == "acl" and verb.tag_ == "VBG":
        return verb.head
    return subject


def _shown_content(verb: Token, offset: int) -> Role | None:
    """What a document or poll shows when it shows no clause: everything after the verb in
    its phrase ("polls show Clinton up by 10 points", "results showing him in second")."""
    sent = sentence_of(verb)
    after = [c for c in verb.rights if c.dep_ not in ("punct", "cc", "conj")]
    tokens = [t for c in after for t in c.subtree if sent.start <= t.i < sent.end]
    return _tokens_role("content", tokens, offset)


def _nominal(nouns: list[Token], doc_id: str, page: int, offset: int) -> list[Claim]:
    """A noun that attributes, with its clause or its object: "his claim that the vote was
    rigged" (indirect), "Democrats' criticism of the deal", "her call for talks" (stance)."""
    found = []
    for token in nouns:
        if token.pos_ != "NOUN":
            continue
        clause = next((c for c in children(token, "acl", "ccomp", "appos") if c.i > token.i), None)
        said = clause is not None and any(children(clause, "mark"))
        if said and clause is not None:
            tokens = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head is clause)]
        else:
            prep = next((p for p in children(token, "prep") if p.lower_ in _NOUN_PREPS), None)
            tokens = [t for t in prep.subtree if t.i > prep.i] if prep is not None else []
        content = _tokens_role("content", tokens, offset, least=1)
        speaker = _noun_speaker(token, offset)
        if content is None or speaker is None:
            continue
        sent = sentence_of(token)
        found.append(
            _claim(
                doc_id,
                page,
                "indirect" if said else "stance",
                _token_role("cue", token, offset),
                content,
                speaker,
                bool(hedge_pattern().search(sent.text)),
                sentence_span(sent, offset),
            )
        )
    return found


def _noun_speaker(noun: Token, offset: int) -> Role | None:
    """Whose claim a noun names: "Trump's claim", "criticism from Democrats", or the subject of
    the verb that makes it ("Trump made the claim that ...")."""
    owner = next(children(noun, "poss"), None)
    if owner is not None:
        return phrase(owner, "speaker", offset)
    for prep in children(noun, "prep"):
        if prep.lower_ in ("by", "from"):
            agent = next(children(prep, "pobj"), None)
            if agent is not None:
                return phrase(agent, "speaker", offset)
    if noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        return _speaker(noun.head, offset)
    return None


def _reporting(token: Token) -> bool:
    """A reporting verb, or one the tagger took for a noun ("Files ... show that ...")."""
    if token.lemma_.lower() not in attribution_cues() and token.lower_ not in cues():
        return False
    if _cue_kind(token) == "view" and not _as_phrase(token):
        return False  # "voters see him as a fighter", not "see what happens"
    return token.pos_ == "VERB" or (token.dep_ == "ROOT" and any(children(token, "nsubj")))


def _cue_kind(token: Token) -> str:
    return attribution_cues().get(token.lemma_.lower(), (False, ""))[1]


def _as_phrase(verb: Token) -> list[Token]:
    """The "as" phrase of a verb of viewing, on the verb or on its object."""
    heads = [verb, *children(verb, "dobj")]
    return [p for head in heads for p in children(head, "prep") if p.lower_ == "as"]


def _reported_content(verb: Token, offset: int) -> Role | None:
    """What a reporting verb reports: its clause, or the clause it is tucked behind; a verb of
    stance also its object, infinitive or prepositional phrase."""
    clause = next((c for c in children(verb, "ccomp") if c.i > verb.i), None)
    if clause is not None:
        tokens = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head is clause)]
        return _tokens_role("content", tokens, offset)
    head = verb.head
    stance = _takes_object(verb)
    if verb.dep_ == "parataxis" and head.i > verb.i and not stance:
        # "The two nations, Xi said, now have ...": the clause around the cue, cue left out
        inside = {t.i for t in verb.subtree}
        sent = sentence_of(verb)
        tokens = [t for t in head.subtree if t.i not in inside and sent.start <= t.i < sent.end]
        return _tokens_role("content", tokens, offset)
    if verb.dep_ in ("parataxis", "ccomp", "advcl") and head.i < verb.i and not stance:
        # "The two nations, Xi said, now have ...": the clause around the cue, cue left out
        inside = {t.i for t in verb.subtree}
        sent = sentence_of(verb)
        tokens = [t for t in head.subtree if t.i not in inside and sent.start <= t.i < sent.end]
        return _tokens_role("content", tokens, offset)
    if verb.dep_ == "ROOT":
        clause = next((c for c in children(verb, "ccomp", "parataxis") if c.i < verb.i), None)
        if clause is not None and not _parenthetical(clause):
            return _tokens_role("content", list(clause.subtree), offset)
    return None


def _parenthetical(clause: Token) -> bool:
    """ "..., a spokeswoman said, ...": a cue with its speaker and nothing else."""
    words = [t for t in clause.subtree if not t.is_punct]
    return _reporting(clause) and len(words) <= _PARENTHESIS_WORDS


def _takes_object(verb: Token) -> bool:
    return _cue_kind(verb) in ("object", "speech_object", "view")


def _stance_content(verb: Token, offset: int) -> Role | None:
    """What a verb of stance is about: "expected to win", "vowed to stay", and for the verbs
    that take one, "criticised the plan", "called him a liar", "called for talks"."""
    infinitive = next((c for c in children(verb, "xcomp") if c.i > verb.i), None)
    if infinitive is not None:
        return _tokens_role("content", list(infinitive.subtree), offset)
    if not _takes_object(verb):
        return None
    passive = next(children(verb, "nsubjpass"), None)
    if passive is not None and passive.lower_ not in _PRONOUN_KINDS:
        # "The plan was criticised by ...": what is criticised is the subject
        return _tokens_role("content", list(passive.subtree), offset, least=1)
    obj = next(children(verb, "dobj"), None)
    if obj is not None and obj.lower_ not in _PRONOUN_KINDS and obj.ent_type_ not in _WHEN:
        more = [*children(verb, "oprd", "xcomp", "ccomp"), *_as_phrase(verb)]
        last = max([obj, *more], key=lambda t: t.i)
        tokens = [t for t in verb.doc[obj.left_edge.i : last.right_edge.i + 1]]
        return _tokens_role("content", tokens, offset, least=1)
    prep = next((p for p in children(verb, "prep") if p.lower_ in _CONTENT_PREPS), None)
    if prep is not None and any(children(prep, "pobj", "pcomp")):
        tokens = [t for t in prep.subtree if t is not prep and t.i > prep.i]
        return _tokens_role("content", tokens, offset, least=1)
    return None


def _speaker(verb: Token, offset: int) -> Role | None:
    """The verb's subject, or the agent of a passive; a participle or a coordinated verb
    ("..., saying", "and said") takes the subject of the verb it hangs from."""
    for _ in range(_SUBJECT_HOPS):
        subject = next(children(verb, "nsubj"), None)
        if subject is not None and subject.lower_ in _RELATIVES and verb.dep_ == "relcl":
            return _with_relative(phrase(verb.head, "speaker", offset), subject, offset)
        if subject is not None:
            return phrase(subject, "speaker", offset)
        agent = next((o for p in children(verb, "agent") for o in children(p, "pobj")), None)
        if agent is not None:
            return phrase(agent, "speaker", offset)
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("PROPN", "NOUN"):
            return phrase(verb.head, "speaker", offset)  # "Cruz, calling it ..."
        participle = verb.dep_ == "advcl" and verb.tag_ == "VBG"  # "..., saying"
        if verb.dep_ == "pcomp" and verb.head.head.pos_ in ("VERB", "AUX"):
            verb = verb.head.head  # "answered by asserting"
            continue
        if not (participle or verb.dep_ in ("xcomp", "conj")) or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _with_relative(named: Role, relative: Token, offset: int) -> Role:
    """ "Chris Christie, who said ...": the name and its relative pronoun, as one speaker."""
    start, end = named.start - offset, relative.idx + len(relative)
    text = doc_text(relative.doc)
    if start > relative.idx or end - start > _RELATIVE_REACH:
        return named
    return Role("speaker", named.start, offset + end, text[start:end])


def _tokens_role(role: str, tokens: list[Token], offset: int, least: int = 2) -> Role | None:
    """The span from the first to the last token, without edge punctuation and quote marks."""
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].lower_ == "that"):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    if len(tokens) < least:
        return None
    doc = tokens[0].doc
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return Role(role, offset + start, offset + end, doc[tokens[0].i : tokens[-1].i + 1].text)


def _subtree_role(role: str, token: Token, offset: int) -> Role:
    """The whole phrase a token heads, with what follows it ("files obtained by the BBC")."""
    span: Span = token.doc[token.left_edge.i : token.right_edge.i + 1]
    return Role(role, offset + span.start_char, offset + span.end_char, span.text)


def _token_role(role: str, token: Token, offset: int) -> Role:
    return Role(role, offset + token.idx, offset + token.idx + len(token), token.text)


def _role(role: str, start: int, text: str) -> Role:
    return Role(role, start, start + len(text), text)


def _lemma(word: str) -> str:
    word = word.lower()
    return word[:-1] if word.endswith("s") and word[:-1] in cues() else word


def _overlaps(a: Role, b: Role) -> bool:
    return a.start < b.end and b.start < a.end


def _same(a: Role, b: Role) -> bool:
    return a.start == b.start and a.end == b.end


def _nested(inner: Claim, outer: Claim) -> bool:
    """Whether a claim is told inside another's words (and not the other way round too:
    "X warned that Y, according to Z" keeps both)."""
    return _inside(inner.cue, outer.content) and not _inside(outer.cue, inner.content)


def _holds(outer: Role, inner: Role) -> bool:
    """Whether one span holds another and more besides."""
    return _inside(inner, outer) and outer.end - outer.start > inner.end - inner.start + 2


def _inside(a: Role, b: Role) -> bool:
    return b.start <= a.start and a.end <= b.end
