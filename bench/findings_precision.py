"""Precision of findings, by kind, on the demo and on a second trove written blind to the code.

    .venv/bin/python bench/findings_precision.py [--work .bench/precision] [--errors]

A finding is judged against an answer key written with its trove, never against casegraph's
own output. The key (``tests/analysis/trove2/answers.json``, and the same shape made from the
demo's ground truth by ``demo_key``) names the actors with their aliases and parents, the
public adversaries, the pairs of adversaries that really cooperate with the passages that
show it, every denial (true or false, and what contradicts a false one), the copied stories
and every attributed statement with the independent sources that say the same.

A finding is correct when:

- ``unexpected_cooperation``: its two sides are, counting each actor for the bodies above
  it (an army for its government), a pair the key says cooperates, and one of its passages
  is one of the key's passages for that pair;
- ``contradiction``: its denial is a denial the key calls false, and one of the passages set
  against it is one the key says contradicts it;
- ``single_source_claim``: its claim is a statement the key says only one independent
  source makes, and the finding names that speaker (or a body it speaks for);
- ``syndicated_copies``: its documents are all copies of one story in the key.

A finding the key does not cover (a claim it lists no statement for, a false denial set
only against passages the key never quotes) is left unjudged: precision is over the judged
findings, and ``strict`` counts the unjudged as wrong.

Across every finding it also lists actors that are no actors (places, or names the key does
not know) and sources without an identity. Passages match when one holds the other or they
share a run of 40 characters, whitespace folded.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from casegraph.analysis.findings import find
from casegraph.case.store import Case
from casegraph.ingest.pipeline import ingest
from casegraph.nlp.extract import extract, import_actors
from casegraph.records import actor_list
from casegraph.settings import Settings

SECOND_TROVE = Path(__file__).resolve().parent.parent / "tests" / "analysis" / "trove2"
KINDS = ("unexpected_cooperation", "contradiction", "single_source_claim", "syndicated_copies")
SHARED_RUN = 40  # characters two passages must share to be one
COOPERATION = ("verbal_cooperation", "material_cooperation")
Key = dict[str, Any]


def load_key(folder: Path) -> Key:
    """A trove's answer key, with each actor's parent from its actors.csv."""
    key = json.loads((folder / "answers.json").read_text(encoding="utf-8"))
    with (folder / "actors.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["id"] in key["actors"]:
                key["actors"][row["id"]]["parent"] = row["parent"] or None
    return key


def demo_key(truth: dict[str, Any], prefix: str = "trove/") -> Key:
    """The demo's ground truth in the answer key's shape."""
    entities = {e["id"]: e for e in truth["entities"]}
    parent = {i: e.get("part_of") or e.get("affiliation") for i, e in entities.items()}
    actors = {
        i: {"name": e["name"], "type": e["type"], "aliases": e["aliases"], "parent": parent[i]}
        for i, e in entities.items()
    }
    enemies = {frozenset((i, a)) for i, e in entities.items() for a in e["adversaries"]}
    top = _tops(actors)
    events = {e["id"]: e for e in truth["events"]}
    cooperation: dict[frozenset, list[dict]] = defaultdict(list)
    for event in truth["events"]:
        if event["quad"] not in COOPERATION or event["negated"]:
            continue
        for target in _ids(event["target"]):
            pair = frozenset((top(event["actor"]), top(target)))
            if pair in {frozenset((top(a), top(b))) for a, b in map(tuple, enemies)}:
                cooperation[pair].append(_said(prefix, event))
    denials = []
    for claim in truth["claims"]:
        if claim["stance"] != "denies":
            continue
        act = events.get(claim["about_event"] or "")
        happened = bool(act) and not act["negated"]
        same = [
            e
            for e in truth["events"]
            if act and not e["negated"] and e["category"] == act["category"]
        ]
        told = [
            c
            for c in truth["claims"]
            if act and c["about_event"] == act["id"] and c["stance"] != "denies"
        ]
        denials.append(
            {
                "file": prefix + claim["doc"],
                "speaker": claim["source"],
                "quote": claim["quote"],
                "true": not happened,
                "contradicted_by": [_said(prefix, x) for x in same + told] if happened else [],
            }
        )
    by_event: dict[str, set[str]] = defaultdict(set)
    for claim in truth["claims"]:
        if claim["about_event"]:
            by_event[claim["about_event"]].add(claim["source"] or claim["source_text"])
    statements = [
        {
            "file": prefix + c["doc"],
            "speaker": _named_speaker(c, entities),
            "quote": c["quote"],
            "independent_sources": sorted(
                by_event[c["about_event"]] if c["about_event"] else {c["source"]}, key=str
            ),
        }
        for c in truth["claims"]
        if c["stance"] != "denies"
    ]
    copies = [
        [prefix + s["doc"], prefix + s["copied_from"]] for s in truth["stories"] if s["copied_from"]
    ]
    return {
        "actors": actors,
        "adversaries": [sorted(p) for p in enemies],
        "cooperation": [{"sides": sorted(p), "evidence": q} for p, q in cooperation.items()],
        "denials": denials,
        "copies": copies,
        "statements": statements,
    }


def _named_speaker(claim: dict[str, Any], entities: dict[str, dict[str, Any]]) -> str | None:
    """A claim's speaker when the text names it; None for words that name no one ("military
    sources"), whoever the truth knows them to be."""
    words = claim["source_text"]
    if not words or not claim["source"]:
        return claim["source"]
    names = {_fold(n) for n in entities[claim["source"]]["aliases"]}
    return claim["source"] if _fold(re.sub(r"^the ", "", words)) in names | {_fold(words)} else None


def _said(prefix: str, event: dict[str, Any]) -> dict[str, str]:
    return {"file": prefix + event["doc"], "quote": event["quote"]}


def _ids(value: Any) -> list[str]:
    return [v for v in actor_list(value) if v]


def _tops(actors: dict[str, dict[str, Any]]) -> Any:
    """The body at the top of an actor's line of parents (a spokesman's government)."""

    def top(actor: str) -> str:
        seen = {actor}
        while (up := actors.get(actor, {}).get("parent")) and up not in seen:
            actor = up
            seen.add(up)
        return actor

    return top


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[\u201c\u201d\"'\u2018\u2019]", "'", text).split()).lower()


def same_passage(text: str, quote: str) -> bool:
    """Whether a finding's passage and a key's quote are one passage."""
    a, b = _fold(text), _fold(quote)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    block = difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match()
    return block.size >= SHARED_RUN


class Judge:
    """Judges one case's findings against its trove's key."""

    def __init__(self, case: Case, key: Key) -> None:
        self.key = key
        self.paths: dict[str, set[str]] = defaultdict(set)  # a document's every path
        for path, doc_id in case.documents.all_paths():
            self.paths[doc_id].add(path)
        self.top = _tops(key["actors"])
        self.names = {
            _fold(name): actor_id
            for actor_id, actor in key["actors"].items()
            for name in [actor["name"], *actor.get("aliases", [])]
        }

    def actor(self, name: str) -> str | None:
        """The key's actor a finding's name stands for, if any."""
        folded = _fold(name)
        return self.names.get(folded) or self.names.get(re.sub(r"^the ", "", folded))

    def _passages(self, finding: dict[str, Any], first: int = 0) -> list[tuple[set[str], str]]:
        return [
            (self.paths[p["doc_id"]], p["text"])
            for p in finding["evidence"][first:]
            if p.get("sides_named", True)
        ]

    def _shows(self, passages: list[tuple[set[str], str]], quotes: list[dict[str, str]]) -> bool:
        return any(
            q["file"] in paths and same_passage(text, q["quote"])
            for paths, text in passages
            for q in quotes
        )

    def correct(self, finding: dict[str, Any]) -> tuple[bool | None, str]:
        """Whether a finding is right by the key (None: the key does not say), and why not."""
        return getattr(self, f"_{finding['kind']}")(finding)

    def _unexpected_cooperation(self, finding: dict[str, Any]) -> tuple[bool, str]:
        sides = {self.top(i) for i in (self.actor(a["name"]) for a in finding["actors"]) if i}
        pairs = [p for p in self.key["cooperation"] if {self.top(s) for s in p["sides"]} == sides]
        if not pairs:
            return False, f"no cooperating pair in the key: {sorted(sides)}"
        if self._shows(self._passages(finding), [q for p in pairs for q in p["evidence"]]):
            return True, ""
        return False, "right sides, but none of the key's passages"

    def _quoted(self, passages: list[tuple[set[str], str]]) -> bool:
        """Whether the key quotes any of these passages anywhere."""
        key = self.key
        quotes = [q for pair in key["cooperation"] for q in pair["evidence"]]
        quotes += [q for entry in key["denials"] for q in [entry, *entry["contradicted_by"]]]
        return self._shows(passages, quotes + key["statements"])

    def _contradiction(self, finding: dict[str, Any]) -> tuple[bool | None, str]:
        denial = finding["evidence"][0]
        paths = self.paths[denial["doc_id"]]
        for entry in self.key["denials"]:
            if entry["file"] in paths and same_passage(denial["text"], entry["quote"]):
                if entry["true"]:
                    return False, "the key says this denial is true"
                reports = self._passages(finding, 1)
                if self._shows(reports, entry["contradicted_by"]):
                    return True, ""
                if not self._quoted(reports):
                    return None, "a false denial, set against passages the key does not quote"
                return False, "a false denial, but set against passages that do not contradict it"
        return False, "not a denial in the key"

    def _single_source_claim(self, finding: dict[str, Any]) -> tuple[bool | None, str]:
        claim = finding["evidence"][0]
        paths = self.paths[claim["doc_id"]]
        source = self.actor(finding["sources"][0]["name"])
        for entry in self.key["statements"]:
            if entry["file"] not in paths or not same_passage(claim["text"], entry["quote"]):
                continue
            if len(entry["independent_sources"]) > 1:
                return False, "the key has other independent sources for it"
            speaker = entry["speaker"]
            if speaker is None or (source and self.top(source) == self.top(speaker)):
                return True, ""
            return False, f"the key's speaker is {speaker}, the finding names {source}"
        return None, "not a statement in the key"

    def _syndicated_copies(self, finding: dict[str, Any]) -> tuple[bool, str]:
        documents = [self.paths[p["doc_id"]] for p in finding["evidence"]]
        for group in _groups(self.key["copies"]):
            if all(paths & group for paths in documents):
                return True, ""
        return False, "not copies of one story in the key"

    def not_actors(self, finding: dict[str, Any]) -> list[str]:
        """A finding's actors that the key holds to be places, or does not know."""
        wrong = []
        for actor in finding["actors"]:
            known = self.actor(actor["name"])
            if known is None or self.key["actors"][known]["type"] == "place":
                wrong.append(actor["name"])
        return wrong

    def nameless_sources(self, finding: dict[str, Any]) -> list[str]:
        """A finding's sources that are neither an actor the key knows nor a document."""
        return [
            s["name"]
            for s in finding["sources"]
            if not s["name"].startswith("document \u201c") and self.actor(s["name"]) is None
        ]


def _groups(pairs: list[list[str]]) -> list[set[str]]:
    """Pairs of copies joined into groups of one story."""
    groups: list[set[str]] = []
    for pair in pairs:
        touching = [g for g in groups if g & set(pair)]
        merged = set(pair).union(*touching)
        groups = [g for g in groups if g not in touching] + [merged]
    return groups


def judge(case: Case, key: Key) -> dict[str, Any]:
    """Precision by kind, and each wrong finding with the reason."""
    judging = Judge(case, key)
    by_kind = {k: {"findings": 0, "judged": 0, "correct": 0} for k in KINDS}
    wrong, unjudged, not_actors, nameless = [], [], [], []
    for finding in find(case):
        right, why = judging.correct(finding)
        tally = by_kind[finding["kind"]]
        tally["findings"] += 1
        tally["judged"] += right is not None
        tally["correct"] += right is True
        entry = {"kind": finding["kind"], "title": finding["title"], "why": why}
        if right is None:
            unjudged.append(entry)
        elif not right:
            wrong.append(entry)
        not_actors += judging.not_actors(finding)
        nameless += judging.nameless_sources(finding)
    for tally in by_kind.values():
        judged, n = tally["judged"], tally["findings"]
        tally["precision"] = tally["correct"] / judged if judged else None
        tally["strict"] = tally["correct"] / n if n else None
    return {
        "kinds": by_kind,
        "wrong": wrong,
        "unjudged": unjudged,
        "not_actors": sorted(set(not_actors)),
        "nameless_sources": sorted(set(nameless)),
    }


def second_trove_case(work: Path) -> Case:
    """The second trove ingested, with its investigator's actor list, and extracted."""
    case = Case.create(work / "case", Settings(workers=2))
    import_actors(case, SECOND_TROVE / "actors.csv")
    ingest(case, [SECOND_TROVE / "files"], progress=False)
    extract(case, progress=False)
    return case


def demo_case(work: Path) -> tuple[Case, Key]:
    from casegraph.demo.run import run_demo

    summary = run_demo(work / "demo", workers=2, progress=False)
    truth = json.loads(Path(summary["ground_truth"]).read_text(encoding="utf-8"))
    return Case.open(Path(summary["case"])), demo_key(truth)


def _table(name: str, result: dict[str, Any]) -> list[str]:
    lines = []
    for kind, t in result["kinds"].items():
        figures = [_share(t["precision"]), _share(t["strict"])]
        lines.append(
            f"| {name} | {kind} | {t['findings']} | {t['judged']} | {t['correct']} | "
            + " | ".join(figures)
            + " |"
        )
    return lines


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--work", type=Path, help="keep the cases here (default: a temp folder)")
    parser.add_argument("--errors", action="store_true", help="list every wrong finding")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="precision-"))
    work.mkdir(parents=True, exist_ok=True)
    demo, key = demo_case(work)
    results = {"demo": judge(demo, key)}
    results["second trove"] = judge(second_trove_case(work / "trove2"), load_key(SECOND_TROVE))
    print("| trove | kind | findings | judged | correct | precision | strict |")
    print("|---|---|---|---|---|---|---|")
    for name, result in results.items():
        print("\n".join(_table(name, result)))
    for name, result in results.items():
        print(
            f"\n{name}: actors that are no actors {result['not_actors'] or 'none'}; "
            f"sources without an identity {result['nameless_sources'] or 'none'}"
        )
        if args.errors:
            for verdict in ("wrong", "unjudged"):
                for item in result[verdict]:
                    print(f"  {verdict} {item['kind']}: {item['title']} ({item['why']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
