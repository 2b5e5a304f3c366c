"""Short type names users type (pdf, email, zip) and the detected MIME types they stand for."""

from __future__ import annotations

SHORT_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text/plain",),
    "csv": ("text/csv",),
    "xml": ("text/xml", "application/xml"),
    "json": ("application/json",),
    "html": ("text/html",),
    "pdf": ("application/pdf",),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation",),
    "odt": ("application/vnd.oasis.opendocument.text",),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet",),
    "odp": ("application/vnd.oasis.opendocument.presentation",),
    "rtf": ("text/rtf", "application/rtf"),
    "doc": ("application/msword",),
    "xls": ("application/vnd.ms-excel",),
    "ppt": ("application/vnd.ms-powerpoint",),
    "email": ("message/rfc822", "application/vnd.ms-outlook"),
    "eml": ("message/rfc822",),
    "msg": ("application/vnd.ms-outlook",),
    "mbox": ("application/mbox",),
    "zip": ("application/zip",),
    "tar": (
        "application/x-tar",
        "application/x-compressed-tar",
        "application/x-bzip2-compressed-tar",
        "application/x-xz-compressed-tar",
    ),
    "7z": ("application/x-7z-compressed",),
    "gz": ("application/gzip",),
    "bz2": ("application/x-bzip2",),
    "xz": ("application/x-xz",),
    "image": ("image/",),
}


def mime_patterns(short: str) -> list[str]:
    """SQL LIKE patterns for the MIME types a short name (or a MIME type) stands for."""
    key = short.strip().lower()
    if key in SHORT_NAMES:
        return [m + "%" if m.endswith("/") else m for m in SHORT_NAMES[key]]
    if "/" in key:
        return [key]
    return [f"%{key}%"]
