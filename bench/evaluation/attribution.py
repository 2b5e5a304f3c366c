"""Score the claim extractor against PolNeAR's attribution relations (brat standoff files).

Reads: a PolNeAR split folder (``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann``).
Writes: nothing; returns counts and figures.

The metric (issue 13), applied alike to every split:

- Gold: every ``E`` line of an ``.ann`` file with a ``Content`` argument; its content, cue
  and source may each have several fragments ("2103 2168;2170 2425"). ``Discuss`` and
  ``Discard`` spans are not attributions. A document annotated by several annotators is
  scored against one of them: the annotator code that sorts first (deterministic).
- Content match: a predicted claim's content and a gold content share words (``\\w+`` runs)
  that make up at least half of the shorter of the two (PARC/PolNeAR-style lenient overlap).
  Pairs are one to one, the pair with the highest Dice overlap of words first.
- Content + source match: a content match whose predicted speaker overlaps (one character
  or more) the gold source; a gold attribution without a source ("it was reported") matches
  a claim without a speaker. PolNeAR marks no coreference, so "he" is the source of "he said".
- Precision counts every predicted claim; recall every gold attribution; F1 from the two.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from casegraph.records import Claim

Span = tuple[int, int]
POLNEAR = Path("/work/data/public/polnear/data")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Attribution:
    """One gold attribution relation: its content, cue and source fragments."""

    content: tuple[Span, ...]
    cue: tuple[Span, ...]
    source: tuple[Span, ...]


@dataclass
class Document:
    """A PolNeAR article: its name, text and the gold attributions of one annotator."""

    name: str
    text: str
    gold: list[Attribution] = field(default_factory=list)


def read_ann(text: str) -> list[Attribution]:
    """The attribution relations of a brat standoff file."""
    spans: dict[str, tuple[Span, ...]] = {}
    relations = []
    for line in text.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _, _, ranges = parts[1].partition(" ")
            spans[parts[0]] = tuple(
                (int(a), int(b)) for a, b in (r.split() for r in ranges.split(";"))
            )
        elif line.startswith("E") and len(parts) >= 2:
            relations.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    found = []
    for args in relations:
        if "Content" not in args:
            continue
        found.append(
            Attribution(
                spans[args["Content"]],
                spans.get(args.get("Cue", ""), ()),
                spans.get(args.get("Source", ""), ()),
            )
        )
    return found


def documents(root: Path, split: str, limit: int | None = None) -> list[Document]:
    """The articles of a split with one annotator's attributions each.

    With ``limit``, the first ``limit`` articles in the order of the SHA-1 of their names:
    a fixed sample that draws on every publisher and month.
    """
    folder = root / split
    annotations: dict[str, Path] = {}
    for path in sorted((folder / "attributions").glob("*.ann")):
        name = path.stem.rsplit("_", 1)[0]
        annotations.setdefault(name, path)  # sorted: the first annotator code
    names = sorted(annotations, key=lambda n: hashlib.sha1(n.encode()).hexdigest())
    if limit is not None:
        names = names[:limit]
    found = []
    for name in names:
        text_path = folder / "text" / f"{name}.txt"
        if not text_path.exists():
            continue
        gold = read_ann(annotations[name].read_text(encoding="utf-8"))
        found.append(Document(name, text_path.read_text(encoding="utf-8"), gold))
    return found


def load_excerpt(path: Path) -> list[Document]:
    """Short texts in PolNeAR's manner with their attributions written as strings (a content
    may be a list of fragments); each string is found at its first occurrence in the text."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        text = item["text"]

        def spans(value: str | list[str], text: str = text) -> tuple[Span, ...]:
            parts = [value] if isinstance(value, str) else value
            located = [(text.index(p), text.index(p) + len(p)) for p in parts if p]
            return tuple(located)

        gold = [
            Attribution(spans(a["content"]), spans(a["cue"]), spans(a.get("source") or []))
            for a in item["attributions"]
        ]
        found.append(Document(item["id"], text, gold))
    return found


def words(text: str, spans: Iterable[Span]) -> set[Span]:
    """The words (as character spans) inside the given spans of a text."""
    found: set[Span] = set()
    for start, end in spans:
        found.update((start + m.start(), start + m.end()) for m in _WORD.finditer(text[start:end]))
    return found


def content_match(text: str, gold: Attribution, claim: Claim) -> float:
    """The Dice overlap of the two contents' words when the words they share are at least
    half of the shorter content; else 0."""
    gold_words = words(text, gold.content)
    found_words = words(text, [(claim.content.start, claim.content.end)])
    shared = len(gold_words & found_words)
    shorter = min(len(gold_words), len(found_words))
    if not shorter or 2 * shared < shorter:
        return 0.0
    return 2 * shared / (len(gold_words) + len(found_words))


def source_match(gold: Attribution, claim: Claim) -> bool:
    """The predicted speaker overlaps the gold source, or neither has one."""
    if not gold.source:
        return claim.speaker is None
    if claim.speaker is None:
        return False
    return any(claim.speaker.start < e and s < claim.speaker.end for s, e in gold.source)


def pairs(
    text: str, gold: list[Attribution], claims: list[Claim]
) -> tuple[list[tuple[Attribution, Claim]], list[Attribution], list[Claim]]:
    """One-to-one content matches (closest overlap first, a right source breaking ties)."""
    candidates = sorted(
        (-shared, not source_match(g, c), gi, ci)
        for gi, g in enumerate(gold)
        for ci, c in enumerate(claims)
        if (shared := content_match(text, g, c))
    )
    used_gold: set[int] = set()
    used_claims: set[int] = set()
    matched = []
    for _, _, gi, ci in candidates:
        if gi not in used_gold and ci not in used_claims:
            used_gold.add(gi)
            used_claims.add(ci)
            matched.append((gold[gi], claims[ci]))
    lone_gold = [g for gi, g in enumerate(gold) if gi not in used_gold]
    lone_claims = [c for ci, c in enumerate(claims) if ci not in used_claims]
    return matched, lone_gold, lone_claims


def score(docs: list[Document], predictions: list[list[Claim]]) -> dict[str, object]:
    """Content and content + source precision, recall and F1 over the documents."""
    counts = {"gold": 0, "found": 0, "content": 0, "source": 0}
    for doc, claims in zip(docs, predictions, strict=True):
        matched, _, _ = pairs(doc.text, doc.gold, claims)
        counts["gold"] += len(doc.gold)
        counts["found"] += len(claims)
        counts["content"] += len(matched)
        counts["source"] += sum(source_match(g, c) for g, c in matched)
    return {
        "documents": len(docs),
        "gold": counts["gold"],
        "found": counts["found"],
        "content": _prf(counts["content"], counts["found"], counts["gold"]),
        "content_source": _prf(counts["source"], counts["found"], counts["gold"]),
    }


def _prf(hits: int, found: int, gold: int) -> dict[str, float]:
    p = hits / found if found else 0.0
    r = hits / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3)}


def read_claims(texts: list[str], model: str) -> list[list[Claim]]:
    """The claims casegraph finds in each text, parsed in pieces as ``casegraph extract`` does."""
    from casegraph.nlp.claims import find_claims
    from casegraph.nlp.recognize import load_pipeline, pieces

    nlp = load_pipeline(model)
    cuts = [(i, offset, piece) for i, text in enumerate(texts) for offset, piece in pieces(text)]
    found: list[list[Claim]] = [[] for _ in texts]
    docs = nlp.pipe((piece for _, _, piece in cuts), batch_size=32)
    for (i, offset, _), doc in zip(cuts, docs, strict=True):
        found[i] += find_claims(doc, str(i), 1, offset)
    return found


def errors(doc: Document, claims: list[Claim]) -> Iterator[str]:
    """One line per missed attribution, false claim and wrong source, for the dev part."""
    matched, lone_gold, lone_claims = pairs(doc.text, doc.gold, claims)
    text = doc.text

    def show(spans: Iterable[Span]) -> str:
        return " … ".join(text[s:e] for s, e in spans).replace("\n", " ")[:160]

    for g in lone_gold:
        yield f"MISS\t{show(g.source)!r}\t{show(g.cue)!r}\t{show(g.content)!r}"
    for c in lone_claims:
        speaker = c.speaker.text if c.speaker else None
        yield f"FALSE\t{c.kind}\t{speaker!r}\t{c.cue.text!r}\t{c.content.text[:160]!r}"
    for g, c in matched:
        if not source_match(g, c):
            speaker = c.speaker.text if c.speaker else None
            yield f"SOURCE\t{c.kind}\tgold={show(g.source)!r}\tfound={speaker!r}\t{show(g.cue)!r}"
