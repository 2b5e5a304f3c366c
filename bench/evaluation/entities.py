"""Score extracted entities against a ground truth: mention F1 per type, pairwise resolution F1."""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from casegraph.case.store import Case

Span = tuple[str, int, int, int]  # (doc_id, page, start, end)
_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 of one comparison."""

    precision: float
    recall: float
    f1: float
    gold: int
    found: int

    @classmethod
    def of(cls, correct: int, gold: int, found: int) -> Scores:
        """Scores from counts."""
        precision = correct / found if found else 0.0
        recall = correct / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(round(precision, 3), round(recall, 3), round(f1, 3), gold, found)


def gold_mentions(
    pages: dict[tuple[str, int], str], entities: list[dict], types: set[str]
) -> dict[Span, tuple[str, str]]:
    """Every occurrence of every ground-truth alias in the pages: span -> (type, entity id)."""
    gold: dict[Span, tuple[str, str]] = {}
    for entity in entities:
        if entity["type"] not in types:
            continue
        for alias in sorted(names(entity), key=len, reverse=True):
            pattern = re.compile(rf"(?<!\w){re.escape(alias)}(?!\w)")
            for (doc_id, number), text in pages.items():
                for match in pattern.finditer(text):
                    span = (doc_id, number, match.start(), match.end())
                    if not _inside_longer(span, gold):
                        gold[span] = (entity["type"], entity["id"])
    return gold


def names(entity: dict) -> set[str]:
    """The entity's names as a recogniser should find them (no "the", no common nouns)."""
    # "the army", "the commander" are coreference, not names: not counted as mentions
    found = set()
    for alias in set(entity["aliases"]) | {entity["name"]}:
        bare = _ARTICLE.sub("", alias)
        if bare and not bare[0].islower():
            found.add(bare)
    return found


def _inside_longer(span: Span, gold: dict[Span, tuple[str, str]]) -> bool:
    doc_id, number, start, end = span
    return any(
        d == doc_id and n == number and s <= start and end <= e and (s, e) != (start, end)
        for d, n, s, e in gold
    )


def mention_scores(
    gold: dict[Span, tuple[str, str]], found: dict[Span, tuple[str, str]]
) -> dict[str, Scores]:
    """Exact span-and-type matches, per type and overall."""
    result = {}
    for kind in sorted({t for t, _ in gold.values()}) + ["overall"]:
        want = {s for s, (t, _) in gold.items() if kind in ("overall", t)}
        have = {s for s, (t, _) in found.items() if kind in ("overall", t)}
        right = {s for s in want & have if kind != "overall" or gold[s][0] == found[s][0]}
        result[kind] = Scores.of(len(right), len(want), len(have))
    return result


def overlap_scores(gold: dict[Span, tuple[str, str]], found: dict[Span, tuple[str, str]]) -> Scores:
    """Mentions that overlap a gold mention of the same type count as found (lenient)."""
    by_page: dict[tuple[str, int], list[tuple[int, int, str]]] = defaultdict(list)
    for (doc_id, number, start, end), (kind, _) in gold.items():
        by_page[(doc_id, number)].append((start, end, kind))

    def hits(span: Span, kind: str, spans: list[tuple[int, int, str]]) -> bool:
        return any(s < span[3] and span[2] < e and k == kind for s, e, k in spans)

    right = sum(1 for span, (kind, _) in found.items() if hits(span, kind, by_page[span[:2]]))
    recalled = 0
    found_by_page: dict[tuple[str, int], list[tuple[int, int, str]]] = defaultdict(list)
    for (doc_id, number, start, end), (kind, _) in found.items():
        found_by_page[(doc_id, number)].append((start, end, kind))
    for span, (kind, _) in gold.items():
        recalled += hits(span, kind, found_by_page[span[:2]])
    precision = right / len(found) if found else 0.0
    recall = recalled / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(round(precision, 3), round(recall, 3), round(f1, 3), len(gold), len(found))


def pairwise_scores(
    gold: dict[Span, tuple[str, str]], found: dict[Span, tuple[str, str]]
) -> Scores:
    """Pairs of matched mentions put in one entity, against pairs that belong together."""
    shared = sorted(set(gold) & set(found))
    same_gold = {
        pair for pair in itertools.combinations(shared, 2) if gold[pair[0]][1] == gold[pair[1]][1]
    }
    same_found = {
        pair for pair in itertools.combinations(shared, 2) if found[pair[0]][1] == found[pair[1]][1]
    }
    return Scores.of(len(same_gold & same_found), len(same_gold), len(same_found))


def case_mentions(case: Case, types: set[str]) -> dict[Span, tuple[str, str]]:
    """The case's resolved mentions of the given types: span -> (entity type, entity id).

    Scored as the gold sets written here are annotated: flat, and without nationalities
    (tests/nlp/gold/README.md, rule 13). So a place named by its people's adjective
    ("Syrian", label NORP) is left out, and so is a name inside a longer one ("US" in "the
    US Navy"), which a flat annotation cannot mark."""
    found = {(d, p, s, e): (t, i) for d, p, s, e, t, i in case.mentions.resolved_spans()}
    by_page: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
    for d, p, s, e in found:
        by_page[d, p].append((s, e))
    return {
        span: value
        for span, value in found.items()
        if value[0] in types and not _inside_another(span[2:], by_page[span[:2]])
    }


def _inside_another(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    start, end = span
    return any(s <= start and end <= e and e - s > end - start for s, e in others)


def case_pages(case: Case, doc_ids: set[str]) -> dict[tuple[str, int], str]:
    """The current text of every page of the given documents."""
    return case.pages.texts_of(doc_ids)


def evaluate(case: Case, truth: dict, split: str | None = None) -> dict:
    """Mention F1 per type and pairwise F1 of the case's entities against a demo ground truth."""
    types = {"person", "organization", "place"}
    paths = {
        f"trove/{d['path']}": d for d in truth["documents"] if split is None or d["split"] == split
    }
    doc_ids = {doc_id for path, doc_id in case.documents.all_paths() if path in paths}
    pages = case_pages(case, doc_ids)
    gold = gold_mentions(pages, truth["entities"], types)
    found = {s: v for s, v in case_mentions(case, types).items() if s[0] in doc_ids}
    per_type = mention_scores(gold, found)
    counts = Counter(t for t, _ in gold.values())
    by_entity: dict[str, set[str]] = defaultdict(set)
    for span, (_, entity_id) in found.items():
        if span in gold:
            by_entity[gold[span][1]].add(entity_id)
    return {
        "documents": len(doc_ids),
        "gold_mentions": dict(counts),
        "mentions": {k: vars(v) for k, v in per_type.items()},
        "mentions_overlap": vars(overlap_scores(gold, found)),
        "resolution": vars(pairwise_scores(gold, found)),
        "gold_entities_split_over": {k: len(v) for k, v in sorted(by_entity.items()) if len(v) > 1},
    }
