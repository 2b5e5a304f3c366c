"""The Brigades' internal papers: orders, situation reports, memos, briefings.

The documents and their ground truth are read from ``data/command_*.yaml`` (see
``render``); ``sitrep`` writes the weekly situation reports they name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from . import data_writers, render, writers
from .model import Doc, Truth

MEMO_FUEL = "command/memos/2015-02-02_memo_fuel_for_grain.pdf"
PARTS = ("orders", "sitreps", "memos", "briefings", "field_orders")


def sitrep(period: str, date: str, sections: Mapping[str, Sequence[str]]) -> bytes:
    """A weekly situation report of the Southern Sector: numbered sections of paragraphs."""
    lines = [
        "SOUTHERN VALLEY BRIGADES - SOUTHERN SECTOR",
        "WEEKLY SITUATION REPORT",
        f"Period: {period}",
        f"Date: {date}",
        "From: Sector headquarters",
        "To: General Command",
        "Classification: SECRET",
        "",
    ]
    for number, (title, paragraphs) in enumerate(sections.items(), start=1):
        lines.append(f"{number}. {title}")
        lines.extend(paragraphs)
        lines.append("")
    lines.append("End of report.")
    return writers.text(lines)


WRITERS = {**data_writers.WRITERS, "sitrep": sitrep}


def build(t: Truth) -> list[Doc]:
    return [doc for part in PARTS for doc in render.render(f"command_{part}", t, WRITERS)]
