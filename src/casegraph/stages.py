"""What a pipeline stage declares: its versioned name, what it reads, what it writes, and how
it runs.

The registries are where the stages are put together: ``investigate.STAGES`` (ingest,
extract, findings, report) and ``nlp.extract.EXTRACT_STAGES`` (recognise with its page
readers, propagate, resolve, link). A stage reads and writes the case's repositories by the
names ``Case`` gives them (``documents``, ``pages``, ``mentions`` ...); ``files`` are the
inputs on disk and ``report`` the report file. Work already done is decided from a stage's
version on the rows it wrote: pages carry the version of the stage that read them, so a new
version reads them again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .case.store import Case

# the name a page read by the recognise stage is recorded under (``page_stages``)
READ_PAGES = "entities"


@dataclass
class Run:
    """One run of a registry's stages: what it was given and what each stage returned."""

    inputs: list[Path] = field(default_factory=list)
    report: Path | None = None
    progress: bool = True
    results: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Stage:
    """One step of a pipeline and its contract."""

    name: str
    version: Callable[[Case], str]
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    run: Callable[[Case, Run], Any]


def fixed(version: str) -> Callable[[Case], str]:
    """The version of a stage that is the same for every case."""
    return lambda _case: version
