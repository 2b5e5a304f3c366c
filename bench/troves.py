"""Deterministic benchmark troves of the demo kinds, and helpers the bench scripts share.

``make_trove(dest, n, seed)`` writes n input files (plain-text memos, CSV ledgers, HTML
articles, JSON records, e-mails with some attachments, DOCX, XLSX, PDF, a few ZIPs),
about 100 per folder, with ~1% exact duplicates. The text comes from a fixed vocabulary
(convoys, fuel, grain, ports, ministries, militias, dates in 2014-2016, Arabic sentences
with variant spellings, a Zipf-distributed tail of names) so searches have realistic
selectivity. ``cached_trove`` keeps generated troves under a work folder.

Run ``python bench/troves.py --n 1000`` to pre-generate a trove and print its manifest.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import html
import importlib
import io
import itertools
import json
import os
import platform
import random
import re
import shutil
import sqlite3
import sys
import textwrap
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

GENERATOR_VERSION = 1
REPO = Path(__file__).resolve().parents[1]
DEFAULT_WORK = REPO / ".bench"
FILES_PER_FOLDER = 100
DUPLICATE_EVERY = 100  # every 100th file is an exact copy of an earlier one (~1%)

# -- vocabulary -----------------------------------------------------------------

PORTS = ["Tartus", "Latakia", "Beirut", "Mersin", "Aqaba", "Basra", "Umm Qasr", "Tripoli"]
PLACES = [
    "Aleppo", "Homs", "Hama", "Idlib", "Raqqa", "Deir ez-Zor", "Mosul", "Kirkuk", "Palmyra",
    "Manbij", "Azaz", "Qamishli", "Tal Abyad", "Sinjar", "Daraa", "Qusayr",
]  # fmt: skip
MINISTRIES = ["Oil", "Interior", "Trade", "Defence", "Transport", "Finance", "Agriculture"]
MILITIAS = [
    "Northern Shield militia",
    "Falcon Battalion",
    "Desert Wolves militia",
    "Eastern Brigade",
]
CARGO = ["fuel", "diesel", "grain", "wheat", "flour", "barley", "rice", "cement", "medicine"]
VEHICLES = ["truck", "tanker", "lorry", "barge", "pickup", "trailer"]
ROLES = ["colonel", "broker", "driver", "clerk", "inspector", "governor", "trader", "officer"]
FIRST = [
    "Ahmad", "Omar", "Khaled", "Yusuf", "Hassan", "Samir", "Nadia", "Layla", "Rami", "Fadi",
    "Mariam", "Tariq", "Walid", "Huda", "Karim", "Salma", "Adnan", "Rania", "Ziad", "Mona",
]  # fmt: skip
LAST = [
    "Haddad", "Khoury", "Nasser", "Saleh", "Darwish", "Mansour", "Qassem", "Hamdan", "Aziz",
    "Jaber", "Halabi", "Sabbagh", "Tamimi", "Zaidan", "Othman", "Rifai", "Bakri", "Shami",
]  # fmt: skip
RARE_WORDS = [
    "kestrel", "bluefin", "obsidian", "marigold", "tamarind", "quillon", "saffron",
    "juniper", "halcyon", "vermilion", "cobalt", "lodestar", "meridian", "ptarmigan",
]  # fmt: skip
TEMPLATES = [
    "The convoy of {num} {vehicle}s left {place} on {date} carrying {cargo} for the "
    "Ministry of {ministry}.",
    "Fighters of the {militia} stopped the convoy at the {place} checkpoint and demanded "
    "{amount} litres of fuel.",
    "A shipment of {cargo} was unloaded at the port of {port} under armed escort.",
    "Payment of {amount} USD for {cargo} delivered to the {place} depot was approved by {person}.",
    "The Ministry of {ministry} denied any knowledge of the handover at {port} on {date}.",
    "According to the {role} {person}, the {militia} controls the road between {place} "
    "and {place2}.",
    "{person} reported that {num} {vehicle}s of {cargo} never reached the warehouse in {place}.",
    "Customs records at {port} list {amount} tonnes of {cargo} consigned to {tail}.",
    "The handover of the {cargo} convoy took place near {tail} on {date}.",
    "Minutes of the meeting with the Ministry of {ministry} mention {tail} and {tail2}.",
    "A {vehicle} registered to {person} crossed the {place} checkpoint twice on {date}.",
    "The {militia} levied a fee of {amount} USD on every {vehicle} entering {place}.",
    "Grain prices in {place} rose after the port of {port} was closed on {date}.",
    "Fuel smuggling through {tail} was discussed with the {role} at the harbour office.",
    "The draft agreement between the {militia} and the ministry was signed on {date}.",
]
ARABIC = [
    "وصلت القافلة إلى الميناء صباح الأحد.",
    "نقص الوقود في المستودع الرئيسي منذ أسبوعين.",
    "أمرت وزارة النقل بتفتيش الشاحنات على الحاجز.",
    "أقامت الميليشيا حاجزا على الطريق إلى المدينة.",
    "تأخرت شحنة القمح في الجمارك بسبب الأوراق.",
    "دفع التاجر رسوما كبيرة لعبور القافلة.",
    "قالت الوزارة إن الوقود سيصل خلال أيام.",
    "تم تسليم الحمولة إلى الضابط في الميناء.",
    "سجلت الجمارك كمية كبيرة من الطحين والقمح.",
    "أكد السائق أن الحاجز أغلق مساء الخميس.",
]
# spelling variants seen in real troves: taa marbuta as haa, bare alef, alef maqsura as yeh
ARABIC_VARIANTS = [("ة", "ه"), ("إ", "ا"), ("أ", "ا"), ("ى", "ي")]
_SYLLABLES = [
    "ka", "ra", "ba", "tal", "deir", "ain", "kafr", "um", "jab", "sha", "mar", "has",
    "qas", "nab", "zah", "dul", "mis", "far", "hal", "sub", "rim", "kur", "lat", "wad",
]  # fmt: skip
_START, _END = date(2014, 1, 1), date(2016, 12, 31)

# -- kinds ----------------------------------------------------------------------

KIND_WEIGHTS = {
    "txt": 20, "csv": 9, "html": 15, "json": 8, "eml": 16,
    "docx": 10, "xlsx": 7, "pdf": 12, "zip": 3,
}  # fmt: skip
MIXES = {"demo": KIND_WEIGHTS, "text": {"txt": 45, "html": 30, "eml": 25}}
THEMES = ["ministry", "logistics", "press", "mail", "finance", "field"]
_STEMS = {
    "txt": "memo", "csv": "ledger", "html": "article", "json": "record", "eml": "mail",
    "docx": "report", "xlsx": "sheet", "pdf": "brief", "zip": "bundle",
}  # fmt: skip


@cache
def tail_words() -> tuple[list[str], list[float]]:
    """A fixed long tail of place and family names with Zipf cumulative weights."""
    rng = random.Random("casegraph-bench-tail")
    words: list[str] = []
    seen: set[str] = set()
    while len(words) < 3000:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words, list(itertools.accumulate(1.0 / rank for rank in range(1, len(words) + 1)))


class Writer:
    """Makes the text and bytes of one document from its own seeded random stream."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.when = self.random_date()

    def random_date(self) -> datetime:
        """A date-time between 2014 and 2016."""
        day = _START + timedelta(days=self.rng.randrange((_END - _START).days + 1))
        return datetime(day.year, day.month, day.day, self.rng.randrange(7, 20), 0, tzinfo=UTC)

    def date_text(self) -> str:
        """A date in one of the styles documents use."""
        when = self.random_date()
        style = self.rng.randrange(3)
        if style == 0:
            return when.strftime("%d %B %Y")
        return when.strftime("%Y-%m-%d") if style == 1 else when.strftime("%d/%m/%Y")

    def person(self) -> str:
        """A name from the fixed lists."""
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def tail(self) -> str:
        """A Zipf-distributed rare name."""
        words, cumulative = tail_words()
        return self.rng.choices(words, cum_weights=cumulative)[0]

    def sentence(self) -> str:
        """One English sentence from the templates, sometimes with a rare code word."""
        rng = self.rng
        text = rng.choice(TEMPLATES).format(
            num=rng.randint(2, 40),
            vehicle=rng.choice(VEHICLES),
            place=rng.choice(PLACES),
            place2=rng.choice(PLACES),
            date=self.date_text(),
            cargo=rng.choice(CARGO),
            ministry=rng.choice(MINISTRIES),
            militia=rng.choice(MILITIAS),
            amount=f"{rng.randint(1, 900) * 50:,}",
            port=rng.choice(PORTS),
            person=self.person(),
            role=rng.choice(ROLES),
            tail=self.tail(),
            tail2=self.tail(),
        )
        if rng.random() < 0.004:
            text += f" The file refers to operation {rng.choice(RARE_WORDS)}."
        return text

    def arabic_sentence(self, variants: bool) -> str:
        """One Arabic sentence, with variant spellings when asked."""
        text = self.rng.choice(ARABIC)
        if variants:
            for plain, variant in ARABIC_VARIANTS:
                text = text.replace(plain, variant)
        return text

    def paragraphs(
        self, low: int, high: int, arabic: bool = False, latin_only: bool = False
    ) -> list[str]:
        """Paragraphs of 1-5 sentences: Arabic, or English, sometimes quoting Arabic."""
        count = self.rng.randint(low, high)
        variants = self.rng.random() < 0.4
        if arabic:
            sentences = [self.arabic_sentence(variants) for _ in range(count * 3)]
        else:
            sentences = [self.sentence() for _ in range(count * 3)]
            if not latin_only and self.rng.random() < 0.12:
                sentences.insert(self.rng.randrange(len(sentences)), self.arabic_sentence(False))
        out, i = [], 0
        while i < len(sentences):
            step = self.rng.randint(1, 5)
            out.append(" ".join(sentences[i : i + step]))
            i += step
        return out

    def title(self) -> str:
        """A short document title."""
        rng = self.rng
        return (
            f"{rng.choice(['Report', 'Note', 'Memo', 'Summary', 'Update'])} on "
            f"{rng.choice(CARGO)} {rng.choice(['convoys', 'deliveries', 'payments'])} "
            f"from {rng.choice(PLACES)}"
        )


# -- formats --------------------------------------------------------------------


def txt_bytes(w: Writer) -> bytes:
    """A memo; some are Arabic, a few in a legacy code page (cp1252 or cp1256)."""
    arabic, legacy = w.rng.random() < 0.07, w.rng.random() < 0.05
    head = [f"MEMO {w.rng.randint(100, 9999)}", f"Date: {w.when:%d %B %Y}", w.title()]
    body = "\n\n".join(head + w.paragraphs(2, 10, arabic, latin_only=legacy)) + "\n"
    if arabic:
        return body.encode("cp1256" if legacy else "utf-8")
    if legacy:
        return (body + "Filed at the Café Néroli, cost 12 €.\n").encode("cp1252")
    return body.encode("utf-8")


def csv_bytes(w: Writer) -> bytes:
    """A ledger of payments: date, reference, description, amount, currency, account."""
    out = io.StringIO()
    sheet = csv.writer(out, lineterminator="\r\n")
    sheet.writerow(["date", "reference", "description", "amount", "currency", "account"])
    for _ in range(w.rng.randint(15, 120)):
        rng = w.rng
        sheet.writerow(
            [
                w.random_date().strftime("%Y-%m-%d"),
                f"REF-{rng.randint(10000, 99999)}",
                f"{rng.choice(CARGO)} {rng.choice(VEHICLES)} {rng.choice(PLACES)} {w.tail()}",
                rng.randint(100, 90000),
                rng.choice(["USD", "SYP", "IQD", "TRY"]),
                f"{rng.choice(LAST)} {rng.choice(['trading', 'transport', 'logistics'])}",
            ]
        )
    return out.getvalue().encode("utf-8")


def html_bytes(w: Writer) -> bytes:
    """A news article with a script and navigation a reader does not see."""
    arabic = w.rng.random() < 0.07
    title = "تقرير عن القافلة" if arabic else w.title()
    paras = "".join(f"<p>{html.escape(p)}</p>\n" for p in w.paragraphs(4, 16, arabic))
    page = (
        f'<!DOCTYPE html>\n<html lang="{"ar" if arabic else "en"}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        f'<meta name="author" content="{w.person()}"></head>\n<body>'
        '<nav><a href="/">Home</a> <a href="/region">Region</a></nav>\n'
        f"<article><h1>{html.escape(title)}</h1>\n<p><time>{w.when:%d %B %Y}</time></p>\n"
        f"{paras}</article>\n<script>var tracker = {{id: {w.rng.randint(1, 99999)}}};</script>"
        "\n</body></html>\n"
    )
    return page.encode("utf-8")


def json_bytes(w: Writer) -> bytes:
    """A few structured convoy records."""
    records = [
        {
            "id": f"CV-{w.rng.randint(1000, 99999)}",
            "date": w.random_date().strftime("%Y-%m-%d"),
            "origin": w.rng.choice(PLACES),
            "destination": w.rng.choice(PORTS),
            "cargo": w.rng.sample(CARGO, 2),
            "escort": w.rng.choice(MILITIAS),
            "notes": w.sentence(),
        }
        for _ in range(w.rng.randint(1, 12))
    ]
    return (json.dumps({"records": records}, ensure_ascii=False, indent=2) + "\n").encode()


def eml_bytes(w: Writer) -> bytes:
    """An e-mail; about a third carry a small text or CSV attachment."""
    arabic = w.rng.random() < 0.07
    message = EmailMessage()
    message["From"] = f"{w.person()} <{w.rng.choice(LAST).lower()}@example.org>"
    message["To"] = f"{w.person()} <{w.rng.choice(LAST).lower()}@example.net>"
    message["Subject"] = w.title()
    message["Date"] = format_datetime(w.when)
    message["Message-ID"] = f"<{w.rng.getrandbits(64):016x}@bench.example>"
    message.set_content("\n\n".join(w.paragraphs(1, 5, arabic)) + "\n")
    if w.rng.random() < 0.33:
        if w.rng.random() < 0.5:
            message.add_attachment(txt_bytes(w), "text", "plain", filename="notes.txt")
        else:
            message.add_attachment(csv_bytes(w), "text", "csv", filename="ledger.csv")
        message.set_boundary(f"=={w.rng.getrandbits(64):016x}==")  # not the random default
    return message.as_bytes(policy=SMTP)


def _zip(parts: Iterable[tuple[str, bytes]], when: datetime) -> bytes:
    """A ZIP with fixed member times, so the same parts give the same bytes."""
    out = io.BytesIO()
    stamp = (when.year, when.month, when.day, when.hour, 0, 0)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return out.getvalue()


@cache
def _docx_template() -> tuple[tuple[tuple[str, bytes], ...], str, str]:
    """python-docx's package parts, with document.xml and core.xml as editable text."""
    import docx

    document = docx.Document()
    document.add_paragraph("@@BODY@@")
    props = document.core_properties
    props.title, props.author = "@@TITLE@@", "@@AUTHOR@@"
    props.created = props.modified = datetime(2000, 1, 1)
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    body = parts.pop("word/document.xml").decode()
    core = parts.pop("docProps/core.xml").decode()
    return tuple(parts.items()), body, core


def docx_bytes(w: Writer) -> bytes:
    """A Word report: python-docx's own package with the body and properties substituted."""
    parts, body, core = _docx_template()
    paras = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(p)}</w:t></w:r></w:p>'
        for p in w.paragraphs(3, 20)
    )
    body = re.sub(r"<w:p>(?:(?!<w:p>).)*?@@BODY@@.*?</w:p>", lambda _: paras, body, flags=re.S)
    stamp = w.when.strftime("%Y-%m-%dT%H:%M:%SZ")
    core = (
        core.replace("@@TITLE@@", escape(w.title()))
        .replace("@@AUTHOR@@", escape(w.person()))
        .replace("2000-01-01T00:00:00Z", stamp)
    )
    new = [("word/document.xml", body.encode()), ("docProps/core.xml", core.encode())]
    return _zip([*parts, *new], w.when)


def xlsx_bytes(w: Writer) -> bytes:
    """An Excel workbook written by openpyxl, then given fixed times."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Deliveries"
    sheet.append(["date", "cargo", "vehicle", "from", "to", "tonnes", "escort"])
    for _ in range(w.rng.randint(15, 100)):
        rng = w.rng
        row = [w.random_date().strftime("%Y-%m-%d"), rng.choice(CARGO), rng.choice(VEHICLES)]
        row += [rng.choice(PLACES), rng.choice(PORTS), rng.randint(1, 400), rng.choice(MILITIAS)]
        sheet.append(row)
    book.properties.title, book.properties.creator = w.title(), w.person()
    book.properties.created = w.when.replace(tzinfo=None)
    buffer = io.BytesIO()
    book.save(buffer)
    return _normalise_xlsx(buffer.getvalue(), w.when)


def _normalise_xlsx(data: bytes, when: datetime) -> bytes:
    """Replace openpyxl's save-time clock with the document's date."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [(name, archive.read(name)) for name in archive.namelist()]
    pattern = rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)"
    fixed = [
        (n, re.sub(pattern, rb"\g<1>" + stamp.encode() + rb"\g<2>", d) if "core" in n else d)
        for n, d in parts
    ]
    return _zip(fixed, when)


def pdf_bytes(w: Writer) -> bytes:
    """A 1-3 page PDF with a text layer (fpdf2, Helvetica, pre-wrapped lines)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(w.when)
    pdf.set_title(w.title())
    pdf.set_author(w.person())
    pdf.set_font("helvetica", "", 10)
    for _ in range(w.rng.randint(1, 3)):
        pdf.add_page()
        y = 20.0
        for para in w.paragraphs(3, 6, latin_only=True):
            for line in textwrap.wrap(para, 95):
                if y > 280:
                    break
                pdf.text(15, y, line)
                y += 5
            y += 3
    return bytes(pdf.output())


def zip_bytes(w: Writer) -> bytes:
    """A bundle of 3-6 documents of the simpler kinds, in subfolders."""
    kinds = ["txt", "csv", "html", "json", "docx", "pdf"]
    members = []
    for number in range(w.rng.randint(3, 6)):
        kind = w.rng.choice(kinds)
        folder = w.rng.choice(["scans", "drafts", "annex"])
        members.append((f"{folder}/{_STEMS[kind]}-{number}.{kind}", WRITERS[kind](w)))
    return _zip(members, w.when)


WRITERS: dict[str, Callable[[Writer], bytes]] = {
    "txt": txt_bytes,
    "csv": csv_bytes,
    "html": html_bytes,
    "json": json_bytes,
    "eml": eml_bytes,
    "docx": docx_bytes,
    "xlsx": xlsx_bytes,
    "pdf": pdf_bytes,
    "zip": zip_bytes,
}

# -- troves ---------------------------------------------------------------------


def relative_path(index: int, kind: str) -> Path:
    """Where file number index goes: a themed folder of about 100 files."""
    box = index // FILES_PER_FOLDER
    return Path(THEMES[box % len(THEMES)], f"box-{box:04d}", f"{_STEMS[kind]}-{index:06d}.{kind}")


@dataclass
class Plan:
    """File number index: its kind, the file it copies (itself unless a duplicate), its rng."""

    index: int
    kind: str
    source: int
    rng: random.Random


def plan(index: int, seed: int, mix: str) -> Plan:
    """What file number index of a trove is; every 100th copies an earlier file."""
    rng = random.Random(f"{seed}:{index}")
    if index % DUPLICATE_EVERY == DUPLICATE_EVERY - 1:
        original = plan(rng.randrange(index), seed, mix)
        return Plan(index, original.kind, original.source, rng)
    weights = MIXES[mix]
    kind = rng.choices(list(weights), cum_weights=list(itertools.accumulate(weights.values())))
    return Plan(index, kind[0], index, rng)


def make_trove(dest: Path, n: int, seed: int = 0, *, mix: str = "demo") -> Path:
    """Write n files of the mix's kinds under dest deterministically; returns dest."""
    counts: Counter[str] = Counter()
    total_bytes = 0
    for index in range(n):
        item = plan(index, seed, mix)
        if item.source != index:
            data, label = (dest / relative_path(item.source, item.kind)).read_bytes(), "duplicate"
        else:
            data, label = WRITERS[item.kind](Writer(item.rng)), item.kind
        path = dest / relative_path(index, item.kind)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        counts[label] += 1
        total_bytes += len(data)
    _write_manifest(dest, n, seed, mix, counts, total_bytes)
    return dest


def _write_manifest(
    dest: Path, n: int, seed: int, mix: str, counts: Counter[str], total_bytes: int
) -> None:
    """Record what was generated beside (not inside) the trove; marks it complete."""
    manifest = {
        "files": n,
        "seed": seed,
        "mix": mix,
        "bytes": total_bytes,
        "by_kind": dict(counts.most_common()),
        "generator_version": GENERATOR_VERSION,
    }
    manifest_path(dest).write_text(json.dumps(manifest, indent=2) + "\n")


def manifest_path(trove: Path) -> Path:
    """The manifest file kept next to a trove folder."""
    return trove.with_name(trove.name + ".json")


def read_manifest(trove: Path) -> dict[str, Any]:
    """The manifest of a generated trove."""
    return json.loads(manifest_path(trove).read_text())


def cached_trove(work: Path, n: int, seed: int = 0, mix: str = "demo") -> Path:
    """The trove for (mix, n, seed) under work/troves, generated on first use."""
    trove = work / "troves" / f"{mix}-n{n}-s{seed}-v{GENERATOR_VERSION}"
    if manifest_path(trove).is_file():
        return trove
    if trove.exists():  # an interrupted generation: start again
        shutil.rmtree(trove)
    started = time.perf_counter()
    log(f"generating {mix} trove of {n} files in {trove} ...")
    make_trove(trove, n, seed, mix=mix)
    log(f"generated in {time.perf_counter() - started:.1f} s")
    return trove


def trove_digest(trove: Path) -> str:
    """SHA-256 over every file's relative path and bytes: equal digests, equal troves."""
    digest = hashlib.sha256()
    for path in sorted(p for p in trove.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(trove)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


# -- helpers shared by the bench scripts ----------------------------------------

REQUIRED = [
    "casegraph", "magic", "charset_normalizer", "lxml", "docx", "openpyxl", "pypdfium2",
    "fpdf", "py3langid",
]  # fmt: skip


def require(modules: Iterable[str] = REQUIRED) -> None:
    """Exit with a clear message when the running Python lacks a needed module."""
    missing = []
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError as error:
            missing.append(f"{name} ({error})")
    if missing:
        sys.exit(
            f"error: {sys.executable} cannot import: {', '.join(missing)}\n"
            "run the bench with the project's venv (.venv/bin/python bench/...), "
            "set up by `make setup` or `.venv/bin/pip install -e '.[dev]'`"
        )


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    value = int(text)
    if value < 1:
        raise ValueError(text)
    return value


def log(message: str) -> None:
    """A progress line on stderr."""
    print(message, file=sys.stderr, flush=True)


def byte_compile_casegraph() -> None:
    """Compile casegraph's modules to bytecode as `pip install` does, so that a timed
    process starts as a user's does. Where PYTHONDONTWRITEBYTECODE is set (it is on this
    project's VMs) an editable checkout would otherwise compile every module it imports
    at every start: 30-40 ms of a quick command's time that no installed copy pays."""
    import compileall

    import casegraph

    compileall.compile_dir(Path(casegraph.__file__).parent, quiet=1)


def machine_facts() -> dict[str, str]:
    """CPU model, cores, RAM, load, OS, Python and SQLite versions."""
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.M)
        cpu = found.group(1).strip() if found else cpu
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {
        "CPU": cpu,
        "cores": f"{os.cpu_count()} (usable by this process: {usable or '?'})",
        "RAM": _ram(),
        "load average (1/5/15 min) at start": " / ".join(f"{x:.2f}" for x in load or ()),
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "SQLite": sqlite3.sqlite_version,
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def _ram() -> str:
    """Total memory from /proc/meminfo."""
    meminfo = Path("/proc/meminfo")
    if not meminfo.is_file():
        return "unknown"
    found = re.search(r"^MemTotal:\s*(\d+) kB", meminfo.read_text(), re.M)
    return f"{int(found.group(1)) / 1024**2:.1f} GiB" if found else "unknown"


def facts_markdown(facts: dict[str, str]) -> str:
    """Machine facts as a markdown list."""
    return "\n".join(f"- {key}: {value}" for key, value in facts.items())


def main() -> None:
    """Generate (or find cached) troves and print their manifests."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=positive_int, nargs="+", default=[1000], help="files")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--mix", choices=sorted(MIXES), default="demo")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="cache folder")
    parser.add_argument("--digest", action="store_true", help="print each trove's SHA-256")
    args = parser.parse_args()
    require(["docx", "openpyxl", "fpdf"])
    for n in args.n:
        trove = cached_trove(args.work, n, args.seed, args.mix)
        print(trove)
        print(json.dumps(read_manifest(trove), indent=2))
        if args.digest:
            print("sha256", trove_digest(trove))


if __name__ == "__main__":
    main()
