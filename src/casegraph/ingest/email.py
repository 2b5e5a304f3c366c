"""E-mail: EML and MBOX with Python's email package, Outlook MSG with extract-msg."""

from __future__ import annotations

import email
import mailbox
import mimetypes
from collections.abc import Callable, Iterator
from email import policy
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from email.message import EmailMessage, Message, MIMEPart
from email.utils import getaddresses
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ..records import Extraction
from .context import ExtractContext
from .detect import EML, MBOX, MSG
from .text import clean, decode, html_to_text, iso_date, labelled, put

if TYPE_CHECKING:
    from extract_msg.msg_classes import MSGFile

MIMES = frozenset({EML, MBOX, MSG})

_ADDRESS_FIELDS = ("from", "to", "cc", "bcc")
_ATTACHMENT_NAMES = ("longFilename", "shortFilename", "name")


HEADER_LABELS = {
    "from": "From",
    "to": "To",
    "cc": "Cc",
    "bcc": "Bcc",
    "date": "Date",
    "subject": "Subject",
}


def extract(path: Path, ctx: ExtractContext, mime: str) -> Extraction:
    """Headers, body and attachments of a message; the messages of a mailbox."""
    return _READERS[mime](path, ctx, mime)


def _headers(get: Callable[[str], str | None]) -> dict[str, Any]:
    """The normalised e-mail metadata, given a getter of decoded header values."""
    metadata: dict[str, Any] = {}
    put(metadata, **{field: _addresses(get(field)) for field in _ADDRESS_FIELDS})
    put(
        metadata,
        subject=get("subject"),
        date=_date(get("date")),
        message_id=get("message-id"),
        in_reply_to=get("in-reply-to"),
    )
    return metadata


def _date(value: str | None) -> str | None:
    """A Date header in ISO 8601, or as written when it does not parse."""
    return iso_date(value) or value


def header_block(metadata: dict[str, Any]) -> str:
    """The main headers as the page's first lines ("From: Name <addr>; Name <addr>")."""
    # in the text, names in headers are searchable and have offsets like any mention
    lines = [
        f"{label}: {'; '.join(metadata[field])}"
        for field, label in HEADER_LABELS.items()
        if field in _ADDRESS_FIELDS and metadata.get(field)
    ]
    lines += [
        f"{label}: {metadata[field]}"
        for field, label in HEADER_LABELS.items()
        if field not in _ADDRESS_FIELDS and metadata.get(field)
    ]
    return "\n".join(lines) + "\n\n" if lines else ""


def _addresses(value: str | None) -> list[str]:
    """Each address of a header as 'Name <addr>' or 'addr'; the raw value if unparseable."""
    if not value:
        return []
    pairs = [(name, address) for name, address in getaddresses([value]) if name or address]
    return [f"{name} <{address}>" if name else address for name, address in pairs] or [value]


def _eml(path: Path, ctx: ExtractContext, mime: str) -> Extraction:
    """An RFC 822 message: preferred body as the page, attachments as children."""
    with open(path, "rb") as handle:
        message = email.message_from_binary_file(handle, policy=policy.default)
    extraction = Extraction(mime=mime, extractor=labelled("email", "email"))
    extraction.metadata = _headers(lambda field: _header(message, field))
    extraction.title = extraction.metadata.get("subject")
    body = message.get_body(preferencelist=("plain", "html"))
    # text parts that are neither the body nor attached (text/x-log, say) are read too
    shown = [body] if body is not None else []
    shown += [
        part
        for part in _leaves(message)
        if part is not body
        and part.get_content_maintype() == "text"
        and not _is_attached(part)
        and part.get_content_subtype() not in ("plain", "html")
    ]
    text = clean("\n".join(_body_text(part) for part in shown))
    extraction.add_page(header_block(extraction.metadata) + text)
    attachments = (part for part in _leaves(message) if part is not body and _is_attached(part))
    for number, part in enumerate(attachments, 1):
        name = _attachment_name(part, number)
        try:
            content = _attachment_bytes(part)
        except (AttributeError, IndexError, TypeError, ValueError, LookupError) as error:
            ctx.skip_member(name, f"cannot be decoded: {type(error).__name__}: {error}")
            continue
        ctx.add_child(name, content)
    return extraction


def _header(message: EmailMessage, field: str) -> str | None:
    """A header's decoded value, else its raw value when the email package cannot parse it."""
    try:
        value = message.get(field)
        return None if value is None else str(value)
    except (AttributeError, IndexError, TypeError, ValueError, HeaderParseError):
        raw = (value for name, value in message.raw_items() if name.lower() == field)
        return _decoded(next(raw, None))


def _body_text(part: MIMEPart) -> str:
    """A text part's content, HTML turned into visible text."""
    try:
        text = part.get_content()
    except (LookupError, UnicodeError):
        # a leaf part's payload decodes to bytes (typeshed allows a message too)
        text = decode(cast(bytes | None, part.get_payload(decode=True)) or b"")
    return html_to_text(text) if part.get_content_subtype() == "html" else text


def _leaves(part: MIMEPart) -> Iterator[MIMEPart]:
    """The non-multipart parts of a message; attached messages are not opened."""
    if part.get_content_maintype() == "multipart":
        for child in part.iter_parts():
            yield from _leaves(child)
    else:
        yield part


def _is_attached(part: MIMEPart) -> bool:
    """Whether a part is an attachment rather than an alternative body."""
    return (
        part.is_attachment()
        or part.get_filename() is not None
        or part.get_content_type() == "message/rfc822"
    )


def _attachment_name(part: MIMEPart, number: int) -> str:
    """The attachment's file name, or attachment-N with an extension for its type."""
    suffix = mimetypes.guess_extension(part.get_content_type()) or ""
    return part.get_filename() or f"attachment-{number}{suffix}"


def _attachment_bytes(part: MIMEPart) -> bytes:
    """The decoded bytes of an attachment; an attached message as RFC 822 bytes."""
    # typeshed types payloads loosely: an rfc822 part holds a message, a leaf part bytes
    if part.get_content_type() == "message/rfc822":
        return cast(Message, part.get_payload(0)).as_bytes()
    return cast(bytes | None, part.get_payload(decode=True)) or b""


def _mbox(path: Path, ctx: ExtractContext, mime: str) -> Extraction:
    """A mailbox has no text of its own: each message becomes a child."""
    box = mailbox.mbox(str(path), create=False)
    count = 0
    try:
        for count, key in enumerate(box.iterkeys(), 1):
            ctx.add_child(f"message-{count:04d}.eml", box.get_bytes(key))
    finally:
        box.close()
    extraction = Extraction(mime=mime, extractor=labelled("email", "mailbox"))
    extraction.metadata["messages"] = count
    return extraction


def _msg(path: Path, ctx: ExtractContext, mime: str) -> Extraction:
    """An Outlook item: headers, body (plain, else HTML) and attachments."""
    import extract_msg  # a fifth of a second to import, for Outlook items only

    extraction = Extraction(mime=mime, extractor=labelled("email", "extract-msg"))
    with extract_msg.openMsg(str(path), strict=False) as message:
        header = getattr(message, "header", None) or {}
        extraction.metadata = _headers(lambda field: _decoded(header.get(field)))
        put(
            extraction.metadata,
            subject=getattr(message, "subject", None),
            date=iso_date(getattr(message, "date", None)),
        )
        extraction.title = extraction.metadata.get("subject")
        extraction.add_page(header_block(extraction.metadata) + clean(_msg_body(message)))
        for number, attachment in enumerate(message.attachments, 1):
            _msg_attachment(ctx, attachment, number)
    return extraction


def _decoded(value: Any) -> str | None:
    """A raw header value with RFC 2047 encoded words decoded."""
    if not value:
        return None
    try:
        return str(make_header(decode_header(str(value))))
    except (HeaderParseError, LookupError, UnicodeError):
        return str(value)


def _msg_body(message: MSGFile) -> str:
    """The plain body, else the HTML body as visible text."""
    body: str | None = getattr(message, "body", None)
    if body:
        return body
    markup = getattr(message, "htmlBody", None)
    return html_to_text(decode(markup)) if markup else ""


def _msg_attachment(ctx: ExtractContext, attachment: Any, number: int) -> None:
    """Store one MSG attachment; an embedded Outlook item is stored as .msg bytes."""
    from extract_msg.msg_classes import MSGFile

    data = attachment.data
    if isinstance(data, MSGFile):
        data = data.exportBytes()
    if isinstance(data, bytes):
        names = (getattr(attachment, key, None) for key in _ATTACHMENT_NAMES)
        ctx.add_child(next((name for name in names if name), f"attachment-{number}"), data)


_READERS: dict[str, Callable[[Path, ExtractContext, str], Extraction]] = {
    EML: _eml,
    MBOX: _mbox,
    MSG: _msg,
}
