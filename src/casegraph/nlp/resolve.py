"""Resolve mentions to entities across documents: name keys, short forms, acronyms, judgements."""

from __future__ import annotations

import hashlib
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from normality import ascii_text, normalize
from rigour.names import remove_person_prefixes

from ..records import Entity

# the version of resolution, as the extract stages name it
RESOLVER = "casegraph-resolve 1"
NAMED_TYPES = {"person", "organization", "place"}
NAMED = "named"
MIN_FUZZY_CHARS = 6  # shorter names differ by one letter too often to be called the same
FUZZY_RATIO = 90  # the key type of a name before the majority of its mentions types it
Key = tuple[str, str]  # (type, normalised name or "kb:<actor id>")
Group = tuple[str, str, str]  # (doc id, text, type): mentions resolved as one
_LEADING_ARTICLE = re.compile(r"^(?:the|al|el)[\s-]+", re.IGNORECASE)
# words that make a name a place: Arabic toponym heads as written in English, and kinds of site
PLACE_HEADS = {
    "wadi",
    "jabal",
    "jebel",
    "tell",
    "tal",
    "ras",
    "khirbet",
    "khirbat",
    "qasr",
    "bir",
    "ain",
    "deir",
    "kafr",
    "port",
    "mount",
    "lake",
    "cape",
    "gulf",
    "bay",
    "river",
}
PLACE_TAILS = {
    "refinery", "checkpoint", "road", "district", "province", "governorate", "airport",
    "bridge", "crossing", "camp", "silos", "port", "harbour", "harbor", "village", "valley",
    "river", "base", "airbase", "square", "street", "highway", "border", "dam",
}  # fmt: skip
_DISPLAY_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s$")
# "Kurdistan Workers' Party (PKK)": a name followed by its acronym in brackets
_ACRONYM = re.compile(
    r"((?:[A-Z][\w'’.-]*)(?:\s+(?:of|the|for|and|de|du|al|el|[A-Z][\w'’.-]*)){1,8})"
    r"\s*\(([A-Z][A-Z&.-]{1,9})\)"
)


@dataclass(frozen=True)
class MentionGroup:
    """The mentions of one document written and typed alike: what resolution needs of them."""

    doc_id: str
    text: str
    type: str

    @property
    def group(self) -> Group:
        """(doc id, text, type): what the mentions share."""
        return (self.doc_id, self.text, self.type)


@dataclass(frozen=True)
class KeyedName:
    """A name as written and typed, under one key, with how many mentions across the case."""

    key: Key
    text: str
    type: str
    count: int


def name_key(text: str, kind: str) -> str:
    """A key under which differently written names of one entity meet."""
    cleaned = _POSSESSIVE.sub("", " ".join(text.split()))
    if kind == "person":
        cleaned = remove_person_prefixes(cleaned) or cleaned
    if kind in NAMED_TYPES:
        cleaned = _LEADING_ARTICLE.sub("", cleaned)
    return normalize(ascii_text(cleaned), lowercase=True) or cleaned.lower()


# a name its mentions type equally often as a person and an organisation is more often a
# person's ("Smith" in one sentence, a firm's name in the next)
TIE_ORDER = ("person", "organization", "place")


def acronyms(texts: Iterable[str]) -> dict[str, str]:
    """Acronyms defined in the texts ("Free Dawn Front (FDF)"), each to its long name."""
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        for before, short in _ACRONYM.findall(text):
            letters = re.sub(r"[.&-]", "", short)
            long_name = _expansion(before.split(), letters)
            if long_name:
                found[short.upper()][long_name] += 1
    return {short: majority(keys) for short, keys in found.items()}


def majority(votes: Counter[str]) -> str:
    """The value with the most votes; a tie goes to the first in ``TIE_ORDER``, then in
    sorted order, so that the answer never hangs on the order the votes were read in (an
    ingest in several processes stores documents in an order of its own)."""
    return min(votes.items(), key=lambda vote: (-vote[1], _tie_rank(vote[0]), vote[0]))[0]


def _tie_rank(value: str) -> int:
    return TIE_ORDER.index(value) if value in TIE_ORDER else len(TIE_ORDER)


def _expansion(words: list[str], letters: str) -> str | None:
    """The last words before an acronym that it stands for, or None."""
    fallback = None
    for size in range(1, len(words) + 1):
        tail = words[-size:]
        initials = "".join(w[0] for w in tail if w[0].isupper())
        if initials == letters:
            return " ".join(tail)
        # acronyms from another language keep the letters, not their order (PKK)
        if fallback is None and len(initials) == len(letters) and set(letters) <= set(initials):
            fallback = " ".join(tail)
    return fallback


def document_keys(
    groups: list[MentionGroup],
    defined: dict[str, str],
    known: Callable[[str, str], tuple[str, str] | None] | None = None,
    locate: Callable[[MentionGroup], str | None] | None = None,
) -> list[Key]:
    """The key of each of one document's mention groups, short forms taken by full names."""
    keys = {g.group: _first_key(g, defined, known, locate) for g in groups}
    _short_forms(groups, keys)
    return [keys[g.group] for g in groups]


def resolve(
    names: list[KeyedName],
    merges: Iterable[tuple[Key, Key]] = (),
    splits: Iterable[tuple[Key, str]] = (),
) -> tuple[dict[tuple[str, str, str], str], dict[str, Entity]]:
    """(key type, key, text) -> entity id, and the entities, resolved across all documents.

    The names come in the order of their first mention, which breaks ties in type votes.
    """
    similar = near_spellings({name.key for name in names})
    split_off = {(key, _written(alias)) for key, alias in splits}
    joined = _union([*similar, *merges])
    assignment: dict[tuple[str, str, str], str] = {}
    entities: dict[str, Entity] = {}
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for name in names:
        kind, key = _split(name, split_off)
        kind, key = joined.get((kind, key), (kind, key))
        entity_id = entity_id_for(kind, key)
        assignment[(*name.key, name.text)] = entity_id
        entity = entities.setdefault(entity_id, Entity(entity_id, "", kind, (kind, key)))
        entity.aliases[name.text] = entity.aliases.get(name.text, 0) + name.count
        votes[entity_id][name.type] += name.count
        if key.startswith("kb:"):
            entity.kb_id = key[3:]
    for entity in entities.values():
        if entity.type == NAMED and entity.kb_id is None:
            # the recogniser's types for one name disagree now and then: the majority wins,
            # unless the name itself says it is a place (Wadi ..., ... checkpoint)
            entity.type = majority(votes[entity.id])
            if any(looks_like_place(alias) for alias in entity.aliases):
                entity.type = "place"
        entity.name = _display_name(entity.aliases, entity.type)
    return assignment, entities


def looks_like_place(name: str) -> bool:
    """Whether a name starts or ends with a word that names a kind of place."""
    words = name.lower().replace("-", " ").split()
    return len(words) > 1 and (words[0] in PLACE_HEADS or words[-1] in PLACE_TAILS)


def entity_id_for(kind: str, key: str) -> str:
    """An entity id derived from its type and key, stable across runs."""
    return "e" + hashlib.sha1(f"{kind}\x1f{key}".encode()).hexdigest()[:12]


def _first_key(
    mention: MentionGroup,
    defined: dict[str, str],
    known: Callable[[str, str], tuple[str, str] | None] | None,
    locate: Callable[[MentionGroup], str | None] | None = None,
) -> Key:
    kind = mention.type
    if kind not in NAMED_TYPES:
        return (kind, " ".join(mention.text.split()).lower())
    long_name = defined.get(mention.text.strip().upper())
    if long_name:  # an acronym is what it was defined as: "RSF" after "Rapid Support Forces (RSF)"
        mention = replace(mention, text=long_name)
    if known is not None and (hit := known(mention.text, kind)):
        kb_kind, kb_id = hit  # the knowledge base also corrects a recogniser's type
        return (kb_kind, f"kb:{kb_id}")
    if kind in ("place", "organization") and locate is not None and (place_id := locate(mention)):
        # two Tripolis are two places: the gazetteer entry is the key
        return ("place", place_id)
    # people, organisations and places share one key space: the same name is one entity
    return (NAMED, name_key(mention.text, kind))


def _short_forms(mentions: list[MentionGroup], keys: dict[Group, Key]) -> None:
    """A surname alone, after the full name in the same document, is that person.

    The lone surname is taken whatever type the recogniser gave it ("Smith" as ORG). Likewise
    an organisation's last word alone ("the Brigades") is the one organisation of the
    document whose full name ends with it.
    """
    by_doc: dict[str, list[MentionGroup]] = defaultdict(list)
    for mention in mentions:
        if mention.type in NAMED_TYPES:
            by_doc[mention.doc_id].append(mention)
    for named in by_doc.values():
        multi = [m for m in named if len(keys[m.group][1].split()) > 1]
        people = {keys[m.group] for m in multi if m.type == "person"}
        bodies = {keys[m.group] for m in multi if m.type == "organization"}
        for mention in named:
            token = keys[mention.group][1]
            if len(token.split()) > 1:
                continue
            owners = {k for k in people if k[1].split()[-1] == token}
            if not owners and mention.type == "organization":
                owners = {k for k in bodies if k[1].split()[-1] == token}
            if len(owners) == 1:
                keys[mention.group] = owners.pop()


def near_spellings(keys: set[Key]) -> list[tuple[Key, Key]]:
    """Pairs of name keys that are the same name spelt slightly differently ("Fadel", "Fadell").

    Only keys sharing a consonant skeleton are compared (blocking), so the work stays close
    to linear in the number of names; the knowledge base's keys are left to it.
    """
    from rapidfuzz.fuzz import ratio

    blocks: dict[str, list[Key]] = defaultdict(list)
    for key in keys:
        if key[0] == NAMED and len(key[1]) >= MIN_FUZZY_CHARS:
            blocks[_skeleton(key[1])].append(key)
    pairs = []
    for block in blocks.values():
        for left, right in itertools.combinations(sorted(block), 2):
            same_shape = len(left[1].split()) == len(right[1].split())
            if same_shape and ratio(left[1], right[1]) >= FUZZY_RATIO:
                pairs.append((left, right))
    return pairs


def _skeleton(name: str) -> str:
    """A name's consonants in order, doubled ones once: the blocking key for near spellings."""
    consonants = re.sub(r"[aeiouy\W\d_]", "", name)
    return re.sub(r"(.)\1+", r"\1", consonants)


def _split(name: KeyedName, split_off: set[tuple[Key, str]]) -> Key:
    """The name's key, or one of its own if people split its written form off its entity."""
    key, written = name.key, _written(name.text)
    return (key[0], f"{key[1]} / {written}") if (key, written) in split_off else key


def _written(text: str) -> str:
    return " ".join(text.split()).casefold()


def _union(pairs: Iterable[tuple[Key, Key]]) -> dict[Key, Key]:
    """Each merged key to one representative key."""
    parent: dict[Key, Key] = {}

    def find(key: Key) -> Key:
        while parent.get(key, key) != key:
            key = parent[key]
        return key

    for left, right in pairs:
        a, b = find(left), find(right)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return {key: find(key) for key in parent}


def _display_name(aliases: dict[str, int], kind: str) -> str:
    """The name to show: Latin script, no leading article, not shouted, full rather than short."""
    latin = {a: n for a, n in aliases.items() if a.isascii()}
    pool: Counter[str] = Counter()
    for alias, count in (latin or aliases).items():
        pool[_DISPLAY_ARTICLE.sub("", alias)] += count

    def preference(alias: str) -> tuple[bool, int, int, int, str]:
        words = len(alias.split())
        fullness = words if kind == "person" else min(words, 2)  # a name before its acronym
        return (not alias.isupper(), fullness, pool[alias], len(alias), alias)

    return max(pool, key=preference)
