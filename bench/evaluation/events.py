"""Score the event and claim extractors against a gold set of hand-coded texts.

Gold items (``tests/nlp/gold/events.jsonl``) give every string as written in the text; a
predicted event matches a gold event when their triggers overlap, a predicted claim matches a
gold claim when their cues or their contents overlap. Matching is one to one, in text order.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casegraph.nlp.plover import CATEGORIES, quad_of
from casegraph.records import Claim, Event, Role, actor_ids, actor_list

Span = tuple[int, int]
GOLD = Path(__file__).resolve().parents[2] / "tests" / "nlp" / "gold" / "events.jsonl"
# real news coded by annotators who never saw the extractor (tests/nlp/gold/EVENTS_REAL.md)
REAL_GOLD = GOLD.with_name("events_real.jsonl")
# where a real item without text takes it from: PolNeAR's split folders under a data root
POLNEAR_SPLITS = {"PolNeAR-train": "train", "PolNeAR-dev": "dev"}
# claim kinds the hand-written set does not code as claims (see tests/nlp/gold/EVENTS.md)
UNCODED_CLAIM_KINDS = frozenset({"stance"})


@dataclass
class Scores:
    """Counts that become precision, recall and F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_gold(
    path: Path, split: str | None = None, polnear: Path | None = None
) -> list[dict[str, Any]]:
    """Gold items, all or one split (dev, heldout).

    An item kept out of git for its licence gives no text but where it lies in a PolNeAR
    article; it is read from the PolNeAR data root when one is given, else left out.
    """
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    items = [i for i in items if split in (None, "all", i["split"])]
    return [_with_text(i, polnear) for i in items if "text" in i or polnear is not None]


def _with_text(item: dict[str, Any], polnear: Path | None) -> dict[str, Any]:
    if "text" in item or polnear is None:
        return item
    origin = item["origin"]
    article = polnear / "data" / POLNEAR_SPLITS[origin["corpus"]] / "text" / origin["article"]
    text = article.read_text(encoding="utf-8")[origin["start"] : origin["end"]]
    return {**item, "text": text}


def read_items(items: list[dict[str, Any]], model: str) -> list[tuple[list[Event], list[Claim]]]:
    """What the extractors find in each gold text."""
    from casegraph.nlp.claims import find_claims, speakers_for_pronouns
    from casegraph.nlp.events import find_events_reread
    from casegraph.nlp.recognize import load_pipeline

    nlp = load_pipeline(model)
    found = []
    for item, doc in zip(items, nlp.pipe(i["text"] for i in items), strict=True):
        events = find_events_reread(doc, nlp, item["id"], 1)
        claims = find_claims(doc, item["id"], 1)
        speakers_for_pronouns(events, claims)
        # the set codes stances ("praised the deal", "vowed to stay") as events, not claims
        found.append((events, [c for c in claims if c.kind not in UNCODED_CLAIM_KINDS]))
    return found


def locate(text: str, needle: str, nth: int = 0) -> Span:
    """Where the nth whole-word occurrence of a string is in the text."""
    spans = occurrences(text, needle)
    return spans[min(nth, len(spans) - 1)]


def occurrences(text: str, needle: str) -> list[Span]:
    """Every whole-word occurrence of a string in the text (else its first occurrence)."""
    starts = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(needle)}(?!\w)", text)]
    if not starts:
        start = text.find(needle)
        if start < 0:
            raise ValueError(f"{needle!r} is not in {text!r}")
        starts = [start]
    return [(start, start + len(needle)) for start in starts]


def score_events(
    items: list[dict[str, Any]], predictions: list[tuple[list[Event], list[Claim]]]
) -> dict[str, Any]:
    """Detection, category macro-F1, quad, dyad, negation and hypothetical accuracy."""
    detection = Scores()
    per_category = {name: Scores() for name in CATEGORIES}
    matched = quad_right = dyad_right = negated_right = hypothetical_right = 0
    confusions: Counter[tuple[str, str]] = Counter()
    for item, (events, _) in zip(items, predictions, strict=True):
        text = item["text"]
        gold = [(g, locate(text, g["trigger"], g.get("nth", 0))) for g in item["events"]]
        pairs, lone_gold, lone_pred = _pair(
            gold, [(e, (e.trigger_start, e.trigger_end)) for e in events]
        )
        detection.tp += len(pairs)
        detection.fn += len(lone_gold)
        detection.fp += len(lone_pred)
        for g in lone_gold:
            per_category[g["category"]].fn += 1
        for e in lone_pred:
            per_category[e.category].fp += 1
        for g, e in pairs:
            matched += 1
            if g["category"] == e.category:
                per_category[e.category].tp += 1
            else:
                per_category[g["category"]].fn += 1
                per_category[e.category].fp += 1
                confusions[(g["category"], e.category)] += 1
            quad_right += quad_of(g["category"]) == e.quad
            dyad_right += _same_actors(text, g["source"], _roles(e, "source")) and _same_actors(
                text, g["target"], _roles(e, "target")
            )
            negated_right += g["negated"] == e.negated
            hypothetical_right += g["hypothetical"] == e.hypothetical
    present = [s for name, s in per_category.items() if s.tp + s.fn]
    return {
        "gold_events": sum(len(i["events"]) for i in items),
        "detection": _prf(detection),
        "category_macro_f1": sum(s.f1 for s in present) / len(present) if present else 0.0,
        "per_category_f1": {n: round(s.f1, 3) for n, s in per_category.items() if s.tp + s.fn},
        "quad_accuracy": quad_right / matched if matched else 0.0,
        "dyad_accuracy": dyad_right / matched if matched else 0.0,
        "negated_accuracy": negated_right / matched if matched else 0.0,
        "hypothetical_accuracy": hypothetical_right / matched if matched else 0.0,
        "top_confusions": [f"{g}->{p}: {n}" for (g, p), n in confusions.most_common(8)],
    }


def score_claims(
    items: list[dict[str, Any]], predictions: list[tuple[list[Event], list[Claim]]]
) -> dict[str, Any]:
    """Claim detection, and speaker, cue and content F1; kind and hedging accuracy."""
    detection, speaker, cue, content = Scores(), Scores(), Scores(), Scores()
    matched = kind_right = hedged_right = 0
    for item, (_, claims) in zip(items, predictions, strict=True):
        text = item["text"]
        gold = [(g, _claim_span(text, g)) for g in item["claims"]]
        pairs, lone_gold, lone_pred = _pair(
            gold, [(c, (c.content.start, c.content.end)) for c in claims]
        )
        detection.tp += len(pairs)
        for scores in (detection, speaker, cue, content):
            scores.fn += len(lone_gold)
            scores.fp += len(lone_pred)
        for g, c in pairs:
            matched += 1
            gold_speaker = [g["speaker"]] if g["speaker"] else []
            found_speaker = [c.speaker] if c.speaker else []
            _tally(speaker, _same_actors(text, gold_speaker, found_speaker))
            _tally(cue, _overlap(locate(text, g["cue"]), (c.cue.start, c.cue.end)) > 0)
            _tally(content, _token_f1(text, locate(text, g["content"]), c.content) >= 0.5)
            kind_right += g["kind"] == c.kind
            hedged_right += g["hedged"] == c.hedged
    return {
        "gold_claims": sum(len(i["claims"]) for i in items),
        "detection": _prf(detection),
        "speaker": _prf(speaker),
        "cue": _prf(cue),
        "content": _prf(content),
        "kind_accuracy": kind_right / matched if matched else 0.0,
        "hedged_accuracy": hedged_right / matched if matched else 0.0,
    }


def _tally(scores: Scores, right: bool) -> None:
    """A matched pair counts as found if right, else as one miss and one false find."""
    if right:
        scores.tp += 1
    else:
        scores.fp += 1
        scores.fn += 1


def _claim_span(text: str, claim: dict[str, Any]) -> Span:
    return locate(text, claim["content"])


def _pair(
    gold: list[tuple[dict[str, Any], Span]], found: Iterable[tuple[Any, Span]]
) -> tuple[list[tuple[dict[str, Any], Any]], list[dict[str, Any]], list[Any]]:
    """One-to-one pairs of overlapping spans (best overlap first), and what is left."""
    found = list(found)
    candidates = sorted(
        (
            (-_overlap(gs, fs), gi, fi)
            for gi, (_, gs) in enumerate(gold)
            for fi, (_, fs) in enumerate(found)
            if _overlap(gs, fs) > 0
        ),
    )
    used_gold: set[int] = set()
    used_found: set[int] = set()
    pairs = []
    for _, gi, fi in candidates:
        if gi not in used_gold and fi not in used_found:
            used_gold.add(gi)
            used_found.add(fi)
            pairs.append((gold[gi][0], found[fi][0]))
    lone_gold = [g for gi, (g, _) in enumerate(gold) if gi not in used_gold]
    lone_found = [f for fi, (f, _) in enumerate(found) if fi not in used_found]
    return pairs, lone_gold, lone_found


def _roles(event: Event, role: str) -> list[Role]:
    return [r for r in event.roles if r.role == role]


def _same_actors(text: str, gold: list[str], found: list[Role]) -> bool:
    """Whether every gold actor overlaps a found one and every found one a gold one. A gold
    actor is a name, not a place in the text: any occurrence of it is that actor ("Turkey"
    found in the second sentence is the Turkey of the first)."""
    gold_spans = [occurrences(text, g) for g in gold]
    found_spans = [(r.start, r.end) for r in found]
    return all(
        any(_overlap(g, f) for g in spans for f in found_spans) for spans in gold_spans
    ) and all(any(_overlap(g, f) for spans in gold_spans for g in spans) for f in found_spans)


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _token_f1(text: str, gold: Span, found: Role) -> float:
    """Word-overlap F1 of two spans of the same text."""
    gold_words = set(_word_spans(text, *gold))
    found_words = set(_word_spans(text, found.start, found.end))
    both = len(gold_words & found_words)
    if not both:
        return 0.0
    p, r = both / len(found_words), both / len(gold_words)
    return 2 * p * r / (p + r)


def _word_spans(text: str, start: int, end: int) -> list[Span]:
    return [(start + m.start(), start + m.end()) for m in re.finditer(r"\w+", text[start:end])]


def _prf(scores: Scores) -> dict[str, float]:
    return {
        "precision": round(scores.precision, 3),
        "recall": round(scores.recall, 3),
        "f1": round(scores.f1, 3),
    }


def event_errors(
    items: list[dict[str, Any]], predictions: list[tuple[list[Event], list[Claim]]]
) -> Iterable[str]:
    """One line per missed, false or mis-coded event, for reading the dev part's errors."""
    for item, (events, _) in zip(items, predictions, strict=True):
        text = item["text"]
        gold = [(g, locate(text, g["trigger"], g.get("nth", 0))) for g in item["events"]]
        pairs, lone_gold, lone_pred = _pair(
            gold, [(e, (e.trigger_start, e.trigger_end)) for e in events]
        )
        for g in lone_gold:
            yield f"{item['id']} MISS {g['category']} {g['trigger']!r} | {text}"
        for e in lone_pred:
            trigger = text[e.trigger_start : e.trigger_end]
            yield f"{item['id']} FALSE {e.category} {trigger!r} | {text}"
        for g, e in pairs:
            found = {r.role: r.text for r in e.roles}
            wrong = []
            if g["category"] != e.category:
                wrong.append(f"category {g['category']}->{e.category}")
            if not _same_actors(text, g["source"], _roles(e, "source")):
                wrong.append(f"source {g['source']}->{[r.text for r in _roles(e, 'source')]}")
            if not _same_actors(text, g["target"], _roles(e, "target")):
                wrong.append(f"target {g['target']}->{[r.text for r in _roles(e, 'target')]}")
            for flag in ("negated", "hypothetical"):
                if g[flag] != getattr(e, flag):
                    wrong.append(f"{flag} {g[flag]}")
            if wrong:
                yield f"{item['id']} WRONG {g['trigger']!r}: {'; '.join(wrong)} {found} | {text}"


def claim_errors(
    items: list[dict[str, Any]], predictions: list[tuple[list[Event], list[Claim]]]
) -> Iterable[str]:
    """One line per missed, false or wrongly read claim, for reading the dev part's errors."""
    for item, (_, claims) in zip(items, predictions, strict=True):
        text = item["text"]
        gold = [(g, _claim_span(text, g)) for g in item["claims"]]
        pairs, lone_gold, lone_pred = _pair(
            gold, [(c, (c.content.start, c.content.end)) for c in claims]
        )
        for g in lone_gold:
            yield f"{item['id']} MISS {g['kind']} {g['speaker']!r} {g['cue']!r} | {text}"
        for c in lone_pred:
            speaker = c.speaker.text if c.speaker else None
            yield f"{item['id']} FALSE {c.kind} {speaker!r} {c.cue.text!r} | {text}"
        for g, c in pairs:
            speaker = c.speaker.text if c.speaker else None
            wrong = []
            if g["speaker"] != speaker:
                wrong.append(f"speaker {g['speaker']!r}->{speaker!r}")
            if g["kind"] != c.kind:
                wrong.append(f"kind {g['kind']}->{c.kind}")
            if g["hedged"] != c.hedged:
                wrong.append(f"hedged {g['hedged']}")
            if _token_f1(text, locate(text, g["content"]), c.content) < 0.5:
                wrong.append(f"content {g['content']!r}->{c.content.text!r}")
            if wrong:
                yield f"{item['id']} WRONG {'; '.join(wrong)} | {text}"


def evaluate_demo(case: Any, truth: dict[str, Any], split: str | None = None) -> dict[str, Any]:
    """Events and claims of a demo case against its ground truth (recorded sentences only).

    An event of the truth is found when an event of the same category has its trigger in
    the recorded sentence; its source (or target) is right when the actor linked there is
    the truth's actor, by the names the case knows for it. A claim is found when a claim's
    content overlaps the recorded sentence; precision counts only the claims found inside
    recorded sentences, since the truth does not list every statement of the trove.
    """
    docs = {
        f"trove/{d['path']}": d["split"]
        for d in truth["documents"]
        if split in (None, "all", d["split"])
    }
    doc_of = {path: doc_id for path, doc_id in case.documents.all_paths() if path in docs}
    known = _truth_names(truth["entities"])
    aliases = {
        e["id"]: {a.lower() for a in [e["name"], *e["aliases"]]} for e in case.entities.select()
    }
    events_on = _by_page(case.events.select())
    claims_on = _by_page([c for c in case.claims.select() if c["kind"] not in UNCODED_CLAIM_KINDS])
    pages = case.pages.texts_of(set(doc_of.values()))
    event_counts = Counter()
    for event in truth["events"]:
        if f"trove/{event['doc']}" not in doc_of:
            continue  # another part of the trove
        where = _quote_span(event, doc_of, pages)
        if where is None:
            event_counts["unplaced"] += 1
            continue
        event_counts["events"] += 1
        inside = [
            e for e in events_on.get(where[:2], []) if where[2] <= e["trigger"]["start"] < where[3]
        ]
        same = [e for e in inside if e["category"] == event["category"]]
        event_counts["detected"] += bool(inside)
        event_counts["category"] += bool(same)
        for role, key in (("source", "actor"), ("target", "target")):
            wanted = actor_list(event[key])
            if not wanted:
                continue
            event_counts[f"{role}_gold"] += 1
            right = any(
                all(_names_match(known[w], actor_ids(e[role]), aliases) for w in wanted)
                for e in same or inside
            )
            event_counts[f"{role}_right"] += right
    claim_counts = Counter()
    claimed: set[str] = set()
    for claim in truth["claims"]:
        where = _quote_span(claim, doc_of, pages)
        if where is None:
            continue
        claim_counts["gold"] += 1
        found = [
            c
            for c in claims_on.get(where[:2], [])
            if c["content_span"]["start"] < where[3] and where[2] < c["content_span"]["end"]
        ]
        claimed.update(c["id"] for c in found)
        speaker_ok = any(_speaker_right(claim, c, known, aliases) for c in found)
        content_ok = any(
            _words_f1(c["content"], claim["content"], claim["quote"]) >= 0.5 for c in found
        )
        claim_counts["speaker"] += speaker_ok
        claim_counts["content"] += content_ok
    claim_counts["found"] = len(claimed)
    return {"events": _event_report(event_counts), "claims": _claim_report(claim_counts)}


def _event_report(counts: Counter) -> dict[str, Any]:
    total = counts["events"] or 1
    return {
        "events": counts["events"],
        "not_placed": counts["unplaced"],
        "detected": round(counts["detected"] / total, 3),
        "category_accuracy": round(counts["category"] / total, 3),
        "source_accuracy": round(counts["source_right"] / (counts["source_gold"] or 1), 3),
        "target_accuracy": round(counts["target_right"] / (counts["target_gold"] or 1), 3),
    }


def _claim_report(counts: Counter) -> dict[str, Any]:
    def f1(right: int) -> float:
        p = right / counts["found"] if counts["found"] else 0.0
        r = right / counts["gold"] if counts["gold"] else 0.0
        return round(2 * p * r / (p + r), 3) if p + r else 0.0

    return {
        "claims": counts["gold"],
        "speaker_f1": f1(counts["speaker"]),
        "content_f1": f1(counts["content"]),
    }


def _truth_names(entities: list[dict[str, Any]]) -> dict[str, set[str]]:
    return {e["id"]: {a.lower() for a in [e["name"], *e["aliases"]]} for e in entities}


def _names_match(wanted: set[str], found_ids: list[str], aliases: dict[str, set[str]]) -> bool:
    return any(aliases.get(i, set()) & wanted for i in found_ids)


def _speaker_right(claim: dict, found: dict, known: dict, aliases: dict) -> bool:
    if claim["source"]:
        return found["speaker"] is not None and _names_match(
            known[claim["source"]], [found["speaker"]["id"]], aliases
        )
    wanted = (claim.get("source_text") or "").lower()
    return (
        bool(wanted)
        and bool(found["speaker_text"])
        and (found["speaker_text"].lower() in wanted or wanted in found["speaker_text"].lower())
    )


def _words_f1(found: str, *references: str) -> float:
    got = set(re.findall(r"\w+", found.lower()))
    best = 0.0
    for reference in references:
        want = set(re.findall(r"\w+", reference.lower()))
        both = len(got & want)
        if both:
            p, r = both / len(got), both / len(want)
            best = max(best, 2 * p * r / (p + r))
    return best


def _by_page(rows: list[dict[str, Any]]) -> dict[tuple[str, int], list[dict[str, Any]]]:
    found: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for row in rows:
        found.setdefault((row["evidence"]["doc_id"], row["evidence"]["page"]), []).append(row)
    return found


def _quote_span(
    record: dict[str, Any], doc_of: dict[str, str], pages: dict[tuple[str, int], str]
) -> tuple[str, int, int, int] | None:
    """Where a recorded sentence is written: (doc id, page, start, end), lines re-wrapped."""
    doc_id = doc_of.get(f"trove/{record['doc']}")
    if doc_id is None:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in record["quote"].split()))
    for (page_doc, number), text in pages.items():
        if page_doc == doc_id and (match := pattern.search(text)):
            return doc_id, number, match.start(), match.end()
    return None
