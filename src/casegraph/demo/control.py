"""The control trove: the same actors a year later, when they only fight.

By 2016 the arrangement between Zarqan's army and the Southern Valley Brigades has
ended. The ten text documents here (news pages, statements, a monitors' statement,
e-mails, a situation report) record shelling, ambushes, arrests, threats,
accusations, refusals and sanctions, and no cooperation of any kind: no event of
the verbal or material cooperation quads, between anyone. A detector of
cooperation between adversaries should find nothing here.

The documents and their ground truth are read from ``data/control.yaml`` (see
``render``). ``trove.build_control_trove`` writes them; ``trove.control_ground_truth``
returns their ground truth, which has the layout of the main trove's.
"""

from __future__ import annotations

from . import render
from .docs_press import WRITERS
from .model import Doc, Truth


def build(t: Truth) -> list[Doc]:
    return render.render("control", t, WRITERS)
