"""The vendored front-end files are the versions SOURCES.md names, byte for byte."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

VENDOR = Path(__file__).resolve().parents[2] / "src" / "casegraph" / "web" / "static" / "vendor"


def test_every_vendored_file_has_its_recorded_checksum() -> None:
    rows = re.findall(
        r"^\| (\S+\.(?:js|css|json)) \| (\S+) \| ([\d.]+) \| \S+ \| ([0-9a-f]{64}) \|",
        (VENDOR / "SOURCES.md").read_text(),
        re.M,
    )
    assert rows, "SOURCES.md lists the vendored files"
    for name, package, version, digest in rows:
        assert version in name and package in name
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
    listed = {row[0] for row in rows}
    shipped = {path.name for path in VENDOR.iterdir() if path.suffix in (".js", ".css", ".json")}
    assert shipped == listed
