"""Claim quality on the hand-written gold set (tests/nlp/gold/events.jsonl).

    .venv/bin/python bench/eval_claims.py [--model NAME] [--errors] [--demo [--work .bench]]

Prints, for the dev and held-out parts and the whole set: claim detection, speaker, cue and
content F1 (content: word overlap of at least one half), kind and hedging accuracy.
--errors lists the dev part's errors only.
"""

from __future__ import annotations

from eval_events import run

if __name__ == "__main__":
    run("claims")
