"""The quartermaster's accounts: ledgers, shipments, invoices, the contract.

The documents and their ground truth are read from ``data/finance.yaml`` (see
``render``); ``ledger_backup`` writes the backup that was cut off, and the accounts'
copy of the fuel memo has the bytes of the commander's.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from . import data_writers, render, writers
from .model import Doc, Truth

INVOICE_031 = "finance/invoice_ACT-2015-031.pdf"


def invoice_031() -> bytes:
    """Amber Coast's invoice for its commission (also attached to an e-mail)."""
    entry = next(e for e in render.load("finance") if e.get("path") == INVOICE_031)
    return render.render_doc(entry, Truth()).data


def ledger_backup(
    *,
    heading: str,
    intro: str,
    line: str,
    exchanges: Sequence[tuple[str, int]],
    copies: int,
    keep: float,
    title: str,
    author: str,
    when: datetime,
) -> bytes:
    """A ledger copied to Word, one numbered ``line`` per exchange ``copies`` times, cut off."""
    lines = [
        line.format(n=number, date=date, tonnes=tonnes)
        for number, (date, tonnes) in enumerate(list(exchanges) * copies, start=1)
    ]
    document = writers.docx([("h", heading), intro, *lines], title=title, author=author, when=when)
    return writers.truncate(document, keep)


def build(t: Truth, memo_fuel: Doc) -> list[Doc]:
    # The same memo saved twice: once by the commander's office, once in the accounts.
    def memo_copy() -> bytes:
        return memo_fuel.data

    finance_writers: dict[str, data_writers.Writer] = {
        **data_writers.WRITERS,
        "ledger_backup": ledger_backup,
        "memo_fuel": memo_copy,
    }
    return render.render("finance", t, finance_writers)
