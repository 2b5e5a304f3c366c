"""`casegraph extract`: recognise mentions on pages not yet done, then resolve the whole case."""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterator
from itertools import islice
from typing import Any

from tqdm import tqdm

from ..case.store import Case
from ..records import Mention
from .recognize import recognise_pages, recognizer_name
from .resolve import MentionRow, acronyms, resolve

STAGE = "entities"
BATCH_PAGES = 200


def extract(case: Case, progress: bool = True) -> dict[str, Any]:
    """Find mentions on every page not yet processed by the case's model; resolve entities."""
    with case.writer_lock():
        model = case.load_settings().nlp_model
        label = recognizer_name(model)
        todo = case.pages_for_stage(STAGE, label)
        bar = tqdm(
            total=sum(len(text) for *_, text in todo),
            unit="char",
            unit_scale=True,
            desc="entities",
            file=sys.stderr,
            disable=None if progress else True,
        )
        found = 0
        for batch in _batches(todo, BATCH_PAGES):
            found += _recognise_batch(case, batch, model, label)
            bar.update(sum(len(text) for *_, text in batch))
        bar.close()
        entities = resolve_case(case)
    return {"pages": len(todo), "mentions_found": found, "entities": entities}


def _recognise_batch(
    case: Case, batch: list[tuple[int, str, int, str]], model: str, label: str
) -> int:
    by_page: dict[tuple[str, int], list[Mention]] = defaultdict(list)
    pages = [(doc_id, number, text) for _, doc_id, number, text in batch]
    for mention in recognise_pages(pages, model):
        by_page[(mention.doc_id, mention.page)].append(mention)
    with case.db:
        for page_id, doc_id, number, _ in batch:
            case.save_mentions(page_id, by_page[(doc_id, number)], STAGE, label)
    return sum(len(found) for found in by_page.values())


def resolve_case(case: Case) -> int:
    """Resolve every mention of the case to entities, people's judgements winning; returns count."""
    rows = [MentionRow(*row) for row in case.mention_rows()]
    merges, splits = case.judgements()
    assignment, entities = resolve(rows, acronyms(case.page_texts()), None, merges, splits)
    case.save_entities(assignment, entities)
    return len(entities)


def _batches(items: list, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
