"""Archives: the handover file, logistics, field-office backup, old reports, notes.

The archives, their members and their ground truth are read from ``data/archives.yaml``
(see ``render``).
"""

from __future__ import annotations

from . import render
from .model import Doc, Truth


def build(t: Truth) -> list[Doc]:
    return render.render("archives", t)
