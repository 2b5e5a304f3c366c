"""Who stands behind a statement: syndicated copies and independent sources.

Near-duplicate documents (a wire story and its reprints, a memo and its forwarded copy)
are found with MinHash signatures over word shingles and locality-sensitive hashing
(datasketch); each group of copies counts as one source. An event's sources are the
chains of who reports it (``reported_by``: the speaker of the claim around it, then the
document's author); two chains are independent when they end in different sources.

Reads: the case's documents' text, events and their reporters.
Writes: nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..case.store import Case
from .provenance import PRIMARY, Provenance

SHINGLE_WORDS = 5
NUM_PERM = 128
# Two documents are copies of one story when most of the shorter one's shingles are in the
# other (their overlap coefficient): a copy edited, cut short or framed by another site's
# menu and by-line keeps its words but not the Jaccard similarity of the whole texts.
COPY_OVERLAP = 0.6
# Jaccard similarity from which MinHash LSH proposes a pair to be weighed by its overlap;
# a text kept whole inside one half as long again has Jaccard about 0.67 x overlap
CANDIDATE_JACCARD = 0.3
MIN_WORDS = 40  # shorter texts share too many shingles by chance (letterheads, forms)


@dataclass
class Copies:
    """A group of documents that carry the same text, the earliest first."""

    doc_ids: list[str]
    similarity: float


def syndicated_groups(case: Case) -> list[Copies]:
    """Groups of two or more documents whose texts are near-copies of each other."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=NUM_PERM)
    scheme = MinHash(num_perm=NUM_PERM)  # its permutations serve every signature
    signatures: dict[str, MinHash] = {}
    sizes: dict[str, int] = {}
    parent: dict[str, str] = {}

    def overlap(a: str, b: str) -> float:
        """|A & B| / min(|A|, |B|), from the estimated Jaccard and the set sizes."""
        jaccard: float = signatures[a].jaccard(signatures[b])
        shared = jaccard * (sizes[a] + sizes[b]) / (1 + jaccard)
        return min(1.0, shared / min(sizes[a], sizes[b]))

    def root(doc_id: str) -> str:
        while parent[doc_id] != doc_id:
            parent[doc_id] = parent[parent[doc_id]]
            doc_id = parent[doc_id]
        return doc_id

    for doc_id, text in case.documents.each_text():
        shingles = _shingles(text)
        if not shingles:
            continue
        signature = MinHash(permutations=scheme.permutations, scheme=scheme.scheme)
        signature.update_batch([s.encode("utf-8") for s in shingles])
        signatures[doc_id], sizes[doc_id] = signature, len(shingles)
        parent[doc_id] = doc_id
        # each pair of copies is met once, when the later of the two is added
        for other in lsh.query(signature):
            if overlap(other, doc_id) >= COPY_OVERLAP:
                parent[root(other)] = root(doc_id)
        lsh.insert(doc_id, signature)
    members: dict[str, list[str]] = defaultdict(list)
    for doc_id in signatures:
        members[root(doc_id)].append(doc_id)
    dates = case.documents.dates()
    groups = []
    for doc_ids in members.values():
        if len(doc_ids) < 2:
            continue
        doc_ids.sort(key=lambda d: (dates.get(d) or "9999", d))
        similarity = min(overlap(doc_ids[0], d) for d in doc_ids[1:])
        groups.append(Copies(doc_ids, round(similarity, 3)))
    groups.sort(key=lambda g: -len(g.doc_ids))
    return groups


def _shingles(text: str) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    if len(words) < MIN_WORDS:
        return set()
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


class Sources:
    """Independent sources: who first says a thing, with syndicated copies folded together.

    A source has an identity: a person or organisation the case knows, or a document by
    its title. An event's source is its nearest reporter that is one (the speaker of the
    claim around it, else the document's author); words that name no one ("residents",
    "papers", "the colonel" never named) are not sources, and the document that prints
    them speaks instead. A document that copies another speaks with the original's voice,
    so an outlet reprinting a wire story adds no source of its own.
    """

    def __init__(
        self,
        groups: list[Copies],
        authors: dict[str, dict[str, Any]],
        provenance: dict[str, Provenance],
        titles: dict[str, str],
    ):
        self.original = {d: g.doc_ids[0] for g in groups for d in g.doc_ids}
        self.authors = authors
        self.provenance = provenance
        self.titles = titles

    def of_event(self, event: Mapping[str, Any]) -> dict[str, Any]:
        """The source an event rests on: {"key", "id", "name", "document"}."""
        doc_id = event["evidence"]["doc_id"]
        speaker = next((r for r in event["reported_by"] if r["id"]), None)
        if speaker is None or _same(speaker, self.authors.get(doc_id)):
            speaker = self.voice(self.original.get(doc_id, doc_id))
        key = speaker["id"] or speaker["name"]
        return {"key": key, "id": speaker["id"], "name": speaker["name"], "document": doc_id}

    def voice(self, doc_id: str) -> dict[str, Any]:
        """Who a document speaks for: its author, else the document itself, by its title."""
        author = self.authors.get(doc_id)
        if author is not None:
            return author
        return {"id": None, "name": f"document \u201c{self.titles.get(doc_id) or doc_id}\u201d"}

    def entry(self, who: dict[str, Any], document: str) -> dict[str, Any]:
        """A source as findings list it: who, through which document, and its provenance."""
        return {
            "id": who["id"],
            "name": who["name"],
            "documents": [document],
            "provenance": self.provenance_of(document),
        }

    def provenance_of(self, document: str) -> str:
        """Whether a document is one of the trove's own papers or a report about them."""
        return self.provenance.get(document, PRIMARY)

    def independent(self, events: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        """One entry per independent source behind the events, with its documents.

        Each entry's ``provenance`` is "primary" when one of its documents is one of the
        trove's own papers, else "report" (see analysis.provenance).
        """
        found: dict[str, dict[str, Any]] = {}
        seen: set[tuple[str, str]] = set()  # a set: a source may speak through many documents
        for event in events:
            source = self.of_event(event)
            key, document = source["key"], source["document"]
            if (key, document) in seen:
                continue
            seen.add((key, document))
            if key not in found:
                found[key] = self.entry(source, document)
            else:
                found[key]["documents"].append(document)
                if self.provenance_of(document) == PRIMARY:
                    found[key]["provenance"] = PRIMARY
        return list(found.values())


def _same(a: Mapping[str, Any] | None, b: Mapping[str, Any] | None) -> bool:
    if a is None or b is None:
        return False
    one: str = a["id"] or a["name"]
    other: str = b["id"] or b["name"]
    return one == other
