"""RTF: reads the control words of an RTF document and writes the text a reader sees.

Body, headers, footers, footnotes, comments, field results and shape text are kept; font,
colour and style tables, document info, pictures and \\bin data are skipped. The data of each
embedded object (\\objdata, hex digits) is returned apart from the text.
"""

from __future__ import annotations

import codecs
import re
import struct
from dataclasses import dataclass, field, replace

_TOKEN = re.compile(
    rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?"  # control word with optional parameter
    rb"|\\'([0-9a-fA-F]{2})"  # one byte in the current code page
    rb"|\\(.)"  # control symbol (a malformed \' too)
    rb"|([{}])"
    rb"|[\r\n]+"  # line breaks in the source are not text
    rb"|([^\\{}\r\n]+)",
    re.DOTALL,
)
# destinations whose content a reader never sees
_HIDDEN = {
    "fonttbl", "colortbl", "stylesheet", "info", "pict", "objdata", "objclass",
    "objname", "themedata", "colorschememapping", "datastore", "latentstyles", "listtable",
    "listoverridetable", "revtbl", "rsidtbl", "generator", "xmlnstbl", "fldinst", "sp",
    "shprslt", "nonshppict", "filetbl", "pgptbl", "protusertbl", "atnid", "atnauthor",
    "atndate", "atnref", "atntime", "atnicn", "bkmkstart", "bkmkend", "template", "userprops",
}  # fmt: skip
# destinations marked optional (\*) that still hold visible text
_VISIBLE_OPTIONAL = {"annotation", "footnote", "shpinst", "shptxt", "ud", "result"}
# destinations that start a block of their own, away from the body text around them
_BLOCKS = {
    "header", "headerl", "headerr", "headerf", "footer", "footerl", "footerr", "footerf",
    "footnote", "annotation", "shptxt",
}  # fmt: skip
_TEXT_WORDS = {
    "par": "\n", "line": "\n", "sect": "\n", "page": "\n", "row": "\n", "nestrow": "\n",
    "tab": "\t", "cell": "\t", "nestcell": "\t", "emdash": "\u2014", "endash": "\u2013",
    "emspace": "\u2003", "enspace": "\u2002", "qmspace": "\u2005", "bullet": "\u2022",
    "lquote": "\u2018", "rquote": "\u2019", "ldblquote": "\u201c", "rdblquote": "\u201d",
}  # fmt: skip
_TEXT_SYMBOLS = {"~": "\xa0", "_": "\u2011", "\n": "\n", "\r": "\n", "\t": "\t"}
_CHARSETS = {
    77: 10000, 128: 932, 129: 949, 130: 1361, 134: 936, 136: 950, 161: 1253, 162: 1254,
    163: 1258, 177: 1255, 178: 1256, 186: 1257, 204: 1251, 222: 874, 238: 1250,
}  # fmt: skip
_CODECS = {10000: "mac_roman", 65001: "utf-8"}


@dataclass
class _Group:
    """What a group inherits from its parent and may change for itself."""

    hidden: bool = False
    fonts: bool = False  # inside the font table
    skip_per_unicode: int = 1  # \ucN
    codepage: int = 1252
    starred: bool = False  # the group began with \*
    objdata: bool = False  # inside an embedded object's data


@dataclass
class _Reader:
    """Walks the tokens of one RTF file, collecting text."""

    document_codepage: int = 1252
    default_font: int = 0
    font_pages: dict[int, int] = field(default_factory=dict)
    font: int | None = None
    pieces: list[str] = field(default_factory=list)
    bytes_: bytearray = field(default_factory=bytearray)
    bytes_page: int = 1252
    units: list[int] = field(default_factory=list)
    to_skip: int = 0
    objects: list[bytearray] = field(default_factory=list)  # hex digits of each \objdata

    def text(self, data: bytes) -> str:
        """The visible text of an RTF document."""
        state, stack, position = _Group(), [], 0
        while match := _TOKEN.match(data, position):
            position = match.end()
            word, number, hexbyte, symbol, brace, chars = match.groups()
            if brace == b"{":
                stack.append(state)
                state = replace(state, starred=False)
                self.to_skip = 0
            elif brace == b"}":
                self._flush()
                state = stack.pop() if stack else state
                self.to_skip = 0
            elif word is not None:
                name = word.decode("ascii")
                argument = int(number) if number is not None else None
                if name == "bin":
                    position += argument or 0  # raw binary data follows
                else:
                    state = self._word(state, name, argument)
            elif chars is not None and state.objdata:
                self.objects[-1].extend(chars)
            elif chars is not None:
                self._chars(state, chars)
            elif self._skipped():
                continue
            elif hexbyte is not None:
                self._bytes(state, bytes.fromhex(hexbyte.decode("ascii")))
            elif symbol is not None:
                state = self._symbol(state, symbol.decode("latin-1"))
        self._flush()
        return "".join(self.pieces)

    def _skipped(self) -> bool:
        """Consume one character of the fallback that follows a \\uN, if any is due."""
        if self.to_skip:
            self.to_skip -= 1
            return True
        return False

    def _word(self, state: _Group, name: str, argument: int | None) -> _Group:
        """Apply one control word; destinations change the group's state."""
        if state.fonts:
            self._font_word(name, argument)
        if name == "objdata":
            self.objects.append(bytearray())
        if name in _HIDDEN or (state.starred and name not in _VISIBLE_OPTIONAL):
            return replace(
                state,
                hidden=True,
                starred=False,
                fonts=name == "fonttbl",
                objdata=name == "objdata",
            )
        if state.starred:
            state = replace(state, starred=False)
        if name == "ansicpg" and argument:
            self.document_codepage = argument
            return replace(state, codepage=argument)
        if name == "deff" and argument is not None:
            self.default_font = argument
        elif name == "uc" and argument is not None:
            return replace(state, skip_per_unicode=max(argument, 0))
        elif name == "u" and argument is not None:
            self._unicode(state, argument)
        elif name in ("f", "plain") and not state.fonts:
            font = argument if name == "f" else self.default_font
            # \f without a number names no font: the document's code page
            codepage = (
                self.document_codepage
                if font is None
                else self.font_pages.get(font, self.document_codepage)
            )
            return replace(state, codepage=codepage)
        elif name in _BLOCKS:
            self._emit(state, "\n")
        elif not self._skipped() and name in _TEXT_WORDS:
            self._emit(state, _TEXT_WORDS[name])
        return state

    def _font_word(self, name: str, argument: int | None) -> None:
        """Record, inside the font table, each font's code page."""
        if name == "f":
            self.font = argument
        elif self.font is not None and argument in _CHARSETS and name == "fcharset":
            self.font_pages[self.font] = _CHARSETS[argument]
        elif self.font is not None and name == "cpg" and argument:
            self.font_pages[self.font] = argument

    def _symbol(self, state: _Group, symbol: str) -> _Group:
        """A control symbol: \\* marks an optional destination, others are characters."""
        if symbol == "*":
            return replace(state, starred=True)
        if symbol in "\\{}":
            self._emit(state, symbol)
        elif symbol in _TEXT_SYMBOLS:
            self._emit(state, _TEXT_SYMBOLS[symbol])
        return state

    def _unicode(self, state: _Group, value: int) -> None:
        """A \\uN character (N is a signed 16-bit UTF-16 unit), then skip its fallback."""
        if not state.hidden:
            self._flush_bytes()
            self.units.append(value % 0x10000)
        self.to_skip = state.skip_per_unicode

    def _chars(self, state: _Group, chars: bytes) -> None:
        """Literal text; the \\uN fallback it starts with is dropped."""
        skip = min(self.to_skip, len(chars))
        self.to_skip -= skip
        self._bytes(state, chars[skip:])

    def _bytes(self, state: _Group, data: bytes) -> None:
        """Bytes in the group's code page, decoded once the run ends (a character may span two)."""
        if not state.hidden and data:
            self._flush_units()
            if state.codepage != self.bytes_page:
                self._flush_bytes()
            self.bytes_page = state.codepage
            self.bytes_.extend(data)

    def _emit(self, state: _Group, text: str) -> None:
        """Text that needs no decoding."""
        if not state.hidden:
            self._flush()
            self.pieces.append(text)

    def _flush(self) -> None:
        """Decode whatever is pending at a group boundary."""
        self._flush_bytes()
        self._flush_units()

    def _flush_bytes(self) -> None:
        """Decode pending bytes in the code page they were written in."""
        if self.bytes_:
            self.pieces.append(bytes(self.bytes_).decode(_codec(self.bytes_page), "replace"))
            self.bytes_.clear()

    def _flush_units(self) -> None:
        """UTF-16 units to text: surrogate pairs join, a lone surrogate becomes U+FFFD."""
        if self.units:
            packed = struct.pack(f"<{len(self.units)}H", *self.units)
            self.pieces.append(packed.decode("utf-16-le", errors="replace"))
            self.units.clear()


def read_rtf(data: bytes) -> tuple[str, list[bytes]]:
    """The text a reader sees in an RTF document, and the data of its embedded objects."""
    reader = _Reader()
    text = reader.text(data)
    digits = (re.sub(rb"[^0-9a-fA-F]", b"", hexdata) for hexdata in reader.objects)
    return text, [bytes.fromhex(chunk[: len(chunk) // 2 * 2].decode()) for chunk in digits]


def _codec(codepage: int) -> str:
    """The Python codec for a Windows code page; cp1252 for one Python does not know."""
    name = _CODECS.get(codepage, f"cp{codepage}")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return "cp1252"
