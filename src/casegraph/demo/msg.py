"""A small writer for Outlook .msg files, so the demo trove can hold one.

No Python library writes .msg and LibreOffice cannot either, so this module does
it in two layers:

* ``CompoundFile``: a minimal Compound File Binary (MS-CFB, version 3, 512-byte
  sectors) writer. Streams under 4096 bytes go to the mini stream, larger ones
  to regular sectors; one FAT, no DIFAT sectors (enough for files up to ~7 MB).
* ``build_msg``: lays out the storages and streams of an Outlook message
  (MS-OXMSG): the ``__properties_version1.0`` stream of each object, one
  ``__substg1.0_XXXXYYYY`` stream per string/binary property, a recipient
  storage per recipient and an attachment storage per attachment.

Output is deterministic: the same arguments give the same bytes.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from datetime import UTC, datetime

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
FREESECT = 0xFFFFFFFF
ENDOFCHAIN = 0xFFFFFFFE
FATSECT = 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF
SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
# CLSID of the root storage of an Outlook message.
MSG_CLSID = bytes.fromhex("0B0D020000000000C000000000000046")

STORAGE, STREAM, ROOT = 1, 2, 5
RED, BLACK = 0, 1


@dataclass
class _Node:
    name: str
    kind: int
    data: bytes = b""
    children: list[_Node] = field(default_factory=list)
    # Filled in while writing.
    sid: int = 0
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    color: int = BLACK
    start: int = ENDOFCHAIN
    clsid: bytes = bytes(16)


class CompoundFile:
    """Build a compound file in memory: add storages and streams, then ``tobytes()``."""

    def __init__(self, root_clsid: bytes = bytes(16)):
        self.root = _Node("Root Entry", ROOT, clsid=root_clsid)

    def _storage(self, path: list[str]) -> _Node:
        node = self.root
        for part in path:
            found = next((c for c in node.children if c.name == part), None)
            if found is None:
                found = _Node(part, STORAGE)
                node.children.append(found)
            elif found.kind != STORAGE:
                raise ValueError(f"{part!r} is a stream, not a storage")
            node = found
        return node

    def add_storage(self, path: str) -> None:
        """Create a storage (folder); ``path`` uses '/' between levels."""
        self._storage([p for p in path.split("/") if p])

    def add_stream(self, path: str, data: bytes) -> None:
        """Create a stream (file) with ``data``; parent storages are created as needed."""
        parts = [p for p in path.split("/") if p]
        for part in parts:
            if len(part) > 31:
                raise ValueError(f"CFB names are at most 31 characters: {part!r}")
        parent = self._storage(parts[:-1])
        if any(c.name == parts[-1] for c in parent.children):
            raise ValueError(f"duplicate entry {path!r}")
        parent.children.append(_Node(parts[-1], STREAM, data=bytes(data)))

    # -- layout -------------------------------------------------------------

    def _entries(self) -> list[_Node]:
        """All directory entries, root first, depth first, with sibling trees set."""
        order: list[_Node] = []

        def visit(node: _Node) -> None:
            node.sid = len(order)
            order.append(node)
            for child in node.children:
                visit(child)

        visit(self.root)
        for node in order:
            if node.children:
                node.child = _red_black(node.children)
        return order

    def tobytes(self) -> bytes:
        """Serialize the whole compound file."""
        entries = self._entries()
        streams = [e for e in entries if e.kind == STREAM]
        large = [s for s in streams if len(s.data) >= MINI_CUTOFF]
        mini_stream, mini_fat = _mini_stream([s for s in streams if len(s.data) < MINI_CUTOFF])
        n_dir = _sectors(len(entries) * 128)
        n_minifat = _sectors(len(mini_fat) * 4)
        n_other = n_dir + n_minifat + _sectors(len(mini_stream))
        n_other += sum(_sectors(len(s.data)) for s in large)
        n_fat = _fat_sector_count(n_other)

        chains = _SectorChains(n_fat)
        # Directory entries must be written after stream starts are known, so
        # reserve the directory sectors first and fill them in at the end.
        dir_start = chains.add(bytes(n_dir * SECTOR))
        minifat_start = chains.add(_uint32s(mini_fat))
        self.root.start = chains.add(mini_stream)
        self.root.data = mini_stream
        for s in large:
            s.start = chains.add(s.data)
        assert len(chains.fat) == n_fat + n_other

        directory = b"".join(_dir_entry(e) for e in entries)
        directory += _unused_entry() * (n_dir * 4 - len(entries))
        chains.body[0 : len(directory)] = directory
        fat_bytes = _uint32s(chains.fat).ljust(n_fat * SECTOR, b"\xff")
        header = _header(n_fat, dir_start, minifat_start, n_minifat)
        return header + fat_bytes + bytes(chains.body)


def _sectors(nbytes: int) -> int:
    """How many sectors hold ``nbytes``."""
    return -(-nbytes // SECTOR)


def _uint32s(values: list[int]) -> bytes:
    return b"".join(struct.pack("<I", v) for v in values)


def _mini_stream(small: list[_Node]) -> tuple[bytes, list[int]]:
    """The mini stream holding the small streams, and its mini FAT; sets their starts."""
    mini_stream = bytearray()
    mini_fat: list[int] = []
    for s in small:
        if not s.data:
            s.start = ENDOFCHAIN
            continue
        count = -(-len(s.data) // MINI_SECTOR)
        s.start = len(mini_fat)
        mini_fat.extend(range(s.start + 1, s.start + count))
        mini_fat.append(ENDOFCHAIN)
        mini_stream += s.data.ljust(count * MINI_SECTOR, b"\0")
    return bytes(mini_stream), mini_fat


def _fat_sector_count(n_other: int) -> int:
    """How many FAT sectors map themselves and ``n_other`` further sectors."""
    n_fat = 1
    while _sectors((n_fat + n_other) * 4) > n_fat:
        n_fat += 1
    if n_fat > 109:
        raise ValueError("file too large for a writer without DIFAT sectors")
    return n_fat


class _SectorChains:
    """The FAT and the sectors after it, filled one chain of sectors at a time."""

    def __init__(self, n_fat: int) -> None:
        self.fat: list[int] = [FATSECT] * n_fat
        self.body = bytearray()

    def add(self, data: bytes) -> int:
        """Append data as a sector chain; returns its first sector (ENDOFCHAIN if empty)."""
        count = _sectors(len(data))
        if count == 0:
            return ENDOFCHAIN
        first = len(self.fat)
        self.fat.extend(range(first + 1, first + count))
        self.fat.append(ENDOFCHAIN)
        self.body.extend(data.ljust(count * SECTOR, b"\0"))
        return first


def _header(n_fat: int, dir_start: int, minifat_start: int, n_minifat: int) -> bytes:
    """The 512-byte header of a version 3 compound file whose FAT fits in the header's DIFAT."""
    difat = list(range(n_fat)) + [FREESECT] * (109 - n_fat)
    header = b"".join(
        [
            SIGNATURE,
            bytes(16),  # header CLSID
            struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6),
            bytes(6),  # reserved
            struct.pack("<I", 0),  # directory sectors (always 0 in version 3)
            struct.pack("<I", n_fat),
            struct.pack("<I", dir_start),
            struct.pack("<I", 0),  # transaction signature
            struct.pack("<I", MINI_CUTOFF),
            struct.pack("<I", minifat_start),
            struct.pack("<I", n_minifat),
            struct.pack("<I", ENDOFCHAIN),  # first DIFAT sector
            struct.pack("<I", 0),  # DIFAT sectors
            _uint32s(difat),
        ]
    )
    assert len(header) == SECTOR
    return header


def _cfb_key(name: str) -> tuple[int, str]:
    """CFB sibling order: shorter names first, then by upper-cased characters."""
    return (len(name), name.upper())


def _red_black(children: list[_Node]) -> int:
    """Arrange siblings as a balanced binary tree with valid red-black colours.

    Returns the id of the tree's root. Nodes on the deepest, incomplete level
    are red and all others black, so every path has the same black height.
    """
    ordered = sorted(children, key=lambda n: _cfb_key(n.name))
    depth_of: dict[int, int] = {}

    def build(lo: int, hi: int, depth: int) -> int:
        if lo > hi:
            return NOSTREAM
        mid = (lo + hi) // 2
        node = ordered[mid]
        depth_of[id(node)] = depth
        node.left = build(lo, mid - 1, depth + 1)
        node.right = build(mid + 1, hi, depth + 1)
        return node.sid

    root = build(0, len(ordered) - 1, 0)
    deepest = max(depth_of.values())
    perfect = len(ordered) == 2 ** (deepest + 1) - 1
    for node in ordered:
        deep = depth_of[id(node)] == deepest
        node.color = RED if deep and not perfect and deepest > 0 else BLACK
    return root


def _dir_entry(e: _Node) -> bytes:
    name = e.name.encode("utf-16-le") + b"\0\0"
    size = len(e.data) if e.kind in (STREAM, ROOT) else 0
    start = e.start if e.kind in (STREAM, ROOT) else 0
    return b"".join(
        [
            name.ljust(64, b"\0"),
            struct.pack("<HBB", len(name), e.kind, e.color),
            struct.pack("<III", e.left, e.right, e.child),
            e.clsid,
            struct.pack("<I", 0),  # state bits
            bytes(16),  # creation and modification times
            struct.pack("<IQ", start, size),
        ]
    )


def _unused_entry() -> bytes:
    return (
        bytes(64)
        + struct.pack("<HBB", 0, 0, 0)
        + struct.pack("<III", *[NOSTREAM] * 3)
        + bytes(16 + 4 + 16 + 4 + 8)
    )


# -- Outlook message --------------------------------------------------------

PT_LONG = 0x0003
PT_BOOLEAN = 0x000B
PT_SYSTIME = 0x0040
PT_UNICODE = 0x001F
PT_BINARY = 0x0102

# Property flags: readable and writable.
PROP_FLAGS = 0x00000006


@dataclass
class Attachment:
    """A file attached by value."""

    filename: str
    data: bytes
    mime: str = "application/octet-stream"


@dataclass
class Recipient:
    name: str
    email: str
    kind: int = 1  # 1 = To, 2 = Cc, 3 = Bcc


def _filetime(when: datetime) -> int:
    """A datetime as a Windows FILETIME (100 ns ticks since 1601-01-01 UTC)."""
    epoch = datetime(1601, 1, 1, tzinfo=UTC)
    return int((when - epoch).total_seconds()) * 10_000_000


class _PropertyBag:
    """The properties of one object (message, recipient or attachment)."""

    def __init__(self) -> None:
        self.fixed: list[tuple[int, bytes]] = []
        self.variable: list[tuple[int, bytes]] = []

    def string(self, prop_id: int, value: str) -> None:
        self.variable.append(((prop_id << 16) | PT_UNICODE, value.encode("utf-16-le")))

    def binary(self, prop_id: int, value: bytes) -> None:
        self.variable.append(((prop_id << 16) | PT_BINARY, value))

    def long(self, prop_id: int, value: int) -> None:
        self.fixed.append(((prop_id << 16) | PT_LONG, struct.pack("<I", value)))

    def boolean(self, prop_id: int, value: bool) -> None:
        self.fixed.append(((prop_id << 16) | PT_BOOLEAN, struct.pack("<H", int(value))))

    def time(self, prop_id: int, value: datetime) -> None:
        self.fixed.append(((prop_id << 16) | PT_SYSTIME, struct.pack("<Q", _filetime(value))))

    def write(self, cfb: CompoundFile, prefix: str, header: bytes) -> None:
        """Write the property stream and one substg stream per variable property."""
        entries = []
        for tag, value in sorted(self.fixed + self.variable):
            if (tag & 0xFFFF) in (PT_UNICODE, PT_BINARY):
                # Strings count their terminating null in the declared size.
                size = len(value) + (2 if (tag & 0xFFFF) == PT_UNICODE else 0)
                entries.append(struct.pack("<IIII", tag, PROP_FLAGS, size, 0))
                cfb.add_stream(f"{prefix}__substg1.0_{tag:08X}", value)
            else:
                entries.append(struct.pack("<II", tag, PROP_FLAGS) + value.ljust(8, b"\0"))
        cfb.add_stream(f"{prefix}__properties_version1.0", header + b"".join(entries))


def build_msg(
    *,
    subject: str,
    sender_name: str,
    sender_email: str,
    recipients: list[Recipient],
    body: str,
    date: datetime,
    message_id: str,
    attachments: list[Attachment] | None = None,
) -> bytes:
    """The bytes of an Outlook .msg holding one plain-text e-mail."""
    attachments = attachments or []
    cfb = CompoundFile(root_clsid=MSG_CLSID)
    sender = f"{sender_name} <{sender_email}>"
    transport = _transport_headers(subject, sender, recipients, date, message_id)
    top = _message_properties(subject, sender_name, sender_email, recipients, date)
    top.string(0x1000, body)
    top.string(0x007D, transport)
    top.string(0x1035, message_id)  # internet message id
    top.long(0x0E07, 0x1 | (0x10 if attachments else 0))  # read, has attachments
    top.boolean(0x0E1B, bool(attachments))
    n_rec, n_att = len(recipients), len(attachments)
    top.write(cfb, "", bytes(8) + struct.pack("<IIII", n_rec, n_att, n_rec, n_att) + bytes(8))

    # Named-property mapping, empty: this message uses no named properties.
    for stream in ("00020102", "00030102", "00040102"):
        cfb.add_stream(f"__nameid_version1.0/__substg1.0_{stream}", b"")
    for i, rec in enumerate(recipients):
        _recipient_properties(rec, i).write(cfb, f"__recip_version1.0_#{i:08X}/", bytes(8))
    for i, att in enumerate(attachments):
        _attachment_properties(att, i).write(cfb, f"__attach_version1.0_#{i:08X}/", bytes(8))
    return cfb.tobytes()


def _addresses(recipients: list[Recipient], kind: int) -> str:
    return ", ".join(f"{r.name} <{r.email}>" for r in recipients if r.kind == kind)


def _transport_headers(
    subject: str, sender: str, recipients: list[Recipient], date: datetime, message_id: str
) -> str:
    """The internet headers of the message, as the transport would have written them."""
    headers = [f"From: {sender}", f"To: {_addresses(recipients, 1)}"]
    if cc_line := _addresses(recipients, 2):
        headers.append(f"Cc: {cc_line}")
    headers += [
        f"Subject: {subject}",
        f"Date: {date.strftime('%a, %d %b %Y %H:%M:%S +0000')}",
        f"Message-ID: <{message_id}>",
        "MIME-Version: 1.0",
        'Content-Type: text/plain; charset="utf-8"',
    ]
    return "\r\n".join(headers) + "\r\n\r\n"


def _message_properties(
    subject: str, sender_name: str, sender_email: str, recipients: list[Recipient], date: datetime
) -> _PropertyBag:
    """The message's class, subject, sender, recipients' names, times and code pages."""
    top = _PropertyBag()
    top.string(0x001A, "IPM.Note")  # message class
    top.string(0x0037, subject)
    top.string(0x0E1D, subject)  # normalized subject
    top.string(0x0C1A, sender_name)
    top.string(0x0C1F, sender_email)
    top.string(0x0C1E, "SMTP")  # sender address type
    top.string(0x5D01, sender_email)  # sender SMTP address
    top.string(0x0042, sender_name)  # sent representing name
    top.string(0x0065, sender_email)  # sent representing email
    top.string(0x0E04, "; ".join(r.name for r in recipients if r.kind == 1))
    top.string(0x0E03, "; ".join(r.name for r in recipients if r.kind == 2))
    top.time(0x0039, date)  # client submit time
    top.time(0x0E06, date)  # message delivery time
    top.time(0x3007, date)  # creation time
    top.time(0x3008, date)  # last modification time
    top.long(0x340D, 0x00040000)  # store support mask: unicode
    top.long(0x3FDE, 65001)  # internet code page: utf-8
    return top


def _recipient_properties(rec: Recipient, row: int) -> _PropertyBag:
    bag = _PropertyBag()
    bag.string(0x3001, rec.name)  # display name
    bag.string(0x3002, "SMTP")  # address type
    bag.string(0x3003, rec.email)
    bag.string(0x39FE, rec.email)  # SMTP address
    bag.long(0x0C15, rec.kind)  # recipient type
    bag.long(0x3000, row)  # row id
    return bag


def _attachment_properties(att: Attachment, number: int) -> _PropertyBag:
    bag = _PropertyBag()
    bag.string(0x3707, att.filename)  # long filename
    bag.string(0x3704, att.filename[:12])  # short filename
    bag.string(0x3001, att.filename)  # display name
    bag.string(0x370E, att.mime)  # mime tag
    ext = att.filename.rsplit(".", 1)[-1] if "." in att.filename else ""
    bag.string(0x3703, f".{ext}" if ext else "")  # extension
    bag.binary(0x3701, att.data)
    bag.long(0x3705, 1)  # attach method: by value
    bag.long(0x0E20, len(att.data))  # size
    bag.long(0x0E21, number)  # attach number
    bag.long(0x370B, 0xFFFFFFFF)  # rendering position: none
    return bag
