"""E-mail: the quartermaster's mailbox, single messages, an Outlook .msg.

The messages and their ground truth are read from ``data/mail.yaml`` (see ``render``);
the Outlook message is written by ``legacy``.
"""

from __future__ import annotations

from . import data_writers, legacy, render
from .docs_finance import invoice_031
from .model import Doc, Truth, at, member

CONVOY_MSG = "mail/2015-07-03_convoy_timing.msg"
WRITERS = {**data_writers.WRITERS, "invoice_031": invoice_031}


def build(t: Truth) -> list[Doc]:
    return [*render.render("mail", t, WRITERS), convoy_msg()]


def convoy_msg() -> Doc:
    route = Doc(
        member(CONVOY_MSG, "route.txt"), "txt", legacy.ROUTE_TEXT.encode("ascii"), at(7, 3, 17, 42)
    )
    return Doc(CONVOY_MSG, "msg", legacy.convoy_msg(), at(7, 3, 17, 42), children=[route])
